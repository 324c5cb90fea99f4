"""Webhook endpoints and event types, and how Zapmail says an event on the wire.

The wire format, from the observed reference (webhook_deliveries): the body is the event
envelope of infra-bot's dev sender, {id, created, api_version, type, data}, with the data keys of
its payload fixtures (mailboxDetails/domainDetails with previousState; export_id, app_name,
export_status...); the signature is `X-Zapmail-Signature: t=<unix seconds>,v1=<hex>` where v1 is
the HMAC-SHA256 of "<t>.<raw body>" under the endpoint's secret, made afresh for each attempt.
After 20 failed attempts in a row the endpoint is DISABLED (infra-bot's notes of the live policy).
Ours: X-Zapmail-Event and X-Zapmail-Delivery (the event name and the delivery id), the whsec_
secret prefix, and the payloads of events no fixture shows (connection requests, subscription
status). Deliveries and retries are the shared deliverer's (domain/webhooks.py).
"""
from __future__ import annotations

from ....core.clock import iso
from ....domain import webhooks
from ....domain.domains import mailbox_count
from ....domain.models import Account
from .. import requests_webhooks as rq
from .. import responses_webhooks as rs
from .. import wire

API_VERSION = "2026-07-01"  # the dev sender's api_version
# Placement tests waiting to run are SCHEDULED on Zapmail (the fixture's previous_status).
PLACEMENT_STATUS = {"PENDING": "SCHEDULED"}


def signature(secret: str, raw: bytes, t: int) -> str:
    return f"t={t},v1={webhooks.sign(secret, f'{t}.'.encode() + raw)}"


def _mailbox(account: Account, m, previous) -> dict:
    d = account.domains.get(m.domain_id)
    domain = d.name if d is not None else ""
    return {"mailboxDetails": {"id": m.id, "username": m.username, "email": f"{m.username}@{domain}",
                               "domain": domain, "status": m.status},
            "previousState": {"status": previous}}


def event_body(account: Account, kind: str, name: str, event_id: str, obj, at: float, previous=None) -> dict:
    if kind == "mailbox.status":
        data = _mailbox(account, obj, previous)
    elif kind == "mailbox.removed":
        data = _mailbox(account, obj, previous)
        data["mailboxDetails"]["status"] = "REMOVED"
    elif kind == "domain.status":
        data = {"domainDetails": {"id": obj.id, "domain": obj.name, "status": obj.status,
                                  "assignedMailboxesCount": mailbox_count(account, obj.id)},
                "previousState": {"status": previous}}
    elif kind == "connection.status":
        data = {"domainDetails": {"domain": obj.domain_name, "connectionRequestId": obj.id, "status": obj.status},
                "previousState": {"status": previous}}
    elif kind == "placement.status":
        data = {"id": obj.id, "previous_status": PLACEMENT_STATUS.get(previous, previous),
                "status": PLACEMENT_STATUS.get(obj.status, obj.status)}
    elif kind.startswith("export."):
        boxes = [account.mailboxes[i] for i in obj.mailbox_ids if i in account.mailboxes]
        data = {"export_id": str(obj.id), "app_name": obj.apps[0] if obj.apps else None,
                "export_status": obj.status,
                "mailboxes": [f"{m.username}@{account.domains[m.domain_id].name}" for m in boxes
                              if m.domain_id in account.domains]}
        if obj.failure_reason:
            data["error"] = obj.failure_reason
    elif kind == "subscription.billing":
        data = {"subscription_id": obj.external_id, "changes": {"price": {"previous": previous, "current": obj.price}}}
    else:  # subscription.status
        data = {"subscription_id": obj.external_id, "status": obj.status, "previous_status": previous}
    return {"id": event_id, "created": int(at), "api_version": API_VERSION, "type": name, "data": data}


FORMAT = webhooks.WireFormat(
    events=rq.WEBHOOK_EVENTS,
    render=event_body,
    signature_header="X-Zapmail-Signature",
    signature_prefix="",
    event_header="X-Zapmail-Event",
    delivery_header="X-Zapmail-Delivery",
    secret_prefix="whsec_",
    user_agent="Zapmail-Webhooks/1.0",
    signature=signature,
    also_accepted=rq.ALSO_ACCEPTED,
    event_prefix="evt_",
    disable_after=20,  # "20 consecutive failures disable the endpoint" (infra-bot notes)
)


# ---------------------------------------------------------------- renderers and handlers

def endpoint(w) -> rs.WebhookEndpoint:
    return rs.WebhookEndpoint(id=w.id, url=w.url, status="ACTIVE" if w.active else "DISABLED",
                              enabled_events=list(w.events))


def _refused(call, events):
    """The live 422 for names outside the allowed set: its body lists them (exact text not
    recorded; ours)."""
    unknown = webhooks.unknown_events(call.scope, events)
    if unknown:
        return wire.error(422, f"Invalid enabled_events: {', '.join(map(str, unknown))}. Allowed events: "
                               f"{', '.join(webhooks.event_names(call.scope))}")
    return None


def event_types(call):
    return wire.ok("Event types fetched successfully", list(webhooks.event_names(call.scope)))


def list_endpoints(call):
    return wire.ok("Webhook endpoints fetched successfully", [endpoint(w) for w in webhooks.webhooks_of(call.scope)])


def create_endpoint(call):
    b: rq.CreateWebhookEndpoint = call.body
    refused = _refused(call, b.enabled_events)
    if refused is not None:
        return refused
    w = webhooks.create(call.scope, b.url, b.enabled_events, None, field="enabled_events")
    return wire.ok("Webhook endpoint created successfully",
                   rs.WebhookEndpointCreated(**endpoint(w), secret=w.secret))


def update_endpoint(call):
    b: rq.UpdateWebhookEndpoint = call.body
    sent = set(call.raw_body or {})
    unknown = sorted(sent - set(rq.CHANGEABLE))
    changeable = ", ".join(rq.CHANGEABLE)
    if unknown:
        return wire.error(400, f"Unknown field(s): {', '.join(unknown)}. Changeable fields: {changeable}")
    if not sent & set(rq.CHANGEABLE) or all(getattr(b, f) is None for f in rq.CHANGEABLE):
        return wire.error(400, f"Nothing to update. Changeable fields: {changeable}")
    if b.enabled_events is not None:
        refused = _refused(call, b.enabled_events)
        if refused is not None:
            return refused
    active = None if b.status is None else b.status == "ACTIVE"
    w = webhooks.update(call.scope, call.path_params["id"], url=b.url, events=b.enabled_events, active=active,
                        field="enabled_events")
    return wire.ok("Webhook endpoint updated successfully", endpoint(w))
