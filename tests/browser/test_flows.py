"""Each role's main flow in headless Chromium against the served demo portal (27 February 2024)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from bench.browser import login, open_page, settle
from bench.served import ROLE_ACCOUNTS, ServedPortal, visible_pages
from portal.access.permissions import permissions_for
from portal.models.users import Role

CAUSE_TITLES = ("Investigating Crime", "MARAC", "Sex Offender Managers", "OCSET")
LPAS = ("Birmingham", "Coventry", "Dudley", "Sandwell", "Solihull", "Walsall", "Wolverhampton")
EDITING = re.compile(
    r"\b(save|update|upload|edit|delete|remove|add|create|submit|change|approve|verify)\b", re.I
)


def _base(page: Any) -> str:
    return "/".join(page.url.split("/", 3)[:3])


def _csrf(context: Any) -> str:
    return next(c["value"] for c in context.cookies() if c["name"] == "_csrf_token")


def _post_callback(page: Any, body: dict[str, Any]) -> Any:
    return page.request.post(
        _base(page) + "/_dash-update-component",
        data=body,
        headers={"X-CSRFToken": _csrf(page.context), "Content-Type": "application/json"},
    )


def _callback_specs(page: Any) -> list[dict[str, Any]]:
    from support import _outputs, _split

    specs = []
    for dep in page.request.get(f"{_base(page)}/_dash-dependencies").json():
        if dep.get("clientside_function"):
            continue
        outputs = [_split(o) for o in _outputs(dep["output"])]
        specs.append({**dep, "outputs": outputs if len(outputs) > 1 else outputs[0]})
    return specs


def _body(spec: dict[str, Any]) -> dict[str, Any]:
    def fill(deps: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{"id": d["id"], "property": d["property"], "value": None} for d in deps]

    first = spec["inputs"][0] if spec["inputs"] else None
    return {
        "output": spec["output"],
        "outputs": spec["outputs"],
        "inputs": fill(spec["inputs"]),
        "state": fill(spec["state"]),
        "changedPropIds": [f"{first['id']}.{first['property']}"]
        if first and isinstance(first["id"], str)
        else [],
    }


@pytest.mark.parametrize("role", list(ROLE_ACCOUNTS))
def test_each_role_signs_in_and_sees_the_overview(
    fresh_context: Any, served: ServedPortal, role: str
) -> None:
    page = login(fresh_context, served.url, ROLE_ACCOUNTS[role])
    assert "OFFICIAL-SENSITIVE" in page.inner_text(".marking")
    open_page(page, served.url + "/")
    text = page.inner_text("#main")
    for title in CAUSE_TITLES:
        assert title in text, f"{role}: overview lacks {title}"
    assert page.locator("h1").count() == 1
    nav = page.inner_text("#nav-links")
    for spec, _url in visible_pages(role):
        if spec.nav:
            assert spec.name in nav, f"{role}: navigation lacks {spec.name}"


def test_lpa_lead_sees_only_their_lpa(fresh_context: Any, served: ServedPortal) -> None:
    page = login(fresh_context, served.url, ROLE_ACCOUNTS["lpa"])
    responses: list[str] = []
    page.on(
        "response",
        lambda r: responses.append(r.text()) if "_dash-update-component" in r.url and r.ok else None,
    )
    open_page(page, served.url + "/lpa/Birmingham")
    assert "Birmingham" in page.inner_text("h1")
    others = [lpa for lpa in LPAS if lpa != "Birmingham"]
    leaked = [lpa for lpa in others for text in responses if f'"lpa":"{lpa}"' in text or f"{lpa} LPA" in text]
    assert not leaked, f"another LPA's figures reached the browser: {sorted(set(leaked))}"

    open_page(page, served.url + "/lpa/Coventry")
    assert "Not available" in page.inner_text("h1")
    assert "Coventry" not in page.inner_text("#lpa-body")
    # The same request by hand: refused, nothing sent.
    spec = next(s for s in _callback_specs(page) if s["output"] == "lpa-body.children")
    body = _body(spec)
    body["inputs"][0]["value"] = "Coventry"
    assert _post_callback(page, body).status == 403
    body["inputs"][0]["value"] = "Birmingham"
    assert _post_callback(page, body).status == 200


def _editing_controls(page: Any) -> list[str]:
    found = []
    for control in page.locator("#main button:visible, #main [role=button]:visible").all():
        label = (control.inner_text() or control.get_attribute("aria-label") or "").strip()
        if EDITING.search(label) and control.is_enabled():
            found.append(label)
    for selector in ("#main textarea:visible", "#main [contenteditable=true]:visible"):
        found += [selector] * page.locator(selector).count()
    # dcc.Upload keeps its file input hidden: count the ones whose upload area is shown.
    shown = "els => els.filter(e => e.parentElement && e.parentElement.offsetParent !== null).length"
    found += ["file upload"] * page.locator("#main input[type=file]").evaluate_all(shown)
    found += ["editable grid cell"] * page.locator("#main .ag-cell[aria-readonly=false]").count()
    return found


def test_opcc_sees_governance_with_no_editing_control(role_page: Any, served: ServedPortal) -> None:
    page = role_page("opcc")
    pages = dict((spec.path, url) for spec, url in visible_pages("opcc"))
    assert "/governance" in pages, "the OPCC cannot open /governance"
    open_page(page, served.url + "/governance")
    assert page.locator("h1").count() == 1
    assert len(page.inner_text("#main")) > 500, "the governance page is nearly empty"
    for url in pages.values():
        open_page(page, served.url + url)
        assert not _editing_controls(page), f"{url}: OPCC sees editing controls {_editing_controls(page)}"


def _refused_callbacks(served: ServedPortal, role: str) -> list[str]:
    """Output ids of every guarded callback whose permission the role lacks (from the app's registry)."""
    from portal.access.guard import callback_permissions
    from portal.app import create_app
    from portal.config import Config

    app = create_app(
        Config(
            env="development",
            database_url=f"sqlite:///{served.database}",
            instance_dir=served.folder / "registry-instance",
            upload_dir=served.folder / "registry-instance" / "uploads",
        )
    )
    granted = permissions_for(Role(role))
    return sorted(out for out, perm in callback_permissions(app).items() if perm not in granted)


def test_opcc_hand_posted_edits_are_refused(role_page: Any, served: ServedPortal) -> None:
    page = role_page("opcc")
    open_page(page, served.url + "/governance")
    refused = _refused_callbacks(served, "opcc")
    specs = {s["output"]: s for s in _callback_specs(page)}
    assert refused, "no callback needs a permission the OPCC lacks"
    statuses = {out: _post_callback(page, _body(specs[out])).status for out in refused if out in specs}
    assert statuses and all(code == 403 for code in statuses.values()), statuses
    upload = page.request.post(
        served.url + "/extracts/upload",
        multipart={
            "kind": "manual",
            "as_of": "2024-02-26",
            "file": {
                "name": "m.csv",
                "mimeType": "text/csv",
                "buffer": b"metric_key,value,lpa,note\nsom_uplift_posts,99,,x\n",
            },
        },
        headers={"X-CSRFToken": _csrf(page.context), "Accept": "application/json"},
    )
    assert upload.status == 403, upload.status


def test_analyst_uploads_an_extract_and_sees_the_new_figures(
    fresh_context: Any, served: ServedPortal, tmp_path: Path
) -> None:
    assert "/data" in {spec.path for spec, _ in visible_pages("analyst")}, "the analyst must see /data"
    extract = tmp_path / "manual-26-feb.csv"
    extract.write_text(
        "metric_key,value,lpa,note\n"
        "masterclass_completion_pct,95,,browser test\n"
        "som_uplift_posts,17,,browser test\n",
        encoding="utf-8",
    )
    page = login(fresh_context, served.url, ROLE_ACCOUNTS["analyst"])
    open_page(page, served.url + "/data")
    page.select_option("#upload-kind", "manual")
    page.fill("#upload-as-of", "2024-02-26")
    page.set_input_files("#upload-file", str(extract))
    page.click("#upload-submit")
    # The progress panel appears while the worker validates and aggregates, then the result.
    page.wait_for_selector("#data-progress-panel:not([hidden]), #data-progress-result .alert", timeout=30_000)
    page.wait_for_function(
        "() => /succeeded|ingested|figures/i.test(document.querySelector('#data-progress-result').innerText)",
        timeout=90_000,
    )
    result = page.inner_text("#data-progress-result")
    assert "rejected" not in result.lower(), result
    settle(page)
    history = page.inner_text("#data-history")
    assert "manual-26-feb.csv" in history
    figures = page.request.get(served.url + "/api/v1/metrics?key=som_uplift_posts&as_of=2024-02-26").json()
    rows = figures.get("metrics", figures) if isinstance(figures, dict) else figures
    assert any(float(r["value"]) == 17 for r in rows), figures


def test_silver_lead_adds_an_update_and_attaches_evidence(
    fresh_context: Any, served: ServedPortal, tmp_path: Path
) -> None:
    """The action tracker's agreed ids: grid `actions-grid`, detail store `action-detail-id`, note form
    `action-note-text` / `action-note-save`, evidence `action-evidence-upload`."""
    page = login(fresh_context, served.url, ROLE_ACCOUNTS["silver"])
    open_page(page, served.url + "/actions")
    page.locator("#actions-grid .ag-center-cols-container .ag-row").first.click()
    page.wait_for_selector("#action-note-text:visible", timeout=30_000)
    settle(page)
    note = "Browser test: supervisors briefed on the new plan template."
    page.fill("#action-note-text", note)
    page.click("#action-note-save")
    page.wait_for_function(
        "() => document.querySelector('#action-note-feedback').innerText.trim().length > 0", timeout=30_000
    )
    settle(page)
    assert note in page.inner_text("#action-detail"), page.inner_text("#action-note-feedback")
    evidence = tmp_path / "briefing-note.txt"
    evidence.write_text("Briefing attendance: 42 of 45 supervisors.\n", encoding="utf-8")
    page.set_input_files("#action-evidence-upload input[type=file]", str(evidence))
    page.wait_for_function(
        "() => document.querySelector('#action-evidence-feedback').innerText.trim().length > 0",
        timeout=30_000,
    )
    settle(page)
    assert "briefing-note.txt" in page.inner_text("#action-detail"), page.inner_text(
        "#action-evidence-feedback"
    )


def _gold_action_row(page: Any, served: ServedPortal, title: str) -> tuple[Any, str]:
    """The gold lead's tracker filtered to INV-2; the row of the action titled `title`, selected."""
    open_page(page, served.url + "/actions")
    page.select_option("#actions-filter-recommendation", label="INV-2")
    settle(page)
    row = page.locator("#actions-grid .ag-center-cols-container .ag-row", has_text=title)
    row.click()
    page.wait_for_selector("#action-slippage", timeout=30_000)
    settle(page)
    return row, str(row.get_attribute("row-id"))


def _type_due_date(page: Any, row_id: str, value: str) -> None:
    """Double-click the due date cell, type the date in the grid's date editor, press Enter."""
    cell = page.locator(f'#actions-grid .ag-center-cols-container [row-id="{row_id}"] [col-id="due"]')
    cell.dblclick()
    editor = cell.locator("input")
    editor.wait_for(timeout=10_000)
    editor.fill(value)
    editor.press("Enter")
    page.wait_for_selector("#actions-slip-reason:visible", timeout=30_000)


def _stored_due(page: Any, row_id: str) -> str:
    return page.request.get(f"{_base(page)}/api/v1/actions/{row_id}").json()["due_date"]


def _due_cell_text(page: Any, row_id: str) -> str:
    selector = f'#actions-grid .ag-center-cols-container [row-id="{row_id}"] [col-id="due"]'
    return page.inner_text(selector).strip()


def test_gold_lead_changes_a_due_date_with_a_reason_and_sees_it_in_the_slippage_history(
    fresh_context: Any, served: ServedPortal
) -> None:
    page = login(fresh_context, served.url, ROLE_ACCOUNTS["gold"])
    _row, row_id = _gold_action_row(page, served, "Raise supervisor review compliance")
    assert _stored_due(page, row_id) == "2024-03-29"
    _type_due_date(page, row_id, "2024-04-30")
    assert "from 29 March 2024 to 30 April 2024" in page.inner_text("#actions-slip-summary")
    assert _due_cell_text(page, row_id) == "29 Mar 2024"  # the saved date until the reason is given
    reason = "Browser test: QATT dip sample delayed by the system upgrade."
    page.fill("#actions-slip-reason", reason)
    page.click("#actions-slip-save")
    page.wait_for_selector("#actions-slip-reason", state="hidden", timeout=30_000)
    page.wait_for_function(
        "() => /Saved/.test(document.querySelector('#actions-feedback').innerText)", timeout=30_000
    )
    page.wait_for_function(
        "(reason) => document.querySelector('#action-slippage').innerText.includes(reason)",
        arg=reason,
        timeout=30_000,
    )
    settle(page)
    history = page.inner_text("#action-slippage")
    assert "29 March 2024" in history and "30 April 2024" in history, history
    assert "Helen Carter" in history, history  # who made the change
    assert "originally 29 March 2024" in page.inner_text("#action-detail-body")
    assert _due_cell_text(page, row_id) == "30 Apr 2024"
    assert _stored_due(page, row_id) == "2024-04-30"


def test_gold_lead_due_date_without_a_reason_is_refused(fresh_context: Any, served: ServedPortal) -> None:
    page = login(fresh_context, served.url, ROLE_ACCOUNTS["gold"])
    _row, row_id = _gold_action_row(page, served, "Feed back QATT findings to Coventry supervisors")
    before, shown = _stored_due(page, row_id), _due_cell_text(page, row_id)
    history = page.inner_text("#action-slippage")
    _type_due_date(page, row_id, "2024-06-28")
    page.click("#actions-slip-save")  # no reason typed
    page.wait_for_selector("#actions-slip-feedback .alert", timeout=30_000)
    assert "Give a reason" in page.inner_text("#actions-slip-feedback")
    assert page.locator("#actions-slip-reason").is_visible(), "the reason box should stay open"
    page.fill("#actions-slip-reason", "   ")  # blank is no reason either
    page.click("#actions-slip-save")
    settle(page)
    assert "Give a reason" in page.inner_text("#actions-slip-feedback")
    page.click("#actions-slip-cancel")
    page.wait_for_selector("#actions-slip-reason", state="hidden", timeout=30_000)
    settle(page)
    assert _stored_due(page, row_id) == before
    assert _due_cell_text(page, row_id) == shown
    assert page.inner_text("#action-slippage") == history


def test_executive_generates_a_board_pack_watches_it_and_downloads_it(
    fresh_context: Any, served: ServedPortal, tmp_path: Path
) -> None:
    import docx

    page = login(fresh_context, served.url, ROLE_ACCOUNTS["executive"])
    open_page(page, served.url + "/governance/packs")
    figures = page.request.get(served.url + "/api/v1/metrics").json()
    rows = figures.get("metrics", figures) if isinstance(figures, dict) else figures
    latest = max(r["as_of"] for r in rows)  # 2024-02-25 in the demo; later if a flow uploaded since
    assert page.input_value("#packs-as-of") == latest  # the latest snapshot, not a fixed date
    page.fill("#packs-presenter", "Deputy Chief Constable (browser test)")
    page.click("#packs-generate")
    page.wait_for_function(
        "() => /requested/.test(document.querySelector('#packs-generate-result').innerText)", timeout=30_000
    )
    # The list polls: the new pack shows its progress, then a download link when the worker is done.
    link = page.locator("#packs-list a", has_text="Download").first
    link.wait_for(timeout=120_000)
    with page.expect_download(timeout=60_000) as download:
        link.click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.suffix == ".docx" and saved.read_bytes()[:2] == b"PK"
    document = docx.Document(str(saved))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Presented by: Deputy Chief Constable (browser test)" in text, text[:500]
    assert "OFFICIAL-SENSITIVE" in document.sections[0].header.paragraphs[0].text
