"""Operator-side data loading for the `crm` command: users by names, the demo data set."""

from __future__ import annotations

import random
from datetime import timedelta
from uuid import UUID

from auth.passwords import Argon2PasswordHasher
from domain.access.principal import Principal
from domain.access.roles import ROLE_TEMPLATES, TEMPLATES_BY_KEY
from domain.access.teams import ensure_team
from domain.access.users import NewUser, User, create_user_unchecked, principal_of
from domain.clock import utcnow
from domain.contacts.companies import CompanyChanges, SizeBand, create_company
from domain.contacts.contacts import (
    Contact,
    ContactChanges,
    ContactEmail,
    ContactOrigin,
    ContactSource,
    LifecycleStage,
    create_contact,
)
from domain.funnel.deals import NewDeal, create_deal
from domain.funnel.pipelines import DEFAULT_PIPELINE, StageKind
from domain.interactions.interactions import (
    Channel,
    Direction,
    InteractionStatus,
    NewInteraction,
    log_interaction,
)
from domain.interactions.requests import (
    NewRequest,
    RequestChannel,
    RequestPriority,
    register_request,
)
from domain.interactions.tasks import Priority, TaskChanges, create_task
from persistence.database import Database
from persistence.uow import SqlUnitOfWork

DEMO_DOMAIN = "demo.example"
DEMO_TEAMS = ("North", "South")


async def create_user_by_names(
    database_url: str, email: str, full_name: str, role: str, password: str, team: str | None
) -> UUID:
    database = Database(database_url)
    try:
        async with SqlUnitOfWork(database.sessions()) as uow:
            template = TEMPLATES_BY_KEY.get(role)
            found = (
                await uow.roles.get(template.id) if template else await uow.roles.get_by_name(role)
            )
            if found is None:
                raise ValueError(f"no role {role!r}")
            team_id = (await ensure_team(uow, team)).id if team else None
            user = await create_user_unchecked(
                uow, Argon2PasswordHasher(), NewUser(email, full_name, password, found.id, team_id)
            )
            await uow.commit()
            return user.id
    finally:
        await database.dispose()


async def seed_demo_data(database_url: str, password: str) -> list[str]:
    """Teams North and South, and per team a user of every role template below Owner
    (`<role>.<team>@demo.example`). Re-running adds only what is missing."""
    lines = []
    database = Database(database_url)
    hasher = Argon2PasswordHasher()
    try:
        for team_name in DEMO_TEAMS:
            for template in ROLE_TEMPLATES[1:]:
                email = f"{template.key.replace('_', '.')}.{team_name.lower()}@{DEMO_DOMAIN}"
                async with SqlUnitOfWork(database.sessions()) as uow:
                    if await uow.users.get_by_email(email) is not None:
                        continue
                    team = await ensure_team(uow, team_name)
                    await create_user_unchecked(
                        uow,
                        hasher,
                        NewUser(
                            email, f"{template.name} {team_name}", password, template.id, team.id
                        ),
                    )
                    await uow.commit()
                lines.append(f"{email:45} {template.name} ({team_name})")
    finally:
        await database.dispose()
    lines.extend(await _seed_customers(database_url))
    lines.append(f"Demo users sign in with the password {password!r}.")
    return lines


