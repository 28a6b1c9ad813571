"""`Idempotency-Key` on POST /contacts and /companies: a retry replays the first response
and creates nothing; another body under the same key is 422; a failed request stores
nothing; racing requests with one key create one record."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest

from tests.conftest import MakeStaff, Staff
from tests.helpers import (
    COMPANIES,
    CONTACTS,
    assert_problem,
    list_ids,
    post_at_once,
    read_ok,
)

BODIES: dict[str, dict[str, Any]] = {
    CONTACTS: {
        "first_name": "Ida",
        "last_name": "Empotent",
        "emails": [{"email": "ida@x.example"}],
    },
    COMPANIES: {"name": "Idempotent GmbH", "domain": "idempotent.example"},
}
COLLECTIONS = list(BODIES)


def keyed(staff: Staff, key: str) -> dict[str, str]:
    """`staff`'s headers with an Idempotency-Key."""
    return {**staff.headers, "Idempotency-Key": key}


def new_key() -> str:
    return str(uuid.uuid4())


@pytest.mark.parametrize("collection", COLLECTIONS)
async def test_retry_replays_the_first_response_and_creates_nothing(
    client: httpx.AsyncClient, owner: Staff, collection: str
) -> None:
    """The same POST with the same key answers the first response again (status, body,
    Location, ETag) marked Idempotent-Replayed: true, and one record exists."""
    key = new_key()
    first = await client.post(collection, json=BODIES[collection], headers=keyed(owner, key))
    assert first.status_code == 201, first.text
    assert "idempotent-replayed" not in first.headers
    for _ in range(2):
        again = await client.post(collection, json=BODIES[collection], headers=keyed(owner, key))
        assert again.status_code == 201, again.text
        assert again.headers["idempotent-replayed"] == "true"
        assert again.json() == first.json()
        assert again.headers["location"] == first.headers["location"]
        assert again.headers["etag"] == first.headers["etag"]
    assert await list_ids(client, owner, collection) == [first.json()["id"]]


@pytest.mark.parametrize("collection", COLLECTIONS)
async def test_replay_is_the_first_response_even_after_the_record_changed(
    client: httpx.AsyncClient, owner: Staff, collection: str
) -> None:
    """A retry after the record was changed still answers the first response as sent."""
    key = new_key()
    first = await client.post(collection, json=BODIES[collection], headers=keyed(owner, key))
    url = first.headers["location"]
    await client.patch(url, json={"city": "Elsewhere"}, headers=owner.headers)
    again = await client.post(collection, json=BODIES[collection], headers=keyed(owner, key))
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json() == first.json()
    assert (await read_ok(client, owner, url))["city"] == "Elsewhere"


@pytest.mark.parametrize("collection", COLLECTIONS)
async def test_same_key_with_another_body_is_422_and_creates_nothing(
    client: httpx.AsyncClient, owner: Staff, collection: str
) -> None:
    """Reusing a key for a different body is 422 naming Idempotency-Key; only the first
    record exists."""
    key = new_key()
    first = await client.post(collection, json=BODIES[collection], headers=keyed(owner, key))
    assert first.status_code == 201
    other = {**BODIES[collection], "city": "Somewhere else"}
    response = await client.post(collection, json=other, headers=keyed(owner, key))
    assert_problem(response, 422, "Idempotency-Key")
    assert await list_ids(client, owner, collection) == [first.json()["id"]]


async def test_same_key_on_another_resource_is_422(client: httpx.AsyncClient, owner: Staff) -> None:
    """A key used for a contact cannot be reused to create a company."""
    key = new_key()
    first = await client.post(CONTACTS, json=BODIES[CONTACTS], headers=keyed(owner, key))
    assert first.status_code == 201
    response = await client.post(COMPANIES, json=BODIES[COMPANIES], headers=keyed(owner, key))
    assert_problem(response, 422, "Idempotency-Key")
    assert await list_ids(client, owner, COMPANIES) == []


