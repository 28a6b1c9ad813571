from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from dataclasses import replace
from typing import Annotated, Any, Literal
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Response, status
from fastapi.responses import StreamingResponse

from api.commands import command
from api.deps import CurrentPrincipal, IfMatch, NewUoW, ReadUoW, UoW, page_request, set_etag
from api.exports import csv_stream, xlsx_stream
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
from api.presenters import (
    company_out,
    contact_out,
    contacts_out,
    contacts_page,
    deal_out,
    timeline_out,
)
from api.problems import responses
from api.schemas.audit import AuditEventRead
from api.schemas.common import Page
from api.schemas.companies import CompanyRead
from api.schemas.contacts import (
    ContactBatchIn,
    ContactBatchOut,
    ContactCreate,
    ContactRead,
    ContactUpdate,
    DuplicateAsk,
    DuplicateElsewhere,
    DuplicateList,
    DuplicateOwner,
    DuplicateQuery,
    DuplicateRead,
    MergeIn,
)
from api.schemas.deals import DealRead, LeadConversion
from api.schemas.external_ids import ContactUpsertBatch, ContactUpsertResult, ContactUpsertResults
from api.schemas.timeline import TimelineItemRead
from domain import external_ids
from domain.access.levels import RecordKind
from domain.clock import utcnow
from domain.contacts import (
    contact_batch,
    contact_duplicates,
    contact_export,
    contact_merge,
    contacts,
)
from domain.contacts.contact_batch import BatchItem
from domain.contacts.contact_duplicates import DuplicateReport
from domain.contacts.contact_export import ExportRow
from domain.contacts.contacts import (
    ContactChanges,
    ContactFilter,
    ContactOrigin,
    LifecycleStage,
)
from domain.funnel import deals
from domain.funnel.deals import ConvertLead
from domain.integrations import upserts
from domain.integrations.upserts import UpsertCommand
from domain.interactions import timeline
from domain.interactions.timeline import TimelineFilter
from domain.pagination import PageRequest

router = APIRouter(prefix="/contacts", tags=["contacts"])


async def contact_filters(
    common: Annotated[dict[str, Any], Depends(record_filters)],
    company_id: UUID | None = None,
    lifecycle_stage: LifecycleStage | None = None,
) -> ContactFilter:
    return ContactFilter(**common, company_id=company_id, lifecycle_stage=lifecycle_stage)


@router.get(
    "", summary="List and search contacts in your scope", responses=responses(401, 403, 422)
)
async def contacts_list(
    principal: CurrentPrincipal,
    uow: ReadUoW,
    filters: Annotated[ContactFilter, Depends(contact_filters)],
    external_id: ExternalIdFilter = None,
    page: PageRequest = page_request("-updated_at"),
) -> Page[ContactRead]:
    filters = replace(filters, external_id=external_id_filter(external_id))
    result = await contacts.list_contacts(uow, principal, filters, page)
    return await contacts_page(uow, principal, result)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    summary="Create a contact",
    responses=responses(401, 403, 409, 422),
)
async def contacts_create(
    body: ContactCreate,
    response: Response,
    principal: CurrentPrincipal,
    uow: UoW,
    once: Idempotent,
) -> ContactRead:
    new = command(body, ContactChanges, exclude=EXTERNAL_IDS)
    contact = await contacts.create_contact(uow, principal, new, ContactOrigin.MANUAL)
    await external_ids.assign(uow, RecordKind.CONTACTS, contact.id, sent_ids(body))
    result = await contact_out(uow, principal, contact)
    await once.created(response, f"/api/v1/contacts/{contact.id}", contact.version, result)
    return result


@router.post(
    "/batch",
    summary="Create or update up to 100 contacts, all or nothing",
    responses=responses(401, 403, 422),
)
async def contacts_batch(
    body: ContactBatchIn, principal: CurrentPrincipal, uow: UoW
) -> ContactBatchOut:
    items = [
        BatchItem(
            changes=command(item, ContactChanges, exclude=frozenset({"id", "version"})),
            id=item.id,
            expected_version=item.version,
        )
        for item in body.items
    ]
    saved = await contact_batch.batch_upsert(uow, principal, items)
    return ContactBatchOut(items=await contacts_out(uow, principal, saved))


def _upsert_command(
    source: str, external_id: str, body: ContactCreate, if_match: int | None = None
) -> UpsertCommand[ContactChanges]:
    return UpsertCommand(
        source,
        external_id,
        command(body, ContactChanges, exclude=EXTERNAL_IDS),
        sent_ids(body),
        if_match,
    )


@router.put(
    "/by-external-id/{source}/{external_id:path}",
    summary="Create or update the contact a source system knows by this id",
    description=upsert_description("contact"),
    responses=upsert_responses(ContactRead),
)
async def contacts_upsert(
    source: Source,
    external_id: ExternalId,
    body: ContactCreate,
    response: Response,
    principal: CurrentPrincipal,
    uow: UoW,
    if_match: IfMatch,
) -> ContactRead:
    done = await upserts.upsert_contact(
        uow, principal, _upsert_command(source, external_id, body, if_match)
    )
    answer_upsert(response, done.created, f"/api/v1/contacts/{done.record.id}")
    set_etag(response, done.record.version)
    return await contact_out(uow, principal, done.record)


