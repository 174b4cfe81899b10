"""The board pack: on the demo figures it carries every paper figure, is frozen, scoped and guarded."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.orm import Session as OrmSession

from portal import pipeline
from portal.boardpack import charts, content, document, render
from portal.boardpack.options import TitleBlock
from portal.db import get_database
from portal.models import AuditEvent, BoardPack, BoardPackStatus
from portal.services import boardpacks as pack_service
from support import callback_body, dependencies, find_spec, login, post_callback

ROOT = Path(__file__).resolve().parents[2]
FIGURES = json.loads((ROOT / "docs" / "paper-figures.json").read_text(encoding="utf-8"))["figures"]
MEETING, PRESENTER = "HMICFRS Board", "Chief Superintendent, Birmingham LPA commander"
RSO_LABELS = {
    "som_outstanding_initial_arms": "Outstanding initial ARMS",
    "som_outstanding_12m_arms": "Outstanding 12-month ARMS",
    "som_outstanding_rmp_reviews": "Outstanding RMP Review",
    "som_outstanding_visits": "Outstanding Visits",
}


def _portal(args: list[str], env: dict[str, str], rc: int = 0) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "portal.cli", *args],
        capture_output=True,
        text=True,
        env=os.environ | env,
        timeout=900,
        check=False,
    )
    assert done.returncode == rc, done.stderr[-2000:]
    return done.stdout if rc == 0 else done.stderr


def _text(path: Path) -> tuple[str, list[list[str]]]:
    document = docx.Document(str(path))
    rows = [[c.text for c in r.cells] for t in document.tables for r in t.rows]
    body = "\n".join(p.text for p in document.paragraphs) + "\n" + "\n".join(" | ".join(r) for r in rows)
    return body, rows


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """A demo database with its figures, a force pack and a Birmingham pack written by the CLI."""
    folder = tmp_path_factory.mktemp("pack")
    env = {
        "PORTAL_DATABASE_URL": f"sqlite:///{folder / 'demo.sqlite'}",
        "PORTAL_INSTANCE_DIR": str(folder),
        "PORTAL_TODAY": "2024-02-27",
    }
    _portal(["db", "upgrade"], env)
    _portal(["demo"], env)
    _portal(["board-pack", "--as-of", "2024-02-25", "--out", str(folder / "pack.docx")], env)
    _portal(
        ["board-pack", "--as-of", "2024-02-25", "--out", str(folder / "bham.docx"), "--lpa", "Birmingham"]
        + ["--meeting", MEETING, "--meeting-date", "05/03/2024", "--presenter", PRESENTER],
        env,
    )
    refused = [
        _portal(["board-pack", "--as-of", "2024-02-25", "--out", str(folder / "bad.docx"), *bad], env, rc=2)
        for bad in (["--meeting-date", "2024-02-30"], ["--meeting-date", "2024-01-01"])
    ]
    engine = create_engine(env["PORTAL_DATABASE_URL"])
    with engine.connect() as conn:
        packs = [dict(r._mapping) for r in conn.execute(text("SELECT * FROM board_packs ORDER BY id"))]
    engine.dispose()
    return {"folder": folder, "packs": packs, "refused": refused, "url": env["PORTAL_DATABASE_URL"]}


def _expected(figure: dict) -> list[str]:
    key = figure["key"]
    if "at_least" in figure:
        return [f"over {figure['at_least']:,}"]
    if "more_than" in figure:
        return [f"over {figure['more_than']:,}"]
    if "by_lpa" in figure:
        return [f"{v:,}" for v in figure["by_lpa"].values()]
    value = figure["value"]
    if key in RSO_LABELS:
        return [RSO_LABELS[key], f"{value:,}"]
    if key.endswith(("_pct", "_rate_ytd")):
        return [f"{value:,.{figure['round']}f}%"]
    return [f"{value:,.{figure['round']}f}"]


@pytest.mark.slow
def test_every_paper_figure_as_the_paper_writes_it(demo: dict) -> None:
    body, _rows = _text(demo["folder"] / "pack.docx")
    missing = [(f["key"], f["as_of"], s) for f in FIGURES for s in _expected(f) if s not in body]
    assert not missing
    for phrase in (
        "Outstanding initial ARMS – 4 (52)",
        "Outstanding 12-month ARMS – 36 (219)",
        "Outstanding RMP Review – 33 (178)",
        "Outstanding Visits – 65 (236)",
        "YTD the positive outcome rate is 8.15%",
        "For victim-based crimes the YTD positive outcome rate is 6.41%",
        "282,151",
        "245,396",
        "over 3,700 QATT",
        "over 500 positive outcomes",
        "over 80 packages awaiting enforcement",
        "over 100 intelligence packages",
        "13 packages for enforcement and 32 intelligence packages",
        "medium risk 5 (oldest 7 days), standard risk 5 (oldest 35 days)",
        "currently 89, down from 110",
        "251 cases were received in January 2024",
        "92% of those eligible",
    ):
        assert phrase in body, phrase


def test_tables_fit_the_page_keep_names_whole_and_repeat_their_header(demo: dict) -> None:
    document = docx.Document(str(demo["folder"] / "pack.docx"))
    assert len(document.tables) >= 4
    for table in document.tables:
        widths = [column.width.cm for column in table.columns]
        assert sum(widths) == pytest.approx(16.0, abs=0.05)  # A4 less 2.5 cm margins
        assert table.rows[0]._tr.xpath("./w:trPr/w:tblHeader"), "header row does not repeat"
        assert all(row._tr.xpath("./w:trPr/w:cantSplit") for row in table.rows), "a row may split"
    marac = next(t for t in document.tables if t.rows[0].cells[0].text == "LPA")
    assert marac.columns[0].width.cm > 3.0  # "Wolverhampton" on one line, at 9 pt
    figure = next(c for c in marac.rows[1].cells[1:] if c.text.isdigit())
    assert figure.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT


@pytest.mark.slow
def test_marac_table_and_lpa_pack(demo: dict) -> None:
    _body, rows = _text(demo["folder"] / "pack.docx")
    header = next(r for r in rows if r[0] == "LPA")
    table = {r[0]: dict(zip(header, r, strict=True)) for r in rows if r[0] in FIGURES[18]["by_lpa"]}
    for figure in FIGURES[18:22]:
        day = date.fromisoformat(figure["as_of"]).strftime("%d/%m/%y")
        column = next(
            h for h in header if h.endswith(day) and ("awaiting" in h) == ("awaiting" in figure["key"])
        )
        for lpa, value in figure["by_lpa"].items():
            assert table[lpa][column] == f"{value:,}", (lpa, column)
    body, rows = _text(demo["folder"] / "bham.docx")
    assert [r[:4] for r in rows if r[0] == "Birmingham"] == [["Birmingham", "285", "95", "65"]]
    for other in ("Coventry", "Dudley", "Sandwell", "Solihull", "Walsall", "Wolverhampton"):
        assert other not in body, other
    assert "Force total" in body


@pytest.mark.slow
def test_recommendations_bold_and_marking(demo: dict) -> None:
    document = docx.Document(str(demo["folder"] / "pack.docx"))
    bold = {r.text.strip() for p in document.paragraphs for r in p.runs if r.bold}
    engine = create_engine(f"sqlite:///{demo['folder'] / 'demo.sqlite'}")
    with engine.connect() as conn:
        recs = [t.strip() for (t,) in conn.execute(text("SELECT text FROM recommendations"))]
    engine.dispose()
    assert len(recs) == 21
    assert all(r in bold for r in recs), [r for r in recs if r not in bold]
    for section in document.sections:
        assert "OFFICIAL-SENSITIVE" in section.header.paragraphs[0].text
        assert "OFFICIAL-SENSITIVE" in section.footer.paragraphs[0].text
        assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)  # A4


@pytest.mark.slow
def test_snapshot_is_frozen_with_lineage(demo: dict) -> None:
    force, bham = demo["packs"]
    for pack, name in ((force, "pack.docx"), (bham, "bham.docx")):
        raw = (demo["folder"] / name).read_bytes()
        assert pack["status"] == "ready" and pack["progress"] == 100
        assert pack["sha256"] == hashlib.sha256(raw).hexdigest() and pack["size_bytes"] == len(raw)
        stored = demo["folder"] / "uploads" / "board-packs" / pack["stored_name"]
        assert hashlib.sha256(stored.read_bytes()).hexdigest() == pack["sha256"]
        figures = json.loads(pack["figures"])
        assert figures and all(f["extract_id"] and f["sha256"] and f["file_name"] for f in figures)
    lpas = {f["dims"].get("lpa") for f in json.loads(bham["figures"])}
    assert lpas <= {None, "ALL", "Birmingham"}


def _pictures(path: Path) -> list[tuple[str, str]]:
    """(title, alt text) of every inline picture, read from the docx XML the way a screen reader does."""
    document = docx.Document(str(path))
    return [(s._inline.docPr.get("title"), s._inline.docPr.get("descr")) for s in document.inline_shapes]


@pytest.mark.slow
def test_charts_are_pictures_with_alt_text_and_captions(demo: dict) -> None:
    force, bham = _pictures(demo["folder"] / "pack.docx"), _pictures(demo["folder"] / "bham.docx")
    assert [t for t, _a in force] == [
        "YTD positive outcome rate by LPA",
        "Cases awaiting MARAC, each LPA",
        "SOM outstanding work, force",
        "OCSET packages, force",
    ]
    assert len(bham) == 4 and all(alt and len(alt) > 40 for _t, alt in force + bham)
    assert "Initial ARMS 52" in force[2][1] and "Initial ARMS 4" in force[2][1]  # baseline and now
    assert "Reference line: Force rate 8.15%" in force[0][1]
    body, _rows = _text(demo["folder"] / "pack.docx")
    assert [line for line in body.splitlines() if line.startswith("Figure ")][3].startswith("Figure 4: OCSET")
    for other in ("Coventry", "Dudley", "Sandwell", "Solihull", "Walsall", "Wolverhampton"):
        assert all(other not in alt for _t, alt in bham), other


@pytest.mark.slow
def test_lpa_pack_charts_carry_only_that_lpa(demo: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    drawn: list[charts.Chart] = []
    monkeypatch.setattr(document, "render", lambda chart: drawn.append(chart) or render.render(chart))
    engine = create_engine(demo["url"])
    with OrmSession(engine) as session:
        principal = pack_service.system_principal()
        for lpa in ("Birmingham", None):
            data = content.gather(session, principal=principal, as_of=date(2024, 2, 25), lpa=lpa)
            document.write(data, demo["folder"] / "again.docx", title_block=TitleBlock())
    engine.dispose()
    bham, force = drawn[:4], {c.slug: c for c in drawn[4:]}
    lpas = set(FIGURES[18]["by_lpa"])
    for chart in bham:
        assert {f.dims.get("lpa") for f in chart.figures} <= {None, "ALL", "Birmingham"}, chart.slug
        assert not (set(chart.categories) | {s.label for s in chart.series}) & (lpas - {"Birmingham"})
    marac = next(c for c in bham if c.slug == "marac-awaiting")
    assert [s.label for s in marac.series] == ["Birmingham"]
    assert dict(zip(marac.categories, marac.series[0].values, strict=True))["2024-02-01"] == 65
    assert next(c for c in bham if c.slug == "outcome-rate").categories == ["Birmingham"]
    assert {s.label for s in force["marac-awaiting"].series} == lpas
    assert force["som-outstanding"].baseline_series == 0
    assert force["som-outstanding"].series[0].values == [52, 219, 178, 236]
    assert force["outcome-rate"].baseline == ("Force rate 8.15%", pytest.approx(8.15, abs=0.005))


@pytest.mark.slow
def test_readiness_section_and_title_block(demo: dict) -> None:
    force = docx.Document(str(demo["folder"] / "pack.docx"))
    headings = [p.text for p in force.paragraphs if p.style.name.startswith("Heading")]
    assert headings.index("Readiness to leave Engage") == headings.index("Next Steps") - 1
    body, rows = _text(demo["folder"] / "pack.docx")
    header = next(r for r in rows if r[0] == "Cause of Concern")
    assert header[1:] == ["Recommendations verified", "Evidence", "Figures within tolerance", "Overdue"]
    engine = create_engine(demo["url"])
    with engine.connect() as conn:
        titles = [t for (t,) in conn.execute(text("SELECT title FROM causes ORDER BY position"))]
    engine.dispose()
    assert [r[0] for r in rows[rows.index(header) + 1 :][: len(titles)]] == titles
    for title in titles:
        assert f"{title}: not yet ready. What still stands in the way:" in body or f"{title}: ready" in body
    assert "recommendations not verified" in body and "3 consecutive snapshots" in body
    assert [p.text for p in force.paragraphs[:1]] == ["Strategic Policing and Crime Board"]
    assert "25 February 2024" in force.paragraphs[1].text
    bham = docx.Document(str(demo["folder"] / "bham.docx"))
    top = "\n".join(p.text for p in bham.paragraphs[:6])
    assert MEETING in top and "5 March 2024" in top and f"Presented by: {PRESENTER}" in top
    assert "(assessed force-wide)" in "\n".join(p.text for p in bham.paragraphs)


@pytest.mark.slow
def test_bad_meeting_date_refused_and_nothing_created(demo: dict) -> None:
    assert "Meeting date must be a date like 2024-02-27 or 27/02/2024, not '2024-02-30'" in demo["refused"][0]
    assert "is before the figures' as-of date 25/02/2024" in demo["refused"][1]
    assert len(demo["packs"]) == 2 and not (demo["folder"] / "bad.docx").exists()


def _ready_pack(app, db_session, lpa: str | None) -> BoardPack:  # noqa: ANN001
    pack = BoardPack(as_of=date(2024, 2, 25), lpa=lpa, title="t", status=BoardPackStatus.READY, progress=100)
    pack.stored_name = f"test-{lpa or 'force'}.docx"
    pack.file_name = "board-pack.docx"
    folder = pack_service.folder(app.config["PORTAL"].upload_dir)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / pack.stored_name).write_bytes(b"PK test")
    db_session.add(pack)
    db_session.commit()
    return pack


def test_ready_pack_is_never_changed(app, db_session) -> None:  # noqa: ANN001
    pack = _ready_pack(app, db_session, None)
    principal = pack_service.system_principal()
    with pytest.raises(pack_service.Frozen):
        pack_service.generate(db_session, pack=pack, principal=principal, upload_dir=Path("/nonexistent"))
    with pytest.raises(pack_service.Frozen):
        pack_service.fail(db_session, pack=pack, message="x")


@pytest.mark.parametrize(
    ("email", "status"),
    [
        ("admin@portal.example", 200),
        ("opcc@portal.example", 200),
        ("dcc@portal.example", 200),
        ("lpa.coventry@portal.example", 403),
        ("lpa.birmingham@portal.example", 403),
        ("silver.outcomes@portal.example", 403),
        ("analyst@portal.example", 403),
    ],
)
def test_download_scope(app, db_session, client, email: str, status: int) -> None:  # noqa: ANN001
    pack = _ready_pack(app, db_session, "Birmingham")
    login(client, email)
    response = client.get(f"/board-packs/{pack.id}/download")
    assert response.status_code == status
    if status == 200:
        assert response.data == b"PK test"
        assert "attachment" in response.headers["Content-Disposition"]
    assert client.get("/board-packs/999999/download").status_code in (403, 404)


@pytest.mark.parametrize(
    ("email", "read", "generate"),
    [
        ("admin@portal.example", 200, 200),
        ("dcc@portal.example", 200, 200),
        ("opcc@portal.example", 200, 403),
        ("gold.marac@portal.example", 200, 403),
        ("silver.outcomes@portal.example", 403, 403),
        ("lpa.birmingham@portal.example", 403, 403),
        ("analyst@portal.example", 403, 403),
    ],
)
def test_callbacks_per_role(client, email: str, read: int, generate: int) -> None:  # noqa: ANN001
    login(client, email)
    specs = dependencies(client)
    listing = find_spec(specs, "packs-list")
    assert post_callback(client, callback_body(listing, [1, None])).status_code == read
    default = post_callback(client, callback_body(find_spec(specs, "packs-as-of"), ["/governance/packs"]))
    assert default.status_code == read
    if read == 200:
        form = default.get_json()["response"]
        assert form["packs-as-of"]["value"] == "2024-02-27"  # no figures loaded: today
        # The form is shown only to those who may generate; readers are told who does.
        assert form["packs-generate-panel"]["hidden"] is (generate != 200)
        assert ("generate board packs" in form["packs-readers-note"]["children"]) is (generate != 200)
    gen = find_spec(specs, "packs-generate-result")
    response = post_callback(client, callback_body(gen, [1], ["2024-02-25", None, None, None, None]))
    assert response.status_code == generate
    if generate == 200:
        assert "requested" in response.get_data(as_text=True)
        bad = post_callback(client, callback_body(gen, [1], ["2024-02-25", "Narnia", None, None, None]))
        assert "was not requested" in bad.get_data(as_text=True)


def test_title_block_from_the_form_is_checked_and_kept(app, db_session, client) -> None:  # noqa: ANN001
    login(client, "dcc@portal.example")
    gen = find_spec(dependencies(client), "packs-generate-result")
    before = db_session.scalar(select(func.count(BoardPack.id)))
    for as_of, day, message in (
        ("2024-02-25", "31/02/2024", "Meeting date must be a date like 2024-02-27 or 27/02/2024"),
        ("2024-02-25", "2024-02-01", "is before the figures' as-of date"),
        ("", None, "choose the as-of date"),
    ):
        body = callback_body(gen, [1], [as_of, "", "HMICFRS Board", day, "DCC Green"])
        page = json.dumps(post_callback(client, body).get_json(), ensure_ascii=False).replace("\\/", "/")
        assert "was not requested" in page and message in page
    long = post_callback(client, callback_body(gen, [1], ["2024-02-25", "", "x" * 151, None, None]))
    assert "at most 150 characters" in long.get_data(as_text=True)
    assert db_session.scalar(select(func.count(BoardPack.id))) == before
    body = callback_body(gen, [1], ["2024-02-25", "", "  HMICFRS   Board ", "2024-02-27", "DCC Green"])
    assert "requested" in post_callback(client, body).get_data(as_text=True)
    pack = db_session.scalars(select(BoardPack).order_by(BoardPack.id.desc())).first()
    block = pack_service.requested_title_block(pack)
    assert (block.meeting, block.meeting_date, block.presenter) == (
        "HMICFRS Board",
        date(2024, 2, 27),
        "DCC Green",
    )
    event = db_session.scalar(
        select(AuditEvent).where(
            AuditEvent.entity_id == str(pack.id), AuditEvent.event == "boardpack.requested"
        )
    )
    assert event.after["title_block"]["presenter"] == "DCC Green"


def test_default_as_of_is_the_latest_snapshot(app, db_session, client, tmp_path: Path) -> None:  # noqa: ANN001
    path = tmp_path / "marac.csv"
    path.write_text(
        "referral_id,lpa,referral_date,status,marac_date,dash_score,repeat\n"
        "R1,Coventry,2024-01-29,awaiting,,9,no\n",
        encoding="utf-8",
    )
    summary = pipeline.ingest_file(
        get_database(app),
        kind="marac_referrals",
        source=path,
        as_of=date(2024, 2, 1),
        settings=app.config["PORTAL"],
        today=date(2024, 2, 27),
    )
    assert summary.status == "succeeded"
    login(client, "opcc@portal.example")
    spec = find_spec(dependencies(client), "packs-as-of")
    assert '"2024-02-01"' in post_callback(client, callback_body(spec, ["/governance/packs"])).get_data(
        as_text=True
    )
