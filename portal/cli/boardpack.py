"""`portal board-pack`: writes the board pack synchronously and records its frozen snapshot."""

from __future__ import annotations

import shutil
import sys
from datetime import date
from pathlib import Path

import click

from portal.cli._context import config_or_exit, transaction


@click.command("board-pack", help="Write the HMICFRS Engage board pack (.docx) as at a date.")
@click.option("--as-of", "as_of", required=True, help="The pack's as-of date, YYYY-MM-DD.")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--lpa", default=None, help="Only this LPA's breakdown (and force totals).")
@click.option("--meeting", default=None, help="The meeting in the title block (default: the SPCB).")
@click.option(
    "--meeting-date",
    "meeting_date",
    default=None,
    help="The meeting's date, YYYY-MM-DD or DD/MM/YYYY (default: --as-of).",
)
@click.option("--presenter", default=None, help="Presented by (default: the DCC, chair of the board).")
def board_pack(
    as_of: str,
    out: Path,
    lpa: str | None,
    meeting: str | None,
    meeting_date: str | None,
    presenter: str | None,
) -> None:
    from portal.services import boardpacks

    config = config_or_exit()
    try:
        day = date.fromisoformat(as_of)
    except ValueError:
        click.echo(f"--as-of must be a date like 2024-02-25, not {as_of!r}", err=True)
        sys.exit(2)
    principal = boardpacks.system_principal()
    try:
        with transaction(config) as session:
            pack = boardpacks.request(
                session,
                principal=principal,
                as_of=day,
                lpa=lpa,
                meeting=meeting,
                meeting_date=meeting_date,
                presenter=presenter,
            )
            boardpacks.generate(
                session,
                pack=pack,
                principal=principal,
                upload_dir=config.upload_dir,
                readiness_snapshots=config.readiness_snapshots,
            )
            stored = boardpacks.folder(config.upload_dir) / (pack.stored_name or "")
            out.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(stored, out)
            click.echo(
                f"Board pack {pack.id} written to {out} ({pack.size_bytes:,} bytes, sha256 {pack.sha256},"
                f" {len(pack.figures or []):,} figures)."
            )
    except ValueError as exc:
        click.echo(str(exc), err=True)
        sys.exit(2)
