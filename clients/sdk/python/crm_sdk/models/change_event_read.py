from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.change_event_read_data_type_0 import ChangeEventReadDataType0


T = TypeVar("T", bound="ChangeEventRead")


@_attrs_define
class ChangeEventRead:
    """
    Attributes:
        actor_id (None | UUID): Who made the change; null on out_of_scope.
        cursor (str): Follow the feed from just after this event.
        data (ChangeEventReadDataType0 | None): The record's fields after the change, named as in its own representation
            (GET of the record); null on out_of_scope.
        entity_id (UUID):
        entity_type (str): contact, company, deal, interaction, task or request.
        occurred_at (datetime.datetime):
        rule_id (None | UUID): The automation rule that made the change on the actor's behalf.
        tombstone (bool): The record is no longer among those you list (archived, merged away or out of your sight):
            drop it from your copy.
        type_ (str): `<entity>.<change>`. Every entity: created, updated, out_of_scope (the record left your sight:
            handed to someone whose records you do not read). Contacts and companies: archived, restored; contacts: merged.
            Deals: moved (to another open stage), won, lost. Tasks and interactions: completed. Requests: resolved, closed.
        version (int): The record's version after the change.
    """

    actor_id: None | UUID
    cursor: str
    data: ChangeEventReadDataType0 | None
    entity_id: UUID
    entity_type: str
    occurred_at: datetime.datetime
    rule_id: None | UUID
    tombstone: bool
    type_: str
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.change_event_read_data_type_0 import ChangeEventReadDataType0  # noqa: PLC0415

        actor_id: None | str
        if isinstance(self.actor_id, UUID):
            actor_id = str(self.actor_id)
        else:
            actor_id = self.actor_id

        cursor = self.cursor

        data: dict[str, Any] | None
        if isinstance(self.data, ChangeEventReadDataType0):
            data = self.data.to_dict()
        else:
            data = self.data

        entity_id = str(self.entity_id)

        entity_type = self.entity_type

        occurred_at = self.occurred_at.isoformat()

        rule_id: None | str
        if isinstance(self.rule_id, UUID):
            rule_id = str(self.rule_id)
        else:
            rule_id = self.rule_id

        tombstone = self.tombstone

        type_ = self.type_

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "actor_id": actor_id,
                "cursor": cursor,
                "data": data,
                "entity_id": entity_id,
                "entity_type": entity_type,
                "occurred_at": occurred_at,
                "rule_id": rule_id,
                "tombstone": tombstone,
                "type": type_,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.change_event_read_data_type_0 import ChangeEventReadDataType0  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_actor_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                actor_id_type_0 = UUID(data)

                return actor_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        actor_id = _parse_actor_id(d.pop("actor_id"))

        cursor = d.pop("cursor")

        def _parse_data(data: object) -> ChangeEventReadDataType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                data_type_0 = ChangeEventReadDataType0.from_dict(data)

                return data_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ChangeEventReadDataType0 | None, data)

        data = _parse_data(d.pop("data"))

        entity_id = UUID(d.pop("entity_id"))

        entity_type = d.pop("entity_type")

        occurred_at = datetime.datetime.fromisoformat(d.pop("occurred_at"))

        def _parse_rule_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                rule_id_type_0 = UUID(data)

                return rule_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        rule_id = _parse_rule_id(d.pop("rule_id"))

        tombstone = d.pop("tombstone")

        type_ = d.pop("type")

        version = d.pop("version")

        change_event_read = cls(
            actor_id=actor_id,
            cursor=cursor,
            data=data,
            entity_id=entity_id,
            entity_type=entity_type,
            occurred_at=occurred_at,
            rule_id=rule_id,
            tombstone=tombstone,
            type_=type_,
            version=version,
        )

        change_event_read.additional_properties = d
        return change_event_read

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
