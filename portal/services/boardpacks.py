"""Board packs: request, generate (frozen snapshot with figure lineage), list and scope-checked download."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portal.access import (
    AccessDenied,
    Permission,
    Principal,
    metric_value_clause,
    permissions_for,
    require,
    require_lpa_visible,
)
from portal.boardpack import content as pack_content
from portal.boardpack import document
from portal.boardpack.options import MEETING, PRESENTER, TitleBlock, title_block
from portal.clock import utcnow
from portal.metrics.catalogue import LPAS
from portal.models import BoardPack, BoardPackStatus, Extract, MetricValue, Role, User
from portal.services import audit
from portal.services.metrics import CURRENT

__all__ = ["MEETING", "PRESENTER", "TitleBlock"]


class NotFound(Exception):
    """No such pack, or one the principal may not see (the same answer either way)."""


class Frozen(Exception):
    """A READY pack is what the board saw: it is never changed."""


def system_principal() -> Principal:
    """The command line's identity: force-wide reading, recorded as the CLI in the audit log."""
    perms = permissions_for(Role.ADMIN)
    return Principal(0, "cli@portal", "Command line", Role.ADMIN, perms, frozenset(), frozenset(), None)


def folder(upload_dir: Path) -> Path:
    """Packs live beside the uploads, never under a web-served path."""
    return upload_dir / "board-packs"


def _visible(principal: Principal, pack: BoardPack) -> bool:
    if pack.lpa is None:
        return True
    try:
        require_lpa_visible(principal, pack.lpa)
    except AccessDenied:
        return False
    return True


def default_as_of(session: Session, *, principal: Principal, today: date) -> date:
    """The latest snapshot date of the figures the principal may read (not after today), else today."""
    require(principal, Permission.BOARDPACKS_READ)
    latest = session.scalar(
        select(func.max(MetricValue.as_of))
        .join(Extract, MetricValue.extract_id == Extract.id)
        .where(Extract.status.in_(CURRENT), MetricValue.as_of <= today, metric_value_clause(principal))
    )
    return latest or today


def request(
    session: Session,
    *,
    principal: Principal,
    as_of: date,
    lpa: str | None = None,
    meeting: str | None = None,
    meeting_date: str | date | None = None,
    presenter: str | None = None,
) -> BoardPack:
    """Queue a pack; the title block is checked first (ValueError: nothing is created)."""
    require(principal, Permission.BOARDPACKS_GENERATE)
    if lpa is not None:
        if lpa not in LPAS:
            raise ValueError(f"Unknown LPA: {lpa}")
        require_lpa_visible(principal, lpa)
    block = title_block(as_of=as_of, meeting=meeting, meeting_date=meeting_date, presenter=presenter)
    title = f"HMICFRS Engage board pack, as at {as_of:%d/%m/%Y}" + (f" – {lpa}" if lpa else "")
    pack = BoardPack(
        as_of=as_of,
        lpa=lpa,
        title=title,
        status=BoardPackStatus.QUEUED,
        progress=0,
        stage="queued",
        generated_by_id=principal.user_id or None,
        title_block=block.as_dict(),
    )
    session.add(pack)
    session.flush()
    audit.record(
        session,
        actor=principal if principal.user_id else None,
        actor_email=principal.email,
        event="boardpack.requested",
        entity_type="board_pack",
        entity_id=pack.id,
        after={"as_of": as_of.isoformat(), "lpa": lpa, "title_block": block.as_dict()},
    )
    return pack


def requested_title_block(pack: BoardPack) -> TitleBlock:
    """The title block asked for when the pack was queued."""
    return TitleBlock.from_dict(pack.title_block)


def _progress(session: Session, pack: BoardPack, percent: int, stage: str) -> None:
    if pack.status == BoardPackStatus.READY:
        raise Frozen(f"board pack {pack.id} is ready and frozen")
    pack.status, pack.progress, pack.stage = BoardPackStatus.RUNNING, percent, stage
    session.flush()


