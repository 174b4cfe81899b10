"""`portal ingest`, `metrics`, `refresh` and `extracts`: the data pipeline from the console."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import click

from portal import clock, pipeline
from portal.cli._context import config_or_exit, transaction
from portal.db import Database
from portal.services import extracts as extract_service
from portal.services import metrics as metric_service
from workers.readers import KINDS


def _date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    for parse in (date.fromisoformat, lambda v: date(int(v[6:10]), int(v[3:5]), int(v[0:2]))):
        try:
            return parse(value)
        except (ValueError, IndexError):
            continue
    raise click.BadParameter(f"{value!r} is not a date; use 2024-02-25 or 25/02/2024")


@click.command(
    help="Validate and ingest an extract synchronously; prints a JSON summary (exit 2 when rejected)."
)
@click.argument("kind", type=click.Choice(KINDS, case_sensitive=False))
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--as-of", "as_of", callback=_date, help="The date the extract describes (default today).")
def ingest(kind: str, file: Path, as_of: date | None) -> None:
    config = config_or_exit()
    today = clock.today(config.today)
    database = Database(config.database_url)
    try:
        summary = pipeline.ingest_file(
            database, kind=kind.lower(), source=file, as_of=as_of or today, settings=config, today=today
        )
    except extract_service.ExtractError as exc:
        click.echo(json.dumps({"status": "refused", "message": str(exc)}, indent=2))
        sys.exit(2)
    finally:
        database.dispose()
    click.echo(json.dumps(summary.as_dict(), indent=2, default=str))
    sys.exit(0 if summary.status == "succeeded" else 2)


@click.command(help="Print current figures, optionally narrowed by key, as-of date and LPA.")
@click.option("--key", default=None)
@click.option("--as-of", "as_of", callback=_date)
@click.option("--lpa", default=None)
@click.option("--json", "as_json", is_flag=True, help="JSON list in DATA.md's shape.")
def metrics(key: str | None, as_of: date | None, lpa: str | None, as_json: bool) -> None:
    with transaction(config_or_exit()) as session:
        rows = metric_service.values(session, principal=None, key=key, as_of=as_of, lpa=lpa)
    if as_json:
        click.echo(json.dumps(rows, indent=1))
        return
    for row in rows:
        dims = ",".join(f"{k}={v}" for k, v in row["dims"].items()) or "-"
        click.echo(f"{row['key']:36} {row['as_of']}  {dims:50} {row['value']:>14,.4f}")


@click.command(help="Run the nightly refresh now (sweep stuck extracts, catalogue, alerts).")
def refresh() -> None:
    config = config_or_exit()
    database = Database(config.database_url)
    try:
        detail = pipeline.run_refresh(database, settings=config, trigger="cli")
    finally:
        database.dispose()
    click.echo(json.dumps(detail, indent=2, default=str))


@click.group(help="Extract history.")
def extracts() -> None:
    pass


@extracts.command("list", help="The latest extracts with status and row counts.")
@click.option("--limit", default=50, show_default=True)
def list_extracts(limit: int) -> None:
    from sqlalchemy import select

    from portal.models import Extract

    with transaction(config_or_exit()) as session:
        for e in session.scalars(select(Extract).order_by(Extract.id.desc()).limit(limit)):
            click.echo(
                f"{e.id:5} {e.kind:16} {e.as_of}  {e.status:10} rows={e.rows_total or 0:<9,} "
                f"values={e.values_written:<5} errors={e.error_count:<5} {e.file_name}"
            )