@router.post(
    "/by-external-id",
    summary="Create or update up to 100 contacts by their external ids, each on its own",
    description="Each item is an upsert as `PUT /contacts/by-external-id/{source}/"
    "{external_id}` does it, in a savepoint of its own: an item that fails is answered "
    "with its problem and undone alone; the others are kept.",
    responses=responses(401, 403, 422),
)
async def contacts_upsert_batch(
    body: ContactUpsertBatch, principal: CurrentPrincipal, uow: UoW
) -> ContactUpsertResults:
    commands = [_upsert_command(i.source, i.external_id, i.fields) for i in body.items]
    results = await upserts.batch_upsert(
        uow, principal, contacts.CONTACTS, commands, upserts.upsert_contact
    )
    saved = iter(await contacts_out(uow, principal, [r.record for r in results if r.record]))
    return ContactUpsertResults(
        items=[
            ContactUpsertResult(
                status=r.outcome.value,
                record=next(saved) if r.record else None,
                problem=problem_of(r.error) if r.error else None,
            )
            for r in results
        ]
    )


EXPORT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@router.get(
    "/export",
    summary="Export the contacts a list with these filters shows, as CSV or XLSX",
    response_class=StreamingResponse,
    responses={
        200: {
            "description": "The file, streamed",
            "content": {"text/csv": {}, EXPORT_TYPES["xlsx"]: {}},
        },
        **responses(401, 403, 422),
    },
)
async def contacts_export(
    principal: CurrentPrincipal,
    uow: UoW,
    new_uow: NewUoW,
    filters: Annotated[ContactFilter, Depends(contact_filters)],
    format: Literal["csv", "xlsx"] = "csv",
) -> StreamingResponse:
    layout, prepared = await contact_export.prepare_export(uow, principal, filters)
    given = contact_export.filters_in_effect(filters)
    event_id = await contact_export.record_export_started(uow, principal, format, given)

    async def contacts_in_order() -> AsyncIterator[Sequence[ExportRow]]:
        # Its own session: the request's closes when this function returns, while the
        # file is still being sent.
        async with new_uow() as export_uow:
            rows = 0
            async for batch in contact_export.rows_to_export(
                export_uow, principal, prepared, layout
            ):
                rows += len(batch)
                yield batch
            # Only a file sent in full gets its count; a broken-off one keeps `rows` null.
            await contact_export.record_export_finished(export_uow, event_id, format, given, rows)
            await export_uow.commit()

    writer = csv_stream if format == "csv" else xlsx_stream
    name = f"contacts-{utcnow():%Y-%m-%d}.{format}"
    return StreamingResponse(
        writer(layout, contacts_in_order()),
        media_type=EXPORT_TYPES[format],
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.get(
    "/duplicates",
    summary="Contacts a contact about to be created would probably duplicate",
    description="The same answer as a contact's duplicates, for what a form holds so far: "
    "matches are looked for in the whole database.",
    responses=responses(401, 403, 422),
)
async def contacts_duplicates_check(
    query: Annotated[DuplicateQuery, Query()], principal: CurrentPrincipal, uow: UoW
) -> DuplicateList:
    report = await contact_duplicates.check_duplicates(
        uow,
        principal,
        [str(e) for e in query.email],
        query.phone,
        query.first_name,
        query.last_name,
        query.company_id,
    )
    shown = await contacts_out(uow, principal, [d.contact for d in report.items])
    return duplicates_out(shown, report)


@router.get("/{contact_id:uuid}", summary="Get a contact", responses=responses(401, 403, 404))
async def contacts_get(
    contact_id: UUID, response: Response, principal: CurrentPrincipal, uow: ReadUoW
) -> ContactRead:
    contact = await contacts.get_contact(uow, principal, contact_id)
    set_etag(response, contact.version)
    return await contact_out(uow, principal, contact)


@router.patch(
    "/{contact_id:uuid}",
    summary="Change a contact (send only what changes)",
    responses=responses(401, 403, 404, 409, 412, 422),
)
async def contacts_update(
    contact_id: UUID,
    body: ContactUpdate,
    response: Response,
    principal: CurrentPrincipal,
    uow: UoW,
    if_match: IfMatch,
) -> ContactRead:
    changes = command(body, ContactChanges, exclude=EXTERNAL_IDS)
    contact = await contacts.update_contact(
        uow, principal, contact_id, changes, if_match, sent_ids(body)
    )
    set_etag(response, contact.version)
    return await contact_out(uow, principal, contact)


@router.delete(
    "/{contact_id:uuid}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Archive a contact (it can be restored)",
    responses=responses(401, 403, 404, 412),
)
async def contacts_archive(
    contact_id: UUID, principal: CurrentPrincipal, uow: UoW, if_match: IfMatch
) -> None:
    await contacts.set_contact_archived(uow, principal, contact_id, True, if_match)


@router.post(
    "/{contact_id:uuid}/restore",
    summary="Restore an archived contact",
    responses=responses(401, 403, 404, 412),
)
async def contacts_restore(
    contact_id: UUID, response: Response, principal: CurrentPrincipal, uow: UoW, if_match: IfMatch
) -> ContactRead:
    contact = await contacts.set_contact_archived(uow, principal, contact_id, False, if_match)
    set_etag(response, contact.version)
    return await contact_out(uow, principal, contact)


@router.get(
    "/{contact_id:uuid}/history",
    summary="Who changed the contact, when, and what",
    responses=responses(401, 403, 404, 422),
)
async def contacts_history(
    contact_id: UUID,
    principal: CurrentPrincipal,
    uow: UoW,
    page: PageRequest = page_request("-occurred_at"),
) -> Page[AuditEventRead]:
    result = await contacts.contact_history(uow, principal, contact_id, page)
    return Page(items=[AuditEventRead.of(e) for e in result.items], next_cursor=result.next_cursor)


@router.get(
    "/{contact_id:uuid}/company",
    summary="The contact's company",
    responses=responses(401, 403, 404),
)
async def contacts_company(
    contact_id: UUID, response: Response, principal: CurrentPrincipal, uow: UoW
) -> CompanyRead:
    company = await contacts.contact_company(uow, principal, contact_id)
    set_etag(response, company.version)
    return await company_out(uow, principal, company)


def duplicates_out(shown: list[ContactRead], report: DuplicateReport) -> DuplicateList:
    return DuplicateList(
        items=[
            DuplicateRead(contact=c, reasons=[r.value for r in d.reasons])
            for c, d in zip(shown, report.items, strict=True)
        ],
        elsewhere=[
            DuplicateElsewhere(
                owner=DuplicateOwner(id=e.owner_id, full_name=e.owner_name),
                reasons=[r.value for r in e.reasons],
            )
            for e in report.elsewhere
        ],
    )


@router.get(
    "/{contact_id:uuid}/duplicates",
    summary="Contacts that are probably the same person, in the whole database",
    description="Matches you may read come in `items`; those you may not, in `elsewhere`, "
    "with their owner and why they match only.",
    responses=responses(401, 403, 404),
)
async def contacts_duplicates(
    contact_id: UUID, principal: CurrentPrincipal, uow: UoW
) -> DuplicateList:
    report = await contact_duplicates.find_duplicates(uow, principal, contact_id)
    shown = await contacts_out(uow, principal, [d.contact for d in report.items])
    return duplicates_out(shown, report)


@router.post(
    "/{contact_id:uuid}/duplicates/ask",
    status_code=status.HTTP_202_ACCEPTED,
    response_class=Response,
    summary="Ask the owner of a match you may not read to check it",
    description="The owner gets a task about their own matching contact, naming you; "
    "you are told nothing more.",
    responses={202: {"description": "The owner has been asked."}, **responses(401, 403, 404, 422)},
)
async def contacts_duplicates_ask(
    contact_id: UUID, body: DuplicateAsk, principal: CurrentPrincipal, uow: UoW
) -> Response:
    await contact_duplicates.ask_owner(uow, principal, contact_id, body.owner_id)
    return Response(status_code=status.HTTP_202_ACCEPTED)


@router.post(
    "/{contact_id:uuid}/merge",
    summary="Fold another contact into this one",
    responses=responses(401, 403, 404, 409, 412, 422),
)
async def contacts_merge(
    contact_id: UUID,
    body: MergeIn,
    response: Response,
    principal: CurrentPrincipal,
    uow: UoW,
    if_match: IfMatch,
) -> ContactRead:
    contact = await contact_merge.merge_contacts(
        uow, principal, contact_id, body.source_id, list(body.take_from_source), if_match
    )
    set_etag(response, contact.version)
    return await contact_out(uow, principal, contact)


@router.get(
    "/{contact_id:uuid}/timeline",
    summary="Everything that happened or is planned, newest first",
    responses=responses(401, 403, 404, 422),
)
async def contacts_timeline(
    contact_id: UUID,
    principal: CurrentPrincipal,
    uow: UoW,
    filters: Annotated[TimelineFilter, Depends(timeline_filters)],
    page: PageRequest = page_request("-at"),
) -> Page[TimelineItemRead]:
    result = await timeline.contact_timeline(uow, principal, contact_id, filters, page)
    return Page(items=await timeline_out(uow, result.items), next_cursor=result.next_cursor)


@router.post(
    "/{contact_id:uuid}/convert",
    status_code=status.HTTP_201_CREATED,
    summary="Convert a lead into a deal (the contact becomes a prospect)",
    responses=responses(401, 403, 404, 409, 422),
)
async def contacts_convert(
    contact_id: UUID,
    body: LeadConversion,
    response: Response,
    principal: CurrentPrincipal,
    uow: UoW,
) -> DealRead:
    deal = await deals.convert_lead(uow, principal, contact_id, command(body, ConvertLead))
    response.headers["Location"] = f"/api/v1/deals/{deal.id}"
    set_etag(response, deal.version)
    return await deal_out(uow, principal, deal)
