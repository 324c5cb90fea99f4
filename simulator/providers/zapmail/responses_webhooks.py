"""Webhook endpoint answer shapes (observed reference: rows read as id, url, status,
enabled_events; secret only in the answer to create)."""
from __future__ import annotations

from typing import Literal

from typing_extensions import TypedDict

from .requests_webhooks import ENDPOINT_STATUSES
from .responses import FORBID


class WebhookEndpoint(TypedDict):
    __pydantic_config__ = FORBID
    id: str
    url: str
    status: Literal[ENDPOINT_STATUSES]
    enabled_events: list[str]


class WebhookEndpointCreated(WebhookEndpoint):
    __pydantic_config__ = FORBID
    secret: str  # shown once
