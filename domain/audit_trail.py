"""Reading the audit trail across records: for holders of `audit:read` only. Apart from
domain/audit.py, which every use case that writes imports, roles included."""

from __future__ import annotations

from typing import TYPE_CHECKING

from domain.access.roles import Permission, require
from domain.audit import AuditEntry, AuditFilter
from domain.pagination import Page, PageRequest

if TYPE_CHECKING:
    from domain.access.principal import Principal
    from domain.uow import UnitOfWork


async def list_events(
    uow: UnitOfWork, principal: Principal, filters: AuditFilter, page: PageRequest
) -> Page[AuditEntry]:
    """Every event the filters keep, whoever's record it speaks of: the trail is not
    scoped by record, the permission is the whole of the access rule."""
    require(principal, Permission.AUDIT_READ)
    return await uow.audit.find_page(filters, page)
