"""Extract upload: the file is streamed to disk and hashed as it arrives, then queued for a worker."""

from __future__ import annotations

import hashlib
import uuid
from datetime import date
from pathlib import Path
from typing import IO, Any

from flask import Blueprint, Request, current_app, jsonify, request
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.utils import secure_filename
from werkzeug.wrappers import Response

from portal import clock, db, queue
from portal.access import Permission, current_principal
from portal.pipeline import summarise
from portal.services import audit
from portal.services import extracts as extract_service

bp = Blueprint("uploads", __name__)
ALLOWED_SUFFIXES = (".csv", ".xlsx")


class HashingFile:
    """A file in the upload area that computes its SHA-256 while Werkzeug writes the upload into it."""

    def __init__(self, directory: Path, suffix: str) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self.path = directory / f"{uuid.uuid4().hex}{suffix}"
        self._file: IO[bytes] = self.path.open("wb")
        self._digest = hashlib.sha256()
        self.size = 0

    def write(self, data: bytes) -> int:
        self._digest.update(data)
        self.size += len(data)
        return self._file.write(data)

    def seek(self, *args: Any) -> int:
        return self._file.seek(*args)

    def tell(self) -> int:
        return self._file.tell()

    def read(self, *args: Any) -> bytes:
        return b""

    def flush(self) -> None:
        self._file.flush()

    def close(self) -> None:
        self._file.close()

    @property
    def sha256(self) -> str:
        return self._digest.hexdigest()


class PortalRequest(Request):
    """Uploads to the extract endpoint go straight into the upload area, never into memory."""

    def _get_file_stream(
        self,
        total_content_length: int | None,
        content_type: str | None,
        filename: str | None = None,
        content_length: int | None = None,
    ) -> IO[bytes]:
        if self.endpoint == "uploads.upload_extract":
            suffix = Path(filename or "").suffix.lower()
            target = HashingFile(
                current_app.config["PORTAL"].upload_dir, suffix if suffix in ALLOWED_SUFFIXES else ".bin"
            )
            self.environ.setdefault("portal.uploads", []).append(target)
            return target  # type: ignore[return-value]
        return super()._get_file_stream(total_content_length, content_type, filename, content_length)


def _error(message: str, status: int = 400, **extra: Any) -> tuple[Response, int]:
    return jsonify({"status": "refused", "message": message, **extra}), status


def _cleanup(files: list[HashingFile], keep: HashingFile | None = None) -> None:
    for f in files:
        f.close()
        if f is not keep:
            f.path.unlink(missing_ok=True)


@bp.route("/extracts/upload", methods=["POST"])
def upload_extract() -> tuple[Response, int]:
    principal = current_principal()
    if not principal.can(Permission.EXTRACTS_UPLOAD):
        return _error("You do not have permission to upload extracts.", 403)
    try:
        form, files = request.form, request.files
    except RequestEntityTooLarge:
        _cleanup(request.environ.get("portal.uploads", []))
        limit = current_app.config["PORTAL"].max_upload_mb
        return _error(f"The file is larger than the {limit} MB limit.", 413)
    written: list[HashingFile] = request.environ.get("portal.uploads", [])
    upload = files.get("file")
    stored = written[-1] if written else None
    keep: HashingFile | None = None
    try:
        if upload is None or stored is None or not upload.filename:
            return _error("Choose a file to upload.")
        name = secure_filename(upload.filename) or "extract"
        if Path(name).suffix.lower() not in ALLOWED_SUFFIXES:
            return _error("Upload a CSV (UTF-8) or an Excel .xlsx file.")
        settings = current_app.config["PORTAL"]
        today = clock.today(settings.today)
        try:
            as_of = date.fromisoformat(form.get("as_of") or today.isoformat())
        except ValueError:
            return _error("The as-of date is not a date.")
        stored.close()
        session = db.session()
        try:
            extract = extract_service.register(
                session,
                actor=principal,
                upload=extract_service.Upload(
                    form.get("kind", ""), as_of, upload.filename, str(stored.path), stored.sha256, stored.size
                ),
                today=today,
            )
        except extract_service.DuplicateExtract as exc:
            session.rollback()
            return _error(str(exc), 409, earlier_extract_id=exc.earlier.id)
        except extract_service.ExtractError as exc:
            session.rollback()
            return _error(str(exc))
        session.commit()
        keep = stored
    finally:
        _cleanup(written, keep=keep)
    # Enqueued only after the extract is committed; if the broker is down it stays queued for the sweep.
    sent = queue.send(queue.INGEST_TASK, extract.id)
    if sent:
        extract_service.mark_enqueued(session, extract_id=extract.id, now=clock.utcnow())
    else:
        audit.record(
            session,
            actor=principal,
            event="extract.enqueue_failed",
            entity_type="extract",
            entity_id=extract.id,
        )
    session.commit()
    body = summarise(extract).as_dict()
    body["queued"] = sent
    body["message"] = (
        "Uploaded; a worker is validating it now."
        if sent
        else "Uploaded and kept safe, but the task queue is unreachable just now: "
        "it will be processed automatically when the queue is back."
    )
    return jsonify(body), 202


@bp.route("/extracts/<int:extract_id>/status")
def extract_status(extract_id: int) -> tuple[Response, int]:
    extract = extract_service.get(db.session(), actor=current_principal(), extract_id=extract_id)
    if extract is None:
        return _error("No such extract.", 404)
    body = summarise(extract).as_dict()
    body.update(stage=extract.stage, rows_done=extract.rows_done, rows_total=extract.rows_total)
    return jsonify(body), 200
