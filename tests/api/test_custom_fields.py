"""/api/v1/custom-fields: per-entity field definitions (managed with custom_fields:manage)
and the validation of contact and company `custom_fields` on every write."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.conftest import MakeStaff, Staff
from tests.helpers import (
    COMPANIES,
    CONTACTS,
    CUSTOM_FIELDS,
    assert_one_wins,
    assert_problem,
    create_company,
    create_contact,
    define_field,
    if_match,
    list_ids,
    post_at_once,
    read_ok,
)

SOME_ID = "00000000-0000-4000-8000-000000000001"
FIELD_FIELDS = {
    "id",
    "entity",
    "key",
    "label",
    "type",
    "required",
    "choices",
    "position",
    "created_at",
    "updated_at",
    "version",
}
COLLECTIONS = {"contact": CONTACTS, "company": COMPANIES}


def url_of(definition: dict[str, Any]) -> str:
    return f"{CUSTOM_FIELDS}/{definition['id']}"


async def listed_keys(client: httpx.AsyncClient, staff: Staff, entity: str) -> list[str]:
    """The keys of `entity`'s definitions in listed order."""
    body = await read_ok(client, staff, f"{CUSTOM_FIELDS}?entity={entity}")
    assert set(body) == {"items"}
    return [d["key"] for d in body["items"]]


async def create_record(
    client: httpx.AsyncClient, staff: Staff, entity: str, **fields: Any
) -> dict[str, Any]:
    if entity == "contact":
        return await create_contact(client, staff, **fields)
    return await create_company(client, staff, **fields)


# --- Definitions ---------------------------------------------------------------------------


