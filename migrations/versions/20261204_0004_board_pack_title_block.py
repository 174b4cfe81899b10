"""board pack title block kept on the pack

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04 20:40:00

The meeting, meeting date and presenter asked for were kept only in the request's audit event and read
back from there when the pack was written. They are the pack's own data: a column now, filled for
existing packs from those audit events (nothing is lost), which stay as they are.
"""

import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("board_packs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("title_block", sa.JSON(), nullable=True))
    bind = op.get_bind()
    requested = bind.execute(
        sa.text(
            "SELECT entity_id, after FROM audit_events WHERE event = 'boardpack.requested' "
            "AND entity_type = 'board_pack' ORDER BY id"
        )
    ).all()
    for entity_id, after in requested:
        after = json.loads(after) if isinstance(after, str) else after
        block = (after or {}).get("title_block")
        if block:
            bind.execute(
                sa.text("UPDATE board_packs SET title_block = :block WHERE id = :id"),
                {"block": json.dumps(block), "id": int(entity_id)},
            )


def downgrade() -> None:
    with op.batch_alter_table("board_packs", schema=None) as batch_op:
        batch_op.drop_column("title_block")
