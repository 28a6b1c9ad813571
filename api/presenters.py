"""Domain records into response models, with only the custom fields still defined."""

from __future__ import annotations

from api.schemas.companies import CompanyRead
from api.schemas.contacts import ContactRead
from domain.access.principal import Principal
from domain.contacts.companies import Company
from domain.contacts.contacts import Contact
from domain.contacts.custom_fields import CustomEntity, list_definitions, visible_custom_fields
from persistence.uow import SqlUnitOfWork


async def contacts_out(
    uow: SqlUnitOfWork, principal: Principal, items: list[Contact]
) -> list[ContactRead]:
    definitions = await list_definitions(uow, principal, CustomEntity.CONTACT)
    return [
        ContactRead.of(c, custom_fields=visible_custom_fields(definitions, c.custom_fields))
        for c in items
    ]


async def contact_out(uow: SqlUnitOfWork, principal: Principal, contact: Contact) -> ContactRead:
    return (await contacts_out(uow, principal, [contact]))[0]


async def companies_out(
    uow: SqlUnitOfWork, principal: Principal, items: list[Company]
) -> list[CompanyRead]:
    definitions = await list_definitions(uow, principal, CustomEntity.COMPANY)
    return [
        CompanyRead.of(c, custom_fields=visible_custom_fields(definitions, c.custom_fields))
        for c in items
    ]


async def company_out(uow: SqlUnitOfWork, principal: Principal, company: Company) -> CompanyRead:
    return (await companies_out(uow, principal, [company]))[0]
