"""Board pack download: permission and LPA scope checked through the service, always as an attachment."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, send_file
from werkzeug.wrappers import Response

from portal import db
from portal.access import AccessDenied, Permission, current_principal
from portal.services import boardpacks as pack_service

bp = Blueprint("boardpacks", __name__)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@bp.route("/board-packs/<int:pack_id>/download")
def download(pack_id: int) -> Response:
    principal = current_principal()
    if not principal.can(Permission.BOARDPACKS_READ):
        abort(403)
    session = db.session()
    try:
        pack, path = pack_service.for_download(
            session, principal=principal, pack_id=pack_id, upload_dir=current_app.config["PORTAL"].upload_dir
        )
    except (pack_service.NotFound, AccessDenied):
        abort(404)  # out of scope looks the same as missing
    if not path.is_file():
        abort(404)
    session.commit()  # the download's audit event
    response = send_file(path, mimetype=DOCX, as_attachment=True, download_name=pack.file_name, max_age=0)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    return response
