"""The hostile corpus: builders writing bad extracts into a folder, with the refusal each must get."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import openpyxl

MARAC_HEADER = "referral_id,lpa,referral_date,status,marac_date,dash_score,repeat"
GOOD = "R1,Birmingham,2024-01-22,awaiting,,14,no"
CRIMES_HEADER = "crime_ref,recorded_date,lpa,offence_group,crime_class,outcome_code,outcome_date"
MB = 1024 * 1024


@dataclass(frozen=True)
class Hostile:
    name: str
    kind: str
    build: Callable[[Path], Path]
    message: str  # a fragment of the refusal the uploader is shown (case-insensitive)
    suffix: str = ".csv"


def _csv(text: str) -> Callable[[Path], Path]:
    return _bytes(text.encode("utf-8"))


def _bytes(data: bytes, suffix: str = ".csv") -> Callable[[Path], Path]:
    def build(path: Path) -> Path:
        path.write_bytes(data)
        return path

    return build


def _marac(*rows: str) -> Callable[[Path], Path]:
    return _csv(MARAC_HEADER + "\n" + "".join(row + "\n" for row in rows))


def _long_line(path: Path) -> Path:
    """A header and one data row of 50 MB (a single cell, no newline at the end)."""
    with path.open("wb") as handle:
        handle.write((MARAC_HEADER + "\nR1,Birmingham,2024-01-22,awaiting,,14,").encode())
        chunk = b"x" * MB
        for _ in range(50):
            handle.write(chunk)
    return path


def _single_line(path: Path) -> Path:
    """50 MB in one line and nothing else: no header a person wrote."""
    with path.open("wb") as handle:
        chunk = b"y" * MB
        for _ in range(50):
            handle.write(chunk)
    return path


def _wide_header(path: Path) -> Path:
    names = ",".join(f"c{i}" for i in range(100_000))
    path.write_text(MARAC_HEADER + "," + names + "\n" + GOOD + "\n", encoding="utf-8")
    return path


def _workbook(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _good_workbook() -> bytes:
    return _workbook([MARAC_HEADER.split(","), GOOD.split(",")])


def _rezip(extra: dict[str, bytes], replace: dict[str, bytes] | None = None) -> Callable[[Path], Path]:
    """A valid workbook with members added or replaced (macros, external links)."""

    def build(path: Path) -> Path:
        source = zipfile.ZipFile(io.BytesIO(_good_workbook()))
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
            for item in source.infolist():
                data = (replace or {}).get(item.filename, source.read(item.filename))
                out.writestr(item.filename, data)
            for name, data in extra.items():
                out.writestr(name, data)
        return path

    return build


def _zip_bomb(path: Path) -> Path:
    """A workbook whose sheet expands to 1 GB of XML from about 1 MB on disk."""
    source = zipfile.ZipFile(io.BytesIO(_good_workbook()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
        for item in source.infolist():
            if item.filename != "xl/worksheets/sheet1.xml":
                out.writestr(item.filename, source.read(item.filename))
        with out.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/')
            sheet.write(b'spreadsheetml/2006/main"><sheetData>')
            blank = b" " * MB
            for _ in range(1024):
                sheet.write(blank)
            sheet.write(b"</sheetData></worksheet>")
    return path


def _png(path: Path) -> Path:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x00")
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )
    return path


def _garbage(path: Path) -> Path:
    import random

    path.write_bytes(random.Random(6).randbytes(256 * 1024))
    return path


MACRO_TYPES = (
    b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Override PartName="/xl/workbook.xml" '
    b'ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"/></Types>'
)
EXTERNAL = b'<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>'

CORPUS: tuple[Hostile, ...] = (
    Hostile(
        "utf16", "marac_referrals", _bytes((MARAC_HEADER + "\n" + GOOD + "\n").encode("utf-16")), "UTF-8"
    ),
    Hostile(
        "utf16_no_bom",
        "marac_referrals",
        _bytes((MARAC_HEADER + "\n" + GOOD + "\n").encode("utf-16-le")),
        "UTF-8",
    ),
    Hostile(
        "latin1",
        "marac_referrals",
        _bytes(
            (
                MARAC_HEADER + "\nR1,Birmingham,2024-01-22,awaiting,,14,"
                "no\nR\xe9,Dudley,2024-01-22,awaiting,,,\n"
            ).encode("latin-1")
        ),
        "UTF-8",
    ),
    Hostile(
        "invalid_utf8_bytes",
        "marac_referrals",
        _bytes(b"referral_id,lpa\xff\xfe,x\n" + b"R1,\xc3\x28,\n"),
        "UTF-8",
    ),
    Hostile(
        "nul_bytes",
        "marac_referrals",
        _csv(MARAC_HEADER + "\nR1,Birm\x00ingham,2024-01-22,awaiting,,14,no\n"),
        "NUL",
    ),
    Hostile("long_line_50mb", "marac_referrals", _long_line, "longer than"),
    Hostile("single_line_50mb", "marac_referrals", _single_line, "header"),
    Hostile("header_100000_columns", "marac_referrals", _wide_header, "columns"),
    Hostile(
        "formula_cmd",
        "crimes",
        _csv(CRIMES_HEADER + "\n=cmd|' /C calc'!A0,2024-01-05,Dudley,Theft,victim_based,,\n"),
        "formula",
    ),
    Hostile(
        "formula_plus",
        "crimes",
        _csv(CRIMES_HEADER + '\nC1,2024-01-05,Dudley,+HYPERLINK("http://x"),victim_based,,\n'),
        "formula",
    ),
    Hostile(
        "formula_at",
        "outcome_changes",
        _csv(
            "crime_ref,change_date,old_outcome_code,new_outcome_code,team\nC1,2024-01-05,14,1,@SUM(A1:A9)\n"
        ),
        "formula",
    ),
    Hostile("zip_bomb", "marac_referrals", _zip_bomb, "expands", ".xlsx"),
    Hostile(
        "xlsm_macros",
        "marac_referrals",
        _rezip({"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0macro"}),
        "macro",
        ".xlsx",
    ),
    Hostile(
        "macro_content_type",
        "marac_referrals",
        _rezip({}, {"[Content_Types].xml": MACRO_TYPES}),
        "macro",
        ".xlsx",
    ),
    Hostile(
        "external_links",
        "marac_referrals",
        _rezip({"xl/externalLinks/externalLink1.xml": EXTERNAL}),
        "external",
        ".xlsx",
    ),
    Hostile(
        "truncated_xlsx", "marac_referrals", lambda p: _bytes(_good_workbook()[:700])(p), "workbook", ".xlsx"
    ),
    Hostile(
        "wrong_kind",
        "marac_referrals",
        _csv(CRIMES_HEADER + "\nC1,2024-01-05,Dudley,Theft,victim_based,,\n"),
        "required column is missing",
    ),
    Hostile(
        "duplicate_ids", "marac_referrals", _marac(GOOD, "R1,Dudley,2024-01-20,awaiting,,,"), "duplicate"
    ),
    Hostile(
        "impossible_date", "marac_referrals", _marac("R1,Birmingham,2023-02-30,awaiting,,14,no"), "not a date"
    ),
    Hostile(
        "impossible_uk_date",
        "marac_referrals",
        _marac("R1,Birmingham,31/04/2023,awaiting,,14,no"),
        "not a date",
    ),
    Hostile(
        "future_date",
        "marac_referrals",
        _marac("R1,Birmingham,2031-01-22,awaiting,,14,no"),
        "after the as-of",
    ),
    Hostile(
        "negative_count",
        "investigations",
        _csv(
            "crime_ref,lpa,department,recorded_date,status,plan_completed,supervisor_reviews\n"
            "C1,Dudley,CID,2024-01-01,open,yes,-3\n"
        ),
        "0 or more",
    ),
    Hostile(
        "out_of_range",
        "marac_referrals",
        _marac("R1,Birmingham,2024-01-22,awaiting,,99,no"),
        "between 0 and 27",
    ),
    Hostile("empty", "marac_referrals", _bytes(b""), "empty"),
    Hostile("whitespace_only", "marac_referrals", _bytes(b"  \r\n\r\n \n"), "empty"),
    Hostile("header_only", "marac_referrals", _csv(MARAC_HEADER + "\n"), "no data rows"),
    Hostile("binary_garbage", "marac_referrals", _garbage, "UTF-8"),
    Hostile("png_renamed", "marac_referrals", _png, "UTF-8"),
    Hostile(
        "long_cell",
        "marac_referrals",
        _marac("R" + "9" * 5000 + ",Birmingham,2024-01-22,awaiting,,14,no"),
        "longer than",
    ),
    Hostile("too_many_values", "marac_referrals", _marac(GOOD + ",extra,values"), "more values than"),
    Hostile(
        "missing_required",
        "marac_referrals",
        _csv("referral_id,lpa,status\nR1,Dudley,awaiting\n"),
        "required column is missing",
    ),
    Hostile("blank_required", "marac_referrals", _marac("R1,,2024-01-22,awaiting,,14,no"), "blank"),
    Hostile(
        "heard_without_date",
        "marac_referrals",
        _marac("R1,Dudley,2024-01-22,heard,,14,no"),
        "required when status is heard",
    ),
    Hostile(
        "duplicate_header",
        "marac_referrals",
        _csv(MARAC_HEADER + ",lpa\n" + GOOD + ",Dudley\n"),
        "more than once",
    ),
    Hostile("unknown_lpa", "marac_referrals", _marac("R1,Atlantis,2024-01-22,awaiting,,14,no"), "not an LPA"),
    Hostile(
        "unknown_columns_and_bad_row",
        "marac_referrals",
        _csv(MARAC_HEADER + ",shoe_size\nR1,Dudley,2024-01-22,maybe,,14,no,9\n"),
        "not one of",
    ),
    Hostile(
        "reserved_all",
        "outcome_changes",
        _csv("crime_ref,change_date,old_outcome_code,new_outcome_code,team\nC1,2024-01-05,14,1,All\n"),
        "reserved",
    ),
)
