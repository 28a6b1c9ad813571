"""Every request is one transaction: a request that fails half-way leaves nothing."""

from __future__ import annotations

import uuid

import httpx

from tests.conftest import MakeStaff, Staff


async def test_failed_patch_leaves_no_half_written_change(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """The name change applied before the unknown team is found is rolled back with it."""
    target = await make_staff("salesperson")
    response = await client.patch(
        f"/api/v1/users/{target.id}",
        json={"full_name": "Renamed Person", "team_id": str(uuid.uuid4())},
        headers=owner.headers,
    )
    assert response.status_code == 422
    after = await client.get(f"/api/v1/users/{target.id}", headers=owner.headers)
    assert after.json()["full_name"] == target.user.full_name
    assert after.json()["version"] == target.user.version


async def test_success_is_committed_before_the_answer(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """A 201 means committed: the next request, on a new session, reads the record."""
    created = await client.post("/api/v1/teams", json={"name": "Committed"}, headers=owner.headers)
    assert created.status_code == 201
    again = await client.get(f"/api/v1/teams/{created.json()['id']}", headers=owner.headers)
    assert again.status_code == 200
