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
from sqlalchemy import create_engine, text

from portal.models import BoardPack, BoardPackStatus
from portal.services import boardpacks as pack_service
from support import callback_body, dependencies, find_spec, login, post_callback

ROOT = Path(__file__).resolve().parents[2]
FIGURES = json.loads((ROOT / "docs" / "paper-figures.json").read_text(encoding="utf-8"))["figures"]
RSO_LABELS = {
    "som_outstanding_initial_arms": "Outstanding initial ARMS",
    "som_outstanding_12m_arms": "Outstanding 12-month ARMS",
    "som_outstanding_rmp_reviews": "Outstanding RMP Review",
    "som_outstanding_visits": "Outstanding Visits",
}


def _portal(args: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "portal.cli", *args],
        capture_output=True,
        text=True,
        env=os.environ | env,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


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
        ["board-pack", "--as-of", "2024-02-25", "--out", str(folder / "bham.docx"), "--lpa", "Birmingham"],
        env,
    )
    engine = create_engine(env["PORTAL_DATABASE_URL"])
    with engine.connect() as conn:
        packs = [dict(r._mapping) for r in conn.execute(text("SELECT * FROM board_packs ORDER BY id"))]
    engine.dispose()
    return {"folder": folder, "packs": packs}


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
    gen = find_spec(specs, "packs-generate-result")
    response = post_callback(client, callback_body(gen, [1], ["2024-02-25", None]))
    assert response.status_code == generate
    if generate == 200:
        assert "requested" in response.get_data(as_text=True)
        bad = post_callback(client, callback_body(gen, [1], ["2024-02-25", "Narnia"]))
        assert "was not requested" in bad.get_data(as_text=True)
