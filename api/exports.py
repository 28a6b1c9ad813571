"""Writing exported rows as CSV or XLSX, streamed, without holding all rows in memory.

XLSX is written by xlsxwriter in constant-memory mode to a temporary file (a zip cannot
be streamed before it is complete), then streamed from there."""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import AsyncIterator, Sequence
from datetime import datetime
from typing import Any

import xlsxwriter

from domain.contacts.contact_export import Column, ExportRow

# A cell starting with one of these is run as a formula by spreadsheet programs: a
# contact named "=HYPERLINK(...)" must stay text (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _plain(value: Any) -> Any:
    """Lists (multi-choice custom fields) as one readable cell."""
    return "; ".join(str(v) for v in value) if isinstance(value, list) else value


_FORMULA_FIRST = frozenset(_FORMULA_START)


def _cell(value: Any) -> str:
    if value.__class__ is str:
        # Most cells: text, told safe by its first character alone (a million rows of
        # twenty cells each go through here).
        return "'" + value if value[:1] in _FORMULA_FIRST else value
    value = _plain(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.isoformat()
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _cells(values: list[Any]) -> list[str]:
    """`_cell` of each value of a column: what it would give, the common columns (all
    text, all truth values, all times) without a call per value."""
    kinds = set(map(type, values))
    if kinds == {str}:
        return ["'" + v if v[:1] in _FORMULA_FIRST else v for v in values]
    if kinds == {bool}:
        return ["true" if v else "false" for v in values]
    if kinds == {datetime}:
        return [v.isoformat() for v in values]
    return list(map(_cell, values))


async def csv_stream(
    columns: Sequence[Column], batches: AsyncIterator[Sequence[ExportRow]]
) -> AsyncIterator[bytes]:
    """One body part per batch of rows (a thousand): the csv module writes them in one
    call, and the server sends a few hundred kilobytes at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")  # so spreadsheet programs read UTF-8
    writer.writerow([c.key for c in columns])
    values = [c.value for c in columns]
    async for batch in batches:
        # Column by column: a column of a batch mostly holds values of one type, whose
        # cells are then made in one pass (a million rows of twenty cells each).
        writer.writerows(zip(*(_cells(list(map(value, batch))) for value in values), strict=True))
        yield buffer.getvalue().encode()
        buffer.seek(0)
        buffer.truncate()
    if text := buffer.getvalue():
        yield text.encode()


async def xlsx_stream(
    columns: Sequence[Column], batches: AsyncIterator[Sequence[ExportRow]]
) -> AsyncIterator[bytes]:
    """A sheet for people: readable headers, owners by name, times as real date cells
    (UTC, which the header says), the header row frozen and filterable."""
    shown = [c for c in columns if c.in_sheet]
    with tempfile.NamedTemporaryFile(suffix=".xlsx") as target:
        # Excel has no time zones: the UTC moments are written as they are.
        workbook = xlsxwriter.Workbook(
            target.name, {"constant_memory": True, "remove_timezone": True}
        )
        sheet = workbook.add_worksheet("Contacts")
        header = workbook.add_format({"bold": True, "bottom": 1})
        moment = workbook.add_format({"num_format": "yyyy-mm-dd hh:mm"})
        for index, column in enumerate(shown):
            sheet.write_string(0, index, column.label, header)
            sheet.set_column(index, index, _width(column))
        sheet.freeze_panes(1, 0)
        row = 1
        async for batch in batches:
            for contact in batch:
                for index, column in enumerate(shown):
                    value = _plain(column.value(contact))
                    if isinstance(value, bool):
                        sheet.write_boolean(row, index, value)
                    elif isinstance(value, int | float):
                        sheet.write_number(row, index, value)
                    elif isinstance(value, datetime):
                        sheet.write_datetime(row, index, value, moment)
                    else:
                        # write_string: never interpreted as a formula.
                        sheet.write_string(row, index, "" if value is None else str(value))
                row += 1
        sheet.autofilter(0, 0, max(row - 1, 0), len(shown) - 1)
        workbook.close()
        target.seek(0)
        while chunk := target.read(64 * 1024):
            yield chunk


def _width(column: Column) -> int:
    """Room for the header, and for what such columns usually hold."""
    usual = {"id": 36, "email": 28, "other_emails": 28, "phones": 18, "company": 24}
    return max(len(column.label) + 2, usual.get(column.key, 14))
