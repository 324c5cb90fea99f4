"""Webhooks group (newer tree; every route inferred), and how LiteMail says an event.

LiteMail documents neither event names nor signing (shared/reference/README.md, known gaps).
Ours: the event names Zapmail's live API accepts where they fit (observed reference:
domain.updated, domain.connection_status_changed, mailbox.updated,
placement_test.status_changed); the body {id, event, createdAt, data}; signed with HMAC-SHA256
of the raw body under the endpoint's secret, sent as X-LiteMail-Signature: sha256=<hex>, with the
event name in X-LiteMail-Event and the delivery id in X-LiteMail-Delivery.
"""
from __future__ import annotations

from ....domain import webhooks
from .. import render_features as render
from .. import requests_features as rq
from .. import wire
from ..render import id_only
from .common import listing, path_id

FORMAT = webhooks.WireFormat(
    events=rq.WEBHOOK_EVENTS,
    render=render.event_body,
    signature_header="X-LiteMail-Signature",
    signature_prefix="sha256=",
    event_header="X-LiteMail-Event",
    delivery_header="X-LiteMail-Delivery",
    secret_prefix="whsec_",
    user_agent="LiteMail-Webhooks/1.0",
)


def list_webhooks(call):
    """Secrets masked; each webhook carries its delivery counts and latest deliveries."""
    owner = call.scope.owner
    return listing(call, "Webhooks fetched successfully", "webhooks", webhooks.webhooks_of(call.scope),
                   lambda w: render.webhook(owner, w))


def create_webhook(call):
    body = rq.parse(call, rq.CreateWebhook)
    w = webhooks.create(call.scope, body.url, body.events, body.description)
    return wire.created("Webhook registered successfully. Store the secret now: it is not shown again",
                        render.webhook(call.scope.owner, w, secret_once=True))


def delete_webhook(call):
    w = webhooks.delete(call.scope, path_id(call, "webhookId"))
    return wire.ok("Webhook deleted successfully", id_only(w))
