"""Contacts table, its e-mail and phone tables, and the repository."""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import AsyncGenerator, Collection, Mapping, Sequence
from datetime import datetime
from functools import cache
from typing import Any, ClassVar, cast

from sqlalchemy import (
    JSON,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    delete,
    false,
    func,
    insert,
    literal,
    null,
    or_,
    select,
    text,
    type_coerce,
    union_all,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute, Mapped, mapped_column, relationship, selectinload

from domain.access.levels import RecordKind
from domain.access.principal import Principal
from domain.contacts.contact_export import AT, EXPORT_FIELDS
from domain.contacts.contacts import (
    Contact,
    ContactEmail,
    ContactFilter,
    ContactName,
    ContactPhone,
    DuplicateCandidate,
)
from domain.pagination import Page, PageRequest
from persistence.base import POSTGRESQL_ONLY, Base, JSONDocument, dialect_of, read
from persistence.companies import CompanyRow
from persistence.external_ids import SqlExternalIdRepository, pairs_column, pairs_of
from persistence.mapping import RowMapping
from persistence.pagination import Search, fetch_keyed_page, fetch_templated_page
from persistence.records import (
    RECORD_FILTER_VALUES,
    Matching,
    apply_record_filter,
    is_single_word,
    remember_search_words,
    search_page,
    template_shape,
    template_values,
    with_template_values,
)
from persistence.responsibility import responsible_for_contact
from persistence.scope import readable, readable_branches
from persistence.templates import (
    Templates,
    principal_shape,
    principal_values,
    with_principal_values,
)
from persistence.user_rows import TeamRow, UserRow
from persistence.versioned import versioned_update


class ContactEmailRow(Base):
    __tablename__ = "contact_emails"

    contact_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(320), index=True)
    is_primary: Mapped[bool] = mapped_column(Boolean)


class ContactPhoneRow(Base):
    __tablename__ = "contact_phones"

    contact_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    phone: Mapped[str] = mapped_column(String(32), index=True)
    is_primary: Mapped[bool] = mapped_column(Boolean)


# What the lists' common filters read besides the sort (and the scope's owner and team).
LIST_FILTER_COLUMNS = ("owner_id", "team_id", "lifecycle_stage", "country", "city")


class ContactRow(Base):
    __tablename__ = "contacts"
    __table_args__ = (
        Index("ix_contacts_sort_name_id", "sort_name", "id"),
        Index("ix_contacts_created_at_id", "created_at", "id"),
        # The live list in its default order, for everyone, an owner and a team: partial
        # (archived contacts are not in it), and carrying the columns the common filters
        # read, so a filtered page is found in the index alone (PostgreSQL).
        *(
            Index(
                f"ix_contacts_live_{'_'.join(key)}",
                *key,
                postgresql_include=[c for c in LIST_FILTER_COLUMNS if c not in key],
                postgresql_where=text("archived_at IS NULL"),
                sqlite_where=text("archived_at IS NULL"),
            )
            for key in (
                ("updated_at", "id"),
                ("owner_id", "updated_at", "id"),
                ("team_id", "updated_at", "id"),
            )
        ),
        Index(
            "ix_contacts_archived_updated_at_id",
            "updated_at",
            "id",
            postgresql_where=text("archived_at IS NOT NULL"),
            sqlite_where=text("archived_at IS NOT NULL"),
        ),
        Index("ix_contacts_company_id_updated_at", "company_id", "updated_at", "id"),
        Index(
            "ix_contacts_search_text_trgm",
            "search_text",
            postgresql_using="gin",
            postgresql_ops={"search_text": "gin_trgm_ops"},
            info=POSTGRESQL_ONLY,
        ),
        Index("ix_contacts_tags", "tags", postgresql_using="gin", info=POSTGRESQL_ONLY),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    first_name: Mapped[str] = mapped_column(String(200))
    last_name: Mapped[str] = mapped_column(String(200))
    sort_name: Mapped[str] = mapped_column(String(401))
    title: Mapped[str | None] = mapped_column(String(200))
    company_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey(CompanyRow.id, ondelete="SET NULL")
    )
    company_name: Mapped[str | None] = mapped_column(String(300))
    country: Mapped[str | None] = mapped_column(String(2), index=True)
    city: Mapped[str | None] = mapped_column(String(200))
    source: Mapped[str | None] = mapped_column(String(20))
    lifecycle_stage: Mapped[str] = mapped_column(String(20), index=True)
    tags: Mapped[list[str]] = mapped_column(JSONDocument)
    custom_fields: Mapped[dict[str, Any]] = mapped_column(JSONDocument)
    marketing_consent: Mapped[bool] = mapped_column(Boolean)
    marketing_consent_at: Mapped[datetime | None]
    processing_consent: Mapped[bool] = mapped_column(Boolean)
    processing_consent_at: Mapped[datetime | None]
    search_text: Mapped[str] = mapped_column(Text)
    # Engagement, kept current by every interaction write (persistence/interactions.py).
    last_interaction_at: Mapped[datetime | None]
    next_interaction_at: Mapped[datetime | None]
    interaction_count: Mapped[int] = mapped_column(Integer, default=0)
    owner_id: Mapped[uuid.UUID] = mapped_column(ForeignKey(UserRow.id, ondelete="RESTRICT"))
    team_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey(TeamRow.id, ondelete="SET NULL"))
    archived_at: Mapped[datetime | None]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    version: Mapped[int] = mapped_column(Integer, default=1)

    emails: Mapped[list[ContactEmailRow]] = relationship(
        lazy="raise", order_by=ContactEmailRow.position, cascade="all, delete-orphan"
    )
    phones: Mapped[list[ContactPhoneRow]] = relationship(
        lazy="raise", order_by=ContactPhoneRow.position, cascade="all, delete-orphan"
    )


