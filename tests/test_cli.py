"""The `crm` command: help for every command, demo data, users from the shell."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from typer.testing import CliRunner

from api.cli import app
from persistence.database import Database
from persistence.uow import SqlUnitOfWork

runner = CliRunner()


@pytest.mark.parametrize(
    "command", ["serve", "migrate", "create-user", "seed-demo", "openapi", "worker"]
)
def test_every_command_has_help(command: str) -> None:
    """`crm <command> --help` explains the command."""
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage" in result.output


def test_seed_demo_and_create_user(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """seed-demo migrates and loads a user of every template below Owner per team plus
    companies and contacts, twice without duplicates; create-user adds a user by role
    key and team name."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.chdir(tmp_path)
    first = runner.invoke(app, ["seed-demo"])
    assert first.exit_code == 0, first.output
    assert "manager.north@demo.example" in first.output
    assert "12 companies and" in first.output
    assert "interactions, tasks and customer requests, and" in first.output
    assert " deals." in first.output
    again = runner.invoke(app, ["seed-demo"])
    assert again.exit_code == 0 and "@demo.example " not in again.output
    assert "companies" not in again.output

    created = runner.invoke(
        app,
        [
            "create-user",
            "--email", "Ops@Example.com", "--full-name", "Ops Person",
            "--role", "advanced_access", "--team", "Back office",
            "--password", "a long and unusual passphrase",
        ],
    )  # fmt: skip
    assert created.exit_code == 0, created.output
    weak = runner.invoke(
        app,
        ["create-user", "--email", "w@example.com", "--full-name", "W", "--role", "manager",
         "--password", "password1"],
    )  # fmt: skip
    assert weak.exit_code == 1 and "Invalid password" in weak.output

    async def count() -> tuple[int, str | None]:
        database = Database(url)
        try:
            async with SqlUnitOfWork(database.sessions()) as uow:
                user = await uow.users.get_by_email("ops@example.com")
                return await uow.users.count(), user.role.name if user else None
        finally:
            await database.dispose()

    assert asyncio.run(count()) == (13, "Advanced access")
