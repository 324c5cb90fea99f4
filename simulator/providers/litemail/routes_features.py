"""LiteMail routes of the newer tree's own groups (tags, placement tests, dashboard, export
history, Cloudflare, webhooks, warmup analytics).

Method and path of each are exactly as shared/reference/litemail.yaml lists them (relative to
/v1); every one of them is `inferred` there (the docs sidebar names the operation, nothing shows
its method or path), so each can be moved with a routes-override file (routes.py).
"""
from __future__ import annotations

from . import requests_features as rq
from .handlers import (features_cloudflare as cloudflare, features_dashboard as dashboard,
                       features_export_history as export_history, features_placement as placement,
                       features_tags as tags, features_warmup as warmup, features_webhooks as webhooks)
from .routes import r

I = "inferred"

ROUTES = [
    # Mailboxes (v3 tree)
    r("mailboxes.warmup", "GET", "/mailboxes/warmup-analytics", warmup.warmup_analytics,
      "Get Warmup Analytics for Mailboxes", I,
      notes="?mailboxId= | ?domainId= | ?tagId=, ?days= (1-90); numbers grow with each ACTIVE mailbox's age"),
    # Tags
    r("tags.list", "GET", "/tags", tags.list_tags, "List Tags", I),
    r("tags.create", "POST", "/tags", tags.create_tag, "Create Tag", I, rq.CreateTag),
    r("tags.update", "PUT", "/tags/{tagId}", tags.update_tag, "Update Tag", I, rq.UpdateTag,
      notes="domainIds / mailboxIds, when given, replace the set carrying the tag"),
    r("tags.delete", "DELETE", "/tags/{tagId}", tags.delete_tag, "Delete Tag", I,
      notes="detaches the tag from every domain and mailbox"),
    # Placement
    r("placement.list", "GET", "/placement-tests", placement.list_tests, "List Placement Tests", I),
    r("placement.create", "POST", "/placement-tests", placement.create_test, "Create Placement Test", I,
      rq.CreatePlacementTest,
      notes="runs asynchronously: PENDING, then RUNNING, then COMPLETED with inbox/spam/missing counts per provider"),
    # Dashboard
    r("dashboard.overview", "GET", "/dashboard/overview", dashboard.overview, "Get Dashboard Overview", I),
    r("dashboard.status_counts", "GET", "/dashboard/mailbox-status-counts", dashboard.status_counts,
      "Get Mailbox Status Counts", I),
    # Export History
    r("export_history.list", "GET", "/export-history", export_history.list_history, "List Export History", I),
    r("export_history.create", "POST", "/export-history", export_history.create_record,
      "Create Export History Record", I, rq.CreateExportRecord),
    # Cloudflare
    r("cloudflare.get", "GET", "/cloudflare", cloudflare.get_cloudflare, "Get Cloudflare Credentials & Zones", I,
      notes="never echoes a stored secret in full"),
    r("cloudflare.save", "POST", "/cloudflare", cloudflare.save_cloudflare, "Save Credentials or Connect Domain", I,
      rq.SaveCloudflare),
    # Webhooks
    r("webhooks.list", "GET", "/webhooks", webhooks.list_webhooks, "List Registered Webhooks", I),
    r("webhooks.create", "POST", "/webhooks", webhooks.create_webhook, "Register a New Webhook Endpoint", I,
      rq.CreateWebhook,
      notes="returns a signing secret once; deliveries are signed HMAC-SHA256 over the raw body"),
    r("webhooks.delete", "DELETE", "/webhooks/{webhookId}", webhooks.delete_webhook, "Delete a Webhook", I),
]
