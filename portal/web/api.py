"""JSON API for BI tools (Power BI, Qlik): session or bearer token, the same scoping as the pages."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, current_app, jsonify, request
from werkzeug.wrappers import Response

from portal import clock, db
from portal.access import current_principal, require_lpa_visible
from portal.models import Action
from portal.pipeline import summarise
from portal.services import actions as action_service
from portal.services import extracts as extract_service
from portal.services import metrics as metric_service
from portal.services.programme import action_rag, is_overdue

bp = Blueprint("api", __name__, url_prefix="/api/v1")


class BadParameter(ValueError):
    pass


def _date_arg(name: str) -> date | None:
    raw = request.args.get(name, "").strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError as exc:
        raise BadParameter(f"{name} must be an ISO date such as 2024-02-25") from exc


@bp.errorhandler(BadParameter)
def _bad_parameter(exc: BadParameter) -> tuple[Response, int]:
    return jsonify({"error": str(exc)}), 400


@bp.route("/metrics")
def metrics() -> Response:
    rows = metric_service.values(
        db.session(),
        principal=current_principal(),
        key=request.args.get("key") or None,
        as_of=_date_arg("as_of"),
        lpa=request.args.get("lpa") or None,
    )
    return jsonify(rows)


@bp.route("/extracts")
def extracts() -> Response:
    rows = extract_service.get_all(db.session(), actor=current_principal())
    return jsonify([summarise(e).as_dict() | {"file_name": e.file_name, "sha256": e.sha256} for e in rows])


def _bool_arg(name: str) -> bool | None:
    raw = request.args.get(name, "").strip().lower()
    if not raw:
        return None
    if raw in {"1", "true", "yes"}:
        return True
    if raw in {"0", "false", "no"}:
        return False
    raise BadParameter(f"{name} must be true or false")


def _today() -> date:
    return clock.today(current_app.config["PORTAL"].today)


def _action_json(action: Action, today: date) -> dict[str, object]:
    rec = action.recommendation
    return {
        "id": action.id,
        "cause": rec.cause.code,
        "recommendation": rec.ref,
        "title": action.title,
        "status": str(action.status),
        "rag": action_rag(action.status, action.due_date, today),
        "overdue": is_overdue(action.status, action.due_date, today),
        "due_date": action.due_date.isoformat(),
        "original_due_date": action.original_due_date.isoformat(),
        "owner": action.owner.name if action.owner else None,
        "group": action.group.name if action.group else None,
        "lpa": action.lpa,
        "version": action.version,
        "updated_at": action.updated_at.isoformat(),
    }


@bp.route("/actions")
def actions() -> Response:
    lpa = request.args.get("lpa") or None
    principal = current_principal()
    if lpa:
        require_lpa_visible(principal, lpa)
    filters = action_service.Filters(
        cause=request.args.get("cause") or None,
        status=request.args.get("status") or None,
        overdue=_bool_arg("overdue"),
        lpa=lpa,
    )
    today = _today()
    try:
        rows = action_service.get_all(db.session(), principal=principal, today=today, filters=filters)
    except action_service.ActionError as exc:
        raise BadParameter(str(exc)) from exc
    return jsonify([_action_json(a, today) for a in rows])


@bp.route("/actions/<int:action_id>")
def action_detail(action_id: int) -> tuple[Response, int]:
    try:
        action = action_service.get(db.session(), principal=current_principal(), action_id=action_id)
    except action_service.NotFound as exc:
        return jsonify({"error": str(exc)}), 404
    body = _action_json(action, _today())
    body["description"] = action.description
    body["updates"] = [
        {
            "at": u.created_at.isoformat(),
            "author": u.author.name if u.author else None,
            "note": u.note,
            "status_from": u.status_from and str(u.status_from),
            "status_to": u.status_to and str(u.status_to),
            "due_from": u.due_from and u.due_from.isoformat(),
            "due_to": u.due_to and u.due_to.isoformat(),
            "reason": u.reason,
        }
        for u in action.updates
    ]
    body["evidence"] = [
        {"id": e.id, "file_name": e.file_name, "size_bytes": e.size_bytes, "sha256": e.sha256}
        for e in action.evidence
    ]
    return jsonify(body), 200
