"""Value parsers, by example and by property: valid values parse back, garbage only ever fails."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from portal.metrics.catalogue import LPAS
from workers.readers import parse, read_extract
from workers.readers.columns import RAW, TEXT, add_typed
from workers.readers.kinds import Column, KindSpec

ParseFn = Callable[[pl.Expr], pl.Expr]


def apply(parser: ParseFn, values: list[str | None]) -> list[object]:
    frame = pl.DataFrame({"text": values}, schema={"text": pl.String})
    return frame.select(parser(parse.blank_to_null(pl.col("text")))).to_series().to_list()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-02-01", date(2024, 2, 1)),
        ("01/02/2024", date(2024, 2, 1)),
        ("1/2/2024", date(2024, 2, 1)),
        ("2024-02-01T09:15:00", date(2024, 2, 1)),
        ("2024-02-01 09:15", date(2024, 2, 1)),
        ("2024-02-01 00:00:00.000", date(2024, 2, 1)),
        ("29/02/2024 23:59", date(2024, 2, 29)),
        ("  2024-02-01 ", date(2024, 2, 1)),
        ("29/02/2023", None),
        ("2024-02-01 25:00", None),
        ("01/02/24", None),
        ("2024/02/01", None),
        ("1 February 2024", None),
        ("45323", None),
        ("", None),
    ],
)
def test_dates(text: str, expected: date | None) -> None:
    assert apply(parse.parse_date, [text]) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("true", True), ("Yes", True), ("Y", True), ("1", True), ("FALSE", False), ("no", False), ("n", False),
     ("0", False), ("t", None), ("2", None), ("yes please", None)],
)  # fmt: skip
def test_booleans(text: str, expected: bool | None) -> None:
    assert apply(parse.parse_bool, [text]) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("7", 7), ("+7", 7), ("-7", -7), ("007", 7), ("7.0", 7), ("7.", 7), ("7.5", None), ("1e3", None),
     ("seven", None), ("9" * 19, None)],
)  # fmt: skip
def test_whole_numbers(text: str, expected: int | None) -> None:
    assert apply(parse.parse_int, [text]) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("92", 92.0), ("92.5", 92.5), ("-1", -1.0), ("1e3", 1000.0), ("nan", None), ("-inf", None),
     ("92%", None), ("3,700", None)],
)  # fmt: skip
def test_numbers(text: str, expected: float | None) -> None:
    assert apply(parse.parse_number, [text]) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1", 1), ("22", 22), ("3a", 3), ("1A", 1), ("08", 8), ("0", None), ("23", None), ("3ab", None),
     ("a3", None), ("3 a", None), ("-1", None)],
)  # fmt: skip
def test_outcome_codes_reduce_to_their_base_type(text: str, expected: int | None) -> None:
    assert apply(parse.parse_outcome_type, [text]) == [expected]


def test_choices_and_lpas_are_case_insensitive_and_canonical() -> None:
    assert apply(lambda e: parse.parse_choice(e, ("open", "closed")), ["OPEN", "Closed", "shut"]) == [
        "open",
        "closed",
        None,
    ]
    assert apply(parse.parse_lpa, ["birmingham", "SOLIHULL", "Brum"]) == ["Birmingham", "Solihull", None]


def test_canonical_spelling_is_the_first_seen() -> None:
    assert apply(parse.canonical_spelling, ["cid", "CID", "Cid", "PPU"]) == ["cid", "cid", "cid", "PPU"]


@given(day=st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)), style=st.integers(0, 4))
def test_any_date_written_either_way_parses_back(day: date, style: int) -> None:
    text = [
        day.isoformat(),
        day.strftime("%d/%m/%Y"),
        f"{day.day}/{day.month}/{day.year}",
        f"{day.isoformat()}T12:34:56",
        f"{day:%d/%m/%Y} 08:00",
    ][style]
    assert apply(parse.parse_date, [text]) == [day]


@given(number=st.integers(-(10**17), 10**17), decimal=st.booleans())
def test_any_whole_number_parses_back(number: int, decimal: bool) -> None:
    assert apply(parse.parse_int, [f"{number}.0" if decimal else str(number)]) == [number]


@given(base=st.integers(1, 22), suffix=st.sampled_from(["", "a", "B", "z"]))
def test_any_outcome_code_parses_to_its_base(base: int, suffix: str) -> None:
    assert apply(parse.parse_outcome_type, [f"{base}{suffix}"]) == [base]


@given(name=st.sampled_from(LPAS), upper=st.lists(st.booleans(), min_size=13, max_size=13))
def test_any_casing_of_an_lpa_parses_to_its_name(name: str, upper: list[bool]) -> None:
    text = "".join(c.upper() if u else c.lower() for c, u in zip(name, upper, strict=False))
    assert apply(parse.parse_lpa, [text]) == [name]


PARSERS: list[ParseFn] = [
    parse.parse_date,
    parse.parse_bool,
    parse.parse_int,
    parse.parse_number,
    parse.parse_lpa,
    parse.parse_outcome_type,
    parse.canonical_spelling,
    lambda e: parse.parse_choice(e, ("open", "closed")),
]


@given(texts=st.lists(st.one_of(st.none(), st.text(max_size=30)), max_size=20))
def test_garbage_never_raises(texts: list[str | None]) -> None:
    for parser in PARSERS:
        parsed = apply(parser, texts)
        assert len(parsed) == len(texts)
        assert all(value is None for value, text in zip(parsed, texts, strict=True) if _blank(text))


def _blank(text: str | None) -> bool:
    """Blank as a reader sees it: only whitespace. Python also counts the ASCII information separators
    (\\x1c-\\x1f) as whitespace; Unicode, polars and a person reading the file do not."""
    return all(ch.isspace() and ch not in "\x1c\x1d\x1e\x1f" for ch in text or "")


@settings(max_examples=40, deadline=None)
@given(
    cells=st.lists(
        st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=12), min_size=7, max_size=9
    )
)
def test_a_garbage_row_is_reported_never_raised(tmp_path_factory, cells: list[str]) -> None:
    header = "crime_ref,recorded_date,lpa,offence_group,crime_class,outcome_code,outcome_date"
    path = tmp_path_factory.mktemp("garbage") / "crimes.csv"
    row = ",".join('"' + cell.replace('"', '""') + '"' for cell in cells)
    path.write_text(f"{header}\n{row}\n", encoding="utf-8")
    result = read_extract(path, "crimes", as_of=date(2024, 2, 20))
    assert result.ok or (result.frame is None and result.error_count >= 1 and result.errors)


@settings(deadline=None)
@given(
    texts=st.lists(
        st.one_of(
            st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 1, 1)).map(
                lambda d: d.strftime("%d/%m/%Y")
            ),
            st.text(max_size=12),
        ),
        min_size=1,
        max_size=12,
        unique=True,
    )
)
def test_typing_by_distinct_value_matches_typing_every_cell(texts: list[str]) -> None:
    spec = KindSpec("probe", (Column("when", "date"), Column("team", "freetext")), key=())

    def typed(values: list[str]) -> pl.DataFrame:
        frame = pl.DataFrame(
            {"when" + RAW: values, "team" + RAW: [v.upper() if i % 2 else v for i, v in enumerate(values)]}
        )
        return add_typed(frame, spec, ()).select("when", "when" + TEXT, "team")

    once = typed(texts)  # every value distinct: parsed cell by cell
    repeated = typed(texts * 8)  # values repeat: parsed through the table of distinct values
    assert repeated.head(len(texts)).equals(once)
