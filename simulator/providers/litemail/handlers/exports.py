"""exports group, and Connect Inbox (first tree): both start an export job of the core, which
records it (part of the account's export history)."""
from __future__ import annotations

from ....core.errors import Invalid
from ....domain import exports
from .. import render, requests, wire
from ..requests import APPS, EXPORT_APPS
from .common import path_id


def csv_url(call, job):
    return f"{call.base_url}/_sim/exports/{job.csv_token}.csv" if job.csv_token else None


def _started(call, job):
    return wire.created("Mailboxes export started", render.export(job, csv_url(call, job)))


def export_mailboxes(call):
    body = requests.parse(call, requests.ExportMailboxes)
    return _started(call, exports.start_export(call.scope, body.model_dump(), EXPORT_APPS))


def connect_inboxes(call):
    """Connect inboxes to a platform = an export of the chosen mailboxes (every ACTIVE one when
    mailboxIds is left out) to one app. Serves both /v1/connect-inbox (first tree, documented
    path, body not shown) and /v1/exports/connect-inboxes (v3 tree, inferred)."""
    body = requests.parse(call, requests.ConnectInboxes)
    app = body.platform or body.app  # each already one of APPS
    if app is None:
        raise Invalid("platform is required", field="platform")
    spec = {"apps": [app], "ids": body.mailboxIds, "thirdPartyAccountId": body.thirdPartyAccountId}
    job = exports.start_export(call.scope, spec, APPS)
    return wire.created("Inboxes are being connected", render.export(job, None))


def add_account(call):
    body = requests.parse(call, requests.ThirdPartyAccount)
    acc = exports.add_account(call.scope, body.model_dump(), APPS)
    return wire.created("Third party account added successfully", render.third_party_account(acc))


def update_account(call):
    body = requests.parse(call, requests.ThirdPartyUpdate)
    change = body.model_dump(exclude_unset=True)
    acc = exports.update_account(call.scope, {**change, "accountId": path_id(call, "accountId")}, APPS)
    return wire.ok("Third party account updated successfully", render.third_party_account(acc))
