"""The catalogue names every metric the engine emits, with the dimensions it emits them with."""

from __future__ import annotations

import json
from datetime import date

import polars as pl
import pytest

from portal.metrics import dims_json
from portal.metrics.catalogue import LPAS, MANUAL_KEYS, METRICS, MetricSpec, get
from portal.metrics.engine import OUTPUT_SCHEMA, compute
from workers.readers import KINDS

SAMPLES = {
    "crimes": "crime_ref,recorded_date,lpa,offence_group,crime_class,outcome_code,outcome_date\n"
    "C1,2022-04-01,Dudley,Theft,victim_based,1,2022-04-02\nC2,2024-01-01,Dudley,Theft,victim_based,,\n",
    "outcome_changes": "crime_ref,change_date,old_outcome_code,new_outcome_code,team\n"
    "C1,2024-02-01,14,1,ORT\n",
    "investigations": "crime_ref,lpa,department,recorded_date,status,plan_completed,supervisor_reviews\n"
    "I1,Dudley,CID,2024-01-01,open,yes,1\n",
    "qatt_reviews": "review_id,review_date,lpa,department,victim_focus,suspect_management,"
    "investigation_standards,supervisor_review,overall\nQ1,2024-01-01,Dudley,CID,1,2,3,4,5\n",
    "marac_referrals": "referral_id,lpa,referral_date,status\nR1,Dudley,2024-01-01,awaiting\n",
    "rso_caseload": "visor_ref,lpa,offender_manager,risk_level,management,in_custody\n"
    "V1,Dudley,M1,low,active,no\n",
    "ocset_packages": "package_id,received_date,stage,risk\nP1,2024-01-01,awaiting_enforcement,high\n",
    "dfu_cases": "dfu_ref,received_date,status\nD1,2024-01-01,unallocated\n",
    "manual": "metric_key,value,lpa\n" + "".join(f"{key},1,\n" for key in MANUAL_KEYS),
}


@pytest.mark.parametrize("kind", KINDS)
def test_engine_emits_every_catalogued_metric_of_its_kind_with_its_dims(kind: str, values) -> None:
    result = values(kind, SAMPLES[kind])
    assert result.frame.schema == pl.Schema(OUTPUT_SCHEMA)
    emitted = set(result.frame.get_column("key"))
    assert emitted == {spec.key for spec in METRICS if spec.kind == kind}
    for row in result.frame.iter_rows(named=True):
        dims = json.loads(row["dims"])
        assert tuple(sorted(dims)) == tuple(sorted(get(row["key"]).dims))
        assert row["dims"] == dims_json(dims)


def test_catalogue_keys_are_unique_and_known_kinds() -> None:
    keys = [spec.key for spec in METRICS]
    assert len(keys) == len(set(keys))
    assert {spec.kind for spec in METRICS} == set(KINDS)
    assert all(spec.cause in {"INV", "MARAC", "RSO", "OCSET"} for spec in METRICS)


def test_manual_metrics_and_their_recommendations() -> None:
    assert set(MANUAL_KEYS) == {"masterclass_completion_pct", "qatt_reviews_completed", "som_uplift_posts"}
    assert (get("masterclass_completion_pct").cause, get("masterclass_completion_pct").recommendations) == (
        "INV",
        (1,),
    )
    assert (get("som_uplift_posts").cause, get("som_uplift_posts").recommendations) == ("RSO", (1,))


@pytest.mark.parametrize(
    ("key", "cause", "recommendation"),
    [
        ("supervisor_review_pct", "INV", 2),
        ("qatt_avg_overall", "INV", 2),
        ("investigation_plan_pct", "INV", 3),
        ("positive_outcome_rate_ytd", "INV", 4),
        ("outcomes_nfa_to_positive", "INV", 5),
        ("marac_cases_awaiting", "MARAC", 1),
        ("som_outstanding_visits", "RSO", 3),
        ("ocset_packages", "OCSET", 2),
        ("ocset_over_timescale", "OCSET", 3),
        ("dfu_unallocated", "OCSET", 5),
    ],
)
def test_metrics_link_to_the_recommendations_of_the_paper(key: str, cause: str, recommendation: int) -> None:
    spec = get(key)
    assert spec.cause == cause
    assert recommendation in spec.recommendations


def test_paper_labels_name_the_som_demand_figures() -> None:
    assert get("som_outstanding_initial_arms").paper_label == "Outstanding initial ARMS"
    assert get("som_outstanding_12m_arms").paper_label == "Outstanding 12-month ARMS"


def test_unknown_key_and_bad_spec_are_refused() -> None:
    with pytest.raises(KeyError):
        get("no_such_metric")
    with pytest.raises(ValueError, match="unit"):
        MetricSpec("x", "manual", "X", "furlongs", "neutral", (), None, (), "")
    assert len(LPAS) == 7


def test_compute_refuses_an_unknown_kind() -> None:
    with pytest.raises(ValueError, match="unknown extract kind"):
        compute("parking_tickets", pl.DataFrame(), as_of=date(2024, 2, 20))


def test_free_text_dims_are_encoded_like_dims_json(values) -> None:
    header = "crime_ref,change_date,old_outcome_code,new_outcome_code,team\n"
    text = header + 'C1,2024-02-01,14,1,"Équipe ""A"" \\ B"\n'
    result = values("outcome_changes", text)
    assert result.get("outcomes_nfa_to_positive", team='Équipe "A" \\ B') == 1
