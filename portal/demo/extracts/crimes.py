"""Recorded crimes, 1 April 2022 to 25 February 2024, with the paper's YTD crime and outcome figures."""

from __future__ import annotations

import math
from datetime import date

import polars as pl

from ._common import (
    LPA_WEIGHTS,
    Snapshot,
    days_from,
    pick,
    pick_by,
    quota,
    shuffled_rank,
    uk_date,
    uniform,
)

AS_OF = date(2024, 2, 25)
FIRST_DAY = date(2022, 4, 1)
YTD_START = date(2023, 4, 1)
PREVIOUS_END = date(2023, 2, 25)  # the previous-year window is 1 April 2022 to this day

# Crimes recorded per window and class. The YTD figures are the paper's (paragraph 29); the
# previous-year ones give its -9.54% (all crime) and -7.35% (victim-based) changes.
RECORDED = {
    ("victim_based", "ytd"): 245_396,
    ("other_society", "ytd"): 282_151 - 245_396,
    ("victim_based", "previous"): 264_864,
    ("other_society", "previous"): 311_908 - 264_864,
    ("victim_based", "gap"): 26_480,
    ("other_society", "gap"): 4_310,
}
# Positive outcomes claimed in the YTD window, whenever the crime was recorded.
POSITIVE_YTD = {"victim_based": 15_727, "other_society": 22_989 - 15_727}
POSITIVE = ("1", "2", "3", "4", "6", "7", "8")

# group: class, share of its class, chance of a positive outcome (recorded before and after
# the April 2023 operating model), share of "no suspect identified" (18) among the rest.
GROUPS: dict[str, tuple[str, float, float, float, float]] = {
    "Violence against the person": ("victim_based", 0.36, 0.040, 0.085, 0.20),
    "Stalking and harassment": ("victim_based", 0.20, 0.030, 0.068, 0.10),
    "Sexual offences": ("victim_based", 0.045, 0.025, 0.056, 0.08),
    "Burglary": ("victim_based", 0.065, 0.025, 0.056, 0.70),
    "Theft offences": ("victim_based", 0.19, 0.035, 0.079, 0.70),
    "Vehicle offences": ("victim_based", 0.06, 0.012, 0.028, 0.85),
    "Criminal damage and arson": ("victim_based", 0.065, 0.030, 0.062, 0.65),
    "Robbery": ("victim_based", 0.015, 0.050, 0.100, 0.45),
    "Public order offences": ("other_society", 0.52, 0.080, 0.100, 0.25),
    "Drug offences": ("other_society", 0.28, 0.280, 0.350, 0.05),
    "Possession of weapons": ("other_society", 0.10, 0.250, 0.300, 0.10),
    "Miscellaneous crimes against society": ("other_society", 0.10, 0.120, 0.150, 0.35),
}
_VICTIM_POSITIVE = {"1": 0.74, "2": 0.02, "3": 0.06, "4": 0.02, "6": 0.02, "8": 0.14}
POSITIVE_MIX: dict[str, dict[str, float]] = {
    **{g: _VICTIM_POSITIVE for g, spec in GROUPS.items() if spec[0] == "victim_based"},
    "Public order offences": {"1": 0.66, "2": 0.02, "3": 0.08, "6": 0.12, "8": 0.12},
    "Drug offences": {"1": 0.42, "2": 0.02, "3": 0.08, "6": 0.01, "7": 0.27, "8": 0.20},
    "Possession of weapons": {"1": 0.86, "2": 0.03, "3": 0.08, "8": 0.03},
    "Miscellaneous crimes against society": {"1": 0.80, "3": 0.10, "8": 0.10},
}
OTHER_OUTCOMES = {
    "14": 0.38,
    "15": 0.28,
    "16": 0.14,
    "21": 0.06,
    "10": 0.03,
    "9": 0.025,
    "20": 0.025,
    "22": 0.03,
    "17": 0.01,
    "5": 0.003,
    "11": 0.004,
    "12": 0.002,
    "13": 0.001,
}
# Days from recording to outcome: (shortest, longest, skew) by outcome type.
DELAYS = {
    "18": (0, 30, 2.0),
    "14": (5, 150, 2.0),
    "15": (5, 150, 2.0),
    "16": (5, 150, 2.0),
    "1": (10, 330, 2.2),
    "4": (20, 240, 1.8),
    "8": (0, 60, 2.0),
    "22": (0, 60, 2.0),
    "2": (1, 120, 2.0),
    "3": (1, 120, 2.0),
    "6": (1, 120, 2.0),
    "7": (1, 120, 2.0),
}
_OTHER_DELAY = (10, 200, 2.0)


def _window(day: date) -> str:
    if day >= YTD_START:
        return "ytd"
    return "previous" if day <= PREVIOUS_END else "gap"


def _day_weight(day: date) -> float:
    # Mild summer peak and a busier end of the week.
    season = 1.0 + 0.08 * math.cos(2 * math.pi * (day.timetuple().tm_yday - 196) / 365.25)
    return season * (1.06, 0.97, 0.97, 0.98, 1.04, 1.05, 0.93)[day.weekday()]


def _recorded(seed: int) -> pl.DataFrame:
    days = days_from(FIRST_DAY, AS_OF)
    parts = []
    for (crime_class, window), total in RECORDED.items():
        chosen = [d for d in days if _window(d) == window]
        counts = quota(total, [_day_weight(d) for d in chosen])
        groups = [g for g, spec in GROUPS.items() if spec[0] == crime_class]
        frame = pl.DataFrame({"recorded_date": chosen, "n": counts}, schema_overrides={"n": pl.UInt32})
        frame = frame.select(pl.col("recorded_date").repeat_by("n")).explode("recorded_date")
        n = frame.height
        shares = [GROUPS[g][1] for g in groups]
        parts.append(
            frame.with_columns(
                crime_class=pl.lit(crime_class),
                offence_group=pick(groups, shares, uniform(n, seed + len(parts))),
            )
        )
    return pl.concat(parts)


