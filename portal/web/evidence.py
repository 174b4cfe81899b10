"""Evidence download: scope-checked through the services, always as an attachment, never sniffed."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, send_file
from werkzeug.wrappers import Response

from portal import db
from portal.access import AccessDenied, Permission, current_principal
from portal.services import actions as action_service
from portal.services import evidence as evidence_service

bp = Blueprint("evidence", __name__)


@bp.route("/evidence/<int:evidence_id>/download")
def download(evidence_id: int) -> Response:
    principal = current_principal()
    if not principal.can(Permission.ACTIONS_READ):
        abort(403)
    try:
        evidence = evidence_service.get(db.session(), principal=principal, evidence_id=evidence_id)
    except (action_service.NotFound, AccessDenied):
        abort(404)  # out of scope looks the same as missing: ids are not an oracle
    path = evidence_service.stored_path(current_app.config["PORTAL"].upload_dir, evidence)
    if not path.is_file():
        abort(404)
    response = send_file(
        path,
        mimetype=evidence.content_type,
        as_attachment=True,
        download_name=evidence.file_name,
        max_age=0,
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
