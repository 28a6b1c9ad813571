"""The contacts list's fast path (issue 17: e-mails and phones aggregated in the page's
statement, fields read by position, the page's models made in one call, no transaction
around the read) answers each contact exactly as reading it alone does, through the
response model one by one, for contacts carrying every optional field, custom fields
of every type, and text in several scripts."""

from __future__ import annotations

from typing import Any

import httpx

from tests.conftest import Staff
from tests.helpers import CONTACTS, create_company, create_contact, define_field, read_ok

FIELDS: list[tuple[str, str, dict[str, Any]]] = [
    ("note", "text", {}),
    ("score", "number", {}),
    ("since", "date", {}),
    ("vip", "boolean", {}),
    ("tier", "single_choice", {"choices": ["gold", "silver"]}),
    ("channels", "multi_choice", {"choices": ["mail", "phone", "chat"]}),
]


async def test_each_listed_contact_is_what_reading_it_alone_answers(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """A page of three contacts: one with every optional field and custom field set (its
    e-mails and phones out of alphabetical order, primary last), one in Cyrillic, Greek
    and Chinese, one with nothing optional. Each listed item equals GET /contacts/{id},
    key for key, and the page lists them newest first."""
    for key, type_, extra in FIELDS:
        await define_field(client, owner, "contact", key, type_, **extra)
    company = await create_company(client, owner, name="Bücher & Söhne GmbH")
    full = await create_contact(
        client,
        owner,
        first_name="Zoë",
        last_name="Ærø-Šimić",
        title="Head of Purchasing",
        company_id=company["id"],
        country="DE",
        city="München",
        source="referral",
        lifecycle_stage="customer",
        tags=["vip", "fair-2026", "ünïcödé"],
        emails=[
            {"email": "zoe@zeta.example", "primary": False},
            {"email": "a.zoe@alpha.example", "primary": False},
            {"email": "zoë@büro.example", "primary": True},
        ],
        phones=[
            {"phone": "+49 30 901820", "primary": False},
            {"phone": "+1 212 555 0100", "primary": True},
        ],
        marketing_consent=True,
        processing_consent=True,
        custom_fields={
            "note": "Met at the fair — «очень» приятно",
            "score": 7.5,
            "since": "2024-02-29",
            "vip": True,
            "tier": "gold",
            "channels": ["chat", "mail"],
        },
        external_ids={"erp": "C-10023", "shop": "42"},
    )
    scripts = await create_contact(
        client,
        owner,
        first_name="Ирина",
        last_name="Παπαδοπούλου 王",
        city="Αθήνα",
        emails=[{"email": "irina@example.com", "primary": True}],
        custom_fields={"note": "中文备注", "vip": False, "score": -3},
    )
    bare = await create_contact(client, owner, last_name="Nobody")

    listed = (await read_ok(client, owner, f"{CONTACTS}?limit=10&sort=-updated_at"))["items"]
    assert [c["id"] for c in listed][:3] == [bare["id"], scripts["id"], full["id"]]
    for item in listed[:3]:
        alone = await read_ok(client, owner, f"{CONTACTS}/{item['id']}")
        assert item == alone
        assert list(item) == list(alone)  # the same keys, in the same order
    # The values went through every optional path: set, ordered, and absent.
    first = listed[2]
    assert [e["email"] for e in first["emails"]] == [
        "zoe@zeta.example",
        "a.zoe@alpha.example",
        "zoë@büro.example",
    ]
    assert [p["primary"] for p in first["phones"]] == [False, True]
    assert first["custom_fields"]["channels"] == ["chat", "mail"]
    assert listed[0]["emails"] == [] and listed[0]["custom_fields"] == {}
    assert listed[0]["external_ids"] == {}
    assert first["external_ids"] == {"erp": "C-10023", "shop": "42"}
