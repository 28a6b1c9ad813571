"""The floor: a bare ASGI app (no framework, no authentication, no models) that answers
the contacts list as a hand-tuned service would, for `bench.http` to measure the API
against (issue 17).

One round trip per request: the keyset page SQL the API runs (the page's keys from the
live list's index, then their rows), with each contact's e-mails and phones aggregated
into JSON in the same statement, rows written with orjson, the aggregated JSON spliced
in as it comes. Every contact column the API's `ContactRead` carries is in it.

    GET /api/v1/contacts?limit=50                          first page, newest first
    GET /api/v1/contacts?limit=50&after=<updated_at>,<id>  the page after a row
    GET /api/v1/contacts?limit=50&lifecycle_stage=customer&country=DE
    GET /api/v1/contacts?limit=50&q=smith                  a name, by the trigram index

Run: `CRM_BENCH_DATABASE_URL=... uvicorn bench.floor:app --port 8312` (bench.http does).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any
from urllib.parse import parse_qs
from uuid import UUID

import asyncpg
import orjson

from bench.database import bench_url, dsn

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]

_COLUMNS = """c.id, c.owner_id, c.first_name, c.last_name,
    trim(concat_ws(' ', c.first_name, c.last_name)) AS full_name, c.title, c.company_id,
    c.country, c.city, c.source, c.lifecycle_stage,
    c.tags, c.custom_fields, c.marketing_consent, c.marketing_consent_at,
    c.processing_consent, c.processing_consent_at, c.last_interaction_at,
    c.next_interaction_at, c.interaction_count, c.team_id, c.archived_at, c.created_at,
    c.updated_at, c.version,
    (SELECT coalesce(json_agg(json_build_object('email', e.email, 'primary', e.is_primary)
        ORDER BY e.position), '[]') FROM contact_emails e WHERE e.contact_id = c.id)
        AS emails,
    (SELECT coalesce(json_agg(json_build_object('phone', p.phone, 'primary', p.is_primary)
        ORDER BY p.position), '[]') FROM contact_phones p WHERE p.contact_id = c.id)
        AS phones"""


def _page(where: str) -> str:
    """The page's keys first (from the live list's index), then only their rows."""
    # Constant fragments of this module only; values are bound.
    return f"""
        SELECT {_COLUMNS}
        FROM contacts c
        JOIN (SELECT id, updated_at FROM contacts
              WHERE archived_at IS NULL {where}
              ORDER BY updated_at DESC, id DESC LIMIT $1) k ON k.id = c.id
        ORDER BY k.updated_at DESC, k.id DESC"""  # noqa: S608


FIRST = _page("")
AFTER = _page("AND (updated_at, id) < ($2, $3)")
FILTERED = _page("AND lifecycle_stage = $2 AND country = $3")
SEARCH = _page("AND search_text LIKE $2")

# JSON columns come as text (no codec set): spliced into the page as they are.
_JSON = ("custom_fields", "emails", "phones")


def _item(record: asyncpg.Record) -> dict[str, Any]:
    item = dict(record)
    for key in _JSON:
        item[key] = orjson.Fragment(item[key])
    return item


class Floor:
    def __init__(self) -> None:
        self.pool: asyncpg.Pool | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
            return
        assert scope["type"] == "http"
        if scope["path"] != "/api/v1/contacts":
            await _answer(send, 404, b'{"title":"Not Found"}')
            return
        query = {k: v[0] for k, v in parse_qs(scope["query_string"].decode()).items()}
        limit = int(query.get("limit", "50"))
        assert self.pool is not None
        async with self.pool.acquire() as connection:
            rows = await self._rows(connection, query, limit + 1)
        items = [_item(r) for r in rows[:limit]]
        last = items[-1] if len(rows) > limit else None
        after = f"{last['updated_at'].isoformat()},{last['id']}" if last else None
        # asyncpg's UUIDs are a subclass orjson leaves to `default`.
        page = {"items": items, "next_cursor": after}
        await _answer(send, 200, orjson.dumps(page, default=str))

    async def _rows(
        self, connection: asyncpg.Connection, query: dict[str, str], limit: int
    ) -> list[asyncpg.Record]:
        rows: list[asyncpg.Record]
        if "after" in query:
            moment, _, key = query["after"].partition(",")
            rows = await connection.fetch(AFTER, limit, datetime.fromisoformat(moment), UUID(key))
        elif "lifecycle_stage" in query:
            rows = await connection.fetch(
                FILTERED, limit, query["lifecycle_stage"], query["country"]
            )
        elif "q" in query:
            rows = await connection.fetch(SEARCH, limit, f"%{query['q'].lower()}%")
        else:
            rows = await connection.fetch(FIRST, limit)
        return rows

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                self.pool = await asyncpg.create_pool(dsn(bench_url()), min_size=4, max_size=16)
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                if self.pool is not None:
                    await self.pool.close()
                await send({"type": "lifespan.shutdown.complete"})
                return


async def _answer(send: Send, status: int, body: bytes) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


app = Floor()