@pytest.mark.parametrize("collection", COLLECTIONS)
async def test_failed_request_stores_nothing_so_a_corrected_retry_succeeds(
    client: httpx.AsyncClient, owner: Staff, collection: str
) -> None:
    """A request refused by schema validation (422) or by a use-case rule (422) keeps no
    answer under its key: the corrected request with the same key creates the record and
    is no replay."""
    key = new_key()
    invalid = {**BODIES[collection], "country": "XX"}
    response = await client.post(collection, json=invalid, headers=keyed(owner, key))
    assert_problem(response, 422, "country")
    refused = {**BODIES[collection], "owner_id": str(uuid.uuid4())}
    response = await client.post(collection, json=refused, headers=keyed(owner, key))
    assert_problem(response, 422, "owner_id")

    response = await client.post(collection, json=BODIES[collection], headers=keyed(owner, key))
    assert response.status_code == 201, response.text
    assert "idempotent-replayed" not in response.headers
    assert await list_ids(client, owner, collection) == [response.json()["id"]]


async def test_forbidden_request_stores_nothing(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """A 403 keeps no answer: the same key later works for the same caller once allowed
    (here: the Salesperson drops the owner_id they may not set)."""
    seller = await make_staff("salesperson")
    key = new_key()
    body = {**BODIES[CONTACTS], "owner_id": owner.id}
    response = await client.post(CONTACTS, json=body, headers=keyed(seller, key))
    assert_problem(response, 403, "owner_id")
    response = await client.post(CONTACTS, json=BODIES[CONTACTS], headers=keyed(seller, key))
    assert response.status_code == 201, response.text
    assert "idempotent-replayed" not in response.headers


async def test_keys_belong_to_the_caller(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """Another user sending the same key and body gets their own new record, not a replay
    of someone else's response."""
    other = await make_staff("full_access")
    key = new_key()
    mine = await client.post(CONTACTS, json=BODIES[CONTACTS], headers=keyed(owner, key))
    theirs = await client.post(CONTACTS, json=BODIES[CONTACTS], headers=keyed(other, key))
    assert mine.status_code == theirs.status_code == 201
    assert "idempotent-replayed" not in theirs.headers
    assert theirs.json()["id"] != mine.json()["id"]
    assert theirs.json()["owner_id"] == other.id
    assert len(await list_ids(client, owner, CONTACTS)) == 2


async def test_different_keys_create_different_records(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """Two keys (or none at all) mean two distinct requests: each creates a record."""
    for headers in (keyed(owner, new_key()), keyed(owner, new_key()), owner.headers):
        response = await client.post(CONTACTS, json=BODIES[CONTACTS], headers=headers)
        assert response.status_code == 201
    assert len(await list_ids(client, owner, CONTACTS)) == 3


@pytest.mark.parametrize("key", ["", "k" * 256])
async def test_key_that_is_empty_or_too_long_is_422(
    client: httpx.AsyncClient, owner: Staff, key: str
) -> None:
    """An empty key or one over 255 characters is 422 naming Idempotency-Key."""
    response = await client.post(CONTACTS, json=BODIES[CONTACTS], headers=keyed(owner, key))
    assert_problem(response, 422, "Idempotency-Key")
    assert await list_ids(client, owner, CONTACTS) == []


@pytest.mark.parametrize("collection", COLLECTIONS)
async def test_concurrent_posts_with_one_key_create_one_record(
    client: httpx.AsyncClient, owner: Staff, collection: str
) -> None:
    """Three POSTs with the same key at once create exactly one record: one 201 is the
    original, every other answer either replays that same body or is a 409 problem; a
    retry afterwards replays it."""
    key = new_key()
    responses = await post_at_once(
        client, owner, collection, BODIES[collection], headers={"Idempotency-Key": key}
    )
    originals = [
        r for r in responses if r.status_code == 201 and "idempotent-replayed" not in r.headers
    ]
    assert len(originals) == 1, [r.text for r in responses]
    original = originals[0]
    for response in responses:
        if response is original:
            continue
        if response.status_code == 201:
            assert response.headers["idempotent-replayed"] == "true"
            assert response.json() == original.json()
        else:
            assert_problem(response, 409, "Idempotency-Key")
    assert await list_ids(client, owner, collection) == [original.json()["id"]]
    again = await client.post(collection, json=BODIES[collection], headers=keyed(owner, key))
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json() == original.json()


async def test_no_key_no_replay(client: httpx.AsyncClient, owner: Staff) -> None:
    """Without a key, two identical POSTs create two contacts."""
    responses = await post_at_once(client, owner, CONTACTS, BODIES[CONTACTS], times=2)
    assert [r.status_code for r in responses] == [201, 201]
    assert len(await list_ids(client, owner, CONTACTS)) == 2
