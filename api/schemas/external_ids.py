"""Upsert by external id (issue 18): the batch bodies and answers, one family per kind
(named per kind, so the generated SDKs read `ContactUpsertBatch`, not a generic)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from api.schemas.common import Input, Problem, first_example
from api.schemas.companies import CompanyCreate, CompanyRead
from api.schemas.contacts import ContactCreate, ContactRead
from api.schemas.deals import DealCreate, DealRead

MAX_BATCH = 100  # domain.integrations.upserts.MAX_BATCH
Outcome = Literal["created", "updated", "error"]

_SOURCE = Field(
    min_length=1,
    max_length=100,
    description="The source system: 1 to 40 lowercase letters, digits, '-' or '_'.",
    examples=["erp"],
)
_EXTERNAL_ID = Field(
    min_length=1,
    max_length=400,
    description="The record's id in the source system: 1 to 200 printable characters.",
    examples=["C-10023"],
)
_PROBLEM_EXAMPLE: dict[str, Any] = {
    "type": "https://crm.example/problems/validation-failed",
    "title": "Validation failed",
    "status": 422,
    "detail": "Invalid external_id: must be at most 200 characters.",
    "request_id": None,
    "errors": [
        {
            "field": "external_id",
            "message": "must be at most 200 characters",
            "code": "too_long",
            "params": {"max_length": 200},
        }
    ],
}


def _results_example(record: type[BaseModel]) -> dict[str, Any]:
    return {
        "items": [
            {"status": "created", "record": first_example(record), "problem": None},
            {"status": "error", "record": None, "problem": _PROBLEM_EXAMPLE},
        ]
    }


class ContactUpsertItem(Input):
    source: str = _SOURCE
    external_id: str = _EXTERNAL_ID
    fields: ContactCreate = Field(description="As `PUT /contacts/by-external-id/...` takes it.")


class ContactUpsertBatch(Input):
    items: list[ContactUpsertItem] = Field(min_length=1, max_length=MAX_BATCH)


class ContactUpsertResult(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [_results_example(ContactRead)["items"][0]]}
    )

    status: Outcome
    record: ContactRead | None = Field(description="The record as saved; null on an error.")
    problem: Problem | None = Field(description="Why the item failed; null otherwise.")


class ContactUpsertResults(BaseModel):
    """One result per item, in the order sent."""

    model_config = ConfigDict(json_schema_extra={"examples": [_results_example(ContactRead)]})

    items: list[ContactUpsertResult]


class CompanyUpsertItem(Input):
    source: str = _SOURCE
    external_id: str = _EXTERNAL_ID
    fields: CompanyCreate = Field(description="As `PUT /companies/by-external-id/...` takes it.")


class CompanyUpsertBatch(Input):
    items: list[CompanyUpsertItem] = Field(min_length=1, max_length=MAX_BATCH)


class CompanyUpsertResult(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [_results_example(CompanyRead)["items"][0]]}
    )

    status: Outcome
    record: CompanyRead | None = Field(description="The record as saved; null on an error.")
    problem: Problem | None = Field(description="Why the item failed; null otherwise.")


class CompanyUpsertResults(BaseModel):
    """One result per item, in the order sent."""

    model_config = ConfigDict(json_schema_extra={"examples": [_results_example(CompanyRead)]})

    items: list[CompanyUpsertResult]


class DealUpsertItem(Input):
    source: str = _SOURCE
    external_id: str = _EXTERNAL_ID
    fields: DealCreate = Field(description="As `PUT /deals/by-external-id/...` takes it.")


class DealUpsertBatch(Input):
    items: list[DealUpsertItem] = Field(min_length=1, max_length=MAX_BATCH)


class DealUpsertResult(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [_results_example(DealRead)["items"][0]]}
    )

    status: Outcome
    record: DealRead | None = Field(description="The record as saved; null on an error.")
    problem: Problem | None = Field(description="Why the item failed; null otherwise.")


class DealUpsertResults(BaseModel):
    """One result per item, in the order sent."""

    model_config = ConfigDict(json_schema_extra={"examples": [_results_example(DealRead)]})

    items: list[DealUpsertResult]
