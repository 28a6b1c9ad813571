"""Reading an uploaded contacts file: CSV text into rows of contact fields, checked by
the same schema as `POST /contacts`, so a file is held to the API's own input rules."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

from pydantic import ValidationError

from api.commands import command
from api.schemas.contacts import ContactCreate
from domain.contacts.contact_import import ParsedRow, RowError
from domain.contacts.contacts import ContactChanges
from domain.contacts.custom_fields import CustomFieldDefinition, FieldType
from domain.errors import FieldError, ValidationFailed

SIMPLE_TARGETS = (
    "first_name",
    "last_name",
    "title",
    "country",
    "city",
    "source",
    "lifecycle_stage",
)
LIST_TARGETS = ("email", "emails", "phone", "phones", "tags")
FLAG_TARGETS = ("marketing_consent", "processing_consent")
TARGETS = (*SIMPLE_TARGETS, *LIST_TARGETS, *FLAG_TARGETS, "company")
TRUE = {"1", "true", "yes", "y", "x", "ja", "oui", "да"}
FALSE = {"0", "false", "no", "n", "", "nein", "non", "нет"}


def decode(content: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252: what spreadsheet programs write."""
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace")


def _reader(text: str) -> csv.DictReader[str]:
    sample = text[:65536]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    return csv.DictReader(io.StringIO(text), dialect=dialect)


class UnreadableRow(Exception):
    """A row the CSV reader cannot read (a cell over the size limit, a NUL byte): the
    file is broken there, and what follows cannot be trusted to line up."""

    def __init__(self, number: int, reason: str) -> None:
        super().__init__(f"row {number}: {reason}")
        self.number = number
        self.reason = reason


def _records(text: str) -> Iterator[tuple[int, dict[str, str]]]:
    """The file's rows with their numbers as a spreadsheet shows them (the header is row
    1); UnreadableRow where the reader gives up."""
    reader = _reader(text)
    number = 1
    try:
        for number, cells in enumerate(reader, start=2):
            yield number, cells
    except csv.Error as error:
        raise UnreadableRow(number + 1, _reason(error)) from error


def _reason(error: csv.Error) -> str:
    text = str(error)
    if "field larger than field limit" in text:
        return f"a cell is longer than {csv.field_size_limit():,} characters"
    if "NUL" in text:
        return "contains a NUL character"
    return text


def check_mapping(
    content: bytes, mapping: dict[str, str], definitions: list[CustomFieldDefinition]
) -> None:
    """At upload: every mapped column is in the file's header, every target is a contact
    field (or a defined custom field)."""
    text = decode(content)
    try:
        header = _reader(text).fieldnames or []
        for _ in _records(text):
            pass  # every row read once now: a broken file is refused before it queues
    except (UnreadableRow, csv.Error) as error:
        raise ValidationFailed.on("file", str(error)) from error
    if not header:
        raise ValidationFailed.on("file", "has no header row")
    custom = {f"custom_fields.{d.key}" for d in definitions}
    errors = []
    for column, target in mapping.items():
        if column not in header:
            errors.append((f"mapping.{column}", f"no column {column!r} in the file"))
        if target not in TARGETS and target not in custom:
            errors.append((f"mapping.{column}", f"{target!r} is not a contact field"))
    if errors:
        raise ValidationFailed(
            "The column mapping does not fit the file.", [FieldError(f, m) for f, m in errors]
        )


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.replace(",", ";").split(";") if part.strip()]


def _flag(value: str) -> bool | str:
    lowered = value.strip().lower()
    if lowered in TRUE:
        return True
    if lowered in FALSE:
        return False
    return value  # left for the schema to refuse, naming the field


def _custom_value(definition: CustomFieldDefinition, value: str) -> Any:
    if definition.type is FieldType.NUMBER:
        try:
            number = float(value.replace(",", ".")) if value.strip() else None
        except ValueError:
            return value
        return int(number) if number is not None and number.is_integer() else number
    if definition.type is FieldType.BOOLEAN:
        return _flag(value)
    if definition.type is FieldType.MULTI_CHOICE:
        return _split(value)
    return value


def _row_data(
    cells: dict[str, str], mapping: dict[str, str], definitions: dict[str, CustomFieldDefinition]
) -> tuple[dict[str, Any], str | None]:
    data: dict[str, Any] = {}
    company = None
    for column, target in mapping.items():
        value = (cells.get(column) or "").strip()
        if not value:
            continue
        if target in SIMPLE_TARGETS:
            data[target] = value.lower() if target in ("source", "lifecycle_stage") else value
        elif target in ("email", "emails"):
            data.setdefault("emails", []).extend({"email": e} for e in _split(value))
        elif target in ("phone", "phones"):
            data.setdefault("phones", []).extend({"phone": p} for p in _split(value))
        elif target == "tags":
            data["tags"] = _split(value)
        elif target in FLAG_TARGETS:
            data[target] = _flag(value)
        elif target == "company":
            company = value
        else:
            key = target.removeprefix("custom_fields.")
            data.setdefault("custom_fields", {})[key] = _custom_value(definitions[key], value)
    return data, company


def parse_rows(
    content: bytes, mapping: dict[str, str], definitions: list[CustomFieldDefinition]
) -> list[ParsedRow]:
    by_key = {d.key: d for d in definitions}
    rows: list[ParsedRow] = []
    try:
        for number, cells in _records(decode(content)):
            rows.append(_parsed(number, cells, mapping, by_key))
    except UnreadableRow as broken:
        # Refused at upload since that check came; a file queued before it says where
        # it broke, instead of failing without a word.
        error = RowError(broken.number, "file", broken.reason)
        rows.append(ParsedRow(broken.number, ContactChanges(), errors=(error,)))
    return rows


def _parsed(
    number: int,
    cells: dict[str, str],
    mapping: dict[str, str],
    definitions: dict[str, CustomFieldDefinition],
) -> ParsedRow:
    data, company = _row_data(cells, mapping, definitions)
    try:
        checked = ContactCreate.model_validate(data)
    except ValidationError as error:
        errors = tuple(
            RowError(number, ".".join(str(p) for p in e["loc"]), e["msg"]) for e in error.errors()
        )
        return ParsedRow(number, ContactChanges(), errors=errors)
    return ParsedRow(number, command(checked, ContactChanges), company)
