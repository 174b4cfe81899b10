"""The digital forensics queue: unallocated cases, the oldest, cases received by month."""

from __future__ import annotations

from datetime import date

AS_OF = date(2024, 2, 20)
CASES = """\
dfu_ref,received_date,status,allocated_date
D1,2024-01-05,unallocated,
D2,2024-01-20,allocated,2024-01-25
D3,2023-12-20,unallocated,
D4,2024-01-31,complete,2024-02-01
"""


def test_unallocated_cases_and_the_oldest(values) -> None:
    result = values("dfu_cases", CASES, as_of=AS_OF)
    assert result.dims("dfu_unallocated") == ["{}"]
    assert result.get("dfu_unallocated") == 2
    assert result.get("dfu_oldest_unallocated_days") == 62  # D3


def test_cases_received_by_month_whatever_their_status(values) -> None:
    result = values("dfu_cases", CASES, as_of=AS_OF)
    assert result.get("dfu_cases_received", month="2024-01") == 3
    assert result.get("dfu_cases_received", month="2023-12") == 1
    assert result.get("dfu_cases_received", month="ALL") == 4
    assert len(result.dims("dfu_cases_received")) == 3


def test_no_unallocated_cases_counts_zero_and_has_no_oldest(values) -> None:
    result = values("dfu_cases", CASES.replace("unallocated", "in_progress"), as_of=AS_OF)
    assert result.get("dfu_unallocated") == 0
    assert result.get("dfu_oldest_unallocated_days") is None
