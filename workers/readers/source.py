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
MAX_COLUMNS = 1000  # the widest kind has 11 columns; a file far wider is not an extract
MAX_HEADER_CHARS = 64 * 1024
MAX_CELL_CHARS = 1000
# An XLSX is a zip archive: its parts are measured, decompressing as a stream, before it is read.
MAX_XLSX_UNCOMPRESSED = 256 * 1024 * 1024
MAX_XLSX_RATIO = 200  # a part that grows more than this from its compressed size is a zip bomb
_ZIP_CHUNK = 1024 * 1024


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


def _check_csv_bytes(data: bytes) -> None:
    """Refusals that need no parsing: binary content, a header no person wrote."""
    if b"\x00" in data:
        raise SourceError(
            "the file contains NUL bytes, so it is not a CSV text file (UTF-16 or binary?); "
            "save the file as CSV UTF-8"
        )
    end = data.find(b"\n")
    first = data if end < 0 else data[:end]
    columns = first.count(b",") + 1
    if columns > MAX_COLUMNS:
        raise SourceError(
            f"the header row has {columns:,} columns; an extract has at most {MAX_COLUMNS:,} "
            "(is the first line really the column names?)"
        )
    if len(first) > MAX_HEADER_CHARS:
        raise SourceError(
            f"the header row (line 1) is longer than {MAX_HEADER_CHARS:,} characters; "
            "the first line must hold the column names"
        )


def _check_cells(header: tuple[str, ...], cells: pl.DataFrame, *, first_line: int) -> None:
    """No cell of an extract is long; a very long one is a broken file or an attack, not data."""
    if len(header) > MAX_COLUMNS:
        raise SourceError(
            f"the header row has {len(header):,} columns; an extract has at most {MAX_COLUMNS:,}"
        )
    for position, name in enumerate(header):
        if len(name) > 200:
            raise SourceError(
                f"header cell {position + 1} is longer than 200 characters; it is not a column name"
            )
    columns = [c for c in cells.columns if c != LINE]
    if not columns or cells.height == 0:
        return
    too_long = pl.any_horizontal(pl.col(c).str.len_chars() > MAX_CELL_CHARS for c in columns)
    found = cells.with_row_index("_at").filter(too_long).head(1)
    if found.height:
        line = first_line + int(found.get_column("_at")[0])
        raise SourceError(
            f"line {line}: a value is longer than {MAX_CELL_CHARS:,} characters; extracts hold short values"
        )


def _read_csv(data: bytes) -> RawTable:
    if not data.isascii():
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            raise SourceError("save the file as CSV UTF-8") from None
    _check_csv_bytes(data)
    options = {"has_header": False, "infer_schema": False, "quote_char": '"', "truncate_ragged_lines": True}
    try:
        first = pl.read_csv(data, n_rows=1, **options)
        width = first.width
        schema = {str(i): pl.String for i in range(width)} | {OVERFLOW: pl.String}
        cells = pl.read_csv(data, schema=schema, missing_columns="insert", **options)
    except pl.exceptions.PolarsError as exc:
        raise SourceError(f"the file could not be read as CSV: {_first_line(exc)}") from None
    header = tuple(value or "" for value in first.row(0))
    _check_cells(header, cells.slice(1), first_line=2)
    return RawTable(header, 1, _numbered(cells.slice(1), first_line=2))


def _check_archive(data: bytes) -> None:
    """Refuse macros, external links and zip bombs before the spreadsheet reader sees the file."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            lowered = [name.lower() for name in names]
            if any(name.endswith("vbaproject.bin") or "/activex/" in name for name in lowered):
                raise SourceError(
                    "the workbook contains macros; save it as an Excel Workbook (.xlsx) without them"
                )
            if any(name.startswith("xl/externallinks/") for name in lowered):
                raise SourceError(
                    "the workbook has external links to other files; copy the values in and remove the links"
                )
            if "[content_types].xml" in lowered:
                types = archive.read(names[lowered.index("[content_types].xml")])
                if b"macroenabled" in types.lower():
                    raise SourceError(
                        "the workbook is macro-enabled (.xlsm); save it as an Excel Workbook (.xlsx)"
                    )
            total = 0
            for item in archive.infolist():
                size = 0
                with archive.open(item) as part:  # measured as it decompresses, whatever the header claims
                    while chunk := part.read(_ZIP_CHUNK):
                        size += len(chunk)
                        total += len(chunk)
                        if total > MAX_XLSX_UNCOMPRESSED or (
                            size > _ZIP_CHUNK and size > MAX_XLSX_RATIO * max(item.compress_size, 1)
                        ):
                            raise SourceError(
                                f"the workbook expands to more than {MAX_XLSX_UNCOMPRESSED >> 20} MB "
                                "or far beyond its size on disk; export the sheet as CSV UTF-8 instead"
                            )
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError, EOFError) as exc:
        raise SourceError(f"the workbook could not be read: {_first_line(exc)}") from None


def _read_xlsx(data: bytes) -> RawTable:
    _check_archive(data)
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
    _check_cells(header, cells.slice(1), first_line=header_line + 1)
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
