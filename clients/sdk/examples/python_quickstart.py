"""Sign in, create a contact, page through contacts, sign out."""

import os

from crm_sdk import AuthenticatedClient, Client
from crm_sdk.api.auth import auth_logout, auth_token
from crm_sdk.api.contacts import contacts_create, contacts_list
from crm_sdk.models import (
    BodyAuthToken,
    ContactCreate,
    ContactRead,
    EmailIn,
    PageContactRead,
    RefreshIn,
    TokenPairOut,
)

base_url = os.environ.get("CRM_URL", "http://127.0.0.1:8000")
with Client(base_url=base_url) as anonymous:
    tokens = auth_token.sync(
        client=anonymous,
        body=BodyAuthToken(
            username=os.environ.get("CRM_EMAIL", "owner@example.com"),
            password=os.environ.get("CRM_PASSWORD", ""),
        ),
    )
if not isinstance(tokens, TokenPairOut):
    raise SystemExit(f"Sign-in failed: {tokens}")

with AuthenticatedClient(base_url=base_url, token=tokens.access_token) as client:
    contact = contacts_create.sync(
        client=client,
        body=ContactCreate(
            first_name="Maria", last_name="Lopez", emails=[EmailIn(email="maria@acme.example")]
        ),
    )
    if not isinstance(contact, ContactRead):
        raise SystemExit(f"Could not create the contact: {contact}")
    print(f"created {contact.id}")

    cursor = None
    while True:
        page = contacts_list.sync(client=client, limit=50, cursor=cursor)
        if not isinstance(page, PageContactRead):
            raise SystemExit(f"Could not list contacts: {page}")
        for item in page.items:
            print(f"{item.id}  {item.first_name or ''} {item.last_name or ''}")
        if not isinstance(page.next_cursor, str):
            break
        cursor = page.next_cursor

    auth_logout.sync_detailed(client=client, body=RefreshIn(refresh_token=tokens.refresh_token))
