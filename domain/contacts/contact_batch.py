"""Creating and updating up to a hundred contacts in one request, all or nothing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from uuid import UUID

from domain.access.roles import Permission, require
from domain.contacts.contacts import (
    Contact,
    ContactChanges,
    ContactOrigin,
    create_contact,
    update_contact,
)
from domain.errors import DomainError, FieldError, FieldErrorCode, ValidationFailed

if TYPE_CHECKING:
    from domain.access.principal import Principal
    from domain.uow import UnitOfWork

MAX_BATCH = 100


@dataclass(frozen=True)
class BatchItem:
    """A create (no `id`) or a partial update of contact `id`, at `expected_version`."""

    changes: ContactChanges
    id: UUID | None = None
    expected_version: int | None = None


async def batch_upsert(
    uow: UnitOfWork, principal: Principal, items: list[BatchItem]
) -> list[Contact]:
    """Every item is tried (each in a savepoint, so one failure does not hide the next);
    if any fails, nothing is kept and the 422 names every failing item's fields as
    `items.<index>.<field>`."""
    require(principal, Permission.CONTACTS_WRITE)
    if len(items) > MAX_BATCH:
        raise ValidationFailed.on(
            "items", f"at most {MAX_BATCH} items", FieldErrorCode.TOO_MANY, max_length=MAX_BATCH
        )
    results: list[Contact] = []
    errors: list[FieldError] = []
    for index, item in enumerate(items):
        try:
            async with uow.savepoint():
                if item.id is None:
                    results.append(
                        await create_contact(uow, principal, item.changes, ContactOrigin.MANUAL)
                    )
                else:
                    results.append(
                        await update_contact(
                            uow, principal, item.id, item.changes, item.expected_version
                        )
                    )
        except DomainError as error:
            prefix = f"items.{index}"
            named = [
                FieldError(f"{prefix}.{e.field}", e.message, e.code, e.params) for e in error.errors
            ]
            errors.extend(named or [FieldError(prefix, f"{error.status} {error.detail}")])
    if errors:
        failed = len({e.field.split(".")[1] for e in errors})
        raise ValidationFailed(f"Nothing was saved: {failed} of {len(items)} items failed.", errors)
    return results
