"""Custom fields: per-entity field definitions, and the validation every write of a
record's `custom_fields` goes through."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol, TypeVar
from uuid import UUID, uuid4

from domain.access.roles import Permission, require
from domain.clock import utcnow
from domain.concurrency import check_version
from domain.errors import Conflict, FieldError, FieldErrorCode, NotFound, ValidationFailed
from domain.records import RecordFilter
from domain.text import clean_name

if TYPE_CHECKING:
    from domain.access.principal import Principal
    from domain.uow import UnitOfWork

KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,49}$")
MAX_TEXT_LENGTH = 2000
MAX_CHOICES = 200


class FieldType(StrEnum):
    TEXT = "text"
    NUMBER = "number"
    DATE = "date"
    BOOLEAN = "boolean"
    SINGLE_CHOICE = "single_choice"
    MULTI_CHOICE = "multi_choice"


class CustomEntity(StrEnum):
    CONTACT = "contact"
    COMPANY = "company"
    DEAL = "deal"


@dataclass
class CustomFieldDefinition:
    entity: CustomEntity
    key: str
    label: str
    type: FieldType
    required: bool = False
    choices: list[str] = field(default_factory=list)
    position: int = 0
    id: UUID = field(default_factory=uuid4)
    created_at: datetime = field(default_factory=utcnow)
    updated_at: datetime = field(default_factory=utcnow)
    version: int = 1


@dataclass(frozen=True)
class DefinitionChanges:
    label: str | None = None
    required: bool | None = None
    choices: list[str] | None = None
    position: int | None = None


class CustomFieldRepository(Protocol):
    async def for_entity(self, entity: CustomEntity) -> list[CustomFieldDefinition]: ...
    async def get(self, definition_id: UUID) -> CustomFieldDefinition | None: ...
    async def add(self, definition: CustomFieldDefinition) -> None: ...
    async def update(self, definition: CustomFieldDefinition, expected_version: int) -> None: ...
    async def delete(self, definition: CustomFieldDefinition) -> None: ...


def _clean_choices(choices: list[str], kind: FieldType) -> list[str]:
    is_choice = kind in (FieldType.SINGLE_CHOICE, FieldType.MULTI_CHOICE)
    if not is_choice:
        if choices:
            raise ValidationFailed.on(
                "choices", "only choice fields have choices", FieldErrorCode.NOT_ALLOWED
            )
        return []
    cleaned = list(dict.fromkeys(" ".join(c.split()) for c in choices))
    if not cleaned or any(not c for c in cleaned):
        raise ValidationFailed.on(
            "choices", "a choice field needs non-blank choices", FieldErrorCode.REQUIRED
        )
    if len(cleaned) > MAX_CHOICES:
        raise ValidationFailed.on(
            "choices",
            f"at most {MAX_CHOICES} choices",
            FieldErrorCode.TOO_MANY,
            max_length=MAX_CHOICES,
        )
    return cleaned


async def list_definitions(
    uow: UnitOfWork, principal: Principal, entity: CustomEntity
) -> list[CustomFieldDefinition]:
    return await uow.custom_fields.for_entity(entity)


async def get_definition(
    uow: UnitOfWork, principal: Principal, definition_id: UUID
) -> CustomFieldDefinition:
    definition = await uow.custom_fields.get(definition_id)
    if definition is None:
        raise NotFound("Custom field not found.")
    return definition


async def create_definition(
    uow: UnitOfWork, principal: Principal, draft: CustomFieldDefinition
) -> CustomFieldDefinition:
    require(principal, Permission.CUSTOM_FIELDS_MANAGE)
    if not KEY_PATTERN.match(draft.key):
        raise ValidationFailed.on(
            "key",
            "lower-case letters, digits and _ only, starting with a letter, 50 at most",
            FieldErrorCode.INVALID_FORMAT,
        )
    draft.label = clean_name(draft.label, "label")
    draft.choices = _clean_choices(draft.choices, draft.type)
    if any(d.key == draft.key for d in await uow.custom_fields.for_entity(draft.entity)):
        raise Conflict(
            f"The {draft.entity.value} field {draft.key!r} exists already.",
            [FieldError("key", "already taken", FieldErrorCode.DUPLICATE)],
        )
    await uow.custom_fields.add(draft)
    return draft


async def update_definition(
    uow: UnitOfWork,
    principal: Principal,
    definition_id: UUID,
    changes: DefinitionChanges,
    expected_version: int | None,
) -> CustomFieldDefinition:
    """Key and type stay: stored values were validated against them."""
    require(principal, Permission.CUSTOM_FIELDS_MANAGE)
    definition = await get_definition(uow, principal, definition_id)
    check_version(definition.version, expected_version)
    loaded_version = definition.version
    if changes.label is not None:
        definition.label = clean_name(changes.label, "label")
    if changes.required is not None:
        definition.required = changes.required
    if changes.choices is not None:
        definition.choices = _clean_choices(changes.choices, definition.type)
    if changes.position is not None:
        definition.position = changes.position
    definition.updated_at = utcnow()
    await uow.custom_fields.update(definition, loaded_version)
    return definition


async def delete_definition(
    uow: UnitOfWork, principal: Principal, definition_id: UUID, expected_version: int | None
) -> None:
    """Stored values stay in the records but are no longer shown or validated; a field of
    the same key defined again brings them back."""
    require(principal, Permission.CUSTOM_FIELDS_MANAGE)
    definition = await get_definition(uow, principal, definition_id)
    check_version(definition.version, expected_version)
    await uow.custom_fields.delete(definition)


def _check_value(definition: CustomFieldDefinition, value: Any, path: str) -> Any:
    kind = definition.type
    if kind is FieldType.TEXT:
        if not isinstance(value, str):
            raise ValidationFailed.on(path, "must be text", FieldErrorCode.INVALID_TYPE)
        if len(value) > MAX_TEXT_LENGTH:
            raise ValidationFailed.on(
                path,
                f"must be at most {MAX_TEXT_LENGTH} characters",
                FieldErrorCode.TOO_LONG,
                max_length=MAX_TEXT_LENGTH,
            )
        return value
    if kind is FieldType.NUMBER:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValidationFailed.on(path, "must be a number", FieldErrorCode.INVALID_TYPE)
        if isinstance(value, float) and not math.isfinite(value):
            raise ValidationFailed.on(path, "must be a finite number", FieldErrorCode.INVALID_TYPE)
        # 40.0 is stored as 40, as filters read it, so `custom_field=key:40` finds it.
        return int(value) if isinstance(value, float) and value.is_integer() else value
    if kind is FieldType.DATE:
        if not isinstance(value, str):
            raise ValidationFailed.on(
                path, "must be a date like 2026-11-27", FieldErrorCode.INVALID_DATE
            )
        try:
            return date.fromisoformat(value).isoformat()
        except ValueError as error:
            raise ValidationFailed.on(
                path, "must be a date like 2026-11-27", FieldErrorCode.INVALID_DATE
            ) from error
    if kind is FieldType.BOOLEAN:
        if not isinstance(value, bool):
            raise ValidationFailed.on(path, "must be true or false", FieldErrorCode.INVALID_TYPE)
        return value
    if kind is FieldType.SINGLE_CHOICE:
        if value not in definition.choices:
            raise ValidationFailed.on(
                path, f"must be one of {definition.choices}", FieldErrorCode.INVALID_CHOICE
            )
        return value
    if not isinstance(value, list) or any(v not in definition.choices for v in value):
        raise ValidationFailed.on(
            path, f"must be a list of {definition.choices}", FieldErrorCode.INVALID_CHOICE
        )
    return list(dict.fromkeys(value))


def apply_custom_fields(
    definitions: list[CustomFieldDefinition],
    current: dict[str, Any],
    changes: Mapping[str, Any],
    creating: bool,
) -> dict[str, Any]:
    """The record's custom fields after `changes` (null removes a value). Unknown keys,
    values of the wrong type and missing required fields are refused, each named."""
    by_key = {d.key: d for d in definitions}
    errors: list[FieldError] = []
    result = dict(current)
    for key, value in changes.items():
        path = f"custom_fields.{key}"
        definition = by_key.get(key)
        if definition is None:
            errors.append(FieldError(path, "no such custom field", FieldErrorCode.NOT_FOUND))
            continue
        if value is None:
            result.pop(key, None)
            continue
        try:
            result[key] = _check_value(definition, value, path)
        except ValidationFailed as error:
            errors.extend(error.errors)
    for definition in definitions:
        touched = creating or definition.key in changes
        path = f"custom_fields.{definition.key}"
        refused = any(error.field == path for error in errors)  # one error per field
        if definition.required and touched and result.get(definition.key) is None and not refused:
            errors.append(FieldError(path, "is required", FieldErrorCode.REQUIRED))
    if errors:
        raise ValidationFailed("Invalid custom fields.", errors)
    return result


def visible_custom_fields(
    definitions: list[CustomFieldDefinition], values: dict[str, Any]
) -> dict[str, Any]:
    """Values of defined fields only (a deleted definition hides its values)."""
    keys = {d.key for d in definitions}
    return {k: v for k, v in values.items() if k in keys}


def resolve_filters(
    definitions: list[CustomFieldDefinition], pairs: tuple[tuple[str, str], ...]
) -> tuple[tuple[str, Any], ...]:
    """`custom_field=key:value` filters with each value read as its field's type, so a
    number field matches 40 and 40.0 alike and a boolean field takes true/false."""
    by_key = {d.key: d for d in definitions}
    resolved = []
    for index, (key, raw) in enumerate(pairs):
        path = f"custom_field.{index}"
        definition = by_key.get(key)
        if definition is None:
            raise ValidationFailed.on(path, f"no custom field {key!r}", FieldErrorCode.NOT_FOUND)
        value: Any = raw
        if definition.type is FieldType.NUMBER:
            try:
                number = float(raw)
            except ValueError as error:
                raise ValidationFailed.on(
                    path, "must be a number", FieldErrorCode.INVALID_TYPE
                ) from error
            value = int(number) if number.is_integer() else number
        elif definition.type is FieldType.BOOLEAN:
            if raw not in ("true", "false"):
                raise ValidationFailed.on(
                    path, "must be true or false", FieldErrorCode.INVALID_TYPE
                )
            value = raw == "true"
        elif definition.type is FieldType.MULTI_CHOICE:
            raise ValidationFailed.on(
                path,
                "multi-choice fields cannot be filtered by equality",
                FieldErrorCode.NOT_ALLOWED,
            )
        resolved.append((key, value))
    return tuple(resolved)


F = TypeVar("F", bound=RecordFilter)


async def with_typed_filters(uow: UnitOfWork, entity: CustomEntity, filters: F) -> F:
    """`filters` with its custom-field conditions read as their fields' types."""
    if not filters.custom_fields:
        return filters
    definitions = await uow.custom_fields.for_entity(entity)
    return replace(filters, custom_fields=resolve_filters(definitions, filters.custom_fields))