def _outcomes(frame: pl.DataFrame, seed: int) -> pl.DataFrame:
    n = frame.height
    spec = pl.DataFrame(
        [(g, s[2], s[3], s[4]) for g, s in GROUPS.items()],
        schema=["offence_group", "p_before", "p_after", "share_18"],
        orient="row",
    )
    frame = frame.join(spec, on="offence_group", how="left").with_columns(
        u_pos=uniform(n, seed + 11),
        u_code=uniform(n, seed + 12),
        u_delay=uniform(n, seed + 13),
        u_suffix=uniform(n, seed + 14),
    )
    positive = pl.col("u_pos") < pl.when(pl.col("recorded_date") >= YTD_START).then(
        pl.col("p_after")
    ).otherwise(pl.col("p_before"))
    frame = frame.with_columns(positive=positive)
    positive_code = pick_by(frame["offence_group"], frame["u_code"], POSITIVE_MIX)
    rest_u = ((frame["u_code"] - frame["share_18"]) / (1 - frame["share_18"])).clip(0, 0.999999)
    other_code = pick(list(OTHER_OUTCOMES), list(OTHER_OUTCOMES.values()), rest_u)
    frame = frame.with_columns(
        base=pl.when("positive")
        .then(positive_code)
        .when(pl.col("u_code") < pl.col("share_18"))
        .then(pl.lit("18"))
        .otherwise(other_code)
    )
    delays = pl.DataFrame(
        [(code, *DELAYS.get(code, _OTHER_DELAY)) for code in [str(c) for c in range(1, 23)]],
        schema=["base", "d_min", "d_max", "skew"],
        orient="row",
    )
    frame = frame.join(delays, on="base", how="left").with_columns(
        delay=(
            pl.col("d_min")
            + ((pl.col("d_max") - pl.col("d_min") + 1) * pl.col("u_delay").pow(pl.col("skew"))).floor()
        ).cast(pl.Int32)
    )
    outcome_date = pl.col("recorded_date") + pl.duration(days=pl.col("delay"))
    # Alternate-offence variants ("1A", and the odd lower-case "3a") of charges and cautions.
    suffix = (
        pl.when(pl.col("base").is_in(["1", "3"]) & (pl.col("u_suffix") < 0.01))
        .then(pl.lit("a"))
        .when(pl.col("base").is_in(["1", "3"]) & (pl.col("u_suffix") < 0.07))
        .then(pl.lit("A"))
        .otherwise(pl.lit(""))
    )
    open_case = outcome_date > AS_OF
    return frame.with_columns(
        outcome_code=pl.when(open_case).then(None).otherwise(pl.col("base") + suffix),
        outcome_date=pl.when(open_case).then(None).otherwise(outcome_date),
    )


def _calibrate(frame: pl.DataFrame, seed: int) -> pl.DataFrame:
    """Re-file just enough outcomes that the YTD positive counts are the paper's exactly."""
    base = pl.col("outcome_code").str.extract(r"^(\d+)")
    in_ytd = pl.col("outcome_date").is_between(YTD_START, AS_OF)
    frame = frame.with_row_index("row")
    changes: dict[int, str] = {}
    for k, (crime_class, target) in enumerate(POSITIVE_YTD.items()):
        mine = frame.filter(in_ytd & (pl.col("crime_class") == crime_class))
        counted = mine.filter(base.is_in(POSITIVE))
        gap = target - counted.height
        pool = counted if gap < 0 else mine.filter(base.is_in(["14", "15", "16", "21"]))
        chosen = pool.sample(abs(gap), seed=seed + 20 + k)["row"].to_list()
        changes.update(dict.fromkeys(chosen, "15" if gap < 0 else "1"))
    fixes = pl.DataFrame(
        {"row": list(changes), "fixed": list(changes.values())}, schema={"row": pl.UInt32, "fixed": pl.String}
    )
    return (
        frame.join(fixes, on="row", how="left")
        .with_columns(outcome_code=pl.coalesce("fixed", "outcome_code"))
        .drop("row", "fixed")
    )


def crime_history(seed: int) -> pl.DataFrame:
    """Every crime of the demo force, before the columns are trimmed to the extract's."""
    frame = _recorded(seed)
    frame = frame.with_columns(
        lpa=pick(list(LPA_WEIGHTS), list(LPA_WEIGHTS.values()), uniform(frame.height, seed + 7)),
        order=shuffled_rank(frame.height, seed + 8),
    )
    frame = _calibrate(_outcomes(frame, seed), seed)
    frame = frame.sort("recorded_date", "order").with_columns(
        seq=pl.int_range(1, pl.len() + 1).over(pl.col("recorded_date").dt.year()),
    )
    ref = pl.format(
        "20/{}/{}", pl.col("seq").cast(pl.String).str.zfill(6), pl.col("recorded_date").dt.strftime("%y")
    )
    return frame.select(
        crime_ref=ref,
        recorded_date="recorded_date",
        lpa="lpa",
        offence_group="offence_group",
        crime_class="crime_class",
        outcome_code="outcome_code",
        outcome_date="outcome_date",
    )


def snapshots(history: pl.DataFrame) -> list[Snapshot]:
    return [Snapshot(AS_OF, history, f"Recorded crime, 1 April 2022 to {uk_date(AS_OF)}")]
