"""CSV export of the action tracker: the page's filters as query arguments, the same scoping, formula-safe."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import date

from flask import Blueprint, abort, current_app, jsonify, request
from werkzeug.wrappers import Response

from portal import clock, db
from portal.access import Permission, current_principal
from portal.formatting import uk_date
from portal.models import Action
from portal.services import actions as action_service
from portal.services.programme import action_rag, is_overdue

bp = Blueprint("exports", __name__)
MARKING = "OFFICIAL-SENSITIVE"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HEADERS = [
    "Reference",
    "Cause",
    "Recommendation",
    "Action",
    "Owner",
    "Group",
    "LPA",
    "Due date",
    "Original due date",
    "Status",
    "RAG",
    "Overdue",
]
STATUS_WORDS = {
    "not_started": "Not started",
    "in_progress": "In progress",
    "blocked": "Blocked",
    "complete_proposed": "Completion proposed",
    "complete": "Complete",
    "verified": "Verified",
}


def safe_cell(value: object) -> str:
    """A cell a spreadsheet will not run: text starting with = + - @ TAB or CR gets a leading quote."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _row(action: Action, ref: str, today: date) -> list[str]:
    rec = action.recommendation
    return [
        ref,
        rec.cause.code,
        rec.ref,
        action.title,
        action.owner.name if action.owner else "Unassigned",
        action.group.name if action.group else "",
        action.lpa or "Force-wide",
        uk_date(action.due_date),
        uk_date(action.original_due_date),
        STATUS_WORDS.get(str(action.status), str(action.status)),
        action_rag(action.status, action.due_date, today).title(),
        "Yes" if is_overdue(action.status, action.due_date, today) else "No",
    ]


def to_csv(rows: Iterable[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([MARKING])
    writer.writerow(HEADERS)
    for row in rows:
        writer.writerow([safe_cell(c) for c in row])
    return buffer.getvalue()


@bp.route("/actions/export.csv")
def actions_csv() -> Response | tuple[Response, int]:
    principal = current_principal()
    if not principal.can(Permission.ACTIONS_READ):
        abort(403)
    args = request.args
    today = clock.today(current_app.config["PORTAL"].today)
    session = db.session()
    try:
        filters = action_service.filters_from(
            cause=args.get("cause"),
            recommendation=args.get("recommendation"),
            owner=args.get("owner"),
            lpa=args.get("lpa"),
            status=args.get("status"),
            overdue=args.get("overdue"),
        )
        found = action_service.get_all(session, principal=principal, today=today, filters=filters)
    except action_service.ActionError as exc:
        return jsonify({"error": str(exc)}), 400
    refs = action_service.action_refs(session, found)
    body = to_csv(_row(a, refs[a.id], today) for a in found)
    response = Response(("\ufeff" + body).encode("utf-8"), mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="engage-actions-{today.isoformat()}.csv"'
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    return response
