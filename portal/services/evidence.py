"""Evidence files on actions: add (hashed, stored under a generated name), list and fetch, scope-checked."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Sequence
from pathlib import Path, PurePath

from sqlalchemy.orm import Session

from portal.access import AccessDenied, Permission, Principal, may_edit_action, require
from portal.models import ActionUpdate, Evidence
from portal.services import actions, audit

MAX_EVIDENCE_MB = 20
CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".txt": "text/plain",
    ".csv": "text/csv",
    ".msg": "application/vnd.ms-outlook",
    ".eml": "message/rfc822",
}
SUBDIR = "evidence"


class EvidenceError(ValueError):
    """The file cannot be accepted; the message is for the person uploading it."""


def max_bytes(max_upload_mb: int) -> int:
    """The evidence cap: 20 MB, or less if the portal's upload limit is lower."""
    return min(MAX_EVIDENCE_MB, max_upload_mb) * 1024 * 1024


def _clean_name(file_name: str) -> str:
    name = PurePath((file_name or "").replace("\\", "/")).name.strip()
    name = "".join(ch for ch in name if ch.isprintable() and ch not in '"<>|:*?')
    return name[:200]


def stored_path(upload_dir: Path, evidence: Evidence) -> Path:
    return upload_dir / SUBDIR / evidence.stored_name


def add(
    session: Session,
    *,
    principal: Principal,
    action_id: int,
    file_name: str,
    data: bytes,
    upload_dir: Path,
    limit_bytes: int,
) -> Evidence:
    """Attach a file to an action the principal may change; writes the file, an update and an audit event."""
    action = actions.get(session, principal=principal, action_id=action_id)
    if not may_edit_action(principal, action):
        raise AccessDenied("You may not add evidence to this action.")
    name = _clean_name(file_name)
    suffix = PurePath(name).suffix.lower()
    if not name or suffix not in CONTENT_TYPES:
        allowed = ", ".join(sorted({s.lstrip(".") for s in CONTENT_TYPES} - {"jpeg"}))
        raise EvidenceError(f"Evidence must be one of these file types: {allowed}.")
    if not data:
        raise EvidenceError("The file is empty.")
    if len(data) > limit_bytes:
        raise EvidenceError(f"The file is larger than the {limit_bytes // (1024 * 1024)} MB evidence limit.")
    digest = hashlib.sha256(data).hexdigest()
    stored_name = f"{uuid.uuid4().hex}{suffix}"
    folder = upload_dir / SUBDIR
    folder.mkdir(parents=True, exist_ok=True)
    (folder / stored_name).write_bytes(data)
    entry = ActionUpdate(action_id=action.id, author_id=principal.user_id, note=f"Evidence attached: {name}")
    session.add(entry)
    session.flush()
    evidence = Evidence(
        action_id=action.id,
        update_id=entry.id,
        file_name=name,
        stored_name=stored_name,
        content_type=CONTENT_TYPES[suffix],
        size_bytes=len(data),
        sha256=digest,
        uploaded_by_id=principal.user_id,
    )
    session.add(evidence)
    session.flush()
    audit.record(
        session,
        actor=principal,
        event="evidence.add",
        entity_type="action",
        entity_id=action.id,
        after={"evidence_id": evidence.id, "file_name": name, "size_bytes": len(data), "sha256": digest},
    )
    return evidence


def get_all(session: Session, *, principal: Principal, action_id: int) -> Sequence[Evidence]:
    action = actions.get(session, principal=principal, action_id=action_id)
    return list(action.evidence)


def get(session: Session, *, principal: Principal, evidence_id: int) -> Evidence:
    """One evidence file, only if its action is in the principal's scope (NotFound / AccessDenied)."""
    require(principal, Permission.ACTIONS_READ)
    evidence = session.get(Evidence, evidence_id)
    if evidence is None:
        raise actions.NotFound(f"There is no evidence {evidence_id}.")
    actions.get(session, principal=principal, action_id=evidence.action_id)
    return evidence


def discard_file(upload_dir: Path, evidence: Evidence) -> None:
    """Remove a stored file whose transaction was rolled back."""
    stored_path(upload_dir, evidence).unlink(missing_ok=True)
