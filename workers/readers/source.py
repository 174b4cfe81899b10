"""Reading an uploaded file (CSV UTF-8 or the first sheet of an XLSX) into columns of text."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

import fastexcel
import polars as pl

LINE = "_line"
OVERFLOW = "_overflow"
_ZIP_MAGIC = b"PK\x03\x04"
_SHEET_ROW = re.compile(rb"<row\b[^>]*?\br=\"(\d+)\"[^>]*>(.*?)</row>", re.DOTALL)


class SourceError(Exception):
    """The file as a whole cannot be read; the message is for the person who uploaded it."""


@dataclass(frozen=True)
class RawTable:
    """The header cells and, per data row, its file line number and one text column per cell.

    Data columns are named "0", "1", ... by header position; OVERFLOW holds the first value
    beyond the header's width, if a row has one.
    """

    header: tuple[str, ...]
    header_line: int
    cells: pl.DataFrame


def read_raw(data: bytes) -> RawTable:
    """The table in data, which is XLSX when it is a zip archive and CSV otherwise."""
    if not data.strip():
        raise SourceError("the file is empty")
    if data.startswith(_ZIP_MAGIC):
        return _read_xlsx(data)
    return _read_csv(data)


def _read_csv(data: bytes) -> RawTable:
    if not data.isascii():
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            raise SourceError("save the file as CSV UTF-8") from None
    options = {"has_header": False, "infer_schema": False, "quote_char": '"', "truncate_ragged_lines": True}
    try:
        first = pl.read_csv(data, n_rows=1, **options)
        width = first.width
        schema = {str(i): pl.String for i in range(width)} | {OVERFLOW: pl.String}
        cells = pl.read_csv(data, schema=schema, missing_columns="insert", **options)
    except pl.exceptions.PolarsError as exc:
        raise SourceError(f"the file could not be read as CSV: {_first_line(exc)}") from None
    header = tuple(value or "" for value in first.row(0))
    return RawTable(header, 1, _numbered(cells.slice(1), first_line=2))


def _read_xlsx(data: bytes) -> RawTable:
    try:
        sheet = pl.read_excel(
            io.BytesIO(data),
            sheet_id=1,
            engine="calamine",
            has_header=False,
            infer_schema_length=0,
            drop_empty_rows=False,
            drop_empty_cols=False,
            raise_if_empty=False,
        )
    except (fastexcel.FastExcelError, pl.exceptions.PolarsError, zipfile.BadZipFile) as exc:
        raise SourceError(f"the workbook could not be read: {_first_line(exc)}") from None
    if sheet.height == 0:
        raise SourceError("the file is empty")
    header = tuple("" if value is None else str(value) for value in sheet.row(0))
    cells = sheet.rename({name: str(i) for i, name in enumerate(sheet.columns)})
    cells = cells.with_columns(pl.lit(None, pl.String).alias(OVERFLOW))
    header_line = _header_row(data)
    return RawTable(header, header_line, _numbered(cells.slice(1), first_line=header_line + 1))


def _numbered(cells: pl.DataFrame, *, first_line: int) -> pl.DataFrame:
    return cells.with_row_index(LINE, offset=first_line).with_columns(pl.col(LINE).cast(pl.Int64))


def _header_row(data: bytes) -> int:
    """The sheet row number of the first sheet's first non-empty row (1 when unknown).

    The spreadsheet reader starts at the first row holding a value, so line numbers count
    from there; only the start of the sheet's XML is inspected.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            workbook = archive.read("xl/workbook.xml")
            rels = archive.read("xl/_rels/workbook.xml.rels")
            sheet_id = re.search(rb"<sheet\b[^>]*\br:id=\"([^\"]+)\"", workbook)
            target = sheet_id and re.search(
                rb"<Relationship\b[^>]*\bId=\"" + re.escape(sheet_id[1]) + rb"\"[^>]*", rels
            )
            path = target and re.search(rb"\bTarget=\"([^\"]+)\"", target[0])
            if not path:
                return 1
            name = path[1].decode()
            name = name.lstrip("/") if name.startswith("/") else "xl/" + name
            with archive.open(name) as sheet:
                head = sheet.read(1 << 20)
    except (KeyError, zipfile.BadZipFile, UnicodeDecodeError):
        return 1
    for row in _SHEET_ROW.finditer(head):
        if b"<v>" in row[2] or b"<t>" in row[2] or b"<t " in row[2]:
            return int(row[1])
    return 1


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
