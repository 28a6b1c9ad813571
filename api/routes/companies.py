from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Response, status

from api.commands import command
from api.deps import CurrentPrincipal, IfMatch, ReadUoW, UoW, page_request, set_etag
from api.external_ids import (
    EXTERNAL_IDS,
    ExternalId,
    ExternalIdFilter,
    Source,
    answer_upsert,
    external_id_filter,
    problem_of,
    sent_ids,
    upsert_description,
    upsert_responses,
)
from api.filters import record_filters, timeline_filters
from api.idempotency import Idempotent
from api.presenters import companies_out, company_out, contacts_out, timeline_out
from api.problems import responses
from api.schemas.audit import AuditEventRead
from api.schemas.common import Page
from api.schemas.companies import CompanyCreate, CompanyRead, CompanyUpdate
from api.schemas.contacts import ContactRead
from api.schemas.external_ids import CompanyUpsertBatch, CompanyUpsertResult, CompanyUpsertResults
from api.schemas.fields import at_most
from api.schemas.timeline import TimelineItemRead
from domain import external_ids
from domain.access.levels import RecordKind
from domain.contacts import companies, contacts
from domain.contacts.companies import CompanyChanges, CompanyFilter, SizeBand
from domain.contacts.contacts import ContactFilter, LifecycleStage
from domain.integrations import upserts
from domain.integrations.upserts import UpsertCommand
from domain.interactions import timeline
from domain.interactions.timeline import TimelineFilter
from domain.pagination import PageRequest

router = APIRouter(prefix="/companies", tags=["companies"])


async def company_contact_filters(
    common: Annotated[dict[str, Any], Depends(record_filters)],
    lifecycle_stage: LifecycleStage | None = None,
) -> ContactFilter:
    """The contact filters, but company_id: the path names the company."""
    return ContactFilter(**common, lifecycle_stage=lifecycle_stage)


async def company_filters(
    common: Annotated[dict[str, Any], Depends(record_filters)],
    industry: Annotated[
        str | None, Query(description="At most 200 characters."), at_most(200)
    ] = None,
    size_band: SizeBand | None = None,
) -> CompanyFilter:
    return CompanyFilter(**common, industry=industry, size_band=size_band)


@router.get(
    "", summary="List and search companies in your scope", responses=responses(401, 403, 422)
)
async def companies_list(
    principal: CurrentPrincipal,
    uow: ReadUoW,
    filters: Annotated[CompanyFilter, Depends(company_filters)],
    external_id: ExternalIdFilter = None,
    page: PageRequest = page_request("-updated_at"),
) -> Page[CompanyRead]:
    filters = replace(filters, external_id=external_id_filter(external_id))
    result = await companies.list_companies(uow, principal, filters, page)
    return Page(
        items=await companies_out(uow, principal, result.items), next_cursor=result.next_cursor
    )


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    summary="Create a company",
    responses=responses(401, 403, 409, 422),
)
async def companies_create(
    body: CompanyCreate,
    response: Response,
    principal: CurrentPrincipal,
    uow: UoW,
    once: Idempotent,
) -> CompanyRead:
    new = command(body, CompanyChanges, exclude=EXTERNAL_IDS)
    company = await companies.create_company(uow, principal, new)
    await external_ids.assign(uow, RecordKind.COMPANIES, company.id, sent_ids(body))
    result = await company_out(uow, principal, company)
    await once.created(response, f"/api/v1/companies/{company.id}", company.version, result)
    return result


def _upsert_command(
    source: str, external_id: str, body: CompanyCreate, if_match: int | None = None
) -> UpsertCommand[CompanyChanges]:
    return UpsertCommand(
        source,
        external_id,
        command(body, CompanyChanges, exclude=EXTERNAL_IDS),
        sent_ids(body),
        if_match,
    )


@router.put(
    "/by-external-id/{source}/{external_id:path}",
    summary="Create or update the company a source system knows by this id",
    description=upsert_description("company"),
    responses=upsert_responses(CompanyRead),
)
async def companies_upsert(
    source: Source,
    external_id: ExternalId,
    body: CompanyCreate,
    response: Response,
    principal: CurrentPrincipal,
    uow: UoW,
    if_match: IfMatch,
) -> CompanyRead:
    done = await upserts.upsert_company(
        uow, principal, _upsert_command(source, external_id, body, if_match)
    )
    answer_upsert(response, done.created, f"/api/v1/companies/{done.record.id}")
    set_etag(response, done.record.version)
    return await company_out(uow, principal, done.record)


