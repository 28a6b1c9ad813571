"""Records to rows and back (persistence/mapping.py): by field name, converted by the
field's type or by the field's own converter, leaving alone the columns other writes
keep and, on an update, those set with the first row only."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any

import pytest

from domain.access.roles import Role
from domain.access.users import User
from domain.audit import AuditAction, AuditEvent, FieldChange
from domain.contacts.contacts import Contact, ContactEmail, ContactSource, LifecycleStage
from domain.contacts.custom_fields import CustomEntity, CustomFieldDefinition, FieldType
from domain.funnel.deals import Deal, DealStatus
from domain.funnel.pipelines import Stage
from persistence.audit import AUDIT_ROWS
from persistence.contacts import CONTACT_ROWS
from persistence.custom_fields import CUSTOM_FIELD_ROWS
from persistence.deals import DEAL_ROWS
from persistence.mapping import Converter, RowMapping
from persistence.pipelines import STAGE_ROWS
from persistence.roles import ROLE_ROWS
from persistence.user_rows import RoleRow
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


def test_a_role_keeps_its_access_as_a_document_and_its_grants_under_their_column() -> None:
    """The access matrix is stored as its JSON document and the grants as the sorted
    `permissions` column, each through its converter; a permission stored by an older
    code base that this one no longer knows is dropped on reading."""
    role = role_named("manager")
    row = stored(ROLE_ROWS, role)
    assert row.access == role.access.as_dict()
    assert row.permissions == sorted(p.value for p in role.grants)
    assert not hasattr(row, "grants")

    assert ROLE_ROWS.record_of(row) == role
    row.permissions = [*row.permissions, "faxes:send"]
    assert ROLE_ROWS.record_of(row).grants == role.grants


def test_columns_set_once_go_into_the_first_row_only() -> None:
    """A template's key, a definition's entity, key and type, a stage's pipeline: the
    first row takes them (enums as their values), an update never sets them."""
    definition = CustomFieldDefinition(
        entity=CustomEntity.DEAL,
        key="segment",
        label="Segment",
        type=FieldType.SINGLE_CHOICE,
        choices=["smb", "enterprise"],
    )
    stage = Stage("Qualified", 1, 25, pipeline_id=uuid.uuid4())

    first = CUSTOM_FIELD_ROWS.new_row_values(definition)

    assert (first["entity"], first["key"], first["type"]) == ("deal", "segment", "single_choice")
    assert type(first["type"]) is str
    assert not {"entity", "key", "type"} & set(CUSTOM_FIELD_ROWS.values(definition))
    assert "template_key" not in ROLE_ROWS.values(role_named("manager"))
    assert STAGE_ROWS.new_row_values(stage)["pipeline_id"] == stage.pipeline_id
    assert "pipeline_id" not in STAGE_ROWS.values(stage)
    assert CUSTOM_FIELD_ROWS.record_of(SimpleNamespace(**first)) == definition


def test_an_audit_event_stores_its_changes_as_a_document_and_no_details_as_null() -> None:
    """Changes go in as `{field: {before, after}}` and come back as FieldChanges; an
    event that was given no details stores NULL and reads back as empty details."""
    event = AuditEvent(
        entity_type="deal",
        entity_id=uuid.uuid4(),
        action=AuditAction.UPDATED,
        actor_id=None,
        changes={"title": FieldChange("Fleet", "Fleet renewal")},
    )
    row = stored(AUDIT_ROWS, event)
    assert (row.action, row.details) == ("updated", None)
    assert row.changes == {"title": {"before": "Fleet", "after": "Fleet renewal"}}

    assert AUDIT_ROWS.record_of(row) == event


def test_a_field_or_column_named_wrong_fails_when_the_table_is_mapped() -> None:
    """A converter for no field, or a column no table has, is an error at import rather
    than a field that no write ever sets."""
    with pytest.raises(ValueError, match="grant"):
        RowMapping(Role, RoleRow.__table__, converters={"grant": Converter(read=list, write=list)})
    with pytest.raises(ValueError, match="template"):
        RowMapping(Role, RoleRow.__table__, set_once=frozenset({"template"}))
