"""Loads the benchmark database: `python -m bench.seed [--reuse]`.

Creates the PostgreSQL database `crm_bench` (CRM_BENCH_DATABASE_URL; it must be named
crm_bench*, it is dropped and recreated), migrates it to head and COPYs in 10 teams of
5 staff, 100,000 companies and 1,000,000 contacts with e-mails, phones, engagement,
interactions, tasks, customer requests and deals, plus one contact whose timeline holds
10,000 items. Every row is built as the domain object and turned into column values by
the repository's own mapping, so derived columns (search text, sort names, engagement,
timeline times) hold what the application would have written.

The secondary indexes and foreign keys of the loaded tables are dropped for the load and
rebuilt from their own definitions afterwards; then VACUUM ANALYZE. The database comment
records the parameters and generator version: `--reuse` keeps a database seeded alike
(and only migrates it to head)."""

from __future__ import annotations

import argparse
import asyncio
import bisect
import json
import random
import time
import unicodedata
import uuid
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

import asyncpg
import phonenumbers
from sqlalchemy import JSON, Table

from api.cli import migrate_database
from auth.passwords import Argon2PasswordHasher
from bench import names
from bench.database import bench_url, dsn, read_marker, rebuild_deal_totals, write_marker
from domain.access.roles import TEMPLATES_BY_KEY
from domain.contacts.companies import Company, SizeBand
from domain.contacts.contacts import (
    Contact,
    ContactEmail,
    ContactPhone,
    ContactSource,
    LifecycleStage,
)
from domain.funnel.deals import Deal, DealStatus
from domain.funnel.pipelines import DEFAULT_PIPELINE, StageKind
from domain.interactions.interactions import DEFAULT_OUTCOMES, Channel, Direction, Interaction
from domain.interactions.interactions import InteractionStatus as IStatus
from domain.interactions.requests import (
    DEFAULT_RESPONSE_TIMES,
    TRANSITIONS,
    CustomerRequest,
    RequestChannel,
    RequestPriority,
    RequestStatus,
)
from domain.interactions.tasks import Priority, Task, TaskStatus
from persistence.companies import COMPANY_ROWS, CompanyRow
from persistence.contacts import CONTACT_ROWS, ContactEmailRow, ContactPhoneRow, ContactRow
from persistence.deals import DEAL_ROWS
from persistence.funnel_rows import DealRow, StageChangeRow
from persistence.interactions import INTERACTION_ROWS, InteractionContactRow, InteractionRow
from persistence.records import SearchWordRow, search_words
from persistence.requests import REQUEST_ROWS, RequestChangeRow, RequestRow
from persistence.tasks import TASK_ROWS, TaskRow
from persistence.user_rows import TeamRow, UserRow

# Bump whenever the generated data changes: `--reuse` then seeds afresh.
GENERATOR_VERSION = 3
CHUNK = 25_000
PASSWORD = "benchmark staff only, never a real account"  # noqa: S105 - seeded test users
T = TypeVar("T")


@dataclass(frozen=True)
class Params:
    contacts: int = 1_000_000
    companies: int = 100_000
    teams: int = 10
    timeline_items: int = 10_000
    seed: int = 20261127


# Staff per team: who owns how much of the team's customers (a Senior manager owns few).
TEAM_STAFF = (
    ("senior_manager", 0.4),
    ("manager", 1.0),
    ("manager", 1.0),
    ("manager", 1.0),
    ("salesperson", 1.2),
)
TEAM_NAMES = names.split_words(
    "North South East West Central Alpine Baltic Atlantic Pacific Nordic Iberia Levant"
)
STAGES = (
    (LifecycleStage.LEAD, 40),
    (LifecycleStage.PROSPECT, 20),
    (LifecycleStage.CUSTOMER, 30),
    (LifecycleStage.CHURNED, 10),
)
CHANNELS = (
    (Channel.EMAIL, 30),
    (Channel.CALL, 30),
    (Channel.MEETING, 12),
    (Channel.NOTE, 10),
    (Channel.CHAT, 6),
    (Channel.SMS, 4),
    (Channel.SOCIAL, 3),
    (Channel.IN_PERSON, 3),
    (Channel.OTHER, 2),
)
OUTCOMES = tuple(o.key for o in DEFAULT_OUTCOMES)
SOURCES = tuple(ContactSource)
DIRECTIONS = tuple(Direction)
SIZE_BANDS = tuple(SizeBand)
PRIORITIES = tuple(Priority)
REQUEST_PRIORITIES = tuple(RequestPriority)
REQUEST_CHANNELS = tuple(RequestChannel)
CURRENCIES = {"US": "USD", "GB": "GBP", "CN": "CNY", "JP": "JPY", "IN": "INR", "BR": "BRL"}
LATIN = str.maketrans({"ß": "ss", "ł": "l", "Ł": "L", "ø": "o", "æ": "ae", "ı": "i", "đ": "d"})
TABLES: dict[str, Table] = {
    row.__tablename__: row.__table__  # type: ignore[misc]
    for row in (
        TeamRow,
        UserRow,
        CompanyRow,
        ContactRow,
        ContactEmailRow,
        ContactPhoneRow,
        InteractionRow,
        InteractionContactRow,
        TaskRow,
        RequestRow,
        RequestChangeRow,
        DealRow,
        StageChangeRow,
        SearchWordRow,
    )
}
# Loaded in bulk: their secondary indexes and foreign keys are rebuilt after the load.
BULK_TABLES = tuple(name for name in TABLES if name not in ("teams", "users"))


