"""The responsible person: a user who is the assignee of a task or request, a participant
of an interaction or the owner of a deal reads the contact and the company that work is
about, for as long as the assignment lasts (ARCHITECTURE.md §3): by id (its card, its
timeline, its name on the work), not in lists and search, which stay on the index paths
of the owner and team branches (at a million contacts, a rep with two thousand tasks
would otherwise pay for every one of their contacts on every page).

The tables are named here as plain table clauses: the modules that map them import the
contact and company rows, so importing theirs would close a circle."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import ColumnElement, Select, column, select, table, union
from sqlalchemy.orm import InstrumentedAttribute

from persistence.scope import Involved

_tasks = table("tasks", column("contact_id"), column("company_id"), column("assignee_id"))
_requests = table("requests", column("contact_id"), column("assignee_id"))
_deals = table("deals", column("contact_id"), column("company_id"), column("owner_id"))
_interactions = table("interactions", column("id"), column("contact_id"), column("company_id"))
_participants = table("interaction_users", column("interaction_id"), column("user_id"))
_attendees = table("interaction_contacts", column("interaction_id"), column("contact_id"))
_contacts = table("contacts", column("id"), column("company_id"))


def _interactions_of(user_id: uuid.UUID) -> Select[Any]:
    return select(_participants.c.interaction_id).where(_participants.c.user_id == user_id)


def contacts_in_charge(user_id: uuid.UUID) -> Any:
    """Ids of the contacts `user_id`'s assigned work is about."""
    return union(
        select(_tasks.c.contact_id).where(_tasks.c.assignee_id == user_id),
        select(_requests.c.contact_id).where(_requests.c.assignee_id == user_id),
        select(_deals.c.contact_id).where(_deals.c.owner_id == user_id),
        select(_interactions.c.contact_id).where(_interactions.c.id.in_(_interactions_of(user_id))),
        select(_attendees.c.contact_id).where(
            _attendees.c.interaction_id.in_(_interactions_of(user_id))
        ),
    )


def companies_in_charge(user_id: uuid.UUID) -> Any:
    """Ids of the companies `user_id`'s assigned work is about: directly, or as the
    company of a contact it is about (a request names only its contact)."""
    return union(
        select(_tasks.c.company_id).where(_tasks.c.assignee_id == user_id),
        select(_deals.c.company_id).where(_deals.c.owner_id == user_id),
        select(_interactions.c.company_id).where(_interactions.c.id.in_(_interactions_of(user_id))),
        select(_contacts.c.company_id).where(_contacts.c.id.in_(contacts_in_charge(user_id))),
    )


def responsible_for_contact(contact_id_column: InstrumentedAttribute[Any]) -> Involved:
    def involved(user_id: uuid.UUID) -> ColumnElement[bool]:
        return contact_id_column.in_(contacts_in_charge(user_id))

    return involved


def responsible_for_company(company_id_column: InstrumentedAttribute[Any]) -> Involved:
    def involved(user_id: uuid.UUID) -> ColumnElement[bool]:
        return company_id_column.in_(companies_in_charge(user_id))

    return involved
