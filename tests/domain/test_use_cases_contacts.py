"""Contact use cases on the in-memory unit of work: what they store, refuse and record."""

from __future__ import annotations

import uuid
from typing import Any
from uuid import UUID

import pytest

from domain.access.principal import Principal
from domain.audit import AuditAction, FieldChange
from domain.changes import Audience
from domain.contacts.contacts import (
    Contact,
    ContactChanges,
    ContactEmail,
    ContactOrigin,
    create_contact,
    set_contact_archived,
    update_contact,
)
from domain.errors import (
    Conflict,
    FieldErrorCode,
    LostUpdate,
    NotFound,
    PermissionDenied,
    PreconditionFailed,
    ValidationFailed,
)
from tests.domain.fakes import FakeUnitOfWork

TEAM = uuid.uuid4()


@pytest.fixture
def fake() -> FakeUnitOfWork:
    return FakeUnitOfWork()


async def created(
    fake: FakeUnitOfWork, principal: Principal, **data: Any
) -> tuple[Contact, int, int]:
    """A contact made through the use case, and how many audit and change events there
    were after it, so a test reads what came after."""
    contact = await create_contact(
        fake.as_uow(),
        principal,
        ContactChanges(**{"first_name": "Maria", **data}),
        ContactOrigin.MANUAL,
    )
    return contact, len(fake.audit.events), len(fake.changes.events)


async def test_create_stores_the_contact_with_one_audit_and_one_change_event(
    fake: FakeUnitOfWork,
) -> None:
    """A new contact is stored as given (cleaned), owned by its creator in their team;
    one audit event (created, by the creator, every field from nothing) and one change
    event (contact.created at version 1, read by the owner and their team) are added,
    and the use case leaves committing to its caller."""
    seller = fake.staff("salesperson", TEAM)
    contact = await create_contact(
        fake.as_uow(),
        seller,
        ContactChanges(
            first_name="  Maria ", last_name="Lopez", emails=(ContactEmail("M@Example.com"),)
        ),
        ContactOrigin.MANUAL,
    )

    stored = fake.contacts.stored(contact.id)
    assert (stored.first_name, stored.last_name, stored.primary_email) == (
        "Maria",
        "Lopez",
        "m@example.com",
    )
    assert (stored.owner_id, stored.team_id, stored.version) == (seller.user_id, TEAM, 1)

    [audited] = fake.audit.events
    assert (audited.entity_type, audited.entity_id, audited.action, audited.actor_id) == (
        "contact",
        contact.id,
        AuditAction.CREATED,
        seller.user_id,
    )
    assert audited.changes["last_name"] == FieldChange(None, "Lopez")

    [event] = fake.changes.events
    assert (event.type, event.entity_id, event.version, event.actor_id) == (
        "contact.created",
        contact.id,
        1,
        seller.user_id,
    )
    assert event.audience == Audience(TEAM, frozenset({seller.user_id}))
    assert event.former_audience is None
    assert event.state["first_name"] == "Maria"
    assert event.state["archived_at"] is None
    assert fake.commits == 0


@pytest.mark.parametrize("first_name, last_name", [("", ""), ("   ", "\t"), (None, None)])
async def test_a_contact_without_a_name_is_refused_naming_the_field(
    fake: FakeUnitOfWork, first_name: str | None, last_name: str | None
) -> None:
    """Neither a first nor a last name (blank counts as none): 422 naming `first_name`
    as required, and nothing is stored or recorded."""
    seller = fake.staff("salesperson")
    with pytest.raises(ValidationFailed) as refused:
        await create_contact(
            fake.as_uow(),
            seller,
            ContactChanges(first_name=first_name, last_name=last_name),
            ContactOrigin.MANUAL,
        )
    assert [(e.field, e.code) for e in refused.value.errors] == [
        ("first_name", FieldErrorCode.REQUIRED)
    ]
    assert (fake.contacts.rows, fake.audit.events, fake.changes.events) == ({}, [], [])


async def test_an_update_records_the_changed_fields_and_a_change_at_the_next_version(
    fake: FakeUnitOfWork,
) -> None:
    """A change stores the contact at version 2 and adds one audit event naming only
    the fields that changed, and one contact.updated change event at version 2."""
    seller = fake.staff("salesperson", TEAM)
    contact, audits, events = await created(fake, seller, city="Porto")

    updated = await update_contact(
        fake.as_uow(), seller, contact.id, ContactChanges(city="Lisbon"), 1
    )

    assert updated.version == 2
    assert fake.contacts.stored(contact.id).city == "Lisbon"
    [audited] = fake.audit.events[audits:]
    assert (audited.action, audited.changes) == (
        AuditAction.UPDATED,
        {"city": FieldChange("Porto", "Lisbon")},
    )
    [event] = fake.changes.events[events:]
    assert (event.type, event.version, event.state["city"]) == ("contact.updated", 2, "Lisbon")
    assert event.former_audience is None


