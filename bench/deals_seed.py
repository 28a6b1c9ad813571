"""Seeds the PostgreSQL database `crm_bench_deals` for `bench.deals_run`: 200,000 deals
in the default pipeline (and 20,000 in a second one) with their whole stage history,
owned by 50 people in 10 teams, over two years.

    python -m bench.deals_seed [--reuse]

The database is this benchmark's own: it is dropped and rebuilt on every run, except
with `--reuse` when it already holds a data set of the same parameters and generator
(kept as the database's comment). The migrations run either way, so a new index lands
without a reseed. Rows go in through COPY; the generator is seeded, so every run loads
the same data.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import math
import os
import random
import time
import uuid
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import asyncpg
from sqlalchemy import Table
from sqlalchemy.engine import make_url

from api.cli import migrate_database
from bench.database import rebuild_deal_totals
from domain.access.roles import TEMPLATES_BY_KEY
from domain.funnel.pipelines import DEFAULT_PIPELINE, StageKind
from persistence.companies import CompanyRow
from persistence.contacts import ContactRow
from persistence.funnel_rows import DealRow, StageChangeRow
from persistence.user_rows import TeamRow, UserRow

DATABASE = "crm_bench_deals"
# Bump when the generator changes what it produces: `--reuse` then reseeds.
GENERATOR = 1
# The data set's "now": deals are created in the two years before it, and the benchmark's
# report windows are placed around it, so figures do not drift with the calendar.
ANCHOR = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
SECOND_PIPELINE_ID = uuid.UUID("5eed0000-0000-4000-8000-000000000001")
# Users cannot sign in (no password verifies against this); the benchmark issues tokens.
NO_PASSWORD = "!bench-user-without-a-password"  # noqa: S105

CURRENCIES = (
    ("EUR", 0.5, 100),
    ("USD", 0.3, 100),
    ("GBP", 0.1, 100),
    ("CHF", 0.05, 100),
    ("JPY", 0.05, 1),
)
SOURCES = ("web", "referral", "event", "outbound", "partner", None)
LOST_REASONS = ("Price", "Went with a competitor", "No budget", "No decision", "Timing")
# Mean days a deal spends in a stage before it moves on, by ladder place.
MEAN_DAYS = (6.0, 10.0, 12.0, 9.0)
# Chance that a deal in the ladder place moves forward (the rest is lost or stalls).
ADVANCE = (0.7, 0.7, 0.7, 0.65)
SKIP = 0.08
STALL = 0.15
BATCH = 20_000
TEAM_SHAPE = ("senior_manager", "manager", "manager", "manager", "salesperson")


def admin_url() -> str:
    return os.environ.get(
        "CRM_BENCH_POSTGRES_URL",
        os.environ.get(
            "CRM_TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
        ),
    )


def database_url() -> str:
    return make_url(admin_url()).set(database=DATABASE).render_as_string(hide_password=False)


def _dsn(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


@dataclass(frozen=True)
class Parameters:
    deals: int = 200_000
    second_pipeline_deals: int = 20_000
    contacts: int = 20_000
    companies: int = 2_000
    teams: int = 10
    days: int = 730
    seed: int = 20261127
    generator: int = GENERATOR
    anchor: str = ANCHOR.isoformat()

    def marker(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)


@dataclass(frozen=True)
class Person:
    id: uuid.UUID
    email: str
    role: str
    team_id: uuid.UUID | None


@dataclass
class Cast:
    """Who works here: the Owner, and per team a Senior manager, Managers, a Salesperson."""

    owner: Person
    teams: list[uuid.UUID] = field(default_factory=list)
    staff: list[Person] = field(default_factory=list)


@dataclass(frozen=True)
class Ladder:
    pipeline_id: uuid.UUID
    open_stages: tuple[uuid.UUID, ...]
    won: uuid.UUID
    lost: uuid.UUID


class Ids:
    """Seeded version-4 UUIDs, so the same parameters give the same rows."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def __call__(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)