def latin(text: str) -> str:
    """A name as an e-mail address spells it: ASCII letters only."""
    decomposed = unicodedata.normalize("NFKD", text.translate(LATIN))
    return "".join(c for c in decomposed if c.isascii() and c.isalpha()).lower()


def spelled(entry: str) -> tuple[str, str]:
    """("Иванов", "ivanov") from "Иванов|Ivanov"; "De_Luca" is "De Luca"."""
    native, _, roman = entry.partition("|")
    native = native.replace("_", " ")
    return native, latin(roman or native)


def phone_shapes(prefixes: Sequence[str]) -> list[tuple[str, int]]:
    """Each prefix with the number of digits to draw after it that makes the most valid
    numbers (libphonenumber's rules); prefixes that stay mostly invalid are left out."""
    rng = random.Random(0)
    shapes = []
    for prefix in prefixes:
        best, best_valid = 0, 0
        for digits in range(4, 16 - len(prefix)):
            valid = sum(
                phonenumbers.is_valid_number(
                    phonenumbers.parse(prefix + str(rng.randrange(10**digits)).zfill(digits))
                )
                for _ in range(40)
            )
            if valid >= best_valid:  # the longest of the best: numbers look real
                best, best_valid = digits, valid
        if best_valid >= 36:
            shapes.append((prefix, best))
    if not shapes:
        raise ValueError(f"no valid phone shapes among {prefixes}")
    return shapes


class Weighted:
    """Draws from `items` with the given weights, or Zipf-like falling ones."""

    def __init__(self, items: Sequence[T], weights: Sequence[float] | None = None) -> None:
        self.items: Sequence[Any] = items
        weights = weights or [1 / (rank + 1) ** 0.9 for rank in range(len(items))]
        total = 0.0
        self.cumulative: list[float] = []
        for weight in weights:
            total += weight
            self.cumulative.append(total)
        self.total = total

    def pick(self, rng: random.Random) -> Any:
        return self.items[bisect.bisect(self.cumulative, rng.random() * self.total)]


@dataclass
class Staff:
    id: uuid.UUID
    email: str
    full_name: str
    role: str
    team_id: uuid.UUID | None
    teammates: list[Staff] = field(default_factory=list)


@dataclass(frozen=True)
class CompanyRef:
    id: uuid.UUID
    name: str
    domain: str
    locale: int
    owner: Staff


@dataclass
class Engagement:
    last: datetime | None = None
    next: datetime | None = None
    count: int = 0

    def add(self, interaction: Interaction) -> None:
        if interaction.status is IStatus.DONE and interaction.occurred_at is not None:
            self.count += 1
            if self.last is None or interaction.occurred_at > self.last:
                self.last = interaction.occurred_at
        elif (
            interaction.status is IStatus.PLANNED
            and interaction.scheduled_at is not None
            and (self.next is None or interaction.scheduled_at < self.next)
        ):
            self.next = interaction.scheduled_at


Rows = dict[str, list[tuple[Any, ...]]]


