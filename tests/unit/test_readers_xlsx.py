"""XLSX extracts: the first sheet, typed cells read as text, sheet row numbers in errors."""

from __future__ import annotations

import io
from datetime import date, datetime

import openpyxl
import polars as pl

HEADER = ["crime_ref", "recorded_date", "lpa", "offence_group", "crime_class", "outcome_code", "outcome_date"]


def workbook(*rows: list[object], first_row: int = 1, first_column: int = 1) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is not None:
                sheet.cell(row=first_row + r, column=first_column + c, value=value)
    book.create_sheet("Notes").append(["not an extract"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_typed_cells_are_read_from_the_first_sheet(read) -> None:
    content = workbook(
        HEADER,
        ["C1", date(2024, 1, 5), "Dudley", "Theft", "victim_based", 3, datetime(2024, 1, 6, 14, 30)],
        ["C2", "06/01/2024", "walsall", "Theft", "other_society", "2a", date(2024, 1, 7)],
    )
    result = read("crimes", content)
    assert result.ok, result.errors
    assert result.frame.get_column("recorded_date").to_list() == [date(2024, 1, 5), date(2024, 1, 6)]
    assert result.frame.get_column("outcome_date").to_list() == [date(2024, 1, 6), date(2024, 1, 7)]
    assert result.frame.get_column("outcome_type").to_list() == [3, 2]
    assert result.frame.get_column("lpa").to_list() == ["Dudley", "Walsall"]


def test_numbers_and_booleans_from_cells(read) -> None:
    header = [
        "crime_ref",
        "lpa",
        "department",
        "recorded_date",
        "status",
        "plan_completed",
        "supervisor_reviews",
    ]
    content = workbook(
        header,
        [101, "Dudley", "CID", date(2024, 1, 1), "open", True, 2.0],
        [102, "Dudley", "CID", date(2024, 1, 1), "open", False, 0],
    )
    frame = read("investigations", content).frame
    assert frame.get_column("crime_ref").to_list() == ["101", "102"]
    assert frame.get_column("plan_completed").to_list() == [True, False]
    assert frame.get_column("supervisor_reviews").to_list() == [2, 0]


def test_errors_carry_sheet_row_numbers(read) -> None:
    good = ["C1", date(2024, 1, 5), "Dudley", "Theft", "victim_based", None, None]
    content = workbook(
        HEADER, good, [None] * 7, good, ["C3", "soon", "Dudley", "Theft", "victim_based", None, None]
    )
    result = read("crimes", content)
    assert [(e.line, e.column, e.message) for e in result.errors] == [
        (4, "crime_ref", "duplicate crime_ref (first on line 2)"),
        (5, "recorded_date", "not a date (use 2024-02-01 or 01/02/2024)"),
    ]


def test_row_numbers_count_from_where_the_sheet_starts(read) -> None:
    rows = [HEADER, ["C1", "2024-01-05", "Dudley", "Theft", "victim_based", "1", None]]
    result = read("crimes", workbook(*rows, first_row=3, first_column=2))
    assert [(e.line, e.column) for e in result.errors] == [(4, "outcome_date")]


def test_a_workbook_written_by_polars_reads_back(read, tmp_path) -> None:
    frame = pl.DataFrame(
        {
            "dfu_ref": ["D1", "D2"],
            "received_date": [date(2024, 1, 1), date(2024, 1, 2)],
            "status": ["unallocated", "?"],
        }
    )
    path = tmp_path / "dfu.xlsx"
    frame.write_excel(path)
    result = read("dfu_cases", path.read_bytes())
    assert [(e.line, e.column) for e in result.errors] == [(3, "status")]


def test_an_unreadable_workbook_is_rejected(read) -> None:
    result = read("crimes", b"PK\x03\x04 this is not really a zip archive")
    assert result.error_count == 1 and result.errors[0].line is None
    assert result.errors[0].message.startswith("the workbook could not be read")


def test_an_empty_workbook_is_rejected(read) -> None:
    book = openpyxl.Workbook()
    buffer = io.BytesIO()
    book.save(buffer)
    assert [e.message for e in read("crimes", buffer.getvalue()).errors] == ["the file is empty"]
