"""The demo extracts are valid files whose metrics reproduce every figure of paper-figures.json."""

from __future__ import annotations

import hashlib
import json
import re
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path

import holidays
import polars as pl
import pytest

from portal.demo.extracts import DemoExtract, write_demo_extracts

ROOT = Path(__file__).resolve().parents[2]
# The contract's figures, kept in the repository so the test runs on every clean clone.
FIGURES_PATH = ROOT / "docs" / "paper-figures.json"
LPAS = {"Birmingham", "Coventry", "Dudley", "Sandwell", "Solihull", "Walsall", "Wolverhampton"}
POSITIVE, NFA = {1, 2, 3, 4, 6, 7, 8}, {14, 15, 16, 18}
KIND_OF_KEY = {
    "recorded_crime": "crimes",
    "positive_outcome": "crimes",
    "qatt_": "qatt_reviews",
    "supervisor_review_pct": "investigations",
    "investigation_plan_pct": "investigations",
    "outcomes_nfa_to_positive": "outcome_changes",
    "marac_": "marac_referrals",
    "som_": "rso_caseload",
    "rso_": "rso_caseload",
    "ocset_": "ocset_packages",
    "dfu_": "dfu_cases",
}


def _figure_id(figure: dict) -> str:
    return f"{figure['key']}{json.dumps(figure.get('dims', {}), sort_keys=True)}@{figure['as_of']}"


FIGURES = json.loads(FIGURES_PATH.read_text(encoding="utf-8"))["figures"]


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> list[DemoExtract]:
    return write_demo_extracts(tmp_path_factory.mktemp("demo"))


@pytest.fixture(scope="module")
def extracts(written: list[DemoExtract]) -> dict[tuple[str, date], DemoExtract]:
    return {(e.kind, e.as_of): e for e in written}


def _kind(figure: dict) -> str:
    if figure.get("manual"):
        return "manual"
    return next(kind for prefix, kind in KIND_OF_KEY.items() if figure["key"].startswith(prefix))


def _expected(figure: dict) -> list[tuple[dict, str, float]]:
    """(dims, comparison, expected value) for each value the figure states."""
    dims = figure.get("dims", {})
    if "by_lpa" in figure:
        return [({**dims, "lpa": lpa}, "round", v) for lpa, v in figure["by_lpa"].items()]
    for comparison in ("at_least", "more_than", "value"):
        if comparison in figure:
            return [(dims, "round" if comparison == "value" else comparison, figure[comparison])]
    raise AssertionError(f"figure states no value: {figure}")