def _records(table: Table, rows: Iterator[Mapping[str, Any]]) -> Iterator[tuple[Any, ...]]:
    """Rows as tuples in the table's column order; a column left out is NULL."""
    names = [c.name for c in table.columns]
    for row in rows:
        yield tuple(row.get(name) for name in names)


async def _copy(
    connection: asyncpg.Connection, table: Table, rows: Iterator[Mapping[str, Any]]
) -> int:
    names = [c.name for c in table.columns]
    batch: list[tuple[Any, ...]] = []
    count = 0
    for record in _records(table, rows):
        batch.append(record)
        if len(batch) == 50_000:
            await connection.copy_records_to_table(table.name, records=batch, columns=names)
            count += len(batch)
            batch = []
    if batch:
        await connection.copy_records_to_table(table.name, records=batch, columns=names)
        count += len(batch)
    return count


def _cast(params: Parameters, new_id: Ids) -> Cast:
    owner = Person(new_id(), "owner@bench.example", "owner", None)
    cast = Cast(owner=owner)
    for t in range(params.teams):
        team_id = new_id()
        cast.teams.append(team_id)
        for n, role in enumerate(TEAM_SHAPE):
            email = f"{role}.{n}.team{t}@bench.example"
            cast.staff.append(Person(new_id(), email, role, team_id))
    return cast


def _people(cast: Cast) -> Iterator[dict[str, Any]]:
    for person in [cast.owner, *cast.staff]:
        yield {
            "id": person.id,
            "email": person.email,
            "full_name": person.email.split("@")[0].replace(".", " ").title(),
            "role_id": TEMPLATES_BY_KEY[person.role].id,
            "team_id": person.team_id,
            "password_hash": NO_PASSWORD,
            "is_active": True,
            "created_at": ANCHOR - timedelta(days=800),
            "updated_at": ANCHOR - timedelta(days=800),
            "version": 1,
            "security_version": 1,
        }


def _moment(rng: random.Random, days: int) -> datetime:
    """Somewhere in the `days` before the anchor, more of them recent (a growing business)."""
    return ANCHOR - timedelta(seconds=days * 86400 * rng.random() ** 1.4)


def _base(owner: Person, at: datetime) -> dict[str, Any]:
    return {
        "tags": "[]",
        "custom_fields": "{}",
        "owner_id": owner.id,
        "team_id": owner.team_id,
        "created_at": at,
        "updated_at": at,
        "version": 1,
    }


def _companies(
    params: Parameters, rng: random.Random, new_id: Ids, staff: Sequence[Person]
) -> list[dict[str, Any]]:
    rows = []
    for n in range(params.companies):
        name = f"Company {n:05d}"
        rows.append(
            {
                **_base(rng.choice(staff), _moment(rng, params.days + 60)),
                "id": new_id(),
                "name": name,
                "sort_name": name.lower(),
                "domain": f"company{n:05d}.example",
                "country": rng.choice(("DE", "FR", "GB", "US", "ES", "IT", "NL", "JP")),
                "search_text": f"{name.lower()} company{n:05d}.example",
            }
        )
    return rows


def _contacts(
    params: Parameters,
    rng: random.Random,
    new_id: Ids,
    staff: Sequence[Person],
    companies: Sequence[dict[str, Any]],
) -> list[dict[str, Any]]:
    rows = []
    for n in range(params.contacts):
        company = rng.choice(companies)
        first, last = f"First{n % 997}", f"Last{n:05d}"
        rows.append(
            {
                **_base(rng.choice(staff), _moment(rng, params.days + 60)),
                "id": new_id(),
                "first_name": first,
                "last_name": last,
                "sort_name": f"{last} {first}".lower(),
                "company_id": company["id"],
                "company_name": company["name"],
                "lifecycle_stage": rng.choice(("lead", "prospect", "customer", "churned")),
                "marketing_consent": False,
                "processing_consent": True,
                "search_text": f"{first} {last} {company['name']}".lower(),
                "interaction_count": 0,
            }
        )
    return rows


