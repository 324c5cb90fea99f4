"""A domain's health score: 0-100 with a label, the reasons that lowered it and what to do.

Live answers show a domain with no mailboxes scoring 0 ("critical", with an error) and a healthy
one 90 with no reasons (observed reference, health_score); support says 0-30 counts as critical
and the real score reflects name-server reputation. The simulator has no reputation to read, so
its score is ours: it starts at 90 for an ACTIVE domain with mailboxes and every mail record in
place, and loses points for each missing record or a domain that is not ACTIVE.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from .dns import check
from .models import Domain
from .accounts import Scope

HEALTHY_SCORE = 90
CRITICAL_AT_OR_BELOW = 30  # support: 0-30 counts as critical
# each missing mail record: (what check() calls it, points lost, reason, action)
RECORD_RULES = (
    ("mx", 30, "MX records are missing", "Add the MX records of the mailbox platform"),
    ("spf", 20, "SPF record is missing", "Add an SPF TXT record"),
    ("dkim", 20, "DKIM records are missing", "Add the DKIM records of the mailbox platform"),
    ("dmarc", 10, "DMARC record is missing", "Add a DMARC record"),
)


@dataclass
class Health:
    score: int
    label: str  # healthy | critical (the two labels seen live)
    reasons: list[str] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)
    error: Optional[str] = None


def label_for(score: int) -> str:
    return "critical" if score <= CRITICAL_AT_OR_BELOW else "healthy"


def of_domain(scope: Scope, d: Domain, mailbox_count: int) -> Health:
    if mailbox_count == 0:
        return Health(0, "critical", ["The domain has no mailboxes"], ["Assign mailboxes to the domain"],
                      "No mailboxes assigned")
    score, reasons, actions = HEALTHY_SCORE, [], []
    present = check(scope.owner, d)
    for name, points, reason, action in RECORD_RULES:
        if not present[name]:
            score -= points
            reasons.append(reason)
            actions.append(action)
    if d.status != "ACTIVE":
        score -= 30
        reasons.append(f"The domain is {d.status}")
        actions.append("Wait for the domain to become ACTIVE")
    score = max(score, 0)
    return Health(score, label_for(score), reasons, actions)