def _search_text(contact: Contact) -> str:
    parts = [
        contact.first_name,
        contact.last_name,
        *(e.email for e in contact.emails),
        # Digits only as well, so "+49 30 1234" and "4930 1234" both find "+49301234...".
        *(p.phone for p in contact.phones),
        *(p.phone.lstrip("+") for p in contact.phones),
        contact.company_name,
    ]
    return " ".join(p for p in parts if p).lower()


def _derived(contact: Contact) -> dict[str, Any]:
    return {
        "sort_name": f"{contact.last_name} {contact.first_name}".strip().lower(),
        "search_text": _search_text(contact),
    }


CONTACT_ROWS = RowMapping(
    Contact,
    ContactRow.__table__,
    # The engagement copies are the interactions' to keep (refresh_engagement).
    kept_elsewhere=frozenset({"interaction_count", "last_interaction_at", "next_interaction_at"}),
    derived=_derived,
)


def contact_to_domain(row: ContactRow) -> Contact:
    """A contact from its ORM row, with the e-mails and phones loaded with it."""
    return CONTACT_ROWS.record_of(
        row,
        emails=[ContactEmail(e.email, e.is_primary) for e in row.emails],
        phones=[ContactPhone(p.phone, p.is_primary) for p in row.phones],
    )


@cache
def _contact_columns(dialect: str) -> tuple[Any, ...]:
    """What a contact's row is read with: its table's columns, its e-mails and phones,
    each aggregated into a JSON array of [position, value, primary], and its external ids
    as [source, id] pairs, in the same statement (a query for each was a round trip and a
    tenth of a list's time). Built once."""
    array = func.json_build_array if dialect == "postgresql" else func.json_array
    collect = func.json_agg if dialect == "postgresql" else func.json_group_array

    def aggregated(table: Any, value: Any, label: str) -> Any:
        item = array(table.position, value, table.is_primary)
        return type_coerce(
            select(collect(item)).where(table.contact_id == ContactRow.id).scalar_subquery(),
            JSON,
        ).label(label)

    return (
        ContactRow.__table__,
        aggregated(ContactEmailRow, ContactEmailRow.email, "emails_json"),
        aggregated(ContactPhoneRow, ContactPhoneRow.phone, "phones_json"),
        pairs_column(RecordKind.CONTACTS, ContactRow.id, dialect),
    )