COMPANIES = [
    ("Nordwind Logistik GmbH", "nordwind-logistik.example", "Logistics", "DE", "Hamburg"),
    ("Brasserie Lumière SARL", "lumiere-brasserie.example", "Hospitality", "FR", "Lyon"),
    ("Volga Agro OOO", "volga-agro.example", "Agriculture", "RU", "Kazan"),
    ("Shenzhen Bright Optics Ltd", "bright-optics.example", "Electronics", "CN", "Shenzhen"),
    ("Harbor & Finch LLP", "harborfinch.example", "Legal", "GB", "Bristol"),
    ("Cascade Outdoor Supply", "cascade-outdoor.example", "Retail", "US", "Portland"),
    ("Alpenblick Hotels AG", "alpenblick.example", "Hospitality", "AT", "Innsbruck"),
    ("Medina Textiles", "medina-textiles.example", "Manufacturing", "ES", "Valencia"),
    ("Baltic Timber OÜ", "baltic-timber.example", "Manufacturing", "EE", "Tartu"),
    ("Lotus Dental Clinics", "lotus-dental.example", "Healthcare", "SG", "Singapore"),
    ("Prairie Grain Co-op", "prairie-grain.example", "Agriculture", "CA", "Regina"),
    ("Kyoto Paper Works", "kyoto-paper.example", "Manufacturing", "JP", "Kyoto"),
]
FIRST_NAMES = [
    "Anna", "Lukas", "Camille", "Hugo", "Olga", "Dmitri", "Li", "Mei", "Oliver", "Amelia",
    "James", "Sofia", "Mateo", "Elena", "Yuki", "Kenji", "Aarav", "Zara", "Noah", "Ingrid",
]  # fmt: skip
LAST_NAMES = [
    "Müller", "Schmidt", "Dubois", "Laurent", "Ivanova", "Petrov", "Wang", "Chen", "Smith",
    "Taylor", "Johnson", "García", "Rossi", "Tanaka", "Sato", "Sharma", "Khan", "Larsen",
]  # fmt: skip
TITLES = [
    "Purchasing Manager", "CEO", "Head of Operations", "Office Manager", "CFO",
    "Sales Director", "Procurement Lead", "Owner", "IT Manager", "Marketing Manager",
]  # fmt: skip
TAGS = ["newsletter", "vip", "trade-fair-2026", "partner", "price-sensitive", "referral"]
STAGES = (
    [LifecycleStage.LEAD] * 4
    + [LifecycleStage.PROSPECT] * 3
    + [LifecycleStage.CUSTOMER] * 3
    + [LifecycleStage.CHURNED]
)


async def _seed_customers(database_url: str) -> list[str]:
    """Companies and contacts owned by the demo Managers and Salespeople, once."""
    rng = random.Random(2026)  # noqa: S311 - demo data, not secrets
    database = Database(database_url)
    try:
        async with SqlUnitOfWork(database.sessions()) as uow:
            owners: list[User] = []
            for team_name in DEMO_TEAMS:
                for key in ("manager", "salesperson"):
                    user = await uow.users.get_by_email(f"{key}.{team_name.lower()}@{DEMO_DOMAIN}")
                    if user is not None:
                        owners.append(user)
            first_owner = principal_of(owners[0])
            if await uow.companies.find_by_name(COMPANIES[0][0], first_owner) is not None:
                return []
            contacts = activity = deals = 0
            for index, (name, domain, industry, country, city) in enumerate(COMPANIES):
                owner = principal_of(owners[index % len(owners)])
                company = await create_company(
                    uow,
                    owner,
                    CompanyChanges(
                        name=name,
                        domain=domain,
                        industry=industry,
                        country=country,
                        city=city,
                        size_band=rng.choice(list(SizeBand)),
                        tags=tuple(rng.sample(TAGS, rng.randint(0, 2))),
                    ),
                )
                for _ in range(rng.randint(3, 9)):
                    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
                    local = f"{first}.{last}".lower().encode("ascii", "ignore").decode()
                    person = await create_contact(
                        uow,
                        owner,
                        ContactChanges(
                            first_name=first,
                            last_name=last,
                            emails=(ContactEmail(f"{local}{rng.randint(1, 99)}@{domain}"),),
                            title=rng.choice(TITLES),
                            company_id=company.id,
                            country=country,
                            city=city,
                            source=rng.choice(list(ContactSource)),
                            lifecycle_stage=rng.choice(STAGES),
                            tags=tuple(rng.sample(TAGS, rng.randint(0, 2))),
                            marketing_consent=rng.random() < 0.6,
                            processing_consent=True,
                        ),
                        # Demo data stands for what the people typed in themselves.
                        ContactOrigin.MANUAL,
                    )
                    contacts += 1
                    activity += await _seed_activity(uow, owner, person.id, rng)
                    deals += await _seed_deal(uow, owner, person, rng)
            await uow.commit()
    finally:
        await database.dispose()
    return [
        f"{len(COMPANIES)} companies and {contacts} contacts, owned by the demo sales staff,",
        f"with {activity} interactions, tasks and customer requests, and {deals} deals.",
    ]