@router.post(
    "/by-external-id",
    summary="Create or update up to 100 companies by their external ids, each on its own",
    description="Each item is an upsert as `PUT /companies/by-external-id/{source}/"
    "{external_id}` does it, in a savepoint of its own: an item that fails is answered "
    "with its problem and undone alone; the others are kept.",
    responses=responses(401, 403, 422),
)
async def companies_upsert_batch(
    body: CompanyUpsertBatch, principal: CurrentPrincipal, uow: UoW
) -> CompanyUpsertResults:
    commands = [_upsert_command(i.source, i.external_id, i.fields) for i in body.items]
    results = await upserts.batch_upsert(
        uow, principal, companies.COMPANIES, commands, upserts.upsert_company
    )
    saved = iter(await companies_out(uow, principal, [r.record for r in results if r.record]))
    return CompanyUpsertResults(
        items=[
            CompanyUpsertResult(
                status=r.outcome.value,
                record=next(saved) if r.record else None,
                problem=problem_of(r.error) if r.error else None,
            )
            for r in results
        ]
    )


@router.get("/{company_id:uuid}", summary="Get a company", responses=responses(401, 403, 404))
async def companies_get(
    company_id: UUID, response: Response, principal: CurrentPrincipal, uow: ReadUoW
) -> CompanyRead:
    company = await companies.get_company(uow, principal, company_id)
    set_etag(response, company.version)
    return await company_out(uow, principal, company)


@router.patch(
    "/{company_id:uuid}",
    summary="Change a company (send only what changes)",
    responses=responses(401, 403, 404, 409, 412, 422),
)
async def companies_update(
    company_id: UUID,
    body: CompanyUpdate,
    response: Response,
    principal: CurrentPrincipal,
    uow: UoW,
    if_match: IfMatch,
) -> CompanyRead:
    changes = command(body, CompanyChanges, exclude=EXTERNAL_IDS)
    company = await companies.update_company(
        uow, principal, company_id, changes, if_match, sent_ids(body)
    )
    set_etag(response, company.version)
    return await company_out(uow, principal, company)


@router.delete(
    "/{company_id:uuid}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Archive a company (it can be restored)",
    responses=responses(401, 403, 404, 412),
)
async def companies_archive(
    company_id: UUID, principal: CurrentPrincipal, uow: UoW, if_match: IfMatch
) -> None:
    await companies.set_company_archived(uow, principal, company_id, True, if_match)


@router.post(
    "/{company_id:uuid}/restore",
    summary="Restore an archived company",
    responses=responses(401, 403, 404, 412),
)
async def companies_restore(
    company_id: UUID, response: Response, principal: CurrentPrincipal, uow: UoW, if_match: IfMatch
) -> CompanyRead:
    company = await companies.set_company_archived(uow, principal, company_id, False, if_match)
    set_etag(response, company.version)
    return await company_out(uow, principal, company)


@router.get(
    "/{company_id:uuid}/history",
    summary="Who changed the company, when, and what",
    responses=responses(401, 403, 404, 422),
)
async def companies_history(
    company_id: UUID,
    principal: CurrentPrincipal,
    uow: UoW,
    page: PageRequest = page_request("-occurred_at"),
) -> Page[AuditEventRead]:
    result = await companies.company_history(uow, principal, company_id, page)
    return Page(items=[AuditEventRead.of(e) for e in result.items], next_cursor=result.next_cursor)


@router.get(
    "/{company_id:uuid}/contacts",
    summary="The company's contacts in your scope",
    responses=responses(401, 403, 404, 422),
)
async def companies_contacts(
    company_id: UUID,
    principal: CurrentPrincipal,
    uow: UoW,
    filters: Annotated[ContactFilter, Depends(company_contact_filters)],
    page: PageRequest = page_request("name"),
) -> Page[ContactRead]:
    result = await contacts.company_contacts(uow, principal, company_id, filters, page)
    return Page(
        items=await contacts_out(uow, principal, result.items), next_cursor=result.next_cursor
    )


@router.get(
    "/{company_id:uuid}/timeline",
    summary="Everything that happened or is planned, newest first",
    responses=responses(401, 403, 404, 422),
)
async def companies_timeline(
    company_id: UUID,
    principal: CurrentPrincipal,
    uow: UoW,
    filters: Annotated[TimelineFilter, Depends(timeline_filters)],
    page: PageRequest = page_request("-at"),
) -> Page[TimelineItemRead]:
    result = await timeline.company_timeline(uow, principal, company_id, filters, page)
    return Page(items=await timeline_out(uow, result.items), next_cursor=result.next_cursor)
