"""What the routes of upsert by external id share (issue 18): the body's external ids,
the contract's words, the answer's status, a failed batch item's problem."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Path, Query, Response, status
from pydantic import BaseModel

from api.problems import TYPE_BASE, responses
from api.schemas.common import FieldErrorOut, Problem
from domain.errors import DomainError
from domain.external_ids import parse_filter

# Not a field of the kinds' commands: external ids are kept beside the records.
EXTERNAL_IDS = frozenset({"external_ids"})

# Wide enough for the domain to answer a too-long value with its own 422 naming it.
Source = Annotated[str, Path(max_length=100, description="The source system, e.g. `erp`.")]
ExternalId = Annotated[
    str,
    Path(max_length=400, description="The record's id in the source system (may contain '/')."),
]
ExternalIdFilter = Annotated[
    str | None,
    Query(
        max_length=300,
        description="`source:id`: the one record a source system knows by that id. "
        "A lookup by key: combined only with `archived`.",
        examples=["erp:C-10023"],
    ),
]


def sent_ids(body: BaseModel) -> dict[str, str | None]:
    """The external ids a body sets (none when it left them out or sent null)."""
    given: dict[str, str | None] | None = getattr(body, "external_ids", None)
    return dict(given or {})


def external_id_filter(raw: str | None) -> tuple[str, str] | None:
    return parse_filter(raw)


def upsert_description(kind: str) -> str:
    return (
        f"The {kind} the source system knows by this id: created when none has it (201, "
        f"with `Location`, holding the pair), else updated (200), in one step: two requests "
        f"racing with a new pair make one {kind}.\n\n"
        "The body is the create body. On an update it is applied as a partial update: "
        "fields not sent are left as they are, fields sent with null are cleared, as "
        f"`PATCH` does; `external_ids` sets the sources sent and keeps the others."
        + (
            " `pipeline_id`, `stage_id` and `lost_reason` apply to a create only: a deal "
            "changes stage through `/move`."
            if kind == "deal"
            else ""
        )
        + "\n\n`If-Match` applies to an update (412 when stale; 412 too when no record "
        f"has the pair, since the version named is not there). Access as usual: a create "
        f"needs the right to create {kind}s; an update the right to change this one. A "
        f"{kind} with this pair answers as its own URL does: 404 when you cannot read it, "
        f"403 when you read it but may not change it; it is never created a second time."
    )


def upsert_responses(model: type[BaseModel]) -> dict[int | str, dict[str, Any]]:
    return {
        201: {"model": model, "description": "Created: no record had the pair."},
        **responses(401, 403, 404, 409, 412, 422),
    }


def answer_upsert(response: Response, created: bool, location: str) -> None:
    if created:
        response.status_code = status.HTTP_201_CREATED
        response.headers["Location"] = location


def problem_of(error: DomainError) -> Problem:
    """A batch item's error as the problem the API would answer it alone with."""
    return Problem(
        type=TYPE_BASE + error.code,
        title=error.title,
        status=error.status,
        detail=error.detail,
        errors=[
            FieldErrorOut(field=e.field, message=e.message, code=e.code, params=e.params)
            for e in error.errors
        ],
    )