async def _seed_activity(
    uow: SqlUnitOfWork, owner: Principal, contact_id: UUID, rng: random.Random
) -> int:
    """A contact's recent history: past calls and e-mails with outcomes, sometimes a
    planned meeting, an open task, a customer request."""
    now = utcnow()
    made = 0
    for _ in range(rng.randint(0, 3)):
        await log_interaction(
            uow,
            owner,
            NewInteraction(
                channel=Channel(rng.choice(["call", "email", "meeting", "note"])),
                direction=Direction(rng.choice(["inbound", "outbound"])),
                subject=rng.choice(SUBJECTS),
                contact_id=contact_id,
                occurred_at=now - timedelta(days=rng.randint(1, 60), hours=rng.randint(0, 8)),
                outcome=rng.choice(["interested", "no_answer", "follow_up_needed", None]),
                duration_minutes=rng.choice([5, 15, 30, 45]),
            ),
        )
        made += 1
    if rng.random() < 0.3:
        await log_interaction(
            uow,
            owner,
            NewInteraction(
                channel=Channel.MEETING,
                status=InteractionStatus.PLANNED,
                subject="Follow-up meeting",
                contact_id=contact_id,
                scheduled_at=now + timedelta(days=rng.randint(1, 14), hours=rng.randint(1, 6)),
            ),
        )
        made += 1
    if rng.random() < 0.3:
        due = now + timedelta(days=rng.randint(-3, 10))
        await create_task(
            uow,
            owner,
            TaskChanges(
                title=rng.choice(["Send the offer", "Call back", "Prepare a quote"]),
                contact_id=contact_id,
                due_at=due,
                remind_at=due - timedelta(hours=2),
                priority=Priority(rng.choice(["normal", "high"])),
            ),
        )
        made += 1
    if rng.random() < 0.15:
        await register_request(
            uow,
            owner,
            NewRequest(
                contact_id=contact_id,
                channel=RequestChannel(rng.choice(["email", "call", "web_form"])),
                subject=rng.choice(["Wrong invoice", "Delivery is late", "How do I reset it?"]),
                priority=RequestPriority(rng.choice(["low", "normal", "high", "urgent"])),
            ),
        )
        made += 1
    return made


async def _seed_deal(
    uow: SqlUnitOfWork, owner: Principal, person: Contact, rng: random.Random
) -> int:
    """Prospects have an open deal somewhere in the funnel, customers a won one, churned
    contacts a lost one; leads none yet."""
    stages = DEFAULT_PIPELINE.ordered_stages
    if person.lifecycle_stage is LifecycleStage.LEAD:
        return 0
    if person.lifecycle_stage is LifecycleStage.PROSPECT:
        stage = rng.choice([s for s in stages if s.kind is StageKind.OPEN])
    elif person.lifecycle_stage is LifecycleStage.CUSTOMER:
        stage = next(s for s in stages if s.kind is StageKind.WON)
    else:
        stage = next(s for s in stages if s.kind is StageKind.LOST)
    await create_deal(
        uow,
        owner,
        NewDeal(
            title=f"{rng.choice(['Licences', 'Service contract', 'Pilot', 'Upgrade'])}"
            f" for {person.full_name}",
            contact_id=person.id,
            company_id=person.company_id,
            stage_id=stage.id,
            amount=rng.randrange(50_000, 5_000_000, 500),
            currency=rng.choice(["EUR", "EUR", "USD", "GBP"]),
            expected_close=(utcnow() + timedelta(days=rng.randint(-30, 120))).date(),
            lost_reason="Went with a competitor" if stage.kind is StageKind.LOST else None,
        ),
    )
    return 1


SUBJECTS = ["Intro call", "Pricing question", "Sent brochure", "Quarterly check-in", "Demo"]