def _currency(rng: random.Random) -> tuple[str, int]:
    pick = rng.random()
    for code, share, unit in CURRENCIES:
        if pick < share:
            return code, unit
        pick -= share
    return CURRENCIES[0][0], CURRENCIES[0][2]


def _path(rng: random.Random, ladder: Ladder) -> tuple[list[int], str]:
    """Ladder places a deal enters in order, and how it ends: won, lost or open (stalled
    or still going)."""
    places, place = [0], 0
    last = len(ladder.open_stages) - 1
    while True:
        if rng.random() >= ADVANCE[min(place, len(ADVANCE) - 1)]:
            return places, "open" if rng.random() < STALL else "lost"
        if place == last:
            return places, "won"
        step = 2 if rng.random() < SKIP and place + 2 <= last else 1
        place += step
        places.append(place)


def _deals(
    count: int,
    ladder: Ladder,
    rng: random.Random,
    new_id: Ids,
    owners: Sequence[Person],
    weights: Sequence[float],
    contacts_by_owner: Mapping[uuid.UUID, Sequence[dict[str, Any]]],
    days: int,
    first_number: int,
) -> Iterator[tuple[dict[str, Any], list[dict[str, Any]]]]:
    """Each deal with the stage changes that brought it where it is."""
    for n in range(count):
        owner = rng.choices(owners, cum_weights=weights)[0]
        created = _moment(rng, days)
        places, ending = _path(rng, ladder)
        deal_id = new_id()
        contact = rng.choice(contacts_by_owner[owner.id])
        entered: list[tuple[uuid.UUID, datetime]] = []
        at = created
        for index, place in enumerate(places):
            if index:
                at = at + timedelta(days=rng.expovariate(1 / MEAN_DAYS[places[index - 1]]))
                if at > ANCHOR:
                    ending = "open"
                    break
            entered.append((ladder.open_stages[place], at))
        if ending in ("won", "lost"):
            closing = at + timedelta(days=rng.expovariate(1 / MEAN_DAYS[places[-1]]))
            if closing > ANCHOR:
                ending = "open"
            else:
                entered.append((ladder.won if ending == "won" else ladder.lost, closing))
        changes = []
        previous: tuple[uuid.UUID, datetime] | None = None
        for stage_id, moment in entered:
            changes.append(
                {
                    "id": new_id(),
                    "deal_id": deal_id,
                    "from_stage_id": previous[0] if previous else None,
                    "to_stage_id": stage_id,
                    "by": owner.id,
                    "seconds_in_previous": int((moment - previous[1]).total_seconds())
                    if previous
                    else None,
                    "contact_id": contact["id"],
                    "at": moment,
                    "pipeline_id": ladder.pipeline_id,
                    "deal_created_at": created,
                    "owner_id": owner.id,
                    "team_id": owner.team_id,
                }
            )
            previous = (stage_id, moment)
        assert previous is not None
        stage_id, entered_at = previous
        currency, unit = _currency(rng)
        amount = round(rng.lognormvariate(math.log(5000), 1.0)) * unit
        if ending == "open":
            close = entered_at + timedelta(days=rng.uniform(-20, 150))
        else:
            close = entered_at + timedelta(days=rng.uniform(-7, 7))
        title = f"Deal {first_number + n:06d}"
        updated = min(ANCHOR, entered_at + timedelta(hours=rng.uniform(0, 72)))
        yield (
            {
                **_base(owner, created),
                "id": deal_id,
                "title": title,
                "sort_title": title.lower(),
                "pipeline_id": ladder.pipeline_id,
                "stage_id": stage_id,
                "status": ending,
                "amount": amount,
                "currency": currency,
                "contact_id": contact["id"],
                "company_id": contact["company_id"],
                "expected_close": close.date(),
                "source": rng.choice(SOURCES),
                "lost_reason": rng.choice(LOST_REASONS) if ending == "lost" else None,
                "won_at": entered_at if ending == "won" else None,
                "lost_at": entered_at if ending == "lost" else None,
                "stage_entered_at": entered_at,
                "updated_at": updated,
                "entered_stage_ids": " ".join(sorted({str(s) for s, _ in entered})),
            },
            changes,
        )


