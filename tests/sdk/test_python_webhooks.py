"""The Python SDK's webhook verification (`crm_sdk.verify_webhook`, written by hand in
openapi/sdk-python-templates) accepts exactly what the server signs: a delivery signed by
the Standard Webhooks library the server uses, and nothing changed, re-signed with
another secret, replayed too late or missing a header."""

from __future__ import annotations

import base64
import json
import secrets
from datetime import UTC, datetime, timedelta

import pytest
from crm_sdk import WebhookVerificationError, verify_webhook
from standardwebhooks import Webhook as Signer

EVENT = {"type": "contact.created", "entity_id": "3f0e…", "data": {"first_name": "Zoë"}}


def new_secret() -> str:
    return "whsec_" + base64.b64encode(secrets.token_bytes(24)).decode()


def signed(secret: str, body: str, at: datetime, message_id: str = "msg_1") -> dict[str, str]:
    """The headers the server sends (api/cli/webhooks.py signs with this library)."""
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(int(at.timestamp())),
        "webhook-signature": Signer(secret).sign(message_id, at, body),
    }


def test_a_delivery_the_server_signed_verifies_and_gives_the_event() -> None:
    """Header names in any case; the body as bytes or text; the parsed event back."""
    secret, body, now = new_secret(), json.dumps(EVENT), datetime.now(UTC)
    headers = signed(secret, body, now)
    assert verify_webhook(body.encode(), headers, secret) == EVENT
    shouting = {key.upper(): value for key, value in headers.items()}
    assert verify_webhook(body, shouting, secret) == EVENT


def test_a_signature_among_several_is_enough() -> None:
    """While a secret is rotated a delivery may carry two signatures: one good is enough."""
    secret, body, now = new_secret(), json.dumps(EVENT), datetime.now(UTC)
    headers = signed(secret, body, now)
    headers["webhook-signature"] = "v1,bm90IGl0 " + headers["webhook-signature"]
    assert verify_webhook(body, headers, secret) == EVENT


@pytest.mark.parametrize(
    "spoil",
    ["another secret", "body changed", "id changed", "too old", "from the future", "no id"],
)
def test_anything_else_is_refused(spoil: str) -> None:
    secret, body, now = new_secret(), json.dumps(EVENT), datetime.now(UTC)
    headers = signed(secret, body, now)
    if spoil == "another secret":
        secret = new_secret()
    elif spoil == "body changed":
        body = body.replace("contact.created", "contact.archived")
    elif spoil == "id changed":
        headers["webhook-id"] = "msg_2"
    elif spoil == "too old":
        headers = signed(secret, body, now - timedelta(minutes=6))
    elif spoil == "from the future":
        headers = signed(secret, body, now + timedelta(minutes=6))
    else:
        del headers["webhook-id"]
    with pytest.raises(WebhookVerificationError):
        verify_webhook(body, headers, secret)
