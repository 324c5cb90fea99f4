"""Get Warmup Analytics for Mailboxes (newer tree; inferred)."""
from __future__ import annotations

from ....core.errors import NotFound
from ....core.pagination import paginate
from ....domain import tags, warmup
from .. import render_features as render
from .. import wire
from .common import page_args
from .features_common import platform_filter


def warmup_analytics(call):
    """?mailboxId= one mailbox, ?domainId= a domain's, ?tagId= those carrying a tag, else every
    mailbox of the workspace; ?days= how many days of daily numbers (1-90, default 7)."""
    scope, q = call.scope, call.args
    days = q.days or 7
    plat = platform_filter(call)
    rows = [m for m in scope.owner.mailboxes.values() if m.workspace_id == scope.workspace.id
            and (plat is None or m.platform == plat)]
    if q.mailboxId:
        rows = [m for m in rows if m.id == q.mailboxId]
        if not rows:
            raise NotFound("Mailbox not found", field="mailboxId")
    if q.domainId:
        d = scope.owner.domains.get(q.domainId)
        if d is None or d.workspace_id != scope.workspace.id:
            raise NotFound("Domain not found", field="domainId")
        rows = [m for m in rows if m.domain_id == d.id]
    if q.tagId:
        tagged = {m.id for m in tags.mailboxes_with_tag(scope, q.tagId, include_domain_tags=True)}
        rows = [m for m in rows if m.id in tagged]
    rows.sort(key=lambda m: (m.created_at, m.username))
    page, limit = page_args(call)
    pg = paginate(rows, page, limit)
    summary = warmup.report(scope, rows, 1)["summary"]  # over every matching mailbox, not one page
    result = warmup.report(scope, pg.items, days)
    return wire.ok("Warmup analytics fetched successfully",
                   render.warmup_report(scope.owner, summary, result["rows"], pg))