def _default_ladder() -> Ladder:
    stages = DEFAULT_PIPELINE.ordered_stages
    return Ladder(
        pipeline_id=DEFAULT_PIPELINE.id,
        open_stages=tuple(s.id for s in stages if s.kind is StageKind.OPEN),
        won=next(s.id for s in stages if s.kind is StageKind.WON),
        lost=next(s.id for s in stages if s.kind is StageKind.LOST),
    )


async def _second_pipeline(connection: asyncpg.Connection) -> Ladder:
    """ "Renewals": a short pipeline beside the default one, so reports have to pick."""
    await connection.execute(
        "INSERT INTO pipelines (id, name, is_default, created_at, updated_at,"
        " version) VALUES ($1, 'Renewals', false, $2, $2, 1)",
        SECOND_PIPELINE_ID,
        ANCHOR - timedelta(days=800),
    )
    stages = [
        ("Renewal due", 40, "open"),
        ("Quote sent", 70, "open"),
        ("Renewed", 100, "won"),
        ("Churned", 0, "lost"),
    ]
    ids = [uuid.uuid5(SECOND_PIPELINE_ID, name) for name, _, _ in stages]
    await connection.executemany(
        "INSERT INTO stages (id, pipeline_id, name, position, probability,"
        " kind) VALUES ($1, $2, $3, $4, $5, $6)",
        [
            (ids[n], SECOND_PIPELINE_ID, name, n, probability, kind)
            for n, (name, probability, kind) in enumerate(stages)
        ],
    )
    return Ladder(SECOND_PIPELINE_ID, (ids[0], ids[1]), ids[2], ids[3])


async def _load(connection: asyncpg.Connection, params: Parameters) -> dict[str, int]:
    rng = random.Random(params.seed)
    new_id = Ids(rng)
    cast = _cast(params, new_id)
    loaded: dict[str, int] = {}
    loaded["teams"] = await _copy(
        connection,
        TeamRow.__table__,  # type: ignore[arg-type]
        iter(
            {
                "id": team_id,
                "name": f"Team {n}",
                "description": "",
                "created_at": ANCHOR - timedelta(days=800),
                "updated_at": ANCHOR - timedelta(days=800),
                "version": 1,
            }
            for n, team_id in enumerate(cast.teams)
        ),
    )
    loaded["users"] = await _copy(connection, UserRow.__table__, _people(cast))  # type: ignore[arg-type]
    companies = _companies(params, rng, new_id, cast.staff)
    loaded["companies"] = await _copy(connection, CompanyRow.__table__, iter(companies))  # type: ignore[arg-type]
    contacts = _contacts(params, rng, new_id, cast.staff, companies)
    loaded["contacts"] = await _copy(connection, ContactRow.__table__, iter(contacts))  # type: ignore[arg-type]
    contacts_by_owner: dict[uuid.UUID, list[dict[str, Any]]] = {}
    for contact in contacts:
        contacts_by_owner.setdefault(contact["owner_id"], []).append(contact)
    # Some sell far more than others: the benchmark's Manager is the busiest one.
    weights = list(itertools.accumulate(rng.lognormvariate(0, 0.5) for _ in cast.staff))
    second = await _second_pipeline(connection)
    loaded["deals"] = loaded["deal_stage_changes"] = 0
    for ladder, count, first in (
        (_default_ladder(), params.deals, 1),
        (second, params.second_pipeline_deals, params.deals + 1),
    ):
        # In batches: the whole history at once would take a gigabyte of dicts.
        deals: list[dict[str, Any]] = []
        changes: list[dict[str, Any]] = []
        for deal, history in _deals(
            count, ladder, rng, new_id, cast.staff, weights, contacts_by_owner, params.days, first
        ):
            deals.append(deal)
            changes.extend(history)
            if len(deals) == BATCH:
                await _flush(connection, deals, changes, loaded)
        await _flush(connection, deals, changes, loaded)
    return loaded


