"""Webhook endpoint request models (observed reference, zapmail.v2.webhooks.*)."""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from ..bodies import Body
from ..fields import HttpUrl, examples

# The names the live API accepted (its 422 listed them, 2026-09-29; observed reference,
# webhook_deliveries.allowed_event_types_live); domain.status_changed and mailbox.status_changed
# were refused. Which neutral change each name reports (ours, after the names): a mailbox turning
# ACTIVE or FAILED, or removed; a bought domain turning ACTIVE; a connection request's status; an
# export starting and ending; a subscription ending (cancelled at its period's end) and its price
# changing (upgrade); a placement test's status.
WEBHOOK_EVENTS = {"mailbox.status": "mailbox.updated", "mailbox.removed": "mailbox.updated",
                  "domain.status": "domain.updated", "connection.status": "domain.connection_status_changed",
                  "placement.status": "placement_test.status_changed", "export.started": "export.started",
                  "export.completed": "export.completed", "export.failed": "export.failed",
                  "subscription.status": "subscription.status_changed",
                  "subscription.billing": "subscription.billing_changed"}
# accepted, never sent: nothing here reconnects an export or reports workspace changes yet
ALSO_ACCEPTED = ("export.reconnected", "workspace.*")
EVENT_NAMES = tuple(sorted(set(WEBHOOK_EVENTS.values()) | set(ALSO_ACCEPTED)))
# Published as the enum; a name outside it is the live 422, not a 400.
EventNames = Annotated[list[Annotated[str, Field(json_schema_extra={"enum": list(EVENT_NAMES)})]],
                       Field(min_length=1, max_length=len(EVENT_NAMES))]
ENDPOINT_STATUSES = ("ACTIVE", "DISABLED")  # ours: the reference shows a status but not its values
CHANGEABLE = ("url", "enabled_events", "status")


class CreateWebhookEndpoint(Body):
    """infra-bot registers https URLs only; the simulator also takes http, for a local receiver.
    Example: observed (infra-bot)."""
    model_config = examples({"url": "https://example.com/webhooks/zapmail/primary",
                             "enabled_events": ["domain.updated", "mailbox.updated", "export.failed"]})
    url: HttpUrl
    enabled_events: EventNames


class UpdateWebhookEndpoint(Body):
    """Any of url, enabled_events and status (a public client's listing marks all three required;
    sending only what changes is ours). status DISABLED stops deliveries, ACTIVE resumes them.
    Example: ours."""
    model_config = examples({"status": "DISABLED"}, json_schema_extra={"anyOf": [{"required": [f]} for f in CHANGEABLE]})
    # absent means unchanged; null is not a value of any of them
    url: HttpUrl = None
    enabled_events: EventNames = None
    status: Literal[ENDPOINT_STATUSES] = None
