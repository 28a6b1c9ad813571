"""Dates (`format: date` in the contract) are `YYYY-MM-DD` text only. Regression: the
conformance run found `GET /deals?close_before=0` answered 200, pydantic having read `0`
as seconds after 1970."""

from __future__ import annotations

import datetime as dt

import httpx
import pytest
from pydantic import TypeAdapter, ValidationError

from api.schemas.fields import CalendarDate
from tests.conftest import Staff


@pytest.mark.parametrize("value", [0, 1.5, "0", "1700000000", "2026-11-27T09:00:00Z", "27.11.2026"])
def test_calendar_date_refuses_what_is_not_yyyy_mm_dd(value: object) -> None:
    with pytest.raises(ValidationError):
        TypeAdapter(CalendarDate).validate_python(value)


def test_calendar_date_reads_yyyy_mm_dd() -> None:
    assert TypeAdapter(CalendarDate).validate_python("2026-11-27") == dt.date(2026, 11, 27)
    assert TypeAdapter(CalendarDate).validate_json('"2026-02-28"') == dt.date(2026, 2, 28)


async def test_deal_filters_and_bodies_refuse_numbers_as_dates(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    for query in ("close_before=0", "close_after=1.5"):
        listed = await client.get(f"/api/v1/deals?{query}", headers=owner.headers)
        assert listed.status_code == 422, (query, listed.text)
    assert (
        await client.get("/api/v1/deals?close_before=2026-12-31", headers=owner.headers)
    ).status_code == 200
    created = await client.post(
        "/api/v1/deals",
        json={"title": "Numbers are no dates", "expected_close": 0},
        headers=owner.headers,
    )
    assert created.status_code == 422, created.text
    assert any(e["field"] == "expected_close" for e in created.json()["errors"])
    forecast = await client.get(
        "/api/v1/reports/forecast?from=0&to=2026-12-31", headers=owner.headers
    )
    assert forecast.status_code == 422, forecast.text
