"""Writing exported rows as CSV or XLSX, streamed, without holding all rows in memory.

XLSX is written by xlsxwriter in constant-memory mode to a temporary file (a zip cannot
be streamed before it is complete), then streamed from there."""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import AsyncIterator, Sequence
from typing import Any

import xlsxwriter

from domain.contact_export import Column
from domain.contacts import Contact

# A cell starting with one of these is run as a formula by spreadsheet programs: a
# contact named "=HYPERLINK(...)" must stay text (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _plain(value: Any) -> Any:
    """Lists (multi-choice custom fields) as one readable cell."""
    return "; ".join(str(v) for v in value) if isinstance(value, list) else value


def _cell(value: Any) -> str:
    value = _plain(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


async def csv_stream(
    columns: Sequence[Column], contacts: AsyncIterator[Contact]
) -> AsyncIterator[bytes]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")  # so spreadsheet programs read UTF-8
    writer.writerow([c.header for c in columns])
    count = 0
    async for contact in contacts:
        writer.writerow([_cell(c.value(contact)) for c in columns])
        count += 1
        if count % 500 == 0:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode()


async def xlsx_stream(
    columns: Sequence[Column], contacts: AsyncIterator[Contact]
) -> AsyncIterator[bytes]:
    with tempfile.NamedTemporaryFile(suffix=".xlsx") as target:
        workbook = xlsxwriter.Workbook(target.name, {"constant_memory": True})
        sheet = workbook.add_worksheet("Contacts")
        bold = workbook.add_format({"bold": True})
        for index, column in enumerate(columns):
            sheet.write_string(0, index, column.header, bold)
        row = 1
        async for contact in contacts:
            for index, column in enumerate(columns):
                value = _plain(column.value(contact))
                if isinstance(value, bool):
                    sheet.write_boolean(row, index, value)
                elif isinstance(value, int | float):
                    sheet.write_number(row, index, value)
                else:
                    # write_string: never interpreted as a formula.
                    sheet.write_string(row, index, "" if value is None else str(value))
            row += 1
        workbook.close()
        target.seek(0)
        while chunk := target.read(64 * 1024):
            yield chunk
