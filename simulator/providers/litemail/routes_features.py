"""LiteMail routes of the newer tree's own groups (tags, placement tests, dashboard, export
history, Cloudflare, webhooks, warmup analytics).

Method and path of each are exactly as shared/reference/litemail.yaml lists them (relative to
/v1); every one of them is `inferred` there (the docs sidebar names the operation, nothing shows
its method or path), so each can be moved with a routes-override file (routes.py).
"""
from __future__ import annotations

from . import requests as q
from . import requests_features as rq
from .handlers import (features_cloudflare as cloudflare, features_dashboard as dashboard,
                       features_export_history as export_history, features_placement as placement,
                       features_tags as tags, features_warmup as warmup, features_webhooks as webhooks)
from ...core.routing import READ, SPEND, WRITE, Paging
from .responses import (CloudflareSaved, CloudflareState, ExportRecord, IdOnly, Overview, PlacementTest, StatusCounts, Tag, WarmupReport, Webhook, created, envelope, ok, page_of)
from .routes import r

I = "inferred"

ROUTES = [
    # Mailboxes (v3 tree)
    r("mailboxes.warmup", "GET", "/mailboxes/warmup-analytics", warmup.warmup_analytics,
      "Get Warmup Analytics for Mailboxes", I,
      notes="?mailboxId= | ?domainId= | ?tagId=, ?days= (1-90); numbers grow with each ACTIVE mailbox's age", state="mailboxId, domainId and tagId name things of the workspace", kind=READ, ok=ok("WarmupAnswer", WarmupReport), query=q.WarmupQuery, paging=Paging("mailboxes", id="mailboxId")),
    # Tags
    r("tags.list", "GET", "/tags", tags.list_tags, "List Tags", I, kind=READ, ok=ok("TagsAnswer", page_of("TagsPage", "tags", Tag)), query=q.PageQuery, paging=Paging("tags")),
    r("tags.create", "POST", "/tags", tags.create_tag, "Create Tag", I, rq.CreateTag, state="the name is not taken in the workspace; the domainIds and mailboxIds exist; at most 200 tags", kind=WRITE, ok=created("TagCreated", Tag)),
    r("tags.update", "PUT", "/tags/{tagId}", tags.update_tag, "Update Tag", I, rq.UpdateTag,
      notes="domainIds / mailboxIds, when given, replace the set carrying the tag", state="the tag exists; the name is not taken; the domainIds and mailboxIds exist", kind=WRITE, ok=ok("TagAnswer", Tag)),
    r("tags.delete", "DELETE", "/tags/{tagId}", tags.delete_tag, "Delete Tag", I,
      notes="detaches the tag from every domain and mailbox", kind=WRITE, ok=ok("IdAnswer", IdOnly)),
    # Placement
    r("placement.list", "GET", "/placement-tests", placement.list_tests, "List Placement Tests", I, kind=READ, ok=ok("PlacementAnswer", page_of("PlacementPage", "placementTests", PlacementTest)), query=q.PlacementQuery, paging=Paging("placementTests")),
    r("placement.create", "POST", "/placement-tests", placement.create_test, "Create Placement Test", I,
      rq.CreatePlacementTest,
      notes="runs asynchronously: PENDING, then RUNNING, then COMPLETED with inbox/spam/missing counts per provider", state="the mailboxes exist and are ACTIVE", kind=SPEND, ok=created("PlacementCreated", PlacementTest)),
    # Dashboard
    r("dashboard.overview", "GET", "/dashboard/overview", dashboard.overview, "Get Dashboard Overview", I, kind=READ, ok=ok("OverviewAnswer", Overview)),
    r("dashboard.status_counts", "GET", "/dashboard/mailbox-status-counts", dashboard.status_counts,
      "Get Mailbox Status Counts", I, kind=READ, ok=ok("StatusCountsAnswer", StatusCounts)),
    # Export History
    r("export_history.list", "GET", "/export-history", export_history.list_history, "List Export History", I, kind=READ, ok=ok("ExportHistoryAnswer", page_of("ExportHistoryPage", "exports", ExportRecord)), query=q.ExportHistoryQuery, paging=Paging("exports")),
    r("export_history.create", "POST", "/export-history", export_history.create_record,
      "Create Export History Record", I, rq.CreateExportRecord, state="the mailboxIds exist in the workspace", kind=WRITE, ok=created("ExportRecordCreated", ExportRecord)),
    # Cloudflare
    r("cloudflare.get", "GET", "/cloudflare", cloudflare.get_cloudflare, "Get Cloudflare Credentials & Zones", I,
      notes="never echoes a stored secret in full", kind=READ, ok=ok("CloudflareAnswer", CloudflareState)),
    r("cloudflare.save", "POST", "/cloudflare", cloudflare.save_cloudflare, "Save Credentials or Connect Domain", I,
      rq.SaveCloudflare, state="credentialsId names stored credentials; Cloudflare accepts the token; at most 20 stored credentials", kind=WRITE, ok={200: envelope("CloudflareUpdatedAnswer", CloudflareSaved, 200),
                            201: envelope("CloudflareSavedAnswer", CloudflareSaved, 201)}),
    # Webhooks
    r("webhooks.list", "GET", "/webhooks", webhooks.list_webhooks, "List Registered Webhooks", I, kind=READ, ok=ok("WebhooksAnswer", page_of("WebhooksPage", "webhooks", Webhook)), query=q.PageQuery, paging=Paging("webhooks")),
    r("webhooks.create", "POST", "/webhooks", webhooks.create_webhook, "Register a New Webhook Endpoint", I,
      rq.CreateWebhook,
      notes="returns a signing secret once; deliveries are signed HMAC-SHA256 over the raw body", state="the url is not registered yet and its host is one the simulator may call (loopback, localhost, a single-label name, or the setting webhook_allowed_hosts); at most 20 webhooks", kind=WRITE, ok=created("WebhookCreated", Webhook)),
    r("webhooks.delete", "DELETE", "/webhooks/{webhookId}", webhooks.delete_webhook, "Delete a Webhook", I, kind=WRITE, ok=ok("IdAnswer", IdOnly)),
]