async def test_an_update_based_on_an_older_version_is_refused(fake: FakeUnitOfWork) -> None:
    """`If-Match` naming a version the contact has moved on from: 412 (PreconditionFailed,
    domain/concurrency.py), and the contact and the events stay as they were."""
    seller = fake.staff("salesperson")
    contact, _, _ = await created(fake, seller)
    await update_contact(fake.as_uow(), seller, contact.id, ContactChanges(city="Lisbon"), 1)
    audits, events = len(fake.audit.events), len(fake.changes.events)

    with pytest.raises(PreconditionFailed):
        await update_contact(fake.as_uow(), seller, contact.id, ContactChanges(city="Faro"), 1)

    stored = fake.contacts.stored(contact.id)
    assert (stored.city, stored.version) == ("Lisbon", 2)
    assert (len(fake.audit.events), len(fake.changes.events)) == (audits, events)


async def test_an_update_that_loses_a_race_is_a_lost_update_recording_nothing(
    fake: FakeUnitOfWork, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When another write commits between reading the contact and writing it, the
    compare-and-set write refuses (LostUpdate), and no event speaks of the lost change."""
    seller = fake.staff("salesperson")
    contact, audits, events = await created(fake, seller)
    read = fake.contacts.get

    async def read_then_race(contact_id: UUID, visible_to: Principal | None = None) -> Any:
        found = await read(contact_id, visible_to)
        fake.contacts.write_concurrently(contact_id)
        return found

    monkeypatch.setattr(fake.contacts, "get", read_then_race)
    with pytest.raises(LostUpdate):
        await update_contact(fake.as_uow(), seller, contact.id, ContactChanges(city="Faro"), None)

    assert fake.contacts.stored(contact.id).city is None
    assert (len(fake.audit.events), len(fake.changes.events)) == (audits, events)


async def test_an_update_that_changes_nothing_records_nothing(fake: FakeUnitOfWork) -> None:
    """Sending the values the contact has (tags in another case, names with spaces
    around: equal once cleaned) keeps its version and adds no audit or change event."""
    seller = fake.staff("salesperson")
    contact, audits, events = await created(fake, seller, last_name="Lopez", tags=("vip",))

    same = await update_contact(
        fake.as_uow(),
        seller,
        contact.id,
        ContactChanges(first_name=" Maria ", last_name="Lopez", tags=("VIP",)),
        1,
    )

    assert same.version == 1
    assert fake.contacts.stored(contact.id).version == 1
    assert (len(fake.audit.events), len(fake.changes.events)) == (audits, events)


async def test_someone_else_s_contact_outside_own_scope_is_not_found(
    fake: FakeUnitOfWork,
) -> None:
    """A role that reads and writes only its own contacts does not learn another's
    contact exists: changing it is 404, and it stays unchanged."""
    owner = fake.staff("owner")
    contact, audits, events = await created(fake, owner)
    loner = fake.staff("own_scope")

    with pytest.raises(NotFound):
        await update_contact(fake.as_uow(), loner, contact.id, ContactChanges(city="Faro"), None)

    assert fake.contacts.stored(contact.id).city is None
    assert (len(fake.audit.events), len(fake.changes.events)) == (audits, events)


async def test_someone_else_s_contact_read_but_not_written_is_forbidden(
    fake: FakeUnitOfWork,
) -> None:
    """A salesperson reads the whole directory but changes only their own contacts:
    changing a colleague's is 403, and it stays unchanged."""
    colleague = fake.staff("salesperson", TEAM)
    contact, audits, events = await created(fake, colleague)
    seller = fake.staff("salesperson", TEAM)

    with pytest.raises(PermissionDenied):
        await update_contact(fake.as_uow(), seller, contact.id, ContactChanges(city="Faro"), None)

    assert fake.contacts.stored(contact.id).city is None
    assert (len(fake.audit.events), len(fake.changes.events)) == (audits, events)


async def test_an_archived_contact_is_not_changed_until_restored(fake: FakeUnitOfWork) -> None:
    """Archiving records contact.archived, a tombstone (its state has `archived_at`);
    an update of the archived contact is then a conflict (409, not a lost update), and
    after restoring it the same update goes through."""
    seller = fake.staff("salesperson")
    contact, _, events = await created(fake, seller)

    archived = await set_contact_archived(fake.as_uow(), seller, contact.id, True, 1)
    [event] = fake.changes.events[events:]
    assert (event.type, event.version) == ("contact.archived", 2)
    assert event.state["archived_at"] is not None

    with pytest.raises(Conflict) as refused:
        await update_contact(fake.as_uow(), seller, contact.id, ContactChanges(city="Faro"), None)
    assert not isinstance(refused.value, LostUpdate)
    assert fake.contacts.stored(contact.id).version == archived.version == 2

    await set_contact_archived(fake.as_uow(), seller, contact.id, False, 2)
    changed = await update_contact(
        fake.as_uow(), seller, contact.id, ContactChanges(city="Faro"), 3
    )
    assert (changed.city, changed.version) == ("Faro", 4)
    assert [e.type for e in fake.changes.events[events:]] == [
        "contact.archived",
        "contact.restored",
        "contact.updated",
    ]
