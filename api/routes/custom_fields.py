from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter, Response, status

from api.deps import CurrentPrincipal, IfMatch, UoW, set_etag
from api.problems import responses
from api.schemas.custom_fields import (
    CustomFieldCreate,
    CustomFieldList,
    CustomFieldRead,
    CustomFieldUpdate,
)
from domain.contacts import custom_fields
from domain.contacts.custom_fields import CustomEntity, CustomFieldDefinition, DefinitionChanges

router = APIRouter(prefix="/custom-fields", tags=["custom-fields"])


@router.get("", summary="Custom fields defined for an entity", responses=responses(401, 422))
async def custom_fields_list(
    entity: CustomEntity, principal: CurrentPrincipal, uow: UoW
) -> CustomFieldList:
    definitions = await custom_fields.list_definitions(uow, principal, entity)
    return CustomFieldList(items=[CustomFieldRead.of(d) for d in definitions])


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    summary="Define a custom field",
    responses=responses(401, 403, 409, 422),
)
async def custom_fields_create(
    body: CustomFieldCreate, response: Response, principal: CurrentPrincipal, uow: UoW
) -> CustomFieldRead:
    definition = await custom_fields.create_definition(
        uow,
        principal,
        CustomFieldDefinition(
            entity=body.entity,
            key=body.key,
            label=body.label,
            type=body.type,
            required=body.required,
            choices=body.choices,
            position=body.position,
        ),
    )
    response.headers["Location"] = f"/api/v1/custom-fields/{definition.id}"
    set_etag(response, definition.version)
    return CustomFieldRead.of(definition)


@router.get("/{field_id:uuid}", summary="Get a custom field", responses=responses(401, 404))
async def custom_fields_get(
    field_id: UUID, response: Response, principal: CurrentPrincipal, uow: UoW
) -> CustomFieldRead:
    definition = await custom_fields.get_definition(uow, principal, field_id)
    set_etag(response, definition.version)
    return CustomFieldRead.of(definition)


@router.patch(
    "/{field_id:uuid}",
    summary="Change a custom field's label, choices, order or whether it is required",
    responses=responses(401, 403, 404, 412, 422),
)
async def custom_fields_update(
    field_id: UUID,
    body: CustomFieldUpdate,
    response: Response,
    principal: CurrentPrincipal,
    uow: UoW,
    if_match: IfMatch,
) -> CustomFieldRead:
    changes = DefinitionChanges(
        label=body.label, required=body.required, choices=body.choices, position=body.position
    )
    definition = await custom_fields.update_definition(uow, principal, field_id, changes, if_match)
    set_etag(response, definition.version)
    return CustomFieldRead.of(definition)


@router.delete(
    "/{field_id:uuid}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Remove a custom field (stored values are hidden, not erased)",
    responses=responses(401, 403, 404, 412),
)
async def custom_fields_delete(
    field_id: UUID, principal: CurrentPrincipal, uow: UoW, if_match: IfMatch
) -> None:
    await custom_fields.delete_definition(uow, principal, field_id, if_match)
