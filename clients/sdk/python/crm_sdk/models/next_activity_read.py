from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.activity_kind import ActivityKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="NextActivityRead")


@_attrs_define
class NextActivityRead:
    """The next thing planned on a deal: its open task due first, or its planned
    interaction scheduled first, whichever comes sooner.

        Attributes:
            due (datetime.datetime): The task's due time, or the interaction's scheduled time.
            id (UUID):
            kind (ActivityKind):
            overdue (bool): Due before now, as My day counts it.
            title (str): The task's title, or the interaction's subject (may be empty).
            channel (None | str | Unset): An interaction's channel.
    """

    due: datetime.datetime
    id: UUID
    kind: ActivityKind
    overdue: bool
    title: str
    channel: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        due = self.due.isoformat()

        id = str(self.id)

        kind = self.kind.value

        overdue = self.overdue

        title = self.title

        channel: None | str | Unset
        if isinstance(self.channel, Unset):
            channel = UNSET
        else:
            channel = self.channel

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "due": due,
                "id": id,
                "kind": kind,
                "overdue": overdue,
                "title": title,
            }
        )
        if channel is not UNSET:
            field_dict["channel"] = channel

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        due = datetime.datetime.fromisoformat(d.pop("due"))

        id = UUID(d.pop("id"))

        kind = ActivityKind(d.pop("kind"))

        overdue = d.pop("overdue")

        title = d.pop("title")

        def _parse_channel(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        channel = _parse_channel(d.pop("channel", UNSET))

        next_activity_read = cls(
            due=due,
            id=id,
            kind=kind,
            overdue=overdue,
            title=title,
            channel=channel,
        )

        next_activity_read.additional_properties = d
        return next_activity_read

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
