"""The owned-record core (domain/records.py, `OwnedKind`) on the in-memory unit of work:
every owned kind reads, refuses and records alike, through its own use cases' names."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import pytest

from domain.access.principal import Principal
from domain.contacts.companies import COMPANIES, CompanyChanges, create_company
from domain.contacts.contacts import CONTACTS, ContactChanges, ContactOrigin, create_contact
from domain.errors import NotFound, PermissionDenied, PreconditionFailed
from domain.funnel.deals import DEALS, NewDeal, create_deal
from domain.interactions.requests import REQUESTS, NewRequest, RequestChannel, register_request
from domain.records import OwnedKind, OwnedRecord
from tests.domain.fakes import FakeUnitOfWork


@pytest.fixture
def fake() -> FakeUnitOfWork:
    return FakeUnitOfWork()


async def _contact(fake: FakeUnitOfWork, principal: Principal) -> Any:
    changes = ContactChanges(first_name="Maria")
    return await create_contact(fake.as_uow(), principal, changes, ContactOrigin.MANUAL)


async def _company(fake: FakeUnitOfWork, principal: Principal) -> Any:
    return await create_company(fake.as_uow(), principal, CompanyChanges(name="Acme"))


async def _deal(fake: FakeUnitOfWork, principal: Principal) -> Any:
    return await create_deal(fake.as_uow(), principal, NewDeal(title="Fleet"))


async def _request(fake: FakeUnitOfWork, principal: Principal) -> Any:
    contact = await _contact(fake, principal)
    new = NewRequest(contact_id=contact.id, channel=RequestChannel.EMAIL, subject="Invoice")
    return await register_request(fake.as_uow(), principal, new)


@dataclass(frozen=True)
class Kind:
    of: OwnedKind[Any]
    make: Callable[[FakeUnitOfWork, Principal], Awaitable[Any]]
    # A field every kind has a text of its own in, and a new value for it.
    field: str


KINDS = [
    Kind(CONTACTS, _contact, "first_name"),
    Kind(COMPANIES, _company, "name"),
    Kind(DEALS, _deal, "title"),
    Kind(REQUESTS, _request, "subject"),
]
IDS = [k.of.entity for k in KINDS]


def renamed(kind: Kind, value: str) -> Callable[[OwnedRecord], Awaitable[None]]:
    async def change(record: OwnedRecord) -> None:
        setattr(record, kind.field, value)

    return change


@pytest.mark.parametrize("kind", KINDS, ids=IDS)
async def test_a_record_outside_the_callers_sight_is_not_found_by_its_name(
    fake: FakeUnitOfWork, kind: Kind
) -> None:
    """Someone who reads only their own records neither reads nor changes another's:
    404 naming the kind, the same as for a record that does not exist."""
    record = await kind.make(fake, fake.staff("owner"))
    loner = fake.staff("own_scope")

    with pytest.raises(NotFound) as missing:
        await kind.of.get(fake.as_uow(), loner, record.id)
    assert str(missing.value) == f"{kind.of.name} not found."
    with pytest.raises(NotFound):
        await kind.of.update(fake.as_uow(), loner, record.id, None, renamed(kind, "Other"))


@pytest.mark.parametrize("kind", KINDS, ids=IDS)
async def test_a_record_read_but_not_written_is_forbidden_and_stays(
    fake: FakeUnitOfWork, kind: Kind
) -> None:
    """Someone who reads every record but writes their own gets 403 changing another's,
    and nothing is stored or recorded."""
    record = await kind.make(fake, fake.staff("owner"))
    reader = fake.staff("read_all_write_own")
    events = len(fake.changes.events)

    assert (await kind.of.get(fake.as_uow(), reader, record.id)).id == record.id
    with pytest.raises(PermissionDenied):
        await kind.of.update(fake.as_uow(), reader, record.id, None, renamed(kind, "Other"))

    stored = await kind.of.get(fake.as_uow(), fake.staff("owner"), record.id)
    assert getattr(stored, kind.field) == getattr(record, kind.field)
    assert len(fake.changes.events) == events


@pytest.mark.parametrize("kind", KINDS, ids=IDS)
async def test_an_update_checks_the_version_and_records_only_a_real_change(
    fake: FakeUnitOfWork, kind: Kind
) -> None:
    """An update based on another version is refused (412); one that changes nothing
    stores and records nothing; a real change is stored at the next version with one
    audit event and one `<kind>.updated` change event."""
    owner = fake.staff("owner")
    record = await kind.make(fake, owner)
    version = record.version
    audits, events = len(fake.audit.events), len(fake.changes.events)

    with pytest.raises(PreconditionFailed):
        await kind.of.update(fake.as_uow(), owner, record.id, version + 1, renamed(kind, "New"))
    same = await kind.of.update(
        fake.as_uow(), owner, record.id, version, renamed(kind, getattr(record, kind.field))
    )
    assert same.version == version
    assert (len(fake.audit.events), len(fake.changes.events)) == (audits, events)

    changed = await kind.of.update(fake.as_uow(), owner, record.id, version, renamed(kind, "New"))

    assert (getattr(changed, kind.field), changed.version) == ("New", version + 1)
    assert len(fake.audit.events) == audits + 1
    [event] = fake.changes.events[events:]
    assert (event.type, event.version) == (f"{kind.of.entity}.updated", version + 1)
