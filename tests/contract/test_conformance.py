"""Schemathesis drives every operation with generated valid and invalid data, as an Owner
and as a Salesperson, and checks each answer against the contract: no server error, the
documented status codes, content types, headers and response schemas.

`CRM_FUZZ_EXAMPLES` sets examples per operation (50 here; `make fuzz` raises it)."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.config import SchemathesisConfig

from tests.contract.conftest import Target

EXAMPLES = int(os.environ.get("CRM_FUZZ_EXAMPLES", "50"))

# Every `format: date-time` value, in parameters and bodies alike, is drawn from moments
# with any UTC offset, and often from the shapes a black-box probe once crashed the API
# with: moments at the edges of the calendar whose offset pushes them out of it in UTC,
# and moments just outside the years the API accepts. All are valid RFC 3339.
_EDGE_MOMENTS = [
    "0001-01-01T00:00:00+14:00",
    "9999-12-31T23:59:59-14:00",
    "0001-01-01T00:00:00Z",
    "9999-12-31T23:59:59.999999Z",
    "1899-12-31T23:59:59Z",
    "2201-01-01T00:00:00+00:00",
]
_OFFSETS = st.integers(min_value=-14 * 60, max_value=14 * 60).map(
    lambda minutes: timezone(timedelta(minutes=minutes))
)
schemathesis.openapi.format(
    "date-time",
    st.one_of(
        st.datetimes(timezones=st.one_of(st.just(UTC), _OFFSETS)).map(datetime.isoformat),
        st.sampled_from(_EDGE_MOMENTS),
    ),
)


@pytest.fixture(scope="module")
def api_schema(target: Target) -> schemathesis.BaseSchema:
    config = SchemathesisConfig.from_dict(
        {
            "generation": {"mode": "all", "max-examples": EXAMPLES},
            "seed": 20261127,
            "checks": {
                # A schema-valid request may still name a record that does not exist, a
                # stale ETag, a cursor this API never issued (400) or a taken e-mail:
                # those are business answers, not contract breaches.
                "positive_data_acceptance": {
                    "expected-statuses": [200, 201, 204, 400, 401, 403, 404, 409, 412, 422, 429]
                }
            },
        }
    )
    return schemathesis.openapi.from_asgi("/openapi.json", target.app, config=config)


schema = schemathesis.pytest.from_fixture("api_schema")
_hypothesis = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


@schema.parametrize()
@_hypothesis
def test_conforms_as_owner(case: schemathesis.Case[Any], target: Target) -> None:
    """As an Owner, every generated request gets an answer the contract allows."""
    token = target.token_for(case.method, case.path, target.owner_token)
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"})


@schema.parametrize()
@_hypothesis
def test_conforms_as_salesperson(case: schemathesis.Case[Any], target: Target) -> None:
    """As a Salesperson (no administration, own scope), likewise."""
    token = target.token_for(case.method, case.path, target.salesperson_token)
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"})


def test_contract_file_is_the_one_fuzzed() -> None:
    """The fuzzed schema is the committed contract (guards against fuzzing a stale copy)."""
    assert (Path(__file__).parents[2] / "openapi" / "openapi.json").exists()
