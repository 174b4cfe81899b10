"""Every model of the portal, imported here so metadata and Alembic see the whole schema."""

from portal.models.alerts import Alert, AlertKind, AlertStatus
from portal.models.audit import AuditEvent
from portal.models.boardpacks import BoardPack, BoardPackStatus
from portal.models.extracts import Extract, ExtractStatus, RefreshRun
from portal.models.governance import GovernanceGroup, GroupKind, Milestone, MilestoneKind
from portal.models.metrics import (
    Direction,
    MetricDefinition,
    MetricValue,
    ToleranceOverride,
    metric_recommendations,
)
from portal.models.notifications import Notification
from portal.models.programme import (
    DONE_STATUSES,
    Action,
    ActionStatus,
    ActionUpdate,
    Cause,
    CauseStatus,
    Evidence,
    Recommendation,
    RecommendationStatus,
)
from portal.models.signoff import SignOff, SignOffStep
from portal.models.users import ROLE_LABELS, ApiToken, LoginFailure, Role, ScopeKind, User, UserScope

__all__ = [
    "DONE_STATUSES",
    "ROLE_LABELS",
    "Action",
    "ActionStatus",
    "ActionUpdate",
    "Alert",
    "AlertKind",
    "AlertStatus",
    "ApiToken",
    "AuditEvent",
    "Cause",
    "CauseStatus",
    "Direction",
    "Evidence",
    "Extract",
    "ExtractStatus",
    "GovernanceGroup",
    "GroupKind",
    "LoginFailure",
    "MetricDefinition",
    "MetricValue",
    "Milestone",
    "MilestoneKind",
    "Recommendation",
    "RecommendationStatus",
    "RefreshRun",
    "Role",
    "ScopeKind",
    "User",
    "UserScope",
    "BoardPack",
    "BoardPackStatus",
    "ToleranceOverride",
    "Notification",
    "SignOff",
    "SignOffStep",
    "metric_recommendations",
]
