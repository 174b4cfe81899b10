"""Column helpers shared by the model modules: enums stored as checked strings, timestamps."""

from __future__ import annotations

import enum

from sqlalchemy import Enum

from portal.db import UTCDateTime

__all__ = ["UTCDateTime", "str_enum"]


def str_enum(enum_cls: type[enum.Enum], name: str) -> Enum:
    """A portable enum column: stored as its value in a VARCHAR, checked by SQLAlchemy on bind."""
    return Enum(
        enum_cls,
        name=name,
        native_enum=False,
        create_constraint=False,
        length=32,
        validate_strings=True,
        values_callable=lambda members: [m.value for m in members],
    )