def _rounded(value: float, places: int) -> Decimal:
    return Decimal(repr(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


# --- the real reader and engine, once they exist --------------------------------------------


def _reader():
    try:
        from workers.readers.read import read_extract
    except ImportError:
        return None
    return read_extract


def _engine():
    try:
        from portal.metrics.engine import compute
    except ImportError:
        return None
    return compute


@cache
def _read_checked(extract: DemoExtract):
    result = _reader()(extract.path, extract.kind, as_of=extract.as_of)
    assert result.ok, f"{extract.path.name}: {[(e.line, e.column, e.message) for e in result.errors[:5]]}"
    return result


@cache
def _engine_values(extract: DemoExtract) -> pl.DataFrame:
    return _engine()(extract.kind, _read_checked(extract).frame, as_of=extract.as_of)


def _engine_value(extract: DemoExtract, key: str, dims: dict) -> float | None:
    rows = [
        r
        for r in _engine_values(extract).iter_rows(named=True)
        if r["key"] == key and _same_dims(json.loads(r["dims"] or "{}"), dims)
    ]
    assert len(rows) <= 1, f"{key} {dims} computed {len(rows)} times"
    return rows[0]["value"] if rows else None


def _same_dims(computed: dict, stated: dict) -> bool:
    """A figure that leaves a dimension out means its total ("ALL")."""
    return {k: v for k, v in computed.items() if k in stated or v != "ALL"} == stated


# --- a dev-only reading of DATA.md, used until the engine exists and as a cross-check -------


@cache
def _read(extract: DemoExtract) -> pl.DataFrame:
    frame = pl.read_csv(extract.path, infer_schema_length=0)
    casts = {}
    for column in frame.columns:
        if column.endswith(("_date", "_due")) or column == "initial_arms_completed":
            casts[column] = pl.col(column).str.to_date("%Y-%m-%d")
        elif column in {
            "supervisor_reviews",
            "dash_score",
            "victim_focus",
            "suspect_management",
            "investigation_standards",
            "supervisor_review",
            "overall",
        }:
            casts[column] = pl.col(column).cast(pl.Int64)
        elif column in {"plan_completed", "in_custody", "repeat"}:
            casts[column] = pl.col(column).str.to_lowercase() == "true"
        elif column == "value":
            casts[column] = pl.col(column).cast(pl.Float64)
    return frame.with_columns(**casts)


def _base(column: str) -> pl.Expr:
    return pl.col(column).str.extract(r"^(\d+)").cast(pl.Int64)


def _year_earlier(day: date) -> date:
    return day.replace(year=day.year - 1, day=28 if (day.month, day.day) == (2, 29) else day.day)


def _working_days_after(start: date, end: date) -> int:
    bank = holidays.country_holidays("GB", subdiv="ENG", years=range(start.year, end.year + 1))
    days = (start + timedelta(days=n) for n in range(1, (end - start).days + 1))
    return sum(d.weekday() < 5 and d not in bank for d in days)


def _crimes(frame: pl.DataFrame, as_of: date, key: str) -> float | None:
    fy_start = date(as_of.year if as_of.month >= 4 else as_of.year - 1, 4, 1)
    ytd = frame.filter(pl.col("recorded_date").is_between(fy_start, as_of)).height
    if key == "recorded_crime_ytd":
        return ytd
    if key == "recorded_crime_ytd_change_pct":
        before = frame.filter(
            pl.col("recorded_date").is_between(_year_earlier(fy_start), _year_earlier(as_of))
        ).height
        if frame["recorded_date"].min() > _year_earlier(fy_start) or not before:
            return None
        return 100 * (ytd - before) / before
    positive = frame.filter(
        pl.col("outcome_date").is_between(fy_start, as_of) & _base("outcome_code").is_in(POSITIVE)
    ).height
    return positive if key == "positive_outcomes_ytd" else 100 * positive / ytd


def _local_value(kind: str, frame: pl.DataFrame, as_of: date, key: str, dims: dict):
    for dim in ("lpa", "crime_class", "team", "risk"):
        if dims.get(dim, "ALL") != "ALL":
            wanted = dims[dim].strip().lower()
            frame = frame.filter(pl.col(dim).str.strip_chars().str.to_lowercase() == wanted)
    if kind == "crimes":
        return _crimes(frame, as_of, key)
    if kind == "qatt_reviews":
        if dims.get("month", "ALL") != "ALL":
            frame = frame.filter(pl.col("review_date").dt.strftime("%Y-%m") == dims["month"])
        return frame.height if key == "qatt_reviews" else frame[key.removeprefix("qatt_avg_")].mean()
    if kind == "investigations":
        open_ = frame.filter(pl.col("status").str.to_lowercase() == "open")
        older = open_.filter((pl.lit(as_of) - pl.col("recorded_date")).dt.total_days() > 28)
        if key == "supervisor_review_pct":
            return 100 * older.filter(pl.col("supervisor_reviews") >= 1).height / older.height
        return 100 * open_["plan_completed"].sum() / open_.height
    if kind == "outcome_changes":
        changed = frame.filter(
            _base("old_outcome_code").is_in(NFA) & _base("new_outcome_code").is_in(POSITIVE)
        )
        return changed.filter(pl.col("change_date").is_between(as_of - timedelta(days=48), as_of)).height
    if kind == "marac_referrals":
        waiting = frame.filter(pl.col("status") == "awaiting")
        if key == "marac_cases_awaiting":
            return waiting.height
        return max(_working_days_after(d, as_of) for d in waiting["referral_date"])
    if kind == "rso_caseload":
        community = frame.filter(~pl.col("in_custody"))
        overdue = {
            "som_outstanding_initial_arms": (pl.col("initial_arms_due") < as_of)
            & pl.col("initial_arms_completed").is_null(),
            "som_outstanding_12m_arms": pl.col("last_arms_date").dt.offset_by("12mo") < as_of,
            "som_outstanding_rmp_reviews": pl.col("rmp_review_due") < as_of,
            "som_outstanding_visits": (pl.col("management") == "active") & (pl.col("next_visit_due") < as_of),
        }[key]
        return community.filter(overdue).height
    if kind == "ocset_packages":
        stages = ["intelligence_development", "awaiting_enforcement"]
        if dims["stage"] != "ALL":
            stages = [dims["stage"]]
        counted = frame.filter(pl.col("stage").is_in(stages))
        if key == "ocset_packages":
            return counted.height
        ages = (pl.lit(as_of) - pl.col("received_date")).dt.total_days()
        return counted.select(ages.max()).item()
    if kind == "dfu_cases":
        if key == "dfu_unallocated":
            return frame.filter(pl.col("status") == "unallocated").height
        return frame.filter(pl.col("received_date").dt.strftime("%Y-%m") == dims["month"]).height
    if kind == "manual":
        return frame.filter(pl.col("metric_key") == key)["value"].item()
    raise AssertionError(f"no local reading for {kind}")


# --- the figures ----------------------------------------------------------------------------


@pytest.mark.parametrize("figure", FIGURES, ids=_figure_id)
def test_demo_reproduces_paper_figure(extracts, figure: dict) -> None:
    kind, as_of = _kind(figure), date.fromisoformat(figure["as_of"])
    extract = extracts.get((kind, as_of))
    assert extract is not None, f"no {kind} extract as at {as_of}"
    frame = _read(extract)
    for dims, comparison, expected in _expected(figure):
        local = _local_value(kind, frame, as_of, figure["key"], dims)
        sources = {"local reading of DATA.md": local}
        if _reader() is not None and _engine() is not None:
            sources["reader and engine"] = _engine_value(extract, figure["key"], dims)
        for source, value in sources.items():
            where = f"{figure['key']} {dims} at {as_of} ({source}) = {value}"
            assert value is not None, where
            if comparison == "round":
                assert _rounded(value, figure.get("round", 0)) == _rounded(expected, 6), where
            elif comparison == "at_least":
                assert value >= expected, where
            else:
                assert value > expected, where


def test_every_snapshot_the_paper_needs_is_written(extracts) -> None:
    needed = {(_kind(f), date.fromisoformat(f["as_of"])) for f in FIGURES}
    assert needed <= set(extracts)
    assert ("manual", date(2024, 2, 20)) in extracts


def test_extracts_come_oldest_first_as_csv_files(written: list[DemoExtract]) -> None:
    assert [e.as_of for e in written] == sorted(e.as_of for e in written)
    assert len({e.path for e in written}) == len(written)
    for extract in written:
        assert extract.path.parent == written[0].path.parent and extract.path.suffix == ".csv"
        assert extract.description and str(extract.as_of.year) in extract.description


@pytest.mark.slow
def test_a_seed_gives_the_same_files(extracts, tmp_path: Path) -> None:
    again = {(e.kind, e.as_of): e for e in write_demo_extracts(tmp_path)}
    assert again.keys() == extracts.keys()
    for key, extract in again.items():
        digest = hashlib.sha256(extract.path.read_bytes()).hexdigest()
        assert digest == hashlib.sha256(extracts[key].path.read_bytes()).hexdigest(), key


# --- validity: every file passes the rules of DATA.md ---------------------------------------

SPECS: dict[str, dict] = {
    "crimes": {
        "id": "crime_ref",
        "required": ["recorded_date", "lpa", "offence_group", "crime_class"],
        "enums": {"crime_class": {"victim_based", "other_society"}},
    },
    "outcome_changes": {
        "required": ["crime_ref", "change_date", "old_outcome_code", "new_outcome_code", "team"]
    },
    "investigations": {
        "id": "crime_ref",
        "required": ["lpa", "department", "recorded_date", "status", "plan_completed", "supervisor_reviews"],
        "enums": {"status": {"open", "closed"}},
    },
    "qatt_reviews": {
        "id": "review_id",
        "required": ["review_date", "lpa", "department", "overall"],
        "ranges": dict.fromkeys(
            ["victim_focus", "suspect_management", "investigation_standards", "supervisor_review", "overall"],
            (1, 5),
        ),
    },
    "marac_referrals": {
        "id": "referral_id",
        "required": ["lpa", "referral_date", "status"],
        "enums": {"status": {"awaiting", "heard", "rejected", "withdrawn"}},
        "ranges": {"dash_score": (0, 27)},
    },
    "rso_caseload": {
        "id": "visor_ref",
        "required": ["lpa", "offender_manager", "risk_level", "management", "in_custody"],
        "enums": {"risk_level": {"low", "medium", "high", "very_high"}, "management": {"active", "reactive"}},
    },
    "ocset_packages": {
        "id": "package_id",
        "required": ["received_date", "stage", "risk"],
        "enums": {
            "stage": {"intelligence_development", "awaiting_enforcement", "enforced", "closed"},
            "risk": {"very_high", "high", "medium", "standard"},
        },
    },
    "dfu_cases": {
        "id": "dfu_ref",
        "required": ["received_date", "status"],
        "enums": {"status": {"unallocated", "allocated", "in_progress", "complete", "cancelled"}},
    },
    "manual": {"required": ["metric_key", "value"]},
}
ORDERED = {  # (later column, earlier column): the later may not precede the earlier
    "crimes": ("outcome_date", "recorded_date"),
    "marac_referrals": ("marac_date", "referral_date"),
    "dfu_cases": ("allocated_date", "received_date"),
}
OUTCOME_CODE = re.compile(r"^(\d{1,2})[A-Za-z]?$")


def _problems(extract: DemoExtract) -> list[str]:
    spec, raw, frame = SPECS[extract.kind], pl.read_csv(extract.path, infer_schema_length=0), None
    problems = [f"{c} blank" for c in [spec.get("id"), *spec["required"]] if c and raw[c].is_null().any()]
    if spec.get("id") and raw[spec["id"]].n_unique() != raw.height:
        problems.append("duplicate ids")
    frame = _read(extract)
    for column in frame.columns:
        happened = frame[column].dtype == pl.Date and not column.endswith("_due")
        if happened and (frame[column] > extract.as_of).any():
            problems.append(f"{column} after the as-of date")
    for column, allowed in spec.get("enums", {}).items():
        problems += [f"{column}={v!r}" for v in set(raw[column].drop_nulls()) - allowed]
    for column, (low, high) in spec.get("ranges", {}).items():
        if not frame[column].drop_nulls().is_between(low, high).all():
            problems.append(f"{column} outside {low}-{high}")
    if "lpa" in raw.columns:
        problems += [f"lpa={v!r}" for v in set(raw["lpa"].drop_nulls()) - LPAS]
    if extract.kind in ORDERED:
        later, earlier = ORDERED[extract.kind]
        if (frame[later] < frame[earlier]).any():
            problems.append(f"{later} before {earlier}")
    for column in ("outcome_code", "old_outcome_code", "new_outcome_code"):
        if column in raw.columns:
            bad = [
                c
                for c in raw[column].drop_nulls().unique()
                if not (m := OUTCOME_CODE.match(c)) or not 1 <= int(m[1]) <= 22
            ]
            problems += [f"{column}={c!r}" for c in bad]
    if extract.kind == "crimes" and (raw["outcome_code"].is_null() != raw["outcome_date"].is_null()).any():
        problems.append("outcome_code and outcome_date not given together")
    if extract.kind == "marac_referrals":
        heard = frame.filter(pl.col("status") == "heard")
        if heard["marac_date"].is_null().any():
            problems.append("heard without marac_date")
    if extract.kind == "investigations" and (frame["supervisor_reviews"] < 0).any():
        problems.append("negative supervisor_reviews")
    return problems


def test_every_extract_passes_the_data_contract(extracts) -> None:
    problems = {e.path.name: p for e in extracts.values() if (p := _problems(e))}
    assert not problems
    if _reader() is not None:
        for extract in extracts.values():
            assert _read_checked(extract).error_count == 0


def test_crimes_look_like_a_force_of_seven_lpas(extracts) -> None:
    frame = _read(extracts[("crimes", date(2024, 2, 25))])
    assert 550_000 <= frame.height <= 700_000
    by_lpa = dict(frame.group_by("lpa").len().iter_rows())
    assert set(by_lpa) == LPAS
    assert max(by_lpa, key=by_lpa.get) == "Birmingham"
    assert min(by_lpa, key=by_lpa.get) == "Solihull"
    assert frame["recorded_date"].min() == date(2022, 4, 1)
    assert frame["offence_group"].n_unique() == 12
    codes = set(frame["outcome_code"].drop_nulls())
    assert {"1A", "3a"} <= codes and frame["outcome_code"].null_count() > 0
    year = frame.filter(pl.col("recorded_date") <= date(2023, 3, 31))
    months = year.group_by(pl.col("recorded_date").dt.month()).len()["len"]
    assert months.max() < 1.3 * months.min()
