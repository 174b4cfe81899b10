"""The metric catalogue (definitions, baselines, tolerances) and the computed metric values."""

from __future__ import annotations

import enum
from datetime import date

from sqlalchemy import JSON, Column, Date, Float, ForeignKey, Index, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db import Base
from portal.models._types import str_enum
from portal.models.extracts import Extract
from portal.models.programme import Cause, Recommendation


class Direction(enum.StrEnum):
    HIGHER_BETTER = "higher_better"
    LOWER_BETTER = "lower_better"
    NEUTRAL = "neutral"


metric_recommendations = Table(
    "metric_recommendations",
    Base.metadata,
    Column("metric_id", ForeignKey("metric_definitions.id", ondelete="CASCADE"), primary_key=True),
    Column("recommendation_id", ForeignKey("recommendations.id", ondelete="CASCADE"), primary_key=True),
)


class MetricDefinition(Base):
    __tablename__ = "metric_definitions"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(32))  # the extract kind that feeds it
    name: Mapped[str] = mapped_column(String(160))
    paper_label: Mapped[str | None] = mapped_column(String(160))
    description: Mapped[str | None] = mapped_column(Text)
    unit: Mapped[str] = mapped_column(String(24))
    direction: Mapped[Direction] = mapped_column(str_enum(Direction, "direction"))
    dims: Mapped[list[str]] = mapped_column(JSON, default=list)
    cause_id: Mapped[int | None] = mapped_column(ForeignKey("causes.id", ondelete="SET NULL"), index=True)
    baseline_value: Mapped[float | None] = mapped_column(Float)
    baseline_date: Mapped[date | None] = mapped_column(Date)
    baseline_label: Mapped[str | None] = mapped_column(String(80))
    target_value: Mapped[float | None] = mapped_column(Float)
    # Tolerance bands: green on the good side of amber_threshold, red beyond red_threshold.
    amber_threshold: Mapped[float | None] = mapped_column(Float)
    red_threshold: Mapped[float | None] = mapped_column(Float)
    trigger_plan: Mapped[str | None] = mapped_column(Text)

    cause: Mapped[Cause | None] = relationship()
    recommendations: Mapped[list[Recommendation]] = relationship(secondary=metric_recommendations)


class MetricValue(Base):
    """One computed figure: a metric at an as-of date for one combination of dimensions."""

    __tablename__ = "metric_values"
    __table_args__ = (
        Index("ix_metric_values_lookup", "metric_key", "as_of", "lpa"),
        Index("ix_metric_values_extract_id", "extract_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    metric_key: Mapped[str] = mapped_column(String(64))
    as_of: Mapped[date] = mapped_column(Date)
    # Canonical JSON of the dimensions (sorted keys); "ALL" marks a total.
    dims: Mapped[str] = mapped_column(String(400))
    # Denormalised from dims so LPA scoping is a plain indexed filter; None when no lpa dimension.
    lpa: Mapped[str | None] = mapped_column(String(40))
    value: Mapped[float] = mapped_column(Float)
    numerator: Mapped[float | None] = mapped_column(Float)
    denominator: Mapped[float | None] = mapped_column(Float)
    extract_id: Mapped[int] = mapped_column(ForeignKey("extracts.id", ondelete="CASCADE"))

    extract: Mapped[Extract] = relationship()


class ToleranceOverride(Base):
    """A per-LPA tolerance band that replaces the catalogue's force-wide thresholds for that LPA."""

    __tablename__ = "tolerance_overrides"
    __table_args__ = (UniqueConstraint("metric_key", "lpa"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    metric_key: Mapped[str] = mapped_column(ForeignKey("metric_definitions.key", ondelete="CASCADE"))
    lpa: Mapped[str] = mapped_column(String(40))
    amber_threshold: Mapped[float | None] = mapped_column(Float)
    red_threshold: Mapped[float | None] = mapped_column(Float)
    trigger_plan: Mapped[str | None] = mapped_column(Text)
