"""Webhooks (Tier C of the reference: observed in public client code; zapmail.v2.webhooks.*).

Endpoints are the shared domain's webhooks; deliveries go through the one deliverer both
dialects use, in Zapmail's wire format (handlers/webhooks.py): signed X-Zapmail-Signature
t=<unix>,v1=<hex HMAC-SHA256 of "t.body">, retried with back-off (setting
webhook_retry_delays_seconds), every attempt listed at /_sim/webhooks/deliveries. The reference
shows no delete: PATCH status DISABLED stops an endpoint."""
from __future__ import annotations

from ...core.routing import READ, WRITE
from . import requests_webhooks as rq
from . import responses as shared
from . import responses_webhooks as rs
from .declare import O, ok, r
from .handlers import webhooks

URL = ("the url's host must be one the simulator may call (loopback, localhost, a single-label name, or the "
       "setting webhook_allowed_hosts) and not registered yet (400)")
EVENTS_422 = "an event name outside the published set is a 422 that lists them (live)"
LIVE_LIST = {200: {"status": 200, "message": "<not captured>", "data": []}}  # live, on two accounts

ROUTES = [
    r("GET", "/v2/webhook/events", webhooks.event_types, "zapmail.v2.webhooks.event_types", "Get event types",
      provenance=O, kind=READ, ok=ok("WebhookEventTypesAnswer", list[str]),
      notes="singular /webhook here (a client fixture asserts it); the answer is not captured: ours, the names "
            "an endpoint may subscribe to (the live 422's list)"),
    r("GET", "/v2/webhooks/endpoints", webhooks.list_endpoints, "zapmail.v2.webhooks.list_endpoints",
      "List webhook endpoints", provenance=O, kind=READ, ok=ok("WebhookEndpointsAnswer", list[rs.WebhookEndpoint]),
      examples=LIVE_LIST,
      notes="data [] live; row keys id, url, status, enabled_events (a client reads them); status values ours"),
    r("POST", "/v2/webhooks/endpoints", webhooks.create_endpoint, "zapmail.v2.webhooks.create_endpoint",
      "Create New Webhook Endpoint/Destination", provenance=O, kind=WRITE,
      ok={**ok("WebhookEndpointCreatedAnswer", rs.WebhookEndpointCreated), 422: shared.ErrorBody},
      body=rq.CreateWebhookEndpoint, notes="the signing secret is in this answer only",
      state=f"{URL}; at most 20 endpoints per workspace; {EVENTS_422}."),
    r("PATCH", "/v2/webhooks/endpoints/{id}", webhooks.update_endpoint, "zapmail.v2.webhooks.update_endpoint",
      "Update webhook endpoint", provenance=O, kind=WRITE,
      ok={**ok("WebhookEndpointAnswer", rs.WebhookEndpoint), 422: shared.ErrorBody}, body=rq.UpdateWebhookEndpoint,
      notes="body fields from a client's listing; the answer is not captured: ours, the endpoint",
      state=(f"id must name an endpoint of the workspace (404); a body naming no changeable field, or an unknown "
             f"one, is a 400 listing url, enabled_events, status; {URL}; {EVENTS_422}.")),
]
