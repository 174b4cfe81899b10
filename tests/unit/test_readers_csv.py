"""The common rules of DATA.md, one test per rule, on CSV crimes extracts."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from workers.readers import MAX_ERRORS, RowError, read_extract

HEADER = "crime_ref,recorded_date,lpa,offence_group,crime_class,outcome_code,outcome_date\n"
GOOD = "C1,2024-01-05,Birmingham,Theft,victim_based,3a,2024-01-06\n"


def messages(result) -> list[tuple[int | None, str | None, str | None, str]]:
    return [(e.line, e.column, e.value, e.message) for e in result.errors]


def test_a_valid_file_gives_typed_canonical_columns(read) -> None:
    result = read(
        "crimes",
        HEADER
        + GOOD
        + "C2,01/02/2024,  birmingham ,Burglary,VICTIM_BASED,1A,2024-02-03 10:30\n"
        + "C3,2/2/2024,WOLVERHAMPTON,Drugs,other_society,,\n",
    )
    assert result.ok and result.error_count == 0 and result.rows == 3
    frame = result.frame
    assert frame.schema["recorded_date"] == pl.Date
    assert frame.schema["outcome_type"] == pl.Int64
    assert frame.get_column("recorded_date").to_list() == [
        date(2024, 1, 5),
        date(2024, 2, 1),
        date(2024, 2, 2),
    ]
    assert frame.get_column("lpa").to_list() == ["Birmingham", "Birmingham", "Wolverhampton"]
    assert frame.get_column("crime_class").to_list() == ["victim_based", "victim_based", "other_society"]
    assert frame.get_column("outcome_code").to_list() == ["3a", "1A", None]
    assert frame.get_column("outcome_type").to_list() == [3, 1, None]
    assert frame.get_column("outcome_date").to_list() == [date(2024, 1, 6), date(2024, 2, 3), None]


def test_header_is_matched_without_case_or_surrounding_space_in_any_order(read) -> None:
    text = (
        " Outcome_Date ,CRIME_REF,Recorded_Date,LPA,Offence_Group,Crime_Class,outcome_code\n"
        "2024-01-06,C1,2024-01-05,Dudley,Theft,victim_based,2\n"
    )
    result = read("crimes", text)
    assert result.ok
    assert result.frame.row(0, named=True)["crime_ref"] == "C1"
    assert result.frame.columns[:2] == ["crime_ref", "recorded_date"]


def test_unknown_columns_are_ignored_with_a_warning(read) -> None:
    result = read("crimes", HEADER.rstrip("\n") + ",officer\n" + GOOD.rstrip("\n") + ",PC 123\n")
    assert result.ok
    assert result.warnings == ["unknown column 'officer' ignored"]
    assert "officer" not in result.frame.columns


def test_a_byte_order_mark_is_fine(read) -> None:
    assert read("crimes", b"\xef\xbb\xbf" + (HEADER + GOOD).encode()).ok


def test_crlf_line_endings_and_quoted_commas(read) -> None:
    text = HEADER + 'C1,2024-01-05,Dudley,"Theft, from a person",victim_based,,\n'
    result = read("crimes", text.replace("\n", "\r\n").encode())
    assert result.ok
    assert result.frame.row(0, named=True)["offence_group"] == "Theft, from a person"


@pytest.mark.parametrize(
    "content",
    [(HEADER + "C1,2024-01-05,Dudley,Théft,victim_based,,\n").encode("latin-1"), "a,b\n".encode("utf-16")],
)
def test_anything_not_utf8_is_rejected_with_one_error(read, content: bytes) -> None:
    result = read("crimes", content)
    assert not result.ok and result.frame is None
    assert messages(result) == [(None, None, None, "save the file as CSV UTF-8")]


@pytest.mark.parametrize("content", [b"", b"  \n\n"])
def test_an_empty_file_is_rejected(read, content: bytes) -> None:
    result = read("crimes", content)
    assert messages(result) == [(None, None, None, "the file is empty")]


def test_a_header_without_data_rows_is_rejected(read) -> None:
    for content in (HEADER, HEADER + ",,,,,,\n\n"):
        result = read("crimes", content)
        assert messages(result) == [(None, None, None, "the file has no data rows")]
        assert result.rows == 0


def test_a_missing_required_column_is_rejected(read) -> None:
    result = read(
        "crimes", "crime_ref,recorded_date,offence_group,crime_class\nC1,2024-01-05,Theft,victim_based\n"
    )
    assert messages(result) == [(None, "lpa", None, "required column is missing")]


def test_a_column_named_twice_is_rejected(read) -> None:
    result = read("crimes", HEADER.rstrip("\n") + ",LPA\n" + GOOD.rstrip("\n") + ",Dudley\n")
    assert messages(result) == [(1, "lpa", "LPA", "this column appears more than once")]


def test_a_blank_required_value_is_an_error_on_its_line(read) -> None:
    result = read("crimes", HEADER + GOOD + "C2,2024-01-05,  ,Theft,victim_based,,\n")
    assert messages(result) == [(3, "lpa", None, "blank: a value is required")]
    assert result.frame is None and result.rows == 2


def test_an_outcome_code_needs_an_outcome_date(read) -> None:
    result = read("crimes", HEADER + "C1,2024-01-05,Dudley,Theft,victim_based,2,\n")
    assert messages(result) == [(2, "outcome_date", None, "blank: required when outcome_code has a value")]


def test_each_repeat_of_an_id_is_an_error(read) -> None:
    result = read(
        "crimes",
        HEADER + GOOD + GOOD.replace("3a", "2") + "C9,2024-01-05,Dudley,Theft,victim_based,,\n" + GOOD,
    )
    assert messages(result) == [
        (3, "crime_ref", "C1", "duplicate crime_ref (first on line 2)"),
        (5, "crime_ref", "C1", "duplicate crime_ref (first on line 2)"),
    ]


def test_unparseable_values_are_errors(read) -> None:
    result = read("crimes", HEADER + "C1,2024-13-01,Dudley,Theft,victim_based,99,31/02/2024\n")
    assert messages(result) == [
        (2, "recorded_date", "2024-13-01", "not a date (use 2024-02-01 or 01/02/2024)"),
        (
            2,
            "outcome_code",
            "99",
            "not an outcome code (1 to 22, optionally followed by one letter, such as 3a)",
        ),
        (2, "outcome_date", "31/02/2024", "not a date (use 2024-02-01 or 01/02/2024)"),
    ]


def test_values_outside_their_enumeration_are_errors(read) -> None:
    result = read("crimes", HEADER + "C1,2024-01-05,Brum,Theft,victim,,\n")
    assert [(e.column, e.value, e.message) for e in result.errors] == [
        (
            "lpa",
            "Brum",
            "not an LPA (Birmingham, Coventry, Dudley, Sandwell, Solihull, Walsall, Wolverhampton)",
        ),
        ("crime_class", "victim", "not one of: victim_based, other_society"),
    ]


def test_an_event_after_the_as_of_date_is_an_error(read) -> None:
    result = read("crimes", HEADER + "C1,2024-02-21,Dudley,Theft,victim_based,,\n", as_of=date(2024, 2, 20))
    assert messages(result) == [(2, "recorded_date", "2024-02-21", "after the as-of date (20/02/2024)")]
    assert read("crimes", HEADER + "C1,2024-02-20,Dudley,Theft,victim_based,,\n", as_of=date(2024, 2, 20)).ok


def test_an_outcome_before_the_crime_was_recorded_is_an_error(read) -> None:
    result = read("crimes", HEADER + "C1,2024-01-05,Dudley,Theft,victim_based,1,2024-01-04\n")
    assert messages(result) == [(2, "outcome_date", "2024-01-04", "before recorded_date (05/01/2024)")]
    assert read("crimes", HEADER + "C1,2024-01-05,Dudley,Theft,victim_based,1,2024-01-05\n").ok


def test_more_values_than_header_columns_is_an_error(read) -> None:
    result = read(
        "crimes", HEADER + GOOD.rstrip("\n") + ",extra\n" + GOOD.replace("C1", "C2").rstrip("\n") + ",\n"
    )
    assert messages(result) == [(2, None, "extra", "more values than there are columns in the header")]


def test_wholly_blank_rows_are_skipped_and_line_numbers_still_count_them(read) -> None:
    result = read(
        "crimes", HEADER + GOOD + ",,,,,,\n\n" + "C2,2024-01-05,Dudley,Theft,victim_based,0,2024-01-05\n"
    )
    assert result.rows == 2
    assert messages(result) == [(5, "outcome_code", "0", result.errors[0].message)]


def test_errors_are_sorted_by_line_and_capped_with_a_total(read) -> None:
    rows = "".join(f"C{i},2024-01-05,Nowhere,Theft,victim_based,,\n" for i in range(1500))
    result = read("crimes", HEADER + rows + "C1,,Dudley,Theft,victim_based,,\n")
    assert result.error_count == 1502  # 1500 LPAs, one blank date, one duplicate
    assert len(result.errors) == MAX_ERRORS
    lines = [e.line for e in result.errors]
    assert lines == sorted(lines) and lines[0] == 2 and lines[-1] == MAX_ERRORS + 1


def test_offending_values_are_truncated_to_200_characters(read) -> None:
    result = read("crimes", HEADER + f"C1,{'9' * 300},Dudley,Theft,victim_based,,\n")
    assert result.errors[0].value == "9" * 200


def test_free_text_dimensions_take_their_first_spelling(read) -> None:
    text = "crime_ref,lpa,department,recorded_date,status,plan_completed,supervisor_reviews\n"
    rows = [
        "I1,Dudley, Public Protection ,2024-01-01,open,yes,0",
        "I2,Dudley,PUBLIC PROTECTION,2024-01-01,open,no,0",
    ]
    result = read("investigations", text + "\n".join(rows) + "\n")
    assert result.frame.get_column("department").to_list() == ["Public Protection", "Public Protection"]


def test_all_is_reserved_for_totals_in_free_text_dimensions(read) -> None:
    text = "crime_ref,change_date,old_outcome_code,new_outcome_code,team\nC1,2024-02-01,14,1,All\n"
    assert messages(read("outcome_changes", text)) == [(2, "team", "All", '"ALL" is reserved for totals')]


def test_an_unknown_kind_is_a_programming_error(write_file) -> None:
    with pytest.raises(ValueError, match="unknown extract kind"):
        read_extract(write_file(HEADER + GOOD), "parking_tickets", as_of=date(2024, 2, 20))


def test_progress_is_reported_by_stage(read) -> None:
    stages: list[tuple[str, int]] = []
    read("crimes", HEADER + GOOD, progress=lambda stage, rows: stages.append((stage, rows)))
    assert stages == [("reading", 0), ("validating", 1), ("done", 1)]


def test_row_errors_are_plain_values() -> None:
    error = RowError(2, "lpa", "Brum", "not an LPA")
    assert error == RowError(line=2, column="lpa", value="Brum", message="not an LPA")
