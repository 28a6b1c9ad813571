from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.kind_access import KindAccess


T = TypeVar("T", bound="Access")


@_attrs_define
class Access:
    """A read and a write level for each kind of customer record.

    Attributes:
        companies (KindAccess):
        contacts (KindAccess):
        deals (KindAccess):
        interactions (KindAccess):
        requests (KindAccess):
        tasks (KindAccess):
    """

    companies: KindAccess
    contacts: KindAccess
    deals: KindAccess
    interactions: KindAccess
    requests: KindAccess
    tasks: KindAccess
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        companies = self.companies.to_dict()

        contacts = self.contacts.to_dict()

        deals = self.deals.to_dict()

        interactions = self.interactions.to_dict()

        requests = self.requests.to_dict()

        tasks = self.tasks.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "companies": companies,
                "contacts": contacts,
                "deals": deals,
                "interactions": interactions,
                "requests": requests,
                "tasks": tasks,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.kind_access import KindAccess  # noqa: PLC0415

        d = dict(src_dict)
        companies = KindAccess.from_dict(d.pop("companies"))

        contacts = KindAccess.from_dict(d.pop("contacts"))

        deals = KindAccess.from_dict(d.pop("deals"))

        interactions = KindAccess.from_dict(d.pop("interactions"))

        requests = KindAccess.from_dict(d.pop("requests"))

        tasks = KindAccess.from_dict(d.pop("tasks"))

        access = cls(
            companies=companies,
            contacts=contacts,
            deals=deals,
            interactions=interactions,
            requests=requests,
            tasks=tasks,
        )

        access.additional_properties = d
        return access

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
