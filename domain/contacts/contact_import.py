"""Importing contacts from a spreadsheet: the import record, the dedupe rules and the
row-by-row work. Parsing the file and its cells is the API's (the same input rules as
the HTTP API); the job runs outside the request."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol
from uuid import UUID, uuid4

from domain.access.levels import AccessLevel, Action, RecordKind
from domain.access.principal import Principal
from domain.access.roles import Permission, require
from domain.clock import utcnow
from domain.contacts.companies import (
    Company,
    CompanyChanges,
    add_companies,
    create_company,
    prepare_company,
)
from domain.contacts.contacts import (
    ContactChanges,
    ContactEmail,
    ContactOrigin,
    NewContact,
    add_contacts,
    create_contact,
    prepare_contact,
    update_contact,
)
from domain.contacts.custom_fields import CustomEntity, CustomFieldDefinition
from domain.errors import DomainError, NotFound, ValidationFailed
from domain.jobs import Job

if TYPE_CHECKING:
    from domain.uow import UnitOfWork

JOB_KIND = "contact_import"
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_ERRORS_KEPT = 1000
CHUNK = 500


class Dedupe(StrEnum):
    """What a row whose e-mail a live contact already has does."""

    SKIP = "skip"
    UPDATE = "update"
    CREATE = "create"


class OnError(StrEnum):
    """ABORT: one bad row and nothing is imported. SKIP_ROW: bad rows are reported and
    left out, the others imported."""

    ABORT = "abort"
    SKIP_ROW = "skip_row"


class ImportStatus(StrEnum):
    QUEUED = "queued"
    VALIDATING = "validating"
    IMPORTING = "importing"
    DONE = "done"
    FAILED = "failed"


@dataclass(frozen=True)
class RowError:
    row: int
    field: str
    message: str


@dataclass
class ContactImport:
    created_by: UUID
    principal: Principal
    file_name: str
    mapping: dict[str, str]
    dedupe: Dedupe
    on_error: OnError
    status: ImportStatus = ImportStatus.QUEUED
    total_rows: int = 0
    validated_rows: int = 0
    processed_rows: int = 0
    created: int = 0
    updated: int = 0
    skipped: int = 0
    failed: int = 0
    errors: list[RowError] = field(default_factory=list)
    id: UUID = field(default_factory=uuid4)
    created_at: datetime = field(default_factory=utcnow)
    started_at: datetime | None = None
    finished_at: datetime | None = None

    def note_errors(self, errors: list[RowError]) -> None:
        room = MAX_ERRORS_KEPT - len(self.errors)
        self.errors.extend(errors[: max(room, 0)])


def give_up(record: ContactImport, attempts: int, job: UUID | int) -> None:
    """The import failed its last try: it is failed, and its first error says at which
    row it stopped and that the cause is in the server's log (its text is not the user's
    to read: it may name tables and queries)."""
    done = record.processed_rows if record.status is ImportStatus.IMPORTING else 0
    stop = RowError(
        done + 2,
        "file",
        f"the import stopped here after {attempts} tries: a server error"
        f" (job {job} in the server's log)",
    )
    record.errors = [stop, *record.errors][:MAX_ERRORS_KEPT]
    record.status, record.finished_at = ImportStatus.FAILED, utcnow()


class ImportRepository(Protocol):
    async def add(self, record: ContactImport, content: bytes) -> None: ...
    async def get(self, import_id: UUID) -> ContactImport | None: ...
    async def content(self, import_id: UUID) -> bytes: ...
    async def save_progress(self, record: ContactImport) -> None: ...
    async def save_progress_from(
        self, record: ContactImport, validated_rows: int, processed_rows: int
    ) -> bool:
        """Saves the progress when the import stands where the caller last saw it (so
        many rows validated and processed); False, saving nothing, when another run of
        it moved it on meanwhile. Holds the import until the transaction ends."""
        ...


# A row of the file, already read by the API: the contact fields it gives (or why not).
@dataclass(frozen=True)
class ParsedRow:
    number: int
    changes: ContactChanges
    company_name: str | None = None
    errors: tuple[RowError, ...] = ()


UnitOfWorkFactory = Callable[[], AbstractAsyncContextManager["UnitOfWork"]]


def check_may_import(principal: Principal) -> None:
    require(principal, Permission.DATA_IMPORT)
    require(principal, Permission.CONTACTS_WRITE)


async def start_import(
    uow: UnitOfWork, principal: Principal, record: ContactImport, content: bytes
) -> ContactImport:
    """Stores the file and queues the job; the work happens in a worker."""
    check_may_import(principal)
    if len(content) > MAX_FILE_BYTES:
        raise ValidationFailed.on("file", f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
    if not record.mapping:
        raise ValidationFailed.on("mapping", "map at least one column to a contact field")
    await uow.imports.add(record, content)
    await uow.jobs.add(Job(kind=JOB_KIND, payload={"import_id": str(record.id)}))
    return record


async def get_import(uow: UnitOfWork, principal: Principal, import_id: UUID) -> ContactImport:
    """The uploader sees their import; so does anyone with data:import over all records."""
    record = await uow.imports.get(import_id)
    visible = record is not None and (
        record.created_by == principal.user_id
        or (
            principal.has(Permission.DATA_IMPORT)
            and principal.access.level(RecordKind.CONTACTS, Action.WRITE) is AccessLevel.ALL
        )
    )
    if record is None or not visible:
        raise NotFound("Import not found.")
    return record


async def _company_named(
    uow: UnitOfWork, principal: Principal, name: str, made: dict[str, Company]
) -> Company:
    key = name.strip().lower()
    if key not in made:
        found = await uow.companies.find_by_name(name, principal)
        made[key] = found or await create_company(uow, principal, CompanyChanges(name=name))
    return made[key]


async def _apply_row(
    uow: UnitOfWork,
    principal: Principal,
    record: ContactImport,
    row: ParsedRow,
    companies: dict[str, Company],
) -> str:
    """Creates, updates or skips the row's contact, alone; returns which. The way for a
    row that meets a contact (dedupe `update`, or one an earlier row of its chunk wrote
    that the uploader may not see): rows are otherwise written a chunk at a time
    (`_apply_rows`)."""
    given = row.changes
    if row.company_name:
        company = await _company_named(uow, principal, row.company_name, companies)
        given = replace(given, company_id=company.id)
    emails = [e.email.strip().lower() for e in given.emails or ()]
    if record.dedupe is not Dedupe.CREATE and emails:
        existing = await uow.contacts.find_by_email(emails[0], principal)
        if existing is not None:
            if record.dedupe is Dedupe.SKIP:
                return "skipped"
            # The row's e-mails join the existing ones rather than replace them.
            known = {e.email for e in existing.emails}
            joined = (*existing.emails, *(ContactEmail(e) for e in emails if e not in known))
            await update_contact(uow, principal, existing.id, replace(given, emails=joined), None)
            return "updated"
    await create_contact(uow, principal, given, ContactOrigin.IMPORT)
    return "created"


def _errors_of(row: ParsedRow, error: DomainError) -> list[RowError]:
    named = [RowError(row.number, e.field, e.message) for e in error.errors]
    return named or [RowError(row.number, "", error.detail)]


def _first_email(row: ParsedRow) -> str | None:
    emails = row.changes.emails or ()
    return emails[0].email.strip().lower() if emails else None


@dataclass
class _Chunk:
    """What the rows of a chunk share in their transaction, read once for them all."""

    definitions: list[CustomFieldDefinition]
    # Companies by name (trimmed, lower case), found in scope or created meanwhile.
    companies: dict[str, Company]
    # The names (as above) that were looked up together for the chunk: one not among
    # `companies` has none yet.
    looked_up: set[str]
    # The rows' first e-mails that a live contact in scope had before the chunk ran.
    taken: set[str]
    # E-mails the chunk's earlier rows wrote, with the owner of the contact that has
    # them: the uploader (who sees it, so dedupe finds it), or None when unsure (a
    # lead handed round a rotation, a contact updated).
    written: dict[str, UUID | None] = field(default_factory=dict)
    # Companies made for rows not yet written, written with them.
    new_companies: list[Company] = field(default_factory=list)

    def kept(self) -> _Kept:
        return dict(self.companies), dict(self.written), list(self.new_companies)

    def restore(self, kept: _Kept) -> None:
        """Back to where it stood before a row whose savepoint was rolled back: the
        companies and e-mails it wrote are gone, and new companies it wrote for earlier
        rows are to be written again."""
        companies, written, new_companies = kept
        self.companies, self.written = dict(companies), dict(written)
        self.new_companies = list(new_companies)


_Kept = tuple[dict[str, Company], dict[str, UUID | None], list[Company]]


async def _open_chunk(uow: UnitOfWork, record: ContactImport, rows: list[ParsedRow]) -> _Chunk:
    principal = record.principal
    names = [row.company_name for row in rows if row.company_name and not row.errors]
    firsts = set()
    if record.dedupe is not Dedupe.CREATE:
        firsts = {e for row in rows if not row.errors and (e := _first_email(row))}
    return _Chunk(
        definitions=await uow.custom_fields.for_entity(CustomEntity.CONTACT),
        companies=await uow.companies.find_by_names(names, principal),
        looked_up={name.strip().lower() for name in names},
        taken=await uow.contacts.emails_taken(firsts, principal) if firsts else set(),
    )


async def _company_for_row(
    uow: UnitOfWork, principal: Principal, name: str, chunk: _Chunk
) -> Company:
    """The company of that name in scope, or a new one, written with the row."""
    key = name.strip().lower()
    if key not in chunk.companies and key in chunk.looked_up:
        company = await prepare_company(uow, principal, CompanyChanges(name=name))
        chunk.companies[key] = company
        chunk.new_companies.append(company)
    return await _company_named(uow, principal, name, chunk.companies)


async def _prepare_row(
    uow: UnitOfWork, principal: Principal, record: ContactImport, row: ParsedRow, chunk: _Chunk
) -> NewContact | str | None:
    """The row's contact checked and ready to write with the chunk's others; "skipped"
    when dedupe leaves it out; None when it must run alone (`_apply_row`). Writes
    nothing before its checks pass, so a row failing here leaves nothing behind (only
    its company, when new, is created, once the contact is known good)."""
    first = _first_email(row) if record.dedupe is not Dedupe.CREATE else None
    if first is not None and (first in chunk.taken or first in chunk.written):
        mine = chunk.written.get(first) == principal.user_id
        if record.dedupe is Dedupe.SKIP and (first in chunk.taken or mine):
            return "skipped"
        return None
    prepared = await prepare_contact(
        uow, principal, row.changes, ContactOrigin.IMPORT, chunk.definitions
    )
    contact = prepared.contact
    if row.company_name:
        company = await _company_for_row(uow, principal, row.company_name, chunk)
        contact.company_id, contact.company_name = company.id, company.name
    owner = None if prepared.rotates else contact.owner_id
    for email in contact.emails:
        chunk.written.setdefault(email.email, owner)
    return prepared


async def _apply_rows(
    uow: UnitOfWork,
    record: ContactImport,
    rows: list[ParsedRow],
    chunk: _Chunk,
    checking: bool = False,
) -> tuple[list[str], list[RowError]]:
    """The rows in order: each checked, the new contacts written together (up to a row
    that must run alone, then on), each row's error reported. What each row came to,
    and the errors.

    `checking` (validation, rolled back after): the new contacts after the last row that
    ran alone are checked, not written. Writing them can fail only as the database
    refuses it (a race; the import pass reports that row), never by a rule of the
    domain: every check is in `_prepare_row`, and automation rules keep their own
    failures. Validation costs a fraction of the import."""
    principal = record.principal
    outcomes: list[str] = []
    errors: list[RowError] = []
    pending: list[NewContact] = []

    async def write_pending() -> None:
        await add_companies(uow, principal, chunk.new_companies)
        chunk.new_companies.clear()
        await add_contacts(uow, principal, pending)
        outcomes.extend("created" for _ in pending)
        pending.clear()

    for row in rows:
        if row.errors:
            errors.extend(row.errors)
            continue
        try:
            planned = await _prepare_row(uow, principal, record, row, chunk)
        except DomainError as error:
            errors.extend(_errors_of(row, error))
            continue
        if isinstance(planned, NewContact):
            pending.append(planned)
            continue
        if planned is not None:
            outcomes.append(planned)
            continue
        await write_pending()  # written before it, as the file orders them
        kept = chunk.kept()
        try:
            async with uow.savepoint():
                outcome = await _apply_row(uow, principal, record, row, chunk.companies)
        except DomainError as error:
            chunk.restore(kept)
            errors.extend(_errors_of(row, error))
            continue
        for email in row.changes.emails or ():
            chunk.written[email.email.strip().lower()] = None
        outcomes.append(outcome)
    if checking:
        outcomes.extend("created" for _ in pending)
    else:
        await write_pending()
    return outcomes, errors


async def _run_rows(
    uow: UnitOfWork, record: ContactImport, rows: list[ParsedRow], counting: bool
) -> list[RowError]:
    """The chunk in one savepoint, its new contacts written together. When writing them
    together fails, every row again alone, each in a savepoint of its own: a failing row
    leaves nothing of itself behind, and the others are written."""
    checking = not counting
    try:
        async with uow.savepoint():
            chunk = await _open_chunk(uow, record, rows)
            outcomes, errors = await _apply_rows(uow, record, rows, chunk, checking)
    except DomainError:
        outcomes, errors = [], []
        chunk = await _open_chunk(uow, record, rows)
        for row in rows:
            kept = chunk.kept()
            try:
                async with uow.savepoint():
                    done, failed = await _apply_rows(uow, record, [row], chunk, checking)
            except DomainError as error:
                chunk.restore(kept)
                errors.extend(_errors_of(row, error))
                continue
            outcomes.extend(done)
            errors.extend(failed)
    if counting:
        for outcome in outcomes:
            setattr(record, outcome, getattr(record, outcome) + 1)
    return errors


@dataclass
class _Run:
    """One run of an import, saving its progress only over its own: where the import
    stood when this run last read or saved it. Two runs that overlap (a worker presumed
    dead that was not) cannot both save from the same point, so the second stops, and
    a chunk of rows commits only with its progress: every row is written once."""

    units: UnitOfWorkFactory
    record: ContactImport
    # Rows validated and processed, as this run last read or saved them.
    stood: tuple[int, int] = field(init=False)

    def __post_init__(self) -> None:
        self.stood = (self.record.validated_rows, self.record.processed_rows)

    async def saved(self, uow: UnitOfWork) -> bool:
        """Saves the progress in `uow`'s transaction; False when another run moved the
        import on since: this run stops, and `uow` must roll back."""
        validated, processed = self.stood
        if not await uow.imports.save_progress_from(self.record, validated, processed):
            return False
        self.stood = (self.record.validated_rows, self.record.processed_rows)
        return True

    async def save(self) -> bool:
        async with self.units() as uow:
            if not await self.saved(uow):
                return False
            await uow.commit()
        return True

    async def as_stored(self) -> ContactImport:
        """The import as the run that overtook this one left it."""
        async with self.units() as uow:
            return await uow.imports.get(self.record.id) or self.record


async def run_import(
    units: UnitOfWorkFactory, import_id: UUID, rows: list[ParsedRow]
) -> ContactImport:
    """Two passes over the rows, each in chunks with progress saved between them.

    Validation checks every row as the import would (see `_apply_rows`) and rolls back
    what it wrote, so an import that would fail on any row (under OnError.ABORT) writes
    nothing. The import pass then commits chunk by
    chunk, keeping other writers unblocked; every row is whole or absent. Resumes after
    the last committed chunk when a worker died mid-way, and writes each row once even
    when two runs of the import overlap (`_Run`)."""
    async with units() as uow:
        record = await uow.imports.get(import_id)
        if record is None:
            raise NotFound("Import not found.")
        if record.status in (ImportStatus.DONE, ImportStatus.FAILED):
            return record
        record.total_rows = len(rows)
        record.started_at = record.started_at or utcnow()
    run = _Run(units, record)

    if record.status in (ImportStatus.QUEUED, ImportStatus.VALIDATING):
        record.status, record.validated_rows, record.errors = ImportStatus.VALIDATING, 0, []
        bad_rows: set[int] = set()
        for start in range(0, len(rows), CHUNK):
            chunk = rows[start : start + CHUNK]
            async with units() as uow:
                errors = await _run_rows(uow, record, chunk, counting=False)
                await uow.rollback()
            bad_rows |= {e.row for e in errors}
            record.note_errors(errors)
            record.validated_rows = start + len(chunk)
            if not await run.save():
                return await run.as_stored()
        record.failed = len(bad_rows)
        if bad_rows and record.on_error is OnError.ABORT:
            record.status, record.finished_at = ImportStatus.FAILED, utcnow()
            return record if await run.save() else await run.as_stored()
        record.status = ImportStatus.IMPORTING

    for start in range(record.processed_rows, len(rows), CHUNK):
        chunk = rows[start : start + CHUNK]
        async with units() as uow:
            # Rows found bad in validation are skipped; a row that turns bad only now (a
            # race with another writer) is reported too.
            late = await _run_rows(uow, record, chunk, counting=True)
            known = {(e.row, e.field) for e in record.errors}
            fresh = [e for e in late if (e.row, e.field) not in known]
            record.note_errors(fresh)
            record.failed += len({e.row for e in fresh})
            record.processed_rows = start + len(chunk)
            if not await run.saved(uow):
                await uow.rollback()
                return await run.as_stored()
            await uow.commit()
    record.status, record.finished_at = ImportStatus.DONE, utcnow()
    return record if await run.save() else await run.as_stored()
