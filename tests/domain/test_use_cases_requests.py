"""Customer request use cases on the in-memory unit of work: registering, assigning and
moving requests along the status graph."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import pytest

from domain.access.principal import Principal
from domain.audit import AuditAction
from domain.changes import Audience
from domain.commands import UNSET
from domain.contacts.contacts import ContactChanges, ContactOrigin, create_contact
from domain.errors import Conflict, FieldErrorCode, ValidationFailed
from domain.interactions.requests import (
    CustomerRequest,
    NewRequest,
    RequestChanges,
    RequestChannel,
    RequestStatus,
    register_request,
    update_request,
)
from tests.domain.fakes import FakeUnitOfWork

TEAM = uuid.uuid4()
S = RequestStatus


@pytest.fixture
def fake() -> FakeUnitOfWork:
    return FakeUnitOfWork()


async def registered(fake: FakeUnitOfWork, principal: Principal, **data: Any) -> CustomerRequest:
    contact = await create_contact(
        fake.as_uow(), principal, ContactChanges(first_name="Maria"), ContactOrigin.MANUAL
    )
    return await register_request(
        fake.as_uow(),
        principal,
        NewRequest(
            contact_id=contact.id,
            channel=RequestChannel.EMAIL,
            subject="Invoice is wrong",
            **data,
        ),
    )


async def moved(
    fake: FakeUnitOfWork, principal: Principal, request: CustomerRequest, *statuses: S
) -> CustomerRequest:
    """The request after moving through `statuses` one update each (a resolution given
    where one is needed)."""
    for status in statuses:
        resolution = "Sent a corrected invoice" if status is S.RESOLVED else UNSET
        given = RequestChanges(status=status, resolution=resolution)
        request = await update_request(fake.as_uow(), principal, request.id, given, None)
    return request


@pytest.mark.parametrize("team_id", [None, TEAM], ids=["no team", "team not distributing"])
async def test_a_request_without_an_assignee_goes_to_whoever_registered_it(
    fake: FakeUnitOfWork, team_id: uuid.UUID | None
) -> None:
    """Registered without an assignee (and no round-robin in the team), the request is
    its registrar's: owner and assignee. It is new, due by the normal priority's
    response time, its history starts at new, and one audit event and one
    request.created event at version 1 record it."""
    seller = fake.staff("salesperson", team_id)
    changes_before = len(fake.changes.events)

    request = await registered(fake, seller)

    stored = fake.requests.stored(request.id)
    assert (stored.owner_id, stored.assignee_id, stored.team_id) == (
        seller.user_id,
        seller.user_id,
        team_id,
    )
    assert (stored.status, stored.subject) == (S.NEW, "Invoice is wrong")
    assert stored.due_by == stored.created_at + timedelta(days=3)
    [history] = await fake.requests.changes(request.id)
    assert (history.from_status, history.to_status, history.by) == (None, S.NEW, seller.user_id)
    assert [(e.entity_type, e.action) for e in fake.audit.events[-1:]] == [
        ("request", AuditAction.CREATED)
    ]
    [event] = fake.changes.events[changes_before + 1 :]  # after the contact's
    assert (event.type, event.entity_id, event.version) == ("request.created", request.id, 1)


async def test_the_assignee_works_a_request_they_do_not_own(fake: FakeUnitOfWork) -> None:
    """A request handed to someone ranked below is theirs to work although they do not
    own it (own scope reaches what one is responsible for): they move it on."""
    boss = fake.staff("owner")
    seller = fake.staff("salesperson")
    request = await registered(fake, boss, assignee_id=seller.user_id)
    assert (request.owner_id, request.assignee_id) == (boss.user_id, seller.user_id)

    opened = await update_request(
        fake.as_uow(), seller, request.id, RequestChanges(status=S.OPEN), 1
    )

    assert (opened.status, opened.version) == (S.OPEN, 2)
    assert (await fake.requests.changes(request.id))[0].by == seller.user_id


async def test_a_status_change_records_the_move_and_one_change_event(
    fake: FakeUnitOfWork,
) -> None:
    """Moving a new request to open stores it at version 2; its history, newest first,
    gains the move; one audit event names the status change and one request.updated
    event carries the new status."""
    seller = fake.staff("salesperson")
    request = await registered(fake, seller)
    audits, events = len(fake.audit.events), len(fake.changes.events)

    opened = await update_request(
        fake.as_uow(), seller, request.id, RequestChanges(status=S.OPEN), 1
    )

    assert (opened.status, opened.version) == (S.OPEN, 2)
    assert fake.requests.stored(request.id).status is S.OPEN
    history = await fake.requests.changes(request.id)
    assert [(c.from_status, c.to_status) for c in history] == [(S.NEW, S.OPEN), (None, S.NEW)]
    [audited] = fake.audit.events[audits:]
    assert set(audited.changes) == {"status"}
    [event] = fake.changes.events[events:]
    assert (event.type, event.version, event.state["status"]) == ("request.updated", 2, "open")


async def test_resolving_needs_a_resolution(fake: FakeUnitOfWork) -> None:
    """A request becomes resolved only saying how: without a resolution 422 naming
    `resolution` as required (and nothing changes); with one it is resolved, and when."""
    seller = fake.staff("salesperson")
    request = await registered(fake, seller)
    events = len(fake.changes.events)

    with pytest.raises(ValidationFailed) as refused:
        await update_request(
            fake.as_uow(), seller, request.id, RequestChanges(status=S.RESOLVED), 1
        )
    assert [(e.field, e.code) for e in refused.value.errors] == [
        ("resolution", FieldErrorCode.REQUIRED)
    ]
    assert fake.requests.stored(request.id).status is S.NEW
    assert len(fake.changes.events) == events

    resolved = await update_request(
        fake.as_uow(),
        seller,
        request.id,
        RequestChanges(status=S.RESOLVED, resolution="Sent a corrected invoice"),
        1,
    )
    assert (resolved.status, resolved.resolved_at is not None) == (S.RESOLVED, True)


@pytest.mark.parametrize("target", [S.NEW, S.PENDING, S.RESOLVED])
async def test_a_closed_request_only_reopens(fake: FakeUnitOfWork, target: S) -> None:
    """Closed is final but for reopening: any other move is 409 naming `status` with
    where it can go (open), and the request, its history and the events stay as they
    were."""
    seller = fake.staff("salesperson")
    closed = await moved(fake, seller, await registered(fake, seller), S.CLOSED)
    history, events = await fake.requests.changes(closed.id), len(fake.changes.events)

    with pytest.raises(Conflict) as refused:
        await update_request(
            fake.as_uow(), seller, closed.id, RequestChanges(status=target, resolution="x"), None
        )

    assert [(e.field, e.code, e.message) for e in refused.value.errors] == [
        ("status", FieldErrorCode.INVALID_CHOICE, "allowed: open")
    ]
    stored = fake.requests.stored(closed.id)
    assert (stored.status, stored.version, stored.resolution) == (S.CLOSED, 2, "")
    assert await fake.requests.changes(closed.id) == history
    assert len(fake.changes.events) == events


async def test_a_resolved_request_moves_only_to_open_or_closed(fake: FakeUnitOfWork) -> None:
    """From resolved the request may be reopened or closed, nothing else: pending is
    409 naming `status` with `allowed: open, closed`."""
    seller = fake.staff("salesperson")
    resolved = await moved(fake, seller, await registered(fake, seller), S.RESOLVED)

    with pytest.raises(Conflict) as refused:
        await update_request(
            fake.as_uow(), seller, resolved.id, RequestChanges(status=S.PENDING), None
        )

    assert [(e.field, e.message) for e in refused.value.errors] == [
        ("status", "allowed: open, closed")
    ]
    assert fake.requests.stored(resolved.id).status is S.RESOLVED


async def test_reopening_forgets_when_the_request_was_resolved_and_closed(
    fake: FakeUnitOfWork,
) -> None:
    """A request reopened after being resolved and closed is open again with neither
    moment set; its history holds every move, newest first."""
    seller = fake.staff("salesperson")
    request = await registered(fake, seller)
    closed = await moved(fake, seller, request, S.RESOLVED, S.CLOSED)
    assert closed.resolved_at is not None and closed.closed_at is not None

    reopened = await moved(fake, seller, closed, S.OPEN)

    assert (reopened.status, reopened.resolved_at, reopened.closed_at) == (S.OPEN, None, None)
    history = await fake.requests.changes(request.id)
    assert [c.to_status for c in history] == [S.OPEN, S.CLOSED, S.RESOLVED, S.NEW]


async def test_a_request_event_is_read_by_its_owner_assignee_and_team(
    fake: FakeUnitOfWork,
) -> None:
    """The feed shows a request's change to whoever reads it in lists
    (persistence/scope.py: owner, assignee, and its team at team level)."""
    boss = fake.staff("owner", TEAM)
    seller = fake.staff("salesperson", TEAM)

    request = await registered(fake, boss, assignee_id=seller.user_id)

    event = fake.changes.of_type("request.created")[0]
    assert event.entity_id == request.id
    assert event.audience == Audience(TEAM, frozenset({boss.user_id, seller.user_id}))
