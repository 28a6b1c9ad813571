from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.audit_action import AuditAction

if TYPE_CHECKING:
    from ..models.audit_actor import AuditActor
    from ..models.audit_trail_event_read_changes import AuditTrailEventReadChanges
    from ..models.audit_trail_event_read_details import AuditTrailEventReadDetails


T = TypeVar("T", bound="AuditTrailEventRead")


@_attrs_define
class AuditTrailEventRead:
    """An event of the whole trail: which record (or sign-in, or export) it speaks of,
    who acted, and what changed or what the action was given.

        Attributes:
            action (AuditAction):
            actor (AuditActor | None): None for the system or a failed sign-in.
            changes (AuditTrailEventReadChanges):
            details (AuditTrailEventReadDetails): What an action that changed no record was given: for sign-ins `email` (as
                typed, lower-cased), `client_address` and, when refused, `reason`; for sign-ins a user ended (`session_ended`)
                `session_id` and `current` (the sign-in that asked); for exports `format`, `filters` and, once the file is
                complete, `rows`.
            entity_id (None | UUID): None only for a failed sign-in with an e-mail no user has.
            entity_type (str): contact, company, interaction, task, request, deal, user, role or contact_export; sign-ins
                are events of the user they name.
            id (UUID):
            occurred_at (datetime.datetime):
            rule_id (None | UUID): The automation rule that made the change on the actor's behalf.
    """

    action: AuditAction
    actor: AuditActor | None
    changes: AuditTrailEventReadChanges
    details: AuditTrailEventReadDetails
    entity_id: None | UUID
    entity_type: str
    id: UUID
    occurred_at: datetime.datetime
    rule_id: None | UUID
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.audit_actor import AuditActor  # noqa: PLC0415

        action = self.action.value

        actor: dict[str, Any] | None
        if isinstance(self.actor, AuditActor):
            actor = self.actor.to_dict()
        else:
            actor = self.actor

        changes = self.changes.to_dict()

        details = self.details.to_dict()

        entity_id: None | str
        if isinstance(self.entity_id, UUID):
            entity_id = str(self.entity_id)
        else:
            entity_id = self.entity_id

        entity_type = self.entity_type

        id = str(self.id)

        occurred_at = self.occurred_at.isoformat()

        rule_id: None | str
        if isinstance(self.rule_id, UUID):
            rule_id = str(self.rule_id)
        else:
            rule_id = self.rule_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "action": action,
                "actor": actor,
                "changes": changes,
                "details": details,
                "entity_id": entity_id,
                "entity_type": entity_type,
                "id": id,
                "occurred_at": occurred_at,
                "rule_id": rule_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.audit_actor import AuditActor  # noqa: PLC0415
        from ..models.audit_trail_event_read_changes import AuditTrailEventReadChanges  # noqa: PLC0415
        from ..models.audit_trail_event_read_details import AuditTrailEventReadDetails  # noqa: PLC0415

        d = dict(src_dict)
        action = AuditAction(d.pop("action"))

        def _parse_actor(data: object) -> AuditActor | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                actor_type_0 = AuditActor.from_dict(data)

                return actor_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AuditActor | None, data)

        actor = _parse_actor(d.pop("actor"))

        changes = AuditTrailEventReadChanges.from_dict(d.pop("changes"))

        details = AuditTrailEventReadDetails.from_dict(d.pop("details"))

        def _parse_entity_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                entity_id_type_0 = UUID(data)

                return entity_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        entity_id = _parse_entity_id(d.pop("entity_id"))

        entity_type = d.pop("entity_type")

        id = UUID(d.pop("id"))

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

        audit_trail_event_read = cls(
            action=action,
            actor=actor,
            changes=changes,
            details=details,
            entity_id=entity_id,
            entity_type=entity_type,
            id=id,
            occurred_at=occurred_at,
            rule_id=rule_id,
        )

        audit_trail_event_read.additional_properties = d
        return audit_trail_event_read

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
