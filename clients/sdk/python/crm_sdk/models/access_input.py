from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.kind_access_input import KindAccessInput


T = TypeVar("T", bound="AccessInput")


@_attrs_define
class AccessInput:
    """Levels per kind of record: none, own (records you own or are responsible for), team
    (your team's too) or all; write never reaches further than read. A kind left out, or
    a level left out, is none.

        Attributes:
            companies (KindAccessInput | Unset):
            contacts (KindAccessInput | Unset):
            deals (KindAccessInput | Unset):
            interactions (KindAccessInput | Unset):
            requests (KindAccessInput | Unset):
            tasks (KindAccessInput | Unset):
    """

    companies: KindAccessInput | Unset = UNSET
    contacts: KindAccessInput | Unset = UNSET
    deals: KindAccessInput | Unset = UNSET
    interactions: KindAccessInput | Unset = UNSET
    requests: KindAccessInput | Unset = UNSET
    tasks: KindAccessInput | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        companies: dict[str, Any] | Unset = UNSET
        if not isinstance(self.companies, Unset):
            companies = self.companies.to_dict()

        contacts: dict[str, Any] | Unset = UNSET
        if not isinstance(self.contacts, Unset):
            contacts = self.contacts.to_dict()

        deals: dict[str, Any] | Unset = UNSET
        if not isinstance(self.deals, Unset):
            deals = self.deals.to_dict()

        interactions: dict[str, Any] | Unset = UNSET
        if not isinstance(self.interactions, Unset):
            interactions = self.interactions.to_dict()

        requests: dict[str, Any] | Unset = UNSET
        if not isinstance(self.requests, Unset):
            requests = self.requests.to_dict()

        tasks: dict[str, Any] | Unset = UNSET
        if not isinstance(self.tasks, Unset):
            tasks = self.tasks.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if companies is not UNSET:
            field_dict["companies"] = companies
        if contacts is not UNSET:
            field_dict["contacts"] = contacts
        if deals is not UNSET:
            field_dict["deals"] = deals
        if interactions is not UNSET:
            field_dict["interactions"] = interactions
        if requests is not UNSET:
            field_dict["requests"] = requests
        if tasks is not UNSET:
            field_dict["tasks"] = tasks

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.kind_access_input import KindAccessInput  # noqa: PLC0415

        d = dict(src_dict)
        _companies = d.pop("companies", UNSET)
        companies: KindAccessInput | Unset
        if isinstance(_companies, Unset):
            companies = UNSET
        else:
            companies = KindAccessInput.from_dict(_companies)

        _contacts = d.pop("contacts", UNSET)
        contacts: KindAccessInput | Unset
        if isinstance(_contacts, Unset):
            contacts = UNSET
        else:
            contacts = KindAccessInput.from_dict(_contacts)

        _deals = d.pop("deals", UNSET)
        deals: KindAccessInput | Unset
        if isinstance(_deals, Unset):
            deals = UNSET
        else:
            deals = KindAccessInput.from_dict(_deals)

        _interactions = d.pop("interactions", UNSET)
        interactions: KindAccessInput | Unset
        if isinstance(_interactions, Unset):
            interactions = UNSET
        else:
            interactions = KindAccessInput.from_dict(_interactions)

        _requests = d.pop("requests", UNSET)
        requests: KindAccessInput | Unset
        if isinstance(_requests, Unset):
            requests = UNSET
        else:
            requests = KindAccessInput.from_dict(_requests)

        _tasks = d.pop("tasks", UNSET)
        tasks: KindAccessInput | Unset
        if isinstance(_tasks, Unset):
            tasks = UNSET
        else:
            tasks = KindAccessInput.from_dict(_tasks)

        access_input = cls(
            companies=companies,
            contacts=contacts,
            deals=deals,
            interactions=interactions,
            requests=requests,
            tasks=tasks,
        )

        return access_input