@cache
def _export_columns(dialect: str, custom_fields: bool) -> tuple[Any, ...]:
    """What an exported contact is read as: `EXPORT_FIELDS`, in that order. On
    PostgreSQL the e-mails besides the primary one, the phones and the tags come as
    arrays of text (nothing to decode per row: JSON cost 1.5 us a value); SQLite has no
    arrays: there they come as the JSON aggregates of `_contact_columns`, ordered in
    Python (`_sqlite_export_row`). Without `custom_fields` they are not read (None)."""
    emails, phones = ContactEmailRow, ContactPhoneRow
    primary = (
        select(emails.email)
        .where(emails.contact_id == ContactRow.id, emails.is_primary)
        .order_by(emails.position)
        .limit(1)
        .scalar_subquery()
    )
    if dialect == "postgresql":
        others = func.array(
            select(emails.email)
            .where(emails.contact_id == ContactRow.id, ~emails.is_primary)
            .order_by(emails.position)
            .scalar_subquery()
        )
        numbers = func.array(
            select(phones.phone)
            .where(phones.contact_id == ContactRow.id)
            .order_by(phones.position)
            .scalar_subquery()
        )
        tag = (
            func.jsonb_array_elements_text(ContactRow.tags)
            .table_valued("value", with_ordinality="position")
            .render_derived(name="tag")
        )
        tags: Any = func.array(select(tag.c.value).order_by(tag.c.position).scalar_subquery())
    else:
        _, others, numbers, _external_ids = _contact_columns(dialect)
        tags = ContactRow.tags
    contact = ContactRow.__table__.c
    columns = {
        **{name: contact[name] for name in EXPORT_FIELDS if name in contact},
        "email": primary,
        "other_emails": others,
        "phones": numbers,
        "tags": tags,
        "custom_fields": contact.custom_fields if custom_fields else null(),
    }
    return tuple(columns[name].label(name) for name in EXPORT_FIELDS)


_OTHER_EMAILS, _PHONES = AT["other_emails"], AT["phones"]


def _sqlite_export_row(row: Sequence[Any]) -> list[Any]:
    """An export row from SQLite's JSON aggregates: the other e-mails and the phones in
    their order."""
    values = list(row)
    values[_OTHER_EMAILS] = [e for e, primary in _in_order(values[_OTHER_EMAILS]) if not primary]
    values[_PHONES] = [p for p, _ in _in_order(values[_PHONES])]
    return values


def _in_order(aggregated: list[list[Any]] | None) -> list[tuple[str, bool]]:
    """(value, primary) from an aggregate of [position, value, primary], by position."""
    return [(value, bool(primary)) for _, value, primary in sorted(aggregated or [])]


_FILTER_VALUES = (*RECORD_FILTER_VALUES, "company_id")
_TEMPLATES = Templates()


def _holding(emails: Sequence[str], phones: Sequence[str]) -> Any:
    """(contact_id, is_email, value) of every contact holding one of these e-mails or
    phones, each looked up along its own index; None when there are none to look up."""
    hits: list[Any] = []
    if emails:
        hits.append(
            select(
                ContactEmailRow.contact_id,
                literal(True).label("is_email"),
                ContactEmailRow.email.label("value"),
            ).where(ContactEmailRow.email.in_(emails))
        )
    if phones:
        hits.append(
            select(
                ContactPhoneRow.contact_id,
                literal(False).label("is_email"),
                ContactPhoneRow.phone.label("value"),
            ).where(ContactPhoneRow.phone.in_(phones))
        )
    if not hits:
        return None
    combined: Any = union_all(*hits) if len(hits) > 1 else hits[0]
    return combined.subquery()


# Whoever is responsible for work about a record reads it (persistence/responsibility.py).
IN_CHARGE = responsible_for_contact(ContactRow.id)


