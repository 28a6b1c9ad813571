from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.agenda_item_read_type import AgendaItemReadType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.interaction_read import InteractionRead
    from ..models.named_ref import NamedRef
    from ..models.task_read import TaskRead


T = TypeVar("T", bound="AgendaItemRead")


@_attrs_define
class AgendaItemRead:
    """
    Attributes:
        at (datetime.datetime):
        overdue (bool):
        type_ (AgendaItemReadType):
        company (NamedRef | None | Unset): The item's company, else its contact's, when the caller may read it.
        contact (NamedRef | None | Unset): The contact the item is about, when the caller may read that contact.
        deal (NamedRef | None | Unset): The deal the item is about, when the caller may read it.
        interaction (InteractionRead | None | Unset):
        task (None | TaskRead | Unset):
    """

    at: datetime.datetime
    overdue: bool
    type_: AgendaItemReadType
    company: NamedRef | None | Unset = UNSET
    contact: NamedRef | None | Unset = UNSET
    deal: NamedRef | None | Unset = UNSET
    interaction: InteractionRead | None | Unset = UNSET
    task: None | TaskRead | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.interaction_read import InteractionRead  # noqa: PLC0415
        from ..models.named_ref import NamedRef  # noqa: PLC0415
        from ..models.task_read import TaskRead  # noqa: PLC0415

        at = self.at.isoformat()

        overdue = self.overdue

        type_ = self.type_.value

        company: dict[str, Any] | None | Unset
        if isinstance(self.company, Unset):
            company = UNSET
        elif isinstance(self.company, NamedRef):
            company = self.company.to_dict()
        else:
            company = self.company

        contact: dict[str, Any] | None | Unset
        if isinstance(self.contact, Unset):
            contact = UNSET
        elif isinstance(self.contact, NamedRef):
            contact = self.contact.to_dict()
        else:
            contact = self.contact

        deal: dict[str, Any] | None | Unset
        if isinstance(self.deal, Unset):
            deal = UNSET
        elif isinstance(self.deal, NamedRef):
            deal = self.deal.to_dict()
        else:
            deal = self.deal

        interaction: dict[str, Any] | None | Unset
        if isinstance(self.interaction, Unset):
            interaction = UNSET
        elif isinstance(self.interaction, InteractionRead):
            interaction = self.interaction.to_dict()
        else:
            interaction = self.interaction

        task: dict[str, Any] | None | Unset
        if isinstance(self.task, Unset):
            task = UNSET
        elif isinstance(self.task, TaskRead):
            task = self.task.to_dict()
        else:
            task = self.task

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "at": at,
                "overdue": overdue,
                "type": type_,
            }
        )
        if company is not UNSET:
            field_dict["company"] = company
        if contact is not UNSET:
            field_dict["contact"] = contact
        if deal is not UNSET:
            field_dict["deal"] = deal
        if interaction is not UNSET:
            field_dict["interaction"] = interaction
        if task is not UNSET:
            field_dict["task"] = task

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.interaction_read import InteractionRead  # noqa: PLC0415
        from ..models.named_ref import NamedRef  # noqa: PLC0415
        from ..models.task_read import TaskRead  # noqa: PLC0415

        d = dict(src_dict)
        at = datetime.datetime.fromisoformat(d.pop("at"))

        overdue = d.pop("overdue")

        type_ = AgendaItemReadType(d.pop("type"))

        def _parse_company(data: object) -> NamedRef | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                company_type_0 = NamedRef.from_dict(data)

                return company_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(NamedRef | None | Unset, data)

        company = _parse_company(d.pop("company", UNSET))

        def _parse_contact(data: object) -> NamedRef | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                contact_type_0 = NamedRef.from_dict(data)

                return contact_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(NamedRef | None | Unset, data)

        contact = _parse_contact(d.pop("contact", UNSET))

        def _parse_deal(data: object) -> NamedRef | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                deal_type_0 = NamedRef.from_dict(data)

                return deal_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(NamedRef | None | Unset, data)

        deal = _parse_deal(d.pop("deal", UNSET))

        def _parse_interaction(data: object) -> InteractionRead | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                interaction_type_0 = InteractionRead.from_dict(data)

                return interaction_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(InteractionRead | None | Unset, data)

        interaction = _parse_interaction(d.pop("interaction", UNSET))

        def _parse_task(data: object) -> None | TaskRead | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                task_type_0 = TaskRead.from_dict(data)

                return task_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TaskRead | Unset, data)

        task = _parse_task(d.pop("task", UNSET))

        agenda_item_read = cls(
            at=at,
            overdue=overdue,
            type_=type_,
            company=company,
            contact=contact,
            deal=deal,
            interaction=interaction,
            task=task,
        )

        agenda_item_read.additional_properties = d
        return agenda_item_read

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
