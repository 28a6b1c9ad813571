from __future__ import annotations

import json
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, File, Form, Response, UploadFile, status

from api.deps import CurrentPrincipal, ReadUoW, UoW
from api.imports import check_mapping
from api.problems import responses
from api.schemas.imports import ImportRead
from domain.contacts import contact_import
from domain.contacts.contact_import import MAX_FILE_BYTES, ContactImport, Dedupe, OnError
from domain.contacts.custom_fields import CustomEntity, list_definitions
from domain.errors import DomainError, ValidationFailed

router = APIRouter(prefix="/imports", tags=["imports"])


class PayloadTooLarge(DomainError):
    status = 413
    code = "payload-too-large"
    title = "Payload too large"


async def _read_limited(upload: UploadFile) -> bytes:
    chunks, size = [], 0
    while chunk := await upload.read(1024 * 1024):
        size += len(chunk)
        if size > MAX_FILE_BYTES:
            raise PayloadTooLarge(f"The file is larger than {MAX_FILE_BYTES // 2**20} MB.")
        chunks.append(chunk)
    return b"".join(chunks)


def _mapping(raw: str) -> dict[str, str]:
    try:
        value = json.loads(raw)
    except json.JSONDecodeError as error:
        raise ValidationFailed.on("mapping", "must be a JSON object") from error
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise ValidationFailed.on("mapping", "must map column names to contact fields")
    return value


@router.post(
    "",
    status_code=status.HTTP_202_ACCEPTED,
    summary="Import contacts from a CSV file (runs in the background)",
    responses=responses(401, 403, 413, 422),
)
async def imports_create(
    response: Response,
    principal: CurrentPrincipal,
    uow: UoW,
    file: Annotated[UploadFile, File(description="CSV, UTF-8 or Windows-1252, up to 50 MB.")],
    mapping: Annotated[
        str,
        Form(
            description='JSON object: file column -> contact field, e.g. {"E-Mail": "email", '
            '"Firma": "company", "Kundennummer": "custom_fields.customer_number"}.'
        ),
    ],
    dedupe: Annotated[Dedupe, Form()] = Dedupe.SKIP,
    on_error: Annotated[OnError, Form()] = OnError.ABORT,
) -> ImportRead:
    contact_import.check_may_import(principal)
    content = await _read_limited(file)
    columns = _mapping(mapping)
    check_mapping(content, columns, await list_definitions(uow, principal, CustomEntity.CONTACT))
    record = ContactImport(
        created_by=principal.user_id,
        principal=principal,
        file_name=(file.filename or "contacts.csv")[:255],
        mapping=columns,
        dedupe=dedupe,
        on_error=on_error,
    )
    await contact_import.start_import(uow, principal, record, content)
    response.headers["Location"] = f"/api/v1/imports/{record.id}"
    return ImportRead.of(record)


@router.get(
    "/{import_id:uuid}",
    summary="An import's progress, counts and row errors",
    responses=responses(401, 404),
)
async def imports_get(import_id: UUID, principal: CurrentPrincipal, uow: ReadUoW) -> ImportRead:
    # Read-only: asked every few seconds while the import's job writes.
    return ImportRead.of(await contact_import.get_import(uow, principal, import_id))
