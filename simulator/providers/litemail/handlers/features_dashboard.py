"""Dashboard group (newer tree; every route inferred)."""
from __future__ import annotations

from ....domain import dashboard
from .. import render_features as render
from .. import wire
from .features_common import platform_filter


def overview(call):
    data = dashboard.overview(call.scope, platform_filter(call))
    return wire.ok("Dashboard overview fetched successfully", render.overview(data))


def status_counts(call):
    counts = dashboard.mailbox_counts(call.scope, platform_filter(call))
    return wire.ok("Mailbox status counts fetched successfully", render.mailbox_status_counts(counts))