async def test_owner_defines_reads_and_lists_fields(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """A definition is created (201, Location, ETag "1"), read back the same, and listed
    for its entity only, by position then key."""
    created = await define_field(
        client,
        owner,
        "contact",
        "tier",
        "single_choice",
        label="  Customer   tier ",
        choices=[" gold", "silver", "gold"],
        required=True,
        position=2,
    )
    assert set(created) == FIELD_FIELDS
    assert (created["entity"], created["key"], created["type"]) == (
        "contact",
        "tier",
        "single_choice",
    )
    assert created["label"] == "Customer tier"
    assert created["choices"] == ["gold", "silver"]
    assert (created["required"], created["position"], created["version"]) == (True, 2, 1)

    read = await client.get(url_of(created), headers=owner.headers)
    assert read.status_code == 200
    assert read.json() == created
    assert read.headers["etag"] == '"1"'

    await define_field(client, owner, "contact", "birthday", "date", position=1)
    await define_field(client, owner, "contact", "alias", "text", position=2)
    await define_field(client, owner, "company", "employees", "number")
    assert await listed_keys(client, owner, "contact") == ["birthday", "alias", "tier"]
    assert await listed_keys(client, owner, "company") == ["employees"]
    assert await listed_keys(client, owner, "deal") == []


@pytest.mark.parametrize(
    "type_", ["text", "number", "date", "boolean", "single_choice", "multi_choice"]
)
async def test_every_field_type_can_be_defined(
    client: httpx.AsyncClient, owner: Staff, type_: str
) -> None:
    """Each of the six types is accepted; only choice types carry choices."""
    extra = {"choices": ["a", "b"]} if type_.endswith("choice") else {}
    created = await define_field(client, owner, "company", f"f_{type_}", type_, **extra)
    assert created["type"] == type_
    assert created["choices"] == extra.get("choices", [])


BAD_DEFINITIONS: dict[str, tuple[dict[str, Any], str]] = {
    "key_with_space": ({"key": "bad key"}, "key"),
    "key_upper_case": ({"key": "Tier"}, "key"),
    "key_starts_with_digit": ({"key": "1tier"}, "key"),
    "key_with_dash": ({"key": "customer-tier"}, "key"),
    "key_empty": ({"key": ""}, "key"),
    "key_too_long": ({"key": "k" * 51}, "key"),
    "label_blank": ({"label": "   "}, "label"),
    "label_too_long": ({"label": "x" * 201}, "label"),
    "unknown_type": ({"type": "color"}, "type"),
    "unknown_entity": ({"entity": "order"}, "entity"),
    "choices_on_text": ({"choices": ["a"]}, "choices"),
    "required_not_boolean": ({"required": "yes"}, "required"),
    "negative_position": ({"position": -1}, "position"),
    "position_as_text": ({"position": "1"}, "position"),
    "unknown_attribute": ({"default": "x"}, "default"),
    "server_field": ({"version": 3}, "version"),
}


@pytest.mark.parametrize(("change", "field"), BAD_DEFINITIONS.values(), ids=BAD_DEFINITIONS)
async def test_bad_definition_is_422_naming_the_field(
    client: httpx.AsyncClient, owner: Staff, change: dict[str, Any], field: str
) -> None:
    """Each invalid attribute of a definition is 422 naming it; nothing is defined."""
    body = {"entity": "contact", "key": "note", "label": "Note", "type": "text", **change}
    response = await client.post(CUSTOM_FIELDS, json=body, headers=owner.headers)
    assert_problem(response, 422, field)
    assert await listed_keys(client, owner, "contact") == []


@pytest.mark.parametrize("choices", [[], ["ok", "  "]], ids=["none", "blank"])
async def test_choice_field_needs_non_blank_choices(
    client: httpx.AsyncClient, owner: Staff, choices: list[str]
) -> None:
    """A choice field without choices, or with a blank one, is 422 naming choices."""
    body = {
        "entity": "contact",
        "key": "tier",
        "label": "Tier",
        "type": "single_choice",
        "choices": choices,
    }
    response = await client.post(CUSTOM_FIELDS, json=body, headers=owner.headers)
    assert_problem(response, 422, "choices")


async def test_key_is_unique_per_entity(client: httpx.AsyncClient, owner: Staff) -> None:
    """The same key twice for one entity is 409 naming key; for another entity it is
    fine."""
    await define_field(client, owner, "contact", "region", "text")
    body = {"entity": "contact", "key": "region", "label": "Again", "type": "number"}
    assert_problem(await client.post(CUSTOM_FIELDS, json=body, headers=owner.headers), 409, "key")
    await define_field(client, owner, "company", "region", "text")


async def test_concurrent_definitions_of_one_key_give_one_field(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """Three definitions of the same key at once: one 201, the others 409 naming key (never
    a 500 from the unique constraint), and one definition exists."""
    body = {"entity": "contact", "key": "raced", "label": "Raced", "type": "text"}
    responses = await post_at_once(client, owner, CUSTOM_FIELDS, body)
    assert_one_wins(responses, 201, 409, "key")
    assert await listed_keys(client, owner, "contact") == ["raced"]


async def test_list_needs_a_known_entity(client: httpx.AsyncClient, owner: Staff) -> None:
    """Listing without an entity, or with an unknown one, is 422 naming entity."""
    assert_problem(await client.get(CUSTOM_FIELDS, headers=owner.headers), 422, "entity")
    response = await client.get(CUSTOM_FIELDS, params={"entity": "order"}, headers=owner.headers)
    assert_problem(response, 422, "entity")


async def test_unknown_definition_is_404(client: httpx.AsyncClient, owner: Staff) -> None:
    """Reading, changing or deleting an id that matches no definition is 404."""
    url = f"{CUSTOM_FIELDS}/{SOME_ID}"
    assert_problem(await client.get(url, headers=owner.headers), 404)
    assert_problem(await client.patch(url, json={"label": "X"}, headers=owner.headers), 404)
    assert_problem(await client.delete(url, headers=owner.headers), 404)


async def test_custom_fields_need_a_token(client: httpx.AsyncClient) -> None:
    """Without a bearer token the definitions are 401."""
    assert_problem(await client.get(CUSTOM_FIELDS, params={"entity": "contact"}), 401)
    body = {"entity": "contact", "key": "x", "label": "X", "type": "text"}
    assert_problem(await client.post(CUSTOM_FIELDS, json=body), 401)


# Template -> may manage definitions (custom_fields:manage).
MANAGERS = {
    "owner": True,
    "full_access": True,
    "advanced_access": True,
    "senior_manager": False,
    "manager": False,
    "salesperson": False,
    "storekeeper": False,
}


@pytest.mark.parametrize(("role", "may_manage"), MANAGERS.items(), ids=MANAGERS)
async def test_only_custom_fields_manage_shapes_definitions_but_all_read_them(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff, role: str, may_manage: bool
) -> None:
    """Creating, changing and deleting need custom_fields:manage (else 403, nothing
    changes); every role may list and read definitions."""
    actor = await make_staff(role)
    existing = await define_field(client, owner, "contact", "existing", "text")
    url = url_of(existing)
    assert await listed_keys(client, actor, "contact") == ["existing"]
    assert (await read_ok(client, actor, url)) == existing

    body = {"entity": "contact", "key": "added", "label": "Added", "type": "text"}
    created = await client.post(CUSTOM_FIELDS, json=body, headers=actor.headers)
    patched = await client.patch(url, json={"label": "Renamed"}, headers=actor.headers)
    if may_manage:
        assert created.status_code == 201, created.text
        assert patched.status_code == 200, patched.text
        assert (await client.delete(url, headers=actor.headers)).status_code == 204
        assert await listed_keys(client, owner, "contact") == ["added"]
    else:
        assert_problem(created, 403)
        assert_problem(patched, 403)
        assert_problem(await client.delete(url, headers=actor.headers), 403)
        assert await listed_keys(client, owner, "contact") == ["existing"]
        assert await read_ok(client, owner, url) == existing


# --- Changing and deleting definitions -----------------------------------------------------


async def test_patch_changes_label_choices_order_and_requiredness(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """PATCH changes only what is sent and bumps version and ETag; a stale If-Match is
    412."""
    definition = await define_field(
        client, owner, "contact", "tier", "single_choice", choices=["gold"]
    )
    url = url_of(definition)
    response = await client.patch(
        url,
        json={"label": "Level", "choices": ["gold", "platinum"], "required": True, "position": 5},
        headers=if_match(owner, 1),
    )
    assert response.status_code == 200, response.text
    assert response.headers["etag"] == '"2"'
    changed = response.json()
    assert (changed["label"], changed["choices"], changed["required"], changed["position"]) == (
        "Level",
        ["gold", "platinum"],
        True,
        5,
    )
    assert (changed["key"], changed["type"], changed["version"]) == ("tier", "single_choice", 2)
    stale = await client.patch(url, json={"label": "Stale"}, headers=if_match(owner, 1))
    assert_problem(stale, 412)
    assert await read_ok(client, owner, url) == changed


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"key": "other"}, "key"),
        ({"type": "number"}, "type"),
        ({"entity": "company"}, "entity"),
        ({"label": ""}, "label"),
        ({"label": "  "}, "label"),
        ({"choices": ["a"]}, "choices"),
        ({"position": -5}, "position"),
        ({"required": 1}, "required"),
    ],
)
async def test_bad_patch_is_422_naming_the_field(
    client: httpx.AsyncClient, owner: Staff, change: dict[str, Any], field: str
) -> None:
    """Key, type and entity cannot change; bad labels, choices on a text field or bad
    positions are 422 naming the field, and the definition is unchanged."""
    definition = await define_field(client, owner, "contact", "note", "text")
    response = await client.patch(url_of(definition), json=change, headers=owner.headers)
    assert_problem(response, 422, field)
    assert await read_ok(client, owner, url_of(definition)) == definition


