"""How many statements a list or the board costs the database (issue 17): each one is a
round trip and the ORM's work around it, most of a read's time. A page of contacts with
e-mails, phones, custom fields and external ids is one statement on PostgreSQL, where the
sign-in check goes through asyncpg's own pool and the process keeps the custom-field
definitions and pipelines (persistence/process_copies.py); SQLite adds those."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
from sqlalchemy import event

from domain.funnel.pipelines import DEFAULT_PIPELINE
from persistence.database import Database, is_sqlite
from tests.api.test_deals import PIPELINES, deal, move
from tests.conftest import Staff
from tests.helpers import CONTACTS


@contextmanager
def statements(database: Database) -> Iterator[list[str]]:
    seen: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        seen.append(statement)

    event.listen(database.engine.sync_engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(database.engine.sync_engine, "before_cursor_execute", count)


async def test_a_page_of_contacts_is_one_statement_on_postgresql(
    client: httpx.AsyncClient, owner: Staff, database: Database, database_url: str
) -> None:
    """Contacts with e-mails, phones and external ids, listed twice: the second list (the
    definitions kept from the first) runs one statement on PostgreSQL, three on SQLite,
    and shows every contact's external ids."""
    for n in range(3):
        made = await client.post(
            CONTACTS,
            json={
                "last_name": f"Budget {n}",
                "emails": [{"email": f"budget{n}@example.com"}],
                "phones": [{"phone": "+49 30 1234567"}],
                "external_ids": {"erp": f"B-{n}"},
            },
            headers=owner.headers,
        )
        assert made.status_code == 201, made.text
    params = {"limit": 50}
    assert (await client.get(CONTACTS, params=params, headers=owner.headers)).status_code == 200

    with statements(database) as seen:
        listed = await client.get(CONTACTS, params=params, headers=owner.headers)

    assert listed.status_code == 200
    ids = {c["last_name"]: c["external_ids"] for c in listed.json()["items"]}
    assert {ids[f"Budget {n}"]["erp"] for n in range(3)} == {"B-0", "B-1", "B-2"}
    assert len(seen) == (3 if is_sqlite(database_url) else 1), seen


async def test_the_board_costs_the_same_statements_however_many_stages_hold_deals(
    client: httpx.AsyncClient, owner: Staff, database: Database
) -> None:
    """Deals with external ids in three stages: the board reads them (and their ids) in a
    fixed number of statements, not one more per stage, and each column shows its own."""
    titles = {"New": "Budget new", "Qualified": "Budget qualified", "Proposal": "Budget offer"}
    for stage, title in titles.items():
        made = await deal(client, owner, title=title, external_ids={"erp": title})
        if stage != "New":
            assert (await move(client, owner, made["id"], stage)).status_code == 200
    url = f"{PIPELINES}/{DEFAULT_PIPELINE.id}/board"
    assert (await client.get(url, headers=owner.headers)).status_code == 200

    with statements(database) as seen:
        board = await client.get(url, headers=owner.headers)

    assert board.status_code == 200
    columns = {c["stage"]["name"]: c["deals"] for c in board.json()["columns"]}
    for stage, title in titles.items():
        shown = {d["title"]: d["external_ids"] for d in columns[stage]}
        assert shown[title] == {"erp": title}
    # The totals, the deals with their external ids, and the cards' next tasks and planned
    # interactions (names too when deals have a company or contact); on SQLite also the
    # sign-in check, the pipeline, its stages and the definitions, which PostgreSQL's
    # processes keep.
    assert len(seen) == (8 if is_sqlite(str(database.url)) else 4), seen
