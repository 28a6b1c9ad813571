"""Property: no datetime, cursor or free-text parameter of any GET operation makes the
API answer a 5xx, whatever it holds.

The parameters are found by walking the app's own OpenAPI schema, so an operation added
later is covered without touching this file. `CRM_NO5XX_EXAMPLES` sets the number of
generated requests per database (60 here, so the test runs in seconds; raise it for a
deeper search)."""

from __future__ import annotations

import base64
import json
import os
import re
import string
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Any
from urllib.parse import quote

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import Staff
from tests.helpers import CONTACTS, create_company, create_contact

EXAMPLES = int(os.environ.get("CRM_NO5XX_EXAMPLES", "60"))
# The records each test's examples read, by the owner's id (a new owner per test).
_RECORDS: dict[str, dict[str, Any]] = {}


@dataclass(frozen=True)
class Parameter:
    name: str
    where: str  # "query" or "path"
    kind: str  # "datetime", "date", "cursor" or "text"
    repeated: bool


@dataclass(frozen=True)
class Operation:
    path: str
    parameters: tuple[Parameter, ...]
    required: dict[str, str]  # required query parameters the test does not vary


def _plain(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema of a value, `anyOf: [X, null]` unwrapped."""
    for alternative in schema.get("anyOf", []):
        if alternative.get("type") != "null":
            return dict(alternative)
    return schema


def _kind(name: str, schema: dict[str, Any]) -> str | None:
    if name == "cursor":
        return "cursor"
    if schema.get("format") == "date-time":
        return "datetime"
    if schema.get("format") == "date":
        return "date"
    if schema.get("type") == "string" and not {"format", "enum", "$ref"} & set(schema):
        return "text"
    return None


_SANE = {"datetime": "2026-11-01T00:00:00Z", "date": "2026-11-01"}


def operations(spec: dict[str, Any]) -> list[Operation]:
    """Every GET operation with at least one datetime, cursor or free-text parameter."""
    found = []
    for path, item in spec["paths"].items():
        operation = item.get("get")
        if operation is None:
            continue
        parameters, required = [], {}
        for parameter in operation.get("parameters", []):
            if parameter["in"] not in ("query", "path"):
                continue
            schema = _plain(parameter.get("schema", {}))
            repeated = schema.get("type") == "array"
            kind = _kind(parameter["name"], _plain(schema.get("items", {})) if repeated else schema)
            if kind is not None:
                parameters.append(Parameter(parameter["name"], parameter["in"], kind, repeated))
            if parameter.get("required") and parameter["in"] == "query" and kind in _SANE:
                required[parameter["name"]] = _SANE[kind]
        if parameters:
            found.append(Operation(path, tuple(parameters), required))
    return found


# --- Values --------------------------------------------------------------------------------

_offsets = st.integers(min_value=-(24 * 60 - 1), max_value=24 * 60 - 1).map(
    lambda minutes: timezone(timedelta(minutes=minutes))
)
_any_text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=60)
_moments = st.one_of(
    st.datetimes(timezones=st.one_of(st.none(), _offsets)).map(datetime.isoformat),
    st.sampled_from(
        [
            "0001-01-01T00:00:00+14:00",
            "9999-12-31T23:59:59-14:00",
            "0001-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999999Z",
            "2026-02-30T00:00:00Z",
            "2026-11-27T25:00:00Z",
            "2026-11-27T09:00:00+24:00",
            "1899-12-31T23:59:59Z",
            "2201-01-01T00:00:00Z",
        ]
    ),
    _any_text,
)
_days = st.one_of(st.dates().map(date.isoformat), st.sampled_from(["0000-01-01", "9999-12-31"]))
_json = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(2**80), max_value=2**80),
        st.floats(allow_nan=False),
        _any_text,
        _moments,
    ),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(_any_text, inner, max_size=3),
    max_leaves=8,
)


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _cursors(issued: list[str]) -> st.SearchStrategy[str]:
    """Cursors of every sort: issued ones (of this or another list), issued ones edited,
    forged ones as JSON like the issued ones, and garbage."""
    forged = _json.map(lambda value: _b64(json.dumps(value).encode()))
    signed_forgery = st.tuples(forged, st.sampled_from(issued)).map(
        lambda pair: f"{pair[0]}.{pair[1].partition('.')[2]}"
    )
    edited = st.tuples(st.sampled_from(issued), st.integers(min_value=0), _any_text).map(
        lambda t: t[0][: t[1] % len(t[0])] + t[2] + t[0][t[1] % len(t[0]) + 1 :]
    )
    return st.one_of(
        st.sampled_from(issued),
        edited,
        forged,
        signed_forgery,
        st.binary(max_size=60).map(_b64),
        st.text(alphabet=string.printable, max_size=80),
        _any_text,
    )


_texts = st.one_of(
    _any_text,
    st.integers(min_value=1, max_value=3000).map(lambda n: "x" * n),
    st.sampled_from(["%", "_", "\\", "'", '"', "%_%", "a:b", ":", "k:" + "v" * 600, " ", ""]),
)


def _value(kind: str, issued: list[str]) -> st.SearchStrategy[str]:
    if kind == "datetime":
        return _moments
    if kind == "date":
        return _days
    if kind == "cursor":
        return _cursors(issued)
    return _texts


# --- The test ------------------------------------------------------------------------------


async def _issued_cursors(client: httpx.AsyncClient, owner: Staff) -> list[str]:
    """Real cursors of several lists and sorts, to send as they are or edited."""
    cursors = []
    for sort in ("-updated_at", "name", "created_at"):
        page = await client.get(CONTACTS, params={"limit": 1, "sort": sort}, headers=owner.headers)
        cursor = page.json()["next_cursor"]
        assert cursor, page.text
        cursors.append(cursor)
    return cursors


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
async def test_no_parameter_value_makes_a_5xx(
    client: httpx.AsyncClient, owner: Staff, app: Any, data: st.DataObject
) -> None:
    """Whatever a datetime, cursor or free-text parameter of a GET operation holds
    (moments beyond the calendar, forged or edited cursors, control characters, text of
    any length), the answer is not a 5xx, on either database."""
    records = _RECORDS.get(owner.id)
    if records is None:  # once per test (and so per database): the requests only read
        company = await create_company(client, owner)
        contact = await create_contact(client, owner, company_id=company["id"])
        for _ in range(2):
            await create_contact(client, owner, company_id=company["id"])
        cursors = await _issued_cursors(client, owner)
        records = _RECORDS[owner.id] = {
            "contact_id": contact["id"],
            "company_id": company["id"],
            "cursors": cursors,
        }
    operation = data.draw(st.sampled_from(operations(app.openapi())), label="operation")
    query: dict[str, Any] = dict(operation.required)
    for parameter in operation.parameters:
        if parameter.where == "query" and data.draw(st.booleans(), label=parameter.name):
            value = _value(parameter.kind, records["cursors"])
            query[parameter.name] = data.draw(
                st.lists(value, min_size=1, max_size=3) if parameter.repeated else value,
                label=parameter.name,
            )
    texts = {p.name for p in operation.parameters if p.where == "path"}

    def segment(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in texts:
            drawn: str = data.draw(_texts.filter(lambda t: "/" not in t and t), label=name)
            return quote(drawn, safe="")
        return str(records.get(name) or uuid.uuid4())

    path = re.sub(r"\{([a-z_]+)\}", segment, operation.path)
    response = await client.get(path, params=query, headers=owner.headers)
    assert response.status_code < 500, (path, query, response.text)
