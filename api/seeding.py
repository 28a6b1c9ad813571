"""Operator-side data loading for the `crm` command: users by names, the demo data set."""

from __future__ import annotations

from uuid import UUID

from auth.passwords import Argon2PasswordHasher
from domain.roles import ROLE_TEMPLATES, TEMPLATES_BY_KEY
from domain.teams import ensure_team
from domain.users import NewUser, create_user_unchecked
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
    lines.append(f"Demo users sign in with the password {password!r}.")
    return lines