def generate(
    session: Session,
    *,
    pack: BoardPack,
    principal: Principal,
    upload_dir: Path,
    commit_progress: bool = False,
    readiness_snapshots: int = 3,
) -> BoardPack:
    """Build the document for a queued pack and freeze it: file, sha256, size, figures with lineage."""
    if pack.status == BoardPackStatus.READY:
        raise Frozen(f"board pack {pack.id} is ready and frozen")
    step = session.commit if commit_progress else session.flush
    _progress(session, pack, 10, "gathering figures and progress")
    step()
    block = requested_title_block(pack)
    data = pack_content.gather(
        session, principal=principal, as_of=pack.as_of, lpa=pack.lpa, snapshots=readiness_snapshots
    )
    _progress(session, pack, 50, "writing the document")
    step()
    stored = f"{uuid.uuid4().hex}.docx"
    path = folder(upload_dir) / stored
    document.write(data, path, title_block=block)
    _progress(session, pack, 90, "freezing the snapshot")
    raw = path.read_bytes()
    pack.file_name = (
        f"board-pack-{pack.as_of.isoformat()}" + (f"-{pack.lpa.lower()}" if pack.lpa else "") + ".docx"
    )
    pack.stored_name = stored
    pack.size_bytes = len(raw)
    pack.sha256 = hashlib.sha256(raw).hexdigest()
    pack.figures = [f.lineage() for f in data.book.used.values()]
    pack.status, pack.progress, pack.stage = BoardPackStatus.READY, 100, "ready"
    pack.finished_at = utcnow()
    audit.record(
        session,
        actor=principal if principal.user_id else None,
        actor_email=principal.email,
        event="boardpack.generated",
        entity_type="board_pack",
        entity_id=pack.id,
        after={
            "sha256": pack.sha256,
            "size": pack.size_bytes,
            "figures": len(pack.figures),
            "title_block": block.as_dict(),
        },
    )
    session.flush()
    return pack


def fail(session: Session, *, pack: BoardPack, message: str) -> None:
    if pack.status == BoardPackStatus.READY:
        raise Frozen(f"board pack {pack.id} is ready and frozen")
    pack.status, pack.stage, pack.message, pack.finished_at = (
        BoardPackStatus.FAILED,
        "failed",
        message,
        utcnow(),
    )
    session.flush()


def stuck_queued(session: Session, *, now: datetime, after: timedelta) -> list[int]:
    """Packs still queued `after` their request: the broker never took them, or lost them."""
    return list(
        session.scalars(
            select(BoardPack.id)
            .where(BoardPack.status == BoardPackStatus.QUEUED, BoardPack.requested_at < now - after)
            .order_by(BoardPack.id)
        )
    )


def principal_for(session: Session, pack: BoardPack) -> Principal:
    """Who the pack is generated as: its requester (their scope), else the command line."""
    user = session.get(User, pack.generated_by_id) if pack.generated_by_id else None
    return Principal.from_user(user) if user else system_principal()


def get_all(session: Session, *, principal: Principal) -> Sequence[BoardPack]:
    require(principal, Permission.BOARDPACKS_READ)
    packs = session.scalars(select(BoardPack).order_by(BoardPack.requested_at.desc(), BoardPack.id.desc()))
    return [p for p in packs if _visible(principal, p)]


def get(session: Session, *, principal: Principal, pack_id: int) -> BoardPack:
    require(principal, Permission.BOARDPACKS_READ)
    pack = session.get(BoardPack, pack_id)
    if pack is None or not _visible(principal, pack):
        raise NotFound(pack_id)
    return pack


def for_download(
    session: Session, *, principal: Principal, pack_id: int, upload_dir: Path
) -> tuple[BoardPack, Path]:
    pack = get(session, principal=principal, pack_id=pack_id)
    if pack.status != BoardPackStatus.READY or not pack.stored_name:
        raise NotFound(pack_id)
    audit.record(
        session, actor=principal, event="boardpack.downloaded", entity_type="board_pack", entity_id=pack.id
    )
    return pack, folder(upload_dir) / pack.stored_name
