"""Stateful runs: schemathesis builds a state machine from the contract's OpenAPI links
(create -> get/update/archive/... with the new record's id, and create -> create with it
in the body) and walks random sequences of calls as an Owner, checking every answer
against the contract, plus the stateful check that a created record is readable right
after (`ensure_resource_availability`).

Bounded on purpose (`CRM_STATEFUL_SCENARIOS` scenarios of at most `CRM_STATEFUL_STEPS`
calls) and derandomized. Every scenario starts from the same database (the rows as
seeded, restored before each): a create that succeeded once succeeds again, so Hypothesis
can replay and shrink a scenario, and a run finds the same thing twice."""

from __future__ import annotations

import asyncio
import os
from collections import Counter
from typing import Any, ClassVar

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, settings
from schemathesis.config import SchemathesisConfig
from schemathesis.generation.stateful.state_machine import StepInput, StepOutput
from schemathesis.hooks import HookContext
from schemathesis.specs.openapi import stateful
from sqlalchemy import Table, delete, insert, select
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from domain.access.roles import TEMPLATES_BY_KEY
from persistence.tables import metadata
from tests.contract.conftest import Target

SCENARIOS = int(os.environ.get("CRM_STATEFUL_SCENARIOS", "80"))
STEPS = int(os.environ.get("CRM_STATEFUL_STEPS", "10"))


Snapshot = list[tuple[Table, list[dict[str, Any]]]]


async def _snapshot(url: str) -> Snapshot:
    engine = create_async_engine(url, poolclass=NullPool)
    try:
        async with engine.connect() as connection:
            return [
                (table, [dict(row._mapping) for row in await connection.execute(select(table))])
                for table in metadata.sorted_tables
            ]
    finally:
        await engine.dispose()


async def _restore(url: str, snapshot: Snapshot) -> None:
    engine = create_async_engine(url, poolclass=NullPool)
    try:
        async with engine.begin() as connection:
            for table in reversed(metadata.sorted_tables):
                await connection.execute(delete(table))
            for table, rows in snapshot:
                if rows:
                    await connection.execute(insert(table), rows)
    finally:
        await engine.dispose()


@pytest.fixture(scope="module")
def linked_schema(target: Target) -> schemathesis.BaseSchema:
    config = SchemathesisConfig.from_dict(
        {
            "seed": 20261127,
            "generation": {"mode": "positive"},
            "phases": {
                "stateful": {
                    "max-steps": STEPS,
                    # Only the contract's own links: the run tests them, not guesses.
                    "inference": {"algorithms": []},
                }
            },
            "checks": {
                "positive_data_acceptance": {
                    # 400: a list's `cursor` the generator made up rather than took from
                    # a `next_cursor` (cursors are signed by the server).
                    "expected-statuses": [200, 201, 202, 204, 400, 401, 403, 404, 409, 412, 422]
                },
                # Archiving (DELETE) is a soft delete by design: the record stays readable
                # with `archived_at` set until it is restored (POST .../restore).
                "use_after_free": {"enabled": False},
            },
        }
    )
    schema = schemathesis.openapi.from_asgi("/openapi.json", target.app, config=config)
    schema.hook(map_body)
    return schema


# What a generator cannot guess in a create: ids of records it did not make (the links
# bring those), custom fields nobody defined, country codes and phone numbers that must
# exist. Left in, nearly every create answers 422 and no scenario gets past its first step;
# the field-by-field fuzzing of these is test_conformance's job.
UNGUESSABLE = {
    "owner_id", "assignee_id", "company_id", "contact_id", "contact_ids", "user_ids",
    "team_id", "role_id", "pipeline_id", "stage_id", "custom_fields", "country", "phones",
    "phone", "outcome",
}  # fmt: skip
STRONG_PASSWORD = "a long and unusual passphrase"
SALESPERSON = TEMPLATES_BY_KEY["salesperson"].id


def map_body(context: HookContext, body: Any) -> Any:
    operation = context.operation
    if operation is None or operation.method.upper() != "POST" or "{" in operation.path:
        return body
    if isinstance(body, dict):
        body = {key: value for key, value in body.items() if key not in UNGUESSABLE}
        if operation.path == "/api/v1/contacts" and not (
            body.get("first_name") or body.get("last_name")
        ):
            body["last_name"] = "Weber"  # a contact needs a name
        if operation.path == "/api/v1/users":
            body["password"] = STRONG_PASSWORD  # generated ones are easily guessed
            body["role_id"] = str(SALESPERSON)  # a link may put a new role's id instead
    return body


def test_stateful_runs_through_the_links_as_owner(
    linked_schema: schemathesis.BaseSchema, target: Target, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Sequences of calls chained by the links conform to the contract, and the run does
    follow links (a created contact, company, task, ... is then read, changed, archived)."""
    # Every create is an entry point. Left alone, schemathesis's dependency analysis would
    # drop contacts_create, companies_create, tasks_create, ...: it reads `company_id` as
    # a reference to a resource "Company", finds no schema of that name (ours is
    # CompanyRead; it strips only suffixes such as Out/Output/DTO) and so deems the create
    # bound to fail; such operations only start a scenario when no other create can.
    monkeypatch.setattr(stateful, "is_likely_root_transition", lambda *_: True)
    seeded = asyncio.run(_snapshot(target.database_url))

    class Workflow(linked_schema.as_state_machine()):  # type: ignore[misc]
        followed: ClassVar[Counter[str]] = Counter()

        def setup(self) -> None:
            asyncio.run(_restore(target.database_url, seeded))

        def get_call_kwargs(self, case: schemathesis.Case[Any]) -> dict[str, Any]:
            token = target.token_for(case.method, case.path, target.owner_token)
            return {"headers": {"Authorization": f"Bearer {token}"}}

        def step(self, input: StepInput) -> StepOutput:
            if input.transition is not None and input.is_applied:
                self.followed[input.case.operation.definition.raw["operationId"]] += 1
            output: StepOutput = super().step(input)
            return output

    Workflow.run(
        settings=settings(
            max_examples=SCENARIOS,
            stateful_step_count=STEPS,
            deadline=None,
            derandomize=True,
            database=None,
            phases=[Phase.generate, Phase.shrink],
            suppress_health_check=list(HealthCheck),
        )
    )
    assert len(Workflow.followed) >= 10, f"too few links followed: {dict(Workflow.followed)}"