class Generator:
    def __init__(self, params: Params, now: datetime) -> None:
        self.params = params
        self.now = now
        self.start = now - timedelta(days=6 * 365)
        self.rng = random.Random(params.seed)
        self.locales = names.LOCALES
        self.locale_pick = Weighted(range(len(self.locales)), [loc.weight for loc in self.locales])
        self.first = [Weighted([spelled(n) for n in loc.first_names]) for loc in self.locales]
        self.last = [Weighted([spelled(n) for n in loc.last_names]) for loc in self.locales]
        self.cities = [Weighted([spelled(c)[0] for c in loc.cities]) for loc in self.locales]
        self.stage = Weighted([s for s, _ in STAGES], [w for _, w in STAGES])
        self.channel = Weighted([c for c, _ in CHANNELS], [w for _, w in CHANNELS])
        self.tag = Weighted(names.TAGS)
        self.title = Weighted(names.TITLES)
        self.staff: list[Staff] = []
        self.owner_pick: Weighted | None = None
        self.companies: list[CompanyRef] = []
        self.words: set[str] = set()
        self.columns = {name: [c.name for c in table.columns] for name, table in TABLES.items()}
        self.json_columns = {
            name: {c.name for c in table.columns if isinstance(c.type, JSON)}
            for name, table in TABLES.items()
        }
        self.phone_shapes = [phone_shapes(loc.phone_prefixes) for loc in self.locales]
        self.timeline_contact: uuid.UUID | None = None
        self.company_times: list[tuple[float, float]] = []
        self.contact_times: list[tuple[float, float]] = []
        self.counts: dict[str, int] = {}

    # --- small helpers -------------------------------------------------------------------

    def uid(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def between(self, start: datetime, end: datetime) -> datetime:
        if end <= start:
            return start
        seconds = (end - start).total_seconds() * self.rng.random()
        return (start + timedelta(seconds=seconds)).replace(microsecond=0)

    def record(self, rows: Rows, table: str, values: dict[str, Any]) -> None:
        """`values` as a COPY record in the table's column order: a column missing from
        `values` fails here, so a column added to a table is not left empty silently."""
        for name in self.json_columns[table]:
            values[name] = json.dumps(values[name])
        columns = self.columns[table]
        if len(values) != len(columns):
            extra = set(values) - set(columns)
            raise KeyError(f"{table}: values for unknown columns {extra}")
        rows.setdefault(table, []).append(tuple(values[name] for name in columns))
        self.counts[table] = self.counts.get(table, 0) + 1

    def phone(self, locale: int) -> str:
        prefix, digits = self.rng.choice(self.phone_shapes[locale])
        return prefix + str(self.rng.randrange(10**digits)).zfill(digits)

    def surname(self, locale: int) -> tuple[str, str]:
        loc = self.locales[locale]
        if loc.surname_heads and self.rng.random() < 0.25:
            made = self.rng.choice(loc.surname_heads) + self.rng.choice(loc.surname_tails)
            return made, latin(made)
        picked: tuple[str, str] = self.last[locale].pick(self.rng)
        return picked

    def owner(self) -> Staff:
        assert self.owner_pick is not None
        staff: Staff = self.owner_pick.pick(self.rng)
        return staff

    def colleague(self, staff: Staff) -> Staff:
        return self.rng.choice(staff.teammates) if staff.teammates else staff

    # --- staff and companies -------------------------------------------------------------

    def staff_rows(self, password_hash: str) -> Rows:
        rows: Rows = {}
        owner = Staff(self.uid(), "owner@bench.example", "Olivia Owner", "owner", None)
        self.staff.append(owner)
        created = self.start - timedelta(days=30)
        for index in range(self.params.teams):
            team_name = TEAM_NAMES[index % len(TEAM_NAMES)] + (
                "" if index < len(TEAM_NAMES) else f" {index // len(TEAM_NAMES) + 1}"
            )
            team_id = self.uid()
            self.record(
                rows,
                "teams",
                {
                    "id": team_id,
                    "name": team_name,
                    "description": f"Sales team {team_name}",
                    "created_at": created,
                    "updated_at": created,
                    "version": 1,
                },
            )
            members = []
            for number, (role, _) in enumerate(TEAM_STAFF, start=1):
                first, _ = self.first[0].pick(self.rng)
                slug = team_name.lower().replace(" ", "-")
                members.append(
                    Staff(
                        self.uid(),
                        f"{role.replace('_', '.')}.{number}.{slug}@bench.example",
                        f"{first} {TEMPLATES_BY_KEY[role].name} {team_name}",
                        role,
                        team_id,
                    )
                )
            for member in members:
                member.teammates = [m for m in members if m is not member]
            self.staff.extend(members)
        for person in self.staff:
            self.record(
                rows,
                "users",
                {
                    "id": person.id,
                    "email": person.email,
                    "full_name": person.full_name,
                    "role_id": TEMPLATES_BY_KEY[person.role].id,
                    "team_id": person.team_id,
                    "password_hash": password_hash,
                    "is_active": True,
                    "last_login_at": None,
                    "created_at": created,
                    "updated_at": created,
                    "version": 1,
                    "security_version": 1,
                    "kind": "person",
                },
            )
        sellers = [s for s in self.staff if s.team_id is not None]
        weights = dict(TEAM_STAFF)
        self.owner_pick = Weighted(sellers, [weights[s.role] for s in sellers])
        return rows

    def write_times(self, count: int, never_updated: float) -> list[tuple[float, float]]:
        """(updated, created) of `count` records in seconds after `start`, spread over the
        years, latest write first: `written` hands them out oldest write first, the order a
        live database's table holds its rows in, as every write (an update too) adds a new
        row version at its end. `never_updated` of them were not changed once created."""
        span = (self.now - timedelta(days=1) - self.start).total_seconds()
        pairs = []
        for _ in range(count):
            created = span * self.rng.random()
            if self.rng.random() < never_updated:
                pairs.append((created, created))
            else:
                pairs.append((self.rng.uniform(created, span + 86_400), created))
        pairs.sort(reverse=True)
        return pairs

    def written(self, times: list[tuple[float, float]]) -> tuple[datetime, datetime]:
        updated, created = times.pop()
        return (
            (self.start + timedelta(seconds=int(created))),
            (self.start + timedelta(seconds=int(updated))),
        )

    def company_rows(self, first: int, count: int) -> Rows:
        if first == 0:
            self.company_times = self.write_times(self.params.companies, 0.4)
        rows: Rows = {}
        for _ in range(first, first + count):
            locale = self.locale_pick.pick(self.rng)
            loc = self.locales[locale]
            if self.rng.random() < 0.5:
                head = self.rng.choice(names.COMPANY_HEADS)
                head_latin = latin(head)
            else:
                head, head_latin = self.surname(locale)
            trade = self.rng.choice(names.COMPANY_TRADES)
            name = f"{head} {trade} {self.rng.choice(loc.company_suffixes)}"
            domain = f"{head_latin}-{trade.lower()}.example"
            owner = self.owner()
            created, updated = self.written(self.company_times)
            company = Company(
                name=name,
                owner_id=owner.id,
                team_id=owner.team_id,
                domain=domain,
                industry=self.rng.choice(names.INDUSTRIES),
                size_band=self.rng.choice(SIZE_BANDS),
                country=loc.country,
                city=self.cities[locale].pick(self.rng),
                address=f"{self.rng.randint(1, 200)} {head} Street",
                phone=self.phone(locale),
                tags=sorted({self.tag.pick(self.rng) for _ in range(self.rng.randint(0, 2))}),
                archived_at=self.between(updated, self.now) if self.rng.random() < 0.01 else None,
                id=self.uid(),
                created_at=created,
                updated_at=updated,
                version=1 if updated == created else self.rng.randint(2, 6),
            )
            values = COMPANY_ROWS.values(company)
            self.words |= search_words(values["search_text"])
            self.record(
                rows,
                "companies",
                {**values, "id": company.id, "created_at": created, "version": company.version},
            )
            self.companies.append(CompanyRef(company.id, name, domain, locale, owner))
        return rows

    # --- contacts --------------------------------------------------------------------------

    def contact_rows(self, first: int, count: int) -> Rows:
        if first == 0:
            self.contact_times = self.write_times(self.params.contacts, 0.5)
        rows: Rows = {}
        for index in range(first, first + count):
            if index == 0:
                self.timeline_contact = self.contact(rows, timeline=True)
            else:
                self.contact(rows)
        return rows

    def contact(self, rows: Rows, timeline: bool = False) -> uuid.UUID:
        rng = self.rng
        company = None
        if timeline or rng.random() < 0.8:
            # A few companies employ hundreds of contacts, most a handful.
            company = self.companies[int(len(self.companies) * rng.random() ** 1.6)]
        locale = company.locale if company and rng.random() < 0.9 else self.locale_pick.pick(rng)
        loc = self.locales[locale]
        if timeline:
            # The Manager the benchmark signs in as owns the long-timeline contact.
            owner = next(s for s in self.staff if s.role == "manager")
        elif company and rng.random() < 0.7:
            owner = company.owner
        else:
            owner = self.owner()
        first_name, first_latin = self.first[locale].pick(rng)
        last_name, last_latin = self.surname(locale)
        emails: list[ContactEmail] = []
        for number in range(rng.choices((0, 1, 2), (5, 85, 10))[0]):
            if number == 0 and company is not None:
                local = rng.choice(
                    (f"{first_latin}.{last_latin}", f"{first_latin[0]}.{last_latin}")
                )
                address = f"{local}@{company.domain}"
            else:
                local = rng.choice((f"{first_latin}.{last_latin}", f"{first_latin}{last_latin}"))
                address = f"{local}{rng.randint(1, 999)}@{rng.choice(loc.mail_providers)}"
            if address not in [e.email for e in emails]:
                emails.append(ContactEmail(address, primary=not emails))
        phones: list[ContactPhone] = []
        for _ in range(rng.choices((0, 1, 2), (15, 65, 20))[0]):
            drawn = self.phone(locale)
            if drawn not in [p.phone for p in phones]:
                phones.append(ContactPhone(drawn, primary=not phones))
        created, updated = self.written(self.contact_times)
        if timeline:
            created = self.start
        stage: LifecycleStage = self.stage.pick(rng)
        marketing = rng.random() < 0.4
        processing = rng.random() < 0.7
        contact = Contact(
            owner_id=owner.id,
            team_id=owner.team_id,
            first_name=first_name,
            last_name=last_name,
            emails=emails,
            phones=phones,
            title=self.title.pick(rng) if rng.random() < 0.7 else None,
            company_id=company.id if company else None,
            company_name=company.name if company else None,
            country=loc.country if rng.random() < 0.97 else None,
            city=self.cities[locale].pick(rng) if rng.random() < 0.9 else None,
            source=rng.choice(SOURCES) if rng.random() < 0.9 else None,
            lifecycle_stage=stage,
            tags=sorted(
                {self.tag.pick(rng) for _ in range(rng.choices((0, 1, 2, 3), (35, 35, 20, 10))[0])}
            ),
            marketing_consent=marketing,
            marketing_consent_at=self.between(created, updated) if marketing else None,
            processing_consent=processing,
            processing_consent_at=self.between(created, updated) if processing else None,
            archived_at=self.between(updated, self.now)
            if not timeline and rng.random() < 0.02
            else None,
            id=self.uid(),
            created_at=created,
            updated_at=updated,
            version=1 if updated == created else rng.randint(2, 9),
        )
        engagement = Engagement()
        if timeline:
            self.timeline(rows, contact, owner, engagement)
        else:
            self.activity(rows, contact, owner, engagement)
        values = CONTACT_ROWS.values(contact)
        self.words |= search_words(values["search_text"])
        self.record(
            rows,
            "contacts",
            {
                **values,
                "id": contact.id,
                "created_at": created,
                "version": contact.version,
                "last_interaction_at": engagement.last,
                "next_interaction_at": engagement.next,
                "interaction_count": engagement.count,
            },
        )
        for position, email in enumerate(emails):
            self.record(
                rows,
                "contact_emails",
                {
                    "contact_id": contact.id,
                    "position": position,
                    "email": email.email,
                    "is_primary": email.primary,
                },
            )
        for position, phone in enumerate(phones):
            self.record(
                rows,
                "contact_phones",
                {
                    "contact_id": contact.id,
                    "position": position,
                    "phone": phone.phone,
                    "is_primary": phone.primary,
                },
            )
        return contact.id

    # --- what happens with customers -------------------------------------------------------

    def activity(self, rows: Rows, contact: Contact, owner: Staff, engagement: Engagement) -> None:
        """Some history for a share of the contacts, as a real customer base has."""
        rng = self.rng
        if rng.random() < 0.08:
            for _ in range(rng.randint(1, 3)):
                self.interaction(rows, contact, owner, engagement)
        if rng.random() < 0.03:
            for _ in range(rng.randint(1, 2)):
                self.task(rows, contact, owner)
        if rng.random() < 0.005:
            self.request(rows, contact, owner, rng.randint(1, 4))
        customer = contact.lifecycle_stage in (LifecycleStage.PROSPECT, LifecycleStage.CUSTOMER)
        if customer and rng.random() < 0.03:
            self.deal(rows, contact, owner, rng.randint(1, 4))

    def timeline(self, rows: Rows, contact: Contact, owner: Staff, engagement: Engagement) -> None:
        """The long-timeline contact: interactions (some only as a participant), tasks,
        request status changes and deal stage changes, `timeline_items` in all."""
        total = self.params.timeline_items
        interactions = int(total * 0.55)
        participant = int(total * 0.03)
        tasks = int(total * 0.25)
        request_changes = int(total * 0.12)
        deal_changes = total - interactions - tasks - request_changes
        for number in range(interactions):
            self.interaction(rows, contact, owner, engagement, participant=number < participant)
        for _ in range(tasks):
            self.task(rows, contact, owner)
        while request_changes > 0:
            size = min(request_changes, self.rng.randint(1, 5))
            self.request(rows, contact, owner, size)
            request_changes -= size
        while deal_changes > 0:
            size = min(deal_changes, self.rng.randint(1, 5))
            self.deal(rows, contact, owner, size)
            deal_changes -= size

    def interaction(
        self,
        rows: Rows,
        contact: Contact,
        owner: Staff,
        engagement: Engagement,
        participant: bool = False,
    ) -> None:
        rng = self.rng
        channel: Channel = self.channel.pick(rng)
        status = rng.choices((IStatus.DONE, IStatus.PLANNED, IStatus.CANCELED), (80, 14, 6))[0]
        occurred = scheduled = None
        if status is IStatus.DONE:
            occurred = self.between(contact.created_at, self.now)
            if rng.random() < 0.3:
                scheduled = occurred
        elif status is IStatus.PLANNED:
            scheduled = self.between(self.now - timedelta(days=14), self.now + timedelta(days=90))
        else:
            scheduled = self.between(contact.created_at, self.now)
        at = occurred or scheduled
        assert at is not None
        created = max(contact.created_at, min(at, self.now) - timedelta(days=rng.random() * 7))
        by = owner if rng.random() < 0.8 else self.colleague(owner)
        interaction = Interaction(
            channel=channel,
            status=status,
            owner_id=by.id,
            team_id=by.team_id,
            subject=rng.choice(names.INTERACTION_SUBJECTS),
            body="" if rng.random() < 0.3 else f"Talked with {contact.full_name} about the offer.",
            direction=None if channel in (Channel.NOTE, Channel.OTHER) else rng.choice(DIRECTIONS),
            outcome=rng.choice(OUTCOMES)
            if status is IStatus.DONE and channel in (Channel.CALL, Channel.MEETING)
            else None,
            scheduled_at=scheduled,
            occurred_at=occurred,
            duration_minutes=rng.randint(1, 90)
            if channel in (Channel.CALL, Channel.MEETING)
            else None,
            contact_id=None if participant else contact.id,
            company_id=contact.company_id,
            contact_ids=[contact.id] if participant else [],
            id=self.uid(),
            created_at=created,
            updated_at=max(created, min(at, self.now)),
        )
        engagement.add(interaction)
        self.record(
            rows,
            "interactions",
            {
                **INTERACTION_ROWS.values(interaction),
                "id": interaction.id,
                "created_at": created,
                "version": 1,
            },
        )
        for contact_id in interaction.contact_ids:
            self.record(
                rows,
                "interaction_contacts",
                {"interaction_id": interaction.id, "contact_id": contact_id, "at": interaction.at},
            )

    def task(self, rows: Rows, contact: Contact, owner: Staff) -> None:
        rng = self.rng
        due = (
            self.between(contact.created_at, self.now + timedelta(days=60))
            if rng.random() < 0.85
            else None
        )
        created = self.between(contact.created_at, min(due or self.now, self.now))
        status = rng.choices((TaskStatus.OPEN, TaskStatus.DONE, TaskStatus.CANCELED), (40, 50, 10))[
            0
        ]
        completed = self.between(created, self.now) if status is TaskStatus.DONE else None
        remind = (
            due - timedelta(hours=rng.choice((1, 4, 24))) if due and rng.random() < 0.4 else None
        )
        task = Task(
            title=rng.choice(names.TASK_TITLES),
            owner_id=owner.id,
            assignee_id=owner.id if rng.random() < 0.7 else self.colleague(owner).id,
            team_id=owner.team_id,
            description="",
            due_at=due,
            remind_at=remind,
            priority=rng.choice(PRIORITIES),
            status=status,
            contact_id=contact.id,
            company_id=None,
            labels=["follow-up"] if rng.random() < 0.2 else [],
            completed_at=completed,
            reminder_acknowledged_at=None,
            id=self.uid(),
            created_at=created,
            updated_at=completed or created,
        )
        self.record(
            rows,
            "tasks",
            {**TASK_ROWS.values(task), "id": task.id, "created_at": created, "version": 1},
        )

    def request(self, rows: Rows, contact: Contact, owner: Staff, changes: int) -> None:
        """A customer request that went through `changes` status changes (registering it
        is the first), along the transition table."""
        rng = self.rng
        created = self.between(contact.created_at, self.now - timedelta(days=1))
        priority = rng.choice(REQUEST_PRIORITIES)
        request = CustomerRequest(
            contact_id=contact.id,
            channel=rng.choice(REQUEST_CHANNELS),
            subject=rng.choice(names.REQUEST_SUBJECTS),
            owner_id=owner.id,
            team_id=owner.team_id,
            description="The customer wrote in.",
            priority=priority,
            assignee_id=owner.id if rng.random() < 0.8 else None,
            due_by=created + DEFAULT_RESPONSE_TIMES[priority],
            id=self.uid(),
            created_at=created,
        )
        at = created
        status: RequestStatus | None = None
        for _ in range(changes):
            if status is None:
                target = RequestStatus.NEW
            else:
                target = rng.choice(sorted(TRANSITIONS[status]))
                at = self.between(at, min(at + timedelta(days=20), self.now))
            self.record(
                rows,
                "request_status_changes",
                {
                    "id": self.uid(),
                    "request_id": request.id,
                    "contact_id": contact.id,
                    "from_status": status.value if status else None,
                    "to_status": target.value,
                    "by": owner.id,
                    "at": at,
                },
            )
            if target is RequestStatus.RESOLVED:
                request.resolved_at = at
            if target is RequestStatus.CLOSED:
                request.closed_at = at
            if target is RequestStatus.OPEN:
                request.resolved_at = request.closed_at = None
            status = target
        assert status is not None
        request.status = status
        if request.resolved_at or request.closed_at:
            request.resolution = "Sorted out with the customer."
        request.updated_at = at
        request.version = changes
        self.record(
            rows,
            "requests",
            {
                **REQUEST_ROWS.values(request),
                "id": request.id,
                "created_at": created,
                "version": changes,
            },
        )

    def deal(self, rows: Rows, contact: Contact, owner: Staff, changes: int) -> None:
        """A deal created in the first stage and moved `changes - 1` times, mostly forward,
        possibly into Won or Lost."""
        rng = self.rng
        stages = DEFAULT_PIPELINE.ordered_stages
        open_stages = [s for s in stages if s.kind is StageKind.OPEN]
        created = self.between(contact.created_at, self.now - timedelta(days=1))
        deal = Deal(
            title=f"{contact.company_name or contact.full_name}: {rng.choice(names.TASK_TITLES)}",
            pipeline_id=DEFAULT_PIPELINE.id,
            stage_id=stages[0].id,
            owner_id=owner.id,
            team_id=owner.team_id,
            amount=rng.randrange(50_000, 5_000_000, 100),
            currency=CURRENCIES.get(contact.country or "", "EUR"),
            contact_id=contact.id,
            company_id=contact.company_id,
            expected_close=(created + timedelta(days=rng.randint(14, 180))).date(),
            source=contact.source.value if contact.source else None,
            id=self.uid(),
            created_at=created,
        )
        at = created
        current = None
        entered: set[str] = set()
        for number in range(changes):
            if number == 0:
                target = open_stages[0]
            elif number == changes - 1 and rng.random() < 0.5:
                target = rng.choice([s for s in stages if s.kind is not StageKind.OPEN])
            else:
                assert current is not None
                later = [s for s in open_stages if s.position > current.position]
                target = later[0] if later else rng.choice(open_stages[:-1])
            previous_at = at
            if number:
                at = self.between(at, min(at + timedelta(days=30), self.now))
            self.record(
                rows,
                "deal_stage_changes",
                {
                    "id": self.uid(),
                    "deal_id": deal.id,
                    "from_stage_id": current.id if current else None,
                    "to_stage_id": target.id,
                    "by": owner.id,
                    "seconds_in_previous": int((at - previous_at).total_seconds())
                    if current
                    else None,
                    "contact_id": contact.id,
                    "at": at,
                    # Copies of the deal's, which the reports read (migration 0010).
                    "pipeline_id": deal.pipeline_id,
                    "deal_created_at": created,
                    "owner_id": deal.owner_id,
                    "team_id": deal.team_id,
                    "rule_id": None,
                },
            )
            entered.add(str(target.id))
            current = target
        assert current is not None
        deal.stage_id = current.id
        deal.stage_entered_at = at
        if current.kind is StageKind.WON:
            deal.status, deal.won_at = DealStatus.WON, at
        elif current.kind is StageKind.LOST:
            deal.status, deal.lost_at, deal.lost_reason = DealStatus.LOST, at, "Went elsewhere"
        deal.updated_at = at
        deal.version = changes
        self.record(
            rows,
            "deals",
            {
                **DEAL_ROWS.values(deal),
                "id": deal.id,
                "created_at": created,
                "version": changes,
                "entered_stage_ids": " ".join(sorted(entered)),
            },
        )

    def word_rows(self) -> Rows:
        rows: Rows = {}
        for word in sorted(self.words):
            self.record(rows, "search_words", {"word": word})
        return rows


# --- the load ----------------------------------------------------------------------------


async def recreate_database(name: str, admin_dsn: str) -> None:
    connection = await asyncpg.connect(admin_dsn)
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await connection.execute(f'CREATE DATABASE "{name}"')
    finally:
        await connection.close()


async def drop_bulk_constraints(connection: asyncpg.Connection) -> list[str]:
    """Drops the secondary indexes and foreign keys of the bulk tables; returns the
    statements that recreate them (their own definitions, as the migrations made them)."""
    foreign_keys = await connection.fetch(
        """SELECT c.conrelid::regclass::text AS tbl, c.conname, pg_get_constraintdef(c.oid) AS def
           FROM pg_constraint c
           WHERE c.contype = 'f' AND c.conrelid::regclass::text = ANY($1::text[])""",
        list(BULK_TABLES),
    )
    indexes = await connection.fetch(
        """SELECT i.indexname, i.indexdef FROM pg_indexes i
           WHERE i.schemaname = 'public' AND i.tablename = ANY($1::text[])
             AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)""",
        list(BULK_TABLES),
    )
    for key in foreign_keys:
        await connection.execute(f'ALTER TABLE "{key["tbl"]}" DROP CONSTRAINT "{key["conname"]}"')
    for index in indexes:
        await connection.execute(f'DROP INDEX "{index["indexname"]}"')
    return [index["indexdef"] for index in indexes] + [
        f'ALTER TABLE "{key["tbl"]}" ADD CONSTRAINT "{key["conname"]}" {key["def"]}'
        for key in foreign_keys
    ]


async def configure(connection: asyncpg.Connection) -> None:
    await connection.execute("SET synchronous_commit = off")
    await connection.execute("SET maintenance_work_mem = '512MB'")
    await connection.execute("SET max_parallel_maintenance_workers = 2")


class Loader:
    """COPYs chunks over a few connections while the next chunk is generated."""

    def __init__(self, connections: list[asyncpg.Connection]) -> None:
        self.connections = connections
        self.pool: asyncio.Queue[asyncpg.Connection] = asyncio.Queue()
        for connection in connections:
            self.pool.put_nowait(connection)

    async def copy(self, table: str, records: list[tuple[Any, ...]], columns: list[str]) -> None:
        connection = await self.pool.get()
        try:
            await connection.copy_records_to_table(table, records=records, columns=columns)
        finally:
            self.pool.put_nowait(connection)

    async def load(self, rows: Rows, generator: Generator) -> None:
        await asyncio.gather(
            *(
                self.copy(table, records, generator.columns[table])
                for table, records in rows.items()
            )
        )


async def generate_and_load(
    loader: Loader,
    generator: Generator,
    total: int,
    make: Callable[[int, int], Rows],
    label: str,
) -> None:
    started = time.perf_counter()
    executor = ThreadPoolExecutor(max_workers=1)
    loop = asyncio.get_running_loop()
    pending = loop.run_in_executor(executor, make, 0, min(CHUNK, total))
    done = 0
    while done < total:
        rows = await pending
        size = min(CHUNK, total - done)
        done += size
        if done < total:
            pending = loop.run_in_executor(executor, make, done, min(CHUNK, total - done))
        await loader.load(rows, generator)
        rate = done / (time.perf_counter() - started)
        print(f"\r  {label}: {done:>9,} of {total:,} ({rate:,.0f}/s)", end="", flush=True)
    executor.shutdown()
    print()


async def seed(params: Params) -> dict[str, Any]:
    url = bench_url()
    name = str(url.database)
    began = time.perf_counter()
    print(f"Seeding {name}: {params}")
    await recreate_database(name, dsn(url, "postgres"))
    await asyncio.to_thread(migrate_database, url.render_as_string(hide_password=False))
    connections = [await asyncpg.connect(dsn(url)) for _ in range(3)]
    try:
        for connection in connections:
            await configure(connection)
        main = connections[0]
        rebuild = await drop_bulk_constraints(main)
        now = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
        generator = Generator(params, now)
        loader = Loader(connections)
        password_hash = await Argon2PasswordHasher().hash_new(PASSWORD, [])
        await loader.load(generator.staff_rows(password_hash), generator)
        load_began = time.perf_counter()
        await generate_and_load(
            loader, generator, params.companies, generator.company_rows, "companies"
        )
        await generate_and_load(
            loader, generator, params.contacts, generator.contact_rows, "contacts "
        )
        await loader.load(generator.word_rows(), generator)
        loaded = time.perf_counter() - load_began
        rows = sum(generator.counts.values())
        print(f"  loaded {rows:,} rows in {loaded:.1f} s ({rows / loaded:,.0f} rows/s)")
        for table, count in sorted(generator.counts.items()):
            print(f"    {table:24} {count:>10,}")

        index_began = time.perf_counter()

        async def run(statement: str) -> None:
            connection = await loader.pool.get()
            try:
                await connection.execute(statement)
            finally:
                loader.pool.put_nowait(connection)

        indexes = [s for s in rebuild if s.startswith("CREATE")]
        await asyncio.gather(*(run(s) for s in indexes))
        for statement in rebuild:
            if not statement.startswith("CREATE"):
                await main.execute(statement)
        print(
            f"  {len(indexes)} indexes and {len(rebuild) - len(indexes)} foreign keys"
            f" rebuilt in {time.perf_counter() - index_began:.1f} s"
        )
        await rebuild_deal_totals(url.render_as_string(hide_password=False))
        vacuum_began = time.perf_counter()
        await main.execute("VACUUM (ANALYZE)")
        print(f"  VACUUM ANALYZE in {time.perf_counter() - vacuum_began:.1f} s")
        manager = next(s for s in generator.staff if s.role == "manager")
        senior = next(
            s
            for s in generator.staff
            if s.role == "senior_manager" and s.team_id == manager.team_id
        )
        marker = {
            "generator": GENERATOR_VERSION,
            "params": asdict(params),
            "seeded_at": now.isoformat(),
            "seconds": round(time.perf_counter() - began, 1),
            "load_rows_per_second": round(rows / loaded),
            "rows": generator.counts,
            "timeline_contact": str(generator.timeline_contact),
            "users": {
                "owner": str(generator.staff[0].id),
                "senior_manager": str(senior.id),
                "manager": str(manager.id),
            },
        }
        await write_marker(main, name, marker)
    finally:
        for connection in connections:
            await connection.close()
    print(f"Seeded {name} in {time.perf_counter() - began:.1f} s")
    return marker


async def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m bench.seed", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--reuse", action="store_true", help="keep a database seeded alike")
    parser.add_argument("--contacts", type=int, default=Params.contacts)
    parser.add_argument("--companies", type=int, default=Params.companies)
    parser.add_argument("--timeline-items", type=int, default=Params.timeline_items)
    args = parser.parse_args(argv)
    params = Params(
        contacts=args.contacts, companies=args.companies, timeline_items=args.timeline_items
    )
    url = bench_url()
    if args.reuse:
        marker = await read_marker(url)
        if (
            marker is not None
            and marker.get("generator") == GENERATOR_VERSION
            and marker.get("params") == asdict(params)
        ):
            await migrate_and_analyze(url)
            print(
                f"{url.database} was seeded alike on {marker['seeded_at']}"
                f" (in {marker['seconds']} s); reused."
            )
            return
    await seed(params)


async def migrate_and_analyze(url: Any) -> None:
    """A seeded database reused after a new migration: migrated, and analysed when the
    migration changed anything (new indexes want statistics too)."""
    connection = await asyncpg.connect(dsn(url))
    try:
        before = await connection.fetchval("SELECT version_num FROM alembic_version")
        await asyncio.to_thread(migrate_database, url.render_as_string(hide_password=False))
        after = await connection.fetchval("SELECT version_num FROM alembic_version")
        if before != after:
            print(f"  migrated {before} -> {after}; analysing")
            await connection.execute("VACUUM (ANALYZE)")
    finally:
        await connection.close()


if __name__ == "__main__":
    asyncio.run(main())
