"""Records to rows and back (persistence/mapping.py): by field name, converted by the
field's type, leaving alone the columns other writes keep."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any

from domain.access.users import User
from domain.contacts.contacts import Contact, ContactEmail, ContactSource, LifecycleStage
from domain.funnel.deals import Deal, DealStatus
from persistence.contacts import CONTACT_ROWS
from persistence.deals import DEAL_ROWS
from persistence.mapping import RowMapping
from persistence.users import USER_ROWS
from tests.domain.fakes import role_named

NOW = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)


def stored(mapping: RowMapping[Any], record: Any, **columns: Any) -> SimpleNamespace:
    """The row a first write of `record` leaves, with the columns other writes keep."""
    return SimpleNamespace(**mapping.new_row_values(record), **columns)


def test_a_deal_comes_back_from_its_row_as_it_went_in() -> None:
    """The enum goes in as its value and comes back as the enum; lists and mappings come
    back as copies, so changing the record never changes the row it was read from."""
    deal = Deal(
        title="Fleet renewal",
        pipeline_id=uuid.uuid4(),
        stage_id=uuid.uuid4(),
        owner_id=uuid.uuid4(),
        team_id=None,
        status=DealStatus.WON,
        tags=["fleet"],
        custom_fields={"segment": "smb"},
        won_at=NOW,
    )
    row = stored(DEAL_ROWS, deal, entered_stage_ids="")
    assert (row.status, row.sort_title) == ("won", "fleet renewal")

    read = DEAL_ROWS.record_of(row)

    assert read == deal
    read.tags.append("renewal")
    read.custom_fields["segment"] = "enterprise"
    assert (row.tags, row.custom_fields) == (["fleet"], {"segment": "smb"})


def test_a_contact_takes_the_fields_kept_in_other_tables_as_given() -> None:
    """E-mails live in a table of their own: the repository reads them and gives them;
    an optional enum left empty stays None."""
    contact = Contact(
        first_name="Ada",
        last_name="King",
        owner_id=uuid.uuid4(),
        team_id=None,
        source=None,
        lifecycle_stage=LifecycleStage.PROSPECT,
    )
    row = stored(
        CONTACT_ROWS,
        contact,
        interaction_count=0,
        last_interaction_at=None,
        next_interaction_at=None,
    )
    emails = [ContactEmail("ada@example.com", True)]

    read = CONTACT_ROWS.record_of(row, emails=emails, phones=[])

    assert (read.source, read.lifecycle_stage, read.emails) == (
        None,
        LifecycleStage.PROSPECT,
        emails,
    )
    with_source = CONTACT_ROWS.record_of(
        SimpleNamespace(**{**vars(row), "source": "referral"}), emails=[], phones=[]
    )
    assert with_source.source is ContactSource.REFERRAL


def test_a_records_writes_leave_alone_what_other_writes_keep() -> None:
    """A user's write never sets the security version (the statements that end sessions
    raise it: an older copy written back would bring ended sessions back), and a
    contact's write never sets the engagement copies the interactions keep; neither sets
    the id, the creation time or the version, which the versioned update owns."""
    user = User(
        email="ada@example.com",
        full_name="Ada King",
        role=role_named("owner"),
        team_id=None,
        password_hash="x",
        security_version=7,
    )
    contact = Contact(first_name="Ada", owner_id=uuid.uuid4(), team_id=None)

    user_columns, contact_columns = USER_ROWS.values(user), CONTACT_ROWS.values(contact)

    assert "security_version" not in user_columns
    assert user_columns["role_id"] == user.role.id
    assert not {"interaction_count", "last_interaction_at", "next_interaction_at"} & set(
        contact_columns
    )
    assert not {"id", "created_at", "version"} & (set(user_columns) | set(contact_columns))