async def test_deleting_a_field_hides_values_and_redefining_brings_them_back(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """After DELETE (204) the definition is gone, records no longer show its values and
    writes to it are refused; defining the key again shows the stored values again."""
    definition = await define_field(client, owner, "contact", "nickname", "text")
    contact = await create_contact(client, owner, custom_fields={"nickname": "Ace"})
    assert contact["custom_fields"] == {"nickname": "Ace"}

    assert_problem(await client.delete(url_of(definition), headers=if_match(owner, 2)), 412)
    assert (await client.delete(url_of(definition), headers=if_match(owner, 1))).status_code == 204
    assert_problem(await client.get(url_of(definition), headers=owner.headers), 404)
    assert (await read_ok(client, owner, f"{CONTACTS}/{contact['id']}"))["custom_fields"] == {}
    listed = (await read_ok(client, owner, f"{CONTACTS}?limit=100"))["items"]
    assert [c["custom_fields"] for c in listed if c["id"] == contact["id"]] == [{}]
    response = await client.patch(
        f"{CONTACTS}/{contact['id']}",
        json={"custom_fields": {"nickname": "Bee"}},
        headers=owner.headers,
    )
    assert_problem(response, 422, "custom_fields.nickname")

    await define_field(client, owner, "contact", "nickname", "text")
    read = await read_ok(client, owner, f"{CONTACTS}/{contact['id']}")
    assert read["custom_fields"] == {"nickname": "Ace"}
    listed = (await read_ok(client, owner, f"{CONTACTS}?limit=100"))["items"]
    assert [c["custom_fields"] for c in listed if c["id"] == contact["id"]] == [{"nickname": "Ace"}]


async def test_a_deleted_deal_field_is_hidden_on_the_deal_its_list_and_the_board(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """As for contacts: once a deal field's definition is deleted, the deal, the deals
    list, a stage move's answer and the board's cards show none of its values; defined
    again, they all show the stored value again."""
    definition = await define_field(client, owner, "deal", "po_number", "text")
    created = await client.post(
        "/api/v1/deals",
        json={"title": "Licences", "custom_fields": {"po_number": "PO-7"}},
        headers=owner.headers,
    )
    assert created.status_code == 201, created.text
    deal = created.json()
    assert deal["custom_fields"] == {"po_number": "PO-7"}
    pipeline = deal["pipeline_id"]

    async def shown() -> list[dict[str, Any]]:
        alone = await read_ok(client, owner, f"/api/v1/deals/{deal['id']}")
        listed = (await read_ok(client, owner, "/api/v1/deals?limit=100"))["items"]
        board = await read_ok(client, owner, f"/api/v1/pipelines/{pipeline}/board")
        cards = [d for column in board["columns"] for d in column["deals"]]
        return [
            alone["custom_fields"],
            *(d["custom_fields"] for d in listed if d["id"] == deal["id"]),
            *(d["custom_fields"] for d in cards if d["id"] == deal["id"]),
        ]

    assert await shown() == [{"po_number": "PO-7"}] * 3
    assert (await client.delete(url_of(definition), headers=if_match(owner, 1))).status_code == 204
    assert await shown() == [{}] * 3
    await define_field(client, owner, "deal", "po_number", "text")
    assert await shown() == [{"po_number": "PO-7"}] * 3


# --- Values on records ---------------------------------------------------------------------

FIELDS: list[tuple[str, str, dict[str, Any]]] = [
    ("note", "text", {}),
    ("score", "number", {}),
    ("since", "date", {}),
    ("vip", "boolean", {}),
    ("tier", "single_choice", {"choices": ["gold", "silver"]}),
    ("channels", "multi_choice", {"choices": ["mail", "phone", "chat"]}),
]

GOOD_VALUES = {
    "note": "Met at the fair",
    "score": 7.5,
    "since": "2024-02-29",
    "vip": True,
    "tier": "gold",
    "channels": ["chat", "mail", "chat"],
}
STORED_VALUES = {**GOOD_VALUES, "channels": ["chat", "mail"]}

BAD_VALUES: dict[str, tuple[str, Any]] = {
    "text_as_number": ("note", 5),
    "text_too_long": ("note", "x" * 2001),
    "number_as_text": ("score", "7"),
    "number_as_boolean": ("score", True),
    "date_impossible": ("since", "2023-02-29"),
    "date_localised": ("since", "29.02.2024"),
    "boolean_as_number": ("vip", 1),
    "boolean_as_text": ("vip", "true"),
    "choice_unknown": ("tier", "bronze"),
    "choice_as_list": ("tier", ["gold"]),
    "multi_choice_unknown": ("channels", ["mail", "fax"]),
    "multi_choice_as_text": ("channels", "mail"),
    "undefined_key": ("shoe_size", 44),
}


async def define_all(client: httpx.AsyncClient, owner: Staff, entity: str) -> None:
    for key, type_, extra in FIELDS:
        await define_field(client, owner, entity, key, type_, **extra)


@pytest.mark.parametrize("entity", ["contact", "company"])
async def test_values_of_every_type_are_stored_and_read(
    client: httpx.AsyncClient, owner: Staff, entity: str
) -> None:
    """A record takes a valid value for each field type and reads it back (multi-choice
    values once each)."""
    await define_all(client, owner, entity)
    record = await create_record(client, owner, entity, custom_fields=GOOD_VALUES)
    assert record["custom_fields"] == STORED_VALUES
    read = await read_ok(client, owner, f"{COLLECTIONS[entity]}/{record['id']}")
    assert read["custom_fields"] == STORED_VALUES


@pytest.mark.parametrize("entity", ["contact", "company"])
@pytest.mark.parametrize(("key", "value"), BAD_VALUES.values(), ids=BAD_VALUES)
async def test_bad_value_is_422_naming_the_field_on_create_and_patch(
    client: httpx.AsyncClient, owner: Staff, entity: str, key: str, value: Any
) -> None:
    """A value that does not fit its definition (or has none) is 422 naming
    custom_fields.<key>, when creating and when changing; nothing is written."""
    await define_all(client, owner, entity)
    collection = COLLECTIONS[entity]
    name = {"last_name": "X"} if entity == "contact" else {"name": "X"}
    response = await client.post(
        collection, json={**name, "custom_fields": {key: value}}, headers=owner.headers
    )
    assert_problem(response, 422, f"custom_fields.{key}")
    assert await list_ids(client, owner, collection) == []
    record = await create_record(client, owner, entity, custom_fields={"note": "kept"})
    url = f"{collection}/{record['id']}"
    valid = {"since": "2020-01-01"} if key != "since" else {"vip": False}
    response = await client.patch(
        url, json={"custom_fields": {**valid, key: value}}, headers=owner.headers
    )
    assert_problem(response, 422, f"custom_fields.{key}")
    assert await read_ok(client, owner, url) == record


async def test_all_bad_values_are_named_at_once(client: httpx.AsyncClient, owner: Staff) -> None:
    """Several bad values in one write are each named in the one 422."""
    await define_all(client, owner, "contact")
    response = await client.post(
        CONTACTS,
        json={"last_name": "X", "custom_fields": {"note": 1, "vip": "no", "nope": 2}},
        headers=owner.headers,
    )
    assert_problem(response, 422)
    named = {e["field"] for e in response.json()["errors"]}
    assert named == {"custom_fields.note", "custom_fields.vip", "custom_fields.nope"}


@pytest.mark.parametrize("entity", ["contact", "company"])
async def test_patch_merges_values_and_null_removes_one(
    client: httpx.AsyncClient, owner: Staff, entity: str
) -> None:
    """PATCH custom_fields changes the given keys only; null removes a value; sending no
    custom_fields keeps them all; history shows the before and after."""
    await define_all(client, owner, entity)
    record = await create_record(
        client, owner, entity, custom_fields={"note": "a", "score": 1, "vip": True}
    )
    url = f"{COLLECTIONS[entity]}/{record['id']}"
    response = await client.patch(
        url, json={"custom_fields": {"score": 2, "vip": None}}, headers=owner.headers
    )
    assert response.status_code == 200, response.text
    assert response.json()["custom_fields"] == {"note": "a", "score": 2}
    response = await client.patch(url, json={"tags": ["t"]}, headers=owner.headers)
    assert response.json()["custom_fields"] == {"note": "a", "score": 2}
    events = (await read_ok(client, owner, f"{url}/history"))["items"]
    assert events[1]["changes"] == {
        "custom_fields": {
            "before": {"note": "a", "score": 1, "vip": True},
            "after": {"note": "a", "score": 2},
        }
    }


@pytest.mark.parametrize("entity", ["contact", "company"])
async def test_required_field_must_be_given_and_cannot_be_removed(
    client: httpx.AsyncClient, owner: Staff, entity: str
) -> None:
    """A required field is 422 naming it when missing on create or set to null on PATCH;
    other changes to the record stay possible."""
    await define_field(client, owner, entity, "region", "text", required=True)
    collection = COLLECTIONS[entity]
    name = {"last_name": "X"} if entity == "contact" else {"name": "X"}
    for body in (name, {**name, "custom_fields": {}}, {**name, "custom_fields": {"region": None}}):
        response = await client.post(collection, json=body, headers=owner.headers)
        assert_problem(response, 422, "custom_fields.region")
    record = await create_record(client, owner, entity, custom_fields={"region": "EU"})
    url = f"{collection}/{record['id']}"
    response = await client.patch(
        url, json={"custom_fields": {"region": None}}, headers=owner.headers
    )
    assert_problem(response, 422, "custom_fields.region")
    response = await client.patch(url, json={"tags": ["still-fine"]}, headers=owner.headers)
    assert response.status_code == 200, response.text


async def test_field_made_required_later_does_not_block_other_edits(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """Records written before a field became required can still be changed elsewhere,
    but new records need the field."""
    definition = await define_field(client, owner, "contact", "region", "text")
    contact = await create_contact(client, owner)
    response = await client.patch(
        url_of(definition), json={"required": True}, headers=owner.headers
    )
    assert response.status_code == 200
    response = await client.patch(
        f"{CONTACTS}/{contact['id']}", json={"city": "Paris"}, headers=owner.headers
    )
    assert response.status_code == 200, response.text
    response = await client.post(CONTACTS, json={"last_name": "New"}, headers=owner.headers)
    assert_problem(response, 422, "custom_fields.region")


async def test_narrowed_choices_keep_stored_values_but_refuse_new_writes(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """Removing a choice leaves records holding it alone, while writing it again is 422."""
    definition = await define_field(
        client, owner, "company", "tier", "single_choice", choices=["gold", "silver"]
    )
    company = await create_company(client, owner, custom_fields={"tier": "silver"})
    await client.patch(url_of(definition), json={"choices": ["gold"]}, headers=owner.headers)
    read = await read_ok(client, owner, f"{COMPANIES}/{company['id']}")
    assert read["custom_fields"] == {"tier": "silver"}
    response = await client.post(
        COMPANIES, json={"name": "Y", "custom_fields": {"tier": "silver"}}, headers=owner.headers
    )
    assert_problem(response, 422, "custom_fields.tier")


async def test_fields_of_one_entity_do_not_apply_to_the_other(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """A contact field is unknown on companies and vice versa."""
    await define_field(client, owner, "contact", "nickname", "text")
    response = await client.post(
        COMPANIES, json={"name": "X", "custom_fields": {"nickname": "n"}}, headers=owner.headers
    )
    assert_problem(response, 422, "custom_fields.nickname")


async def test_multi_choice_fields_cannot_be_filtered_by_equality(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """custom_field=<multi-choice key>:value is 422 naming custom_field.0."""
    await define_field(client, owner, "contact", "channels", "multi_choice", choices=["mail"])
    response = await client.get(
        CONTACTS, params={"custom_field": "channels:mail"}, headers=owner.headers
    )
    assert_problem(response, 422, "custom_field.0")


async def test_filter_on_a_field_of_the_other_entity_is_422(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """A company field is no filter for contacts: 422 naming custom_field.<index>."""
    await define_field(client, owner, "company", "employees", "number")
    await define_field(client, owner, "contact", "vip", "boolean")
    response = await client.get(
        CONTACTS, params={"custom_field": ["vip:true", "employees:4"]}, headers=owner.headers
    )
    assert_problem(response, 422, "custom_field.1")
