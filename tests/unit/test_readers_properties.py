"""Property-based tests of the readers: valid rows parse like a reference; garbage is only ever rejected."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from tempfile import TemporaryDirectory

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal.metrics.catalogue import LPAS
from workers.readers import read_extract

AS_OF = date(2024, 2, 1)
HEADER = "referral_id,lpa,referral_date,status,marac_date,dash_score,repeat"
STATUSES = ("awaiting", "heard", "rejected", "withdrawn")

row = st.tuples(
    st.sampled_from(LPAS),
    st.integers(min_value=0, max_value=400),  # days before the as-of date
    st.sampled_from(STATUSES),
    st.one_of(st.none(), st.integers(min_value=0, max_value=27)),
    st.sampled_from(["", "yes", "no", "Y", "n", "1", "0", "TRUE"]),
    st.booleans(),  # UK or ISO date
    st.sampled_from(["", " ", "  "]),  # padding, trimmed by the reader
)


def _read(data: bytes, kind: str = "marac_referrals"):  # noqa: ANN202
    with TemporaryDirectory() as folder:
        path = Path(folder) / "x.csv"
        path.write_bytes(data)
        return read_extract(path, kind, as_of=AS_OF)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(row, min_size=1, max_size=40))
def test_valid_rows_parse_to_the_reference_counts(rows: list[tuple]) -> None:
    lines = [HEADER]
    for i, (lpa, days, status, score, repeat, uk, pad) in enumerate(rows):
        day = AS_OF - timedelta(days=days)
        written = day.strftime("%d/%m/%Y") if uk else day.isoformat()
        heard = written if status == "heard" else ""
        cells = [f"R{i}", lpa.upper() if i % 3 == 0 else lpa, written, status, heard, score, repeat]
        lines.append(",".join(pad + ("" if c is None else str(c)) + pad for c in cells))
    result = _read(("\n".join(lines) + "\n").encode())
    assert result.ok, result.errors[:3]
    assert result.rows == len(rows)
    frame = result.frame
    for lpa in LPAS:
        expected = sum(1 for r in rows if r[0] == lpa and r[2] == "awaiting")
        got = frame.filter((frame["lpa"] == lpa) & (frame["status"] == "awaiting")).height
        assert got == expected
    assert sorted(frame["referral_date"].to_list()) == sorted(AS_OF - timedelta(days=r[1]) for r in rows)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=2048))
def test_garbage_bytes_are_rejected_never_raised(data: bytes) -> None:
    result = _read(data)
    assert not result.ok or result.rows > 0


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=600))
def test_garbage_text_after_a_header_is_rejected_never_raised(body: str) -> None:
    result = _read((HEADER + "\n" + body).encode("utf-8", "surrogatepass"))
    if result.ok:
        assert result.frame is not None and result.error_count == 0
    else:
        assert result.errors and all(e.message for e in result.errors)


@settings(max_examples=40, deadline=None)
@given(st.binary(min_size=4, max_size=4096))
def test_garbage_after_a_zip_signature_is_rejected_never_raised(data: bytes) -> None:
    result = _read(b"PK\x03\x04" + data)
    assert not result.ok and result.errors