class SqlContactRepository:
    sorts: ClassVar[dict[str, InstrumentedAttribute[Any]]] = {
        "name": ContactRow.sort_name,
        "created_at": ContactRow.created_at,
        "updated_at": ContactRow.updated_at,
    }

    def __init__(self, session: AsyncSession, external_ids: SqlExternalIdRepository) -> None:
        self.session = session
        # Told the external ids each contact's row comes with (_contacts_of).
        self.external_ids = external_ids

    def _select(self) -> Any:
        return select(ContactRow).options(
            selectinload(ContactRow.emails), selectinload(ContactRow.phones)
        )

    async def get(
        self, contact_id: uuid.UUID, visible_to: Principal | None = None
    ) -> Contact | None:
        statement = select(*_contact_columns(dialect_of(self.session))).where(
            ContactRow.id == contact_id
        )
        if visible_to is not None:
            statement = readable(
                statement,
                visible_to,
                RecordKind.CONTACTS,
                ContactRow.owner_id,
                ContactRow.team_id,
                involved=IN_CHARGE,
            )
        row = (await self.session.execute(statement)).first()
        return (await self._contacts_of([row]))[0] if row else None

    async def names(
        self, contact_ids: Collection[uuid.UUID], principal: Principal
    ) -> dict[uuid.UUID, ContactName]:
        if not contact_ids:
            return {}
        # readable() is typed for selects of one column
        named: Any = select(
            ContactRow.id, ContactRow.first_name, ContactRow.last_name, ContactRow.company_id
        )
        statement = readable(
            named.where(ContactRow.id.in_(list(contact_ids))),
            principal,
            RecordKind.CONTACTS,
            ContactRow.owner_id,
            ContactRow.team_id,
            involved=IN_CHARGE,
        )
        return {
            row.id: ContactName(
                " ".join(part for part in (row.first_name, row.last_name) if part),
                row.company_id,
            )
            for row in await self.session.execute(statement)
        }

    async def is_visible(self, contact_id: uuid.UUID, principal: Principal) -> bool:
        # Asked before every read about a contact (its timeline, say): built once per
        # role, as building it cost more than the database's answer.
        values = {"contact_id": contact_id, **principal_values(principal)}

        def build(given: Mapping[str, Any]) -> Any:
            return readable(
                select(ContactRow.id).where(ContactRow.id == given["contact_id"]),
                with_principal_values(principal, given),
                RecordKind.CONTACTS,
                ContactRow.owner_id,
                ContactRow.team_id,
                involved=IN_CHARGE,
            )

        shape = ("contact visible", dialect_of(self.session), principal_shape(principal))
        template = _TEMPLATES.get(shape, values, build)
        found = await read(self.session, template.statement, template.params(values))
        return found.first() is not None

    def _selection(
        self, principal: Principal, filters: ContactFilter
    ) -> tuple[Any, list[Any] | None]:
        """The ids of the contacts `filters` select (search aside), and the branches of the
        principal's scope."""
        statement = apply_record_filter(self.session, select(ContactRow.id), ContactRow, filters)
        if filters.company_id is not None:
            statement = statement.where(ContactRow.company_id == filters.company_id)
        if filters.lifecycle_stage is not None:
            statement = statement.where(ContactRow.lifecycle_stage == filters.lifecycle_stage.value)
        return statement, readable_branches(
            principal,
            RecordKind.CONTACTS,
            ContactRow.owner_id,
            ContactRow.team_id,
        )

    async def find_page(
        self, principal: Principal, filters: ContactFilter, page: PageRequest
    ) -> Page[Contact]:
        if not filters.q:
            values = template_values(principal, filters, _FILTER_VALUES)

            def selection(given: Mapping[str, Any]) -> tuple[Any, list[Any] | None]:
                return self._selection(
                    *with_template_values(principal, filters, given, _FILTER_VALUES)
                )

            return await fetch_templated_page(
                self.session,
                (
                    "contacts",
                    template_shape(self.session, principal, filters, values, _FILTER_VALUES),
                ),
                values,
                selection,
                ContactRow.id,
                self.sorts,
                page,
                _contact_columns(dialect_of(self.session)),
                self._contacts_of,
            )
        statement, branches = self._selection(principal, filters)

        async def fetch(matching: Matching) -> Page[Contact]:
            # Within a scope, a single word (perhaps a common name) is looked for among the
            # scope's recent rows first (see Search); a longer query is rarer, and the
            # trigram index finds it.
            recent_first = branches is not None and is_single_word(filters.q)
            return await fetch_keyed_page(
                self.session,
                statement,
                ContactRow.id,
                self.sorts,
                page,
                _contact_columns(dialect_of(self.session)),
                self._contacts_of,
                branches,
                Search(matching, ContactRow.search_text, recent_first),
            )

        async def exists_where(matching: Matching) -> bool:
            scoped = statement.where(matching(ContactRow.search_text))
            if branches is not None:
                scoped = scoped.where(or_(*branches))
            return bool(await self.session.scalar(select(scoped.exists())))

        return await search_page(self.session, filters.q, page, fetch, exists_where)

    async def export_rows(
        self, principal: Principal, filters: ContactFilter, batch: int, custom_fields: bool = True
    ) -> AsyncGenerator[Sequence[Sequence[Any]], None]:
        # One statement, read through a server-side cursor `batch` rows at a time: pages
        # by keyset cost a statement (planned anew, its scope's branches merged) per
        # thousand rows. The scope is one OR here, planned for the whole file: the
        # table in name order for everyone's contacts, the scope's indexes (a BitmapOr)
        # and a sort for a team's or one's own. The next batch is asked for while the
        # caller writes this one out (the database works on the other core meanwhile).
        dialect = dialect_of(self.session)
        statement, branches = self._selection(principal, filters)
        statement = statement.with_only_columns(*_export_columns(dialect, custom_fields))
        if branches is not None:
            statement = statement.where(or_(false(), *branches))
        statement = statement.order_by(ContactRow.sort_name, ContactRow.id)
        connection = await self.session.connection()
        result = await connection.stream(statement, execution_options={"yield_per": batch})
        following: asyncio.Task[Sequence[Any]] | None = None
        try:
            rows: Sequence[Any] = await result.fetchmany(batch)
            while rows:
                following = asyncio.create_task(result.fetchmany(batch))
                yield rows if dialect == "postgresql" else [_sqlite_export_row(r) for r in rows]
                rows = await following
                following = None
        finally:
            if following is not None:
                # Broken off: the fetch must end before the cursor and the connection do.
                following.cancel()
                with contextlib.suppress(BaseException):
                    await following
            await result.close()

    async def _contacts_of(self, rows: Sequence[Any]) -> list[Contact]:
        """Contacts from rows read with _contact_columns; their external ids are told to
        the unit of work's external ids, which shows them without a query of its own."""
        self.external_ids.remember(
            RecordKind.CONTACTS,
            {row.id: pairs_of(row.external_ids_json) for row in rows},
        )
        return CONTACT_ROWS.records_of(
            rows,
            emails=lambda row: [ContactEmail(v, p) for v, p in _in_order(row.emails_json)],
            phones=lambda row: [ContactPhone(v, p) for v, p in _in_order(row.phones_json)],
        )

    async def _write_children(self, contact: Contact, *, replacing: bool) -> None:
        """E-mails and phones are few per contact: replaced as a whole on every update. A
        new contact has none to delete: two round trips every create saves."""
        if replacing:
            await self.session.execute(
                delete(ContactEmailRow).where(ContactEmailRow.contact_id == contact.id)
            )
            await self.session.execute(
                delete(ContactPhoneRow).where(ContactPhoneRow.contact_id == contact.id)
            )
        self.session.add_all(
            [
                ContactEmailRow(
                    contact_id=contact.id, position=i, email=e.email, is_primary=e.primary
                )
                for i, e in enumerate(contact.emails)
            ]
            + [
                ContactPhoneRow(
                    contact_id=contact.id, position=i, phone=p.phone, is_primary=p.primary
                )
                for i, p in enumerate(contact.phones)
            ]
        )
        await self.session.flush()

    async def add(self, contact: Contact) -> None:
        values = CONTACT_ROWS.new_row_values(contact)
        self.session.add(ContactRow(**values))
        await self.session.flush()
        await self._write_children(contact, replacing=False)
        await remember_search_words(self.session, [values["search_text"]])

    async def add_many(self, contacts: Sequence[Contact]) -> None:
        """New contacts with their e-mails and phones, a statement per table for all of
        them (an import's chunk): `add` costs several round trips per contact."""
        if not contacts:
            return
        values = [CONTACT_ROWS.new_row_values(contact) for contact in contacts]
        await self.session.execute(insert(cast(Table, ContactRow.__table__)), values)
        emails = [
            {"contact_id": c.id, "position": i, "email": e.email, "is_primary": e.primary}
            for c in contacts
            for i, e in enumerate(c.emails)
        ]
        phones = [
            {"contact_id": c.id, "position": i, "phone": p.phone, "is_primary": p.primary}
            for c in contacts
            for i, p in enumerate(c.phones)
        ]
        if emails:
            await self.session.execute(insert(cast(Table, ContactEmailRow.__table__)), emails)
        if phones:
            await self.session.execute(insert(cast(Table, ContactPhoneRow.__table__)), phones)
        await remember_search_words(self.session, [v["search_text"] for v in values])

    async def update(self, contact: Contact, expected_version: int) -> None:
        values = CONTACT_ROWS.values(contact)
        await versioned_update(self.session, ContactRow, contact.id, expected_version, values)
        await self._write_children(contact, replacing=True)
        await remember_search_words(self.session, [values["search_text"]])
        contact.version = expected_version + 1

    async def refresh_company_name(self, company_id: uuid.UUID, name: str) -> None:
        # search_text holds the old name too: rebuilt from the rows' own columns.
        rows = (
            await self.session.scalars(self._select().where(ContactRow.company_id == company_id))
        ).all()
        for row in rows:
            contact = contact_to_domain(row)
            contact.company_name = name
            await self.session.execute(
                update(ContactRow)
                .where(ContactRow.id == row.id)
                .values(company_name=name, search_text=_search_text(contact))
            )
        await remember_search_words(self.session, [name.lower()])

    async def get_many(
        self, contact_ids: Collection[uuid.UUID], visible_to: Principal
    ) -> dict[uuid.UUID, Contact]:
        if not contact_ids:
            return {}
        statement = readable(
            select(*_contact_columns(dialect_of(self.session))).where(
                ContactRow.id.in_(list(contact_ids))
            ),
            visible_to,
            RecordKind.CONTACTS,
            ContactRow.owner_id,
            ContactRow.team_id,
            involved=IN_CHARGE,
        )
        rows = (await self.session.execute(statement)).all()
        return {contact.id: contact for contact in await self._contacts_of(rows)}

    async def duplicate_candidates(self, probe: Contact, limit: int) -> list[DuplicateCandidate]:
        # The whole database on purpose: no scope here (domain/contacts/contact_duplicates.py
        # decides what a caller is shown of each).
        emails = [e.email for e in probe.emails]
        phones = [p.phone for p in probe.phones]
        columns = (
            ContactRow.id,
            ContactRow.owner_id,
            UserRow.full_name.label("owner_name"),
            ContactRow.first_name,
            ContactRow.last_name,
            ContactRow.company_id,
        )
        live = (ContactRow.archived_at.is_(None), ContactRow.id != probe.id)
        found: dict[uuid.UUID, Any] = {}
        shared_emails: dict[uuid.UUID, set[str]] = {}
        shared_phones: dict[uuid.UUID, set[str]] = {}
        shared = _holding(emails, phones)
        if shared is not None:
            statement = (
                select(*columns, shared.c.is_email, shared.c.value)
                .join(shared, shared.c.contact_id == ContactRow.id)
                .join(UserRow, UserRow.id == ContactRow.owner_id)
                .where(*live)
                .limit(limit)
            )
            for row in await self.session.execute(statement):
                found.setdefault(row.id, row)
                into = shared_emails if row.is_email else shared_phones
                into.setdefault(row.id, set()).add(row.value)
        if probe.company_id is not None:
            statement = (
                select(*columns)
                .join(UserRow, UserRow.id == ContactRow.owner_id)
                .where(*live, ContactRow.company_id == probe.company_id)
                .limit(limit)
            )
            for row in await self.session.execute(statement):
                found.setdefault(row.id, row)
        return [
            DuplicateCandidate(
                id=row.id,
                owner_id=row.owner_id,
                owner_name=row.owner_name,
                first_name=row.first_name,
                last_name=row.last_name,
                company_id=row.company_id,
                shared_emails=frozenset(shared_emails.get(row.id, ())),
                shared_phones=frozenset(shared_phones.get(row.id, ())),
            )
            for row in found.values()
        ]

    async def duplicate_candidates_many(
        self, probes: Sequence[Contact], limit: int
    ) -> list[DuplicateCandidate]:
        # `duplicate_candidates` for many probes (not yet stored) in two queries: the live
        # contacts sharing any of their e-mails or phones, and at most `limit` live
        # contacts at each of their companies. Which probe each concerns is the domain's.
        emails = sorted({e.email for probe in probes for e in probe.emails})
        phones = sorted({p.phone for probe in probes for p in probe.phones})
        companies = sorted({p.company_id for p in probes if p.company_id is not None}, key=str)
        columns = (
            ContactRow.id,
            ContactRow.owner_id,
            UserRow.full_name.label("owner_name"),
            ContactRow.first_name,
            ContactRow.last_name,
            ContactRow.company_id,
        )
        found: dict[uuid.UUID, Any] = {}
        shared: dict[tuple[uuid.UUID, bool], set[str]] = {}
        hit = _holding(emails, phones)
        if hit is not None:
            statement = (
                select(*columns, hit.c.is_email, hit.c.value)
                .join(hit, hit.c.contact_id == ContactRow.id)
                .join(UserRow, UserRow.id == ContactRow.owner_id)
                .where(ContactRow.archived_at.is_(None))
            )
            for row in await self.session.execute(statement):
                found.setdefault(row.id, row)
                shared.setdefault((row.id, bool(row.is_email)), set()).add(row.value)
        if companies:
            ranked = (
                select(
                    *columns,
                    func.row_number()
                    .over(partition_by=ContactRow.company_id, order_by=ContactRow.id)
                    .label("rank"),
                )
                .join(UserRow, UserRow.id == ContactRow.owner_id)
                .where(ContactRow.archived_at.is_(None), ContactRow.company_id.in_(companies))
                .subquery()
            )
            statement = select(*(c for c in ranked.c if c.name != "rank")).where(
                ranked.c.rank <= limit
            )
            for row in await self.session.execute(statement):
                found.setdefault(row.id, row)
        return [
            DuplicateCandidate(
                id=row.id,
                owner_id=row.owner_id,
                owner_name=row.owner_name,
                first_name=row.first_name,
                last_name=row.last_name,
                company_id=row.company_id,
                shared_emails=frozenset(shared.get((row.id, True), ())),
                shared_phones=frozenset(shared.get((row.id, False), ())),
            )
            for row in found.values()
        ]

    async def emails_taken(self, emails: Collection[str], principal: Principal) -> set[str]:
        """Those of these e-mails a live contact in scope has: `find_by_email` for many
        at once, when whether is enough."""
        if not emails:
            return set()
        statement = readable(
            select(ContactEmailRow.email).join(
                ContactRow, ContactRow.id == ContactEmailRow.contact_id
            ),
            principal,
            RecordKind.CONTACTS,
            ContactRow.owner_id,
            ContactRow.team_id,
        ).where(ContactRow.archived_at.is_(None), ContactEmailRow.email.in_(sorted(emails)))
        return set((await self.session.scalars(statement)).all())

    async def find_by_email(self, email: str, principal: Principal) -> Contact | None:
        statement = readable(
            self._select(),
            principal,
            RecordKind.CONTACTS,
            ContactRow.owner_id,
            ContactRow.team_id,
        )
        statement = (
            statement.where(
                ContactRow.archived_at.is_(None),
                ContactRow.id.in_(
                    select(ContactEmailRow.contact_id).where(ContactEmailRow.email == email)
                ),
            )
            .order_by(ContactRow.created_at, ContactRow.id)
            .limit(1)
        )
        row = await self.session.scalar(statement)
        return contact_to_domain(row) if row else None

    async def repoint_related(
        self, source_id: uuid.UUID, target_id: uuid.UUID, at: datetime
    ) -> dict[str, list[uuid.UUID]]:
        # Every foreign key to contacts.id, found from the metadata, so a table added later
        # (interactions, deals, ...) is re-pointed without anyone remembering to add it here.
        own = {ContactEmailRow.__tablename__, ContactPhoneRow.__tablename__}
        contacts_id = ContactRow.__table__.c.id
        changed: dict[str, set[uuid.UUID]] = {}
        for table in Base.metadata.sorted_tables:
            if table.name in own:
                continue
            for key in table.foreign_keys:
                if key.column is not contacts_id:
                    continue
                column = key.parent
                statement = (
                    update(table).where(column == source_id).values({column.name: target_id})
                )
                if "version" in table.c:
                    # A record of its own (a deal, a task, ...): a new version, as for any
                    # change, so a stale write cannot put the old contact back.
                    statement = statement.values(version=table.c.version + 1, updated_at=at)
                    result: Any = await self.session.execute(statement.returning(table.c.id))
                    changed.setdefault(table.name, set()).update(result.scalars())
                elif table.name == "interaction_contacts":
                    result = await self.session.execute(statement.returning(table.c.interaction_id))
                    changed.setdefault("interaction_participants", set()).update(result.scalars())
                else:
                    await self.session.execute(statement)
        # An interaction the contact took part in changed too, once. By the table's name:
        # persistence/interactions.py imports this module.
        participants = changed.pop("interaction_participants", set())
        interactions = changed.setdefault("interactions", set())
        if participants - interactions:
            table = Base.metadata.tables["interactions"]
            await self.session.execute(
                update(table)
                .where(table.c.id.in_(sorted(participants - interactions)))
                .values(version=table.c.version + 1, updated_at=at)
            )
            interactions |= participants
        return {name: sorted(ids) for name, ids in changed.items() if ids}