async def _flush(
    connection: asyncpg.Connection,
    deals: list[dict[str, Any]],
    changes: list[dict[str, Any]],
    loaded: dict[str, int],
) -> None:
    loaded["deals"] += await _copy(connection, DealRow.__table__, iter(deals))  # type: ignore[arg-type]
    loaded["deal_stage_changes"] += await _copy(
        connection,
        StageChangeRow.__table__,  # type: ignore[arg-type]
        iter(changes),
    )
    deals.clear()
    changes.clear()


async def _marker(admin: asyncpg.Connection) -> tuple[bool, str | None]:
    row = await admin.fetchrow(
        "SELECT shobj_description(oid, 'pg_database') AS marker FROM pg_database"
        " WHERE datname = $1",
        DATABASE,
    )
    return (row is not None, row["marker"] if row else None)


async def seed(params: Parameters, reuse: bool) -> None:
    started = time.perf_counter()
    admin = await asyncpg.connect(_dsn(admin_url()))
    try:
        exists, marker = await _marker(admin)
        if exists and reuse and marker == params.marker():
            await asyncio.to_thread(migrate_database, database_url())
            print(f"{DATABASE}: reusing the seeded data set ({params.marker()})")
            return
        if exists:
            await admin.execute(f'DROP DATABASE "{DATABASE}" WITH (FORCE)')
        await admin.execute(f'CREATE DATABASE "{DATABASE}"')
    finally:
        await admin.close()
    await asyncio.to_thread(migrate_database, database_url())
    connection = await asyncpg.connect(_dsn(database_url()))
    try:
        async with connection.transaction():
            # Loading into bare tables and indexing afterwards is several times faster than
            # keeping every index current row by row; the indexes come back exactly as the
            # migrations made them.
            indexes = await connection.fetch(
                "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'"
                " AND tablename = ANY($1::text[]) AND indexname NOT LIKE 'pk\\_%'",
                [DealRow.__tablename__, StageChangeRow.__tablename__],
            )
            for index in indexes:
                await connection.execute(f'DROP INDEX "{index["indexname"]}"')
            loaded = await _load(connection, params)
            for index in indexes:
                await connection.execute(index["indexdef"])
        loading = time.perf_counter() - started
    finally:
        await connection.close()
    await rebuild_deal_totals(database_url())
    totalling = time.perf_counter() - started - loading
    connection = await asyncpg.connect(_dsn(database_url()))
    try:
        # VACUUM as well: it fills the visibility map, without which no index-only scan.
        await connection.execute("VACUUM ANALYZE")
        await connection.execute(f"COMMENT ON DATABASE \"{DATABASE}\" IS '{params.marker()}'")
    finally:
        await connection.close()
    total = time.perf_counter() - started
    figures = ", ".join(f"{count:,} {name}" for name, count in loaded.items())
    print(
        f"{DATABASE}: seeded {figures} in {loading:.1f} s, totals in {totalling:.1f} s"
        f" ({total:.1f} s with VACUUM ANALYZE)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--reuse", action="store_true", help="keep a database seeded with the same parameters"
    )
    parser.add_argument("--deals", type=int, default=Parameters.deals)
    arguments = parser.parse_args()
    asyncio.run(seed(Parameters(deals=arguments.deals), arguments.reuse))


if __name__ == "__main__":
    main()
