"""export group."""
from __future__ import annotations

from ....domain import exports
from .. import render, requests, wire

APPS, EXPORT_APPS = requests.APPS, requests.EXPORT_APPS


def csv_url(call, job) -> str | None:
    return f"{call.base_url}/_sim/exports/{job.csv_token}.csv" if job.csv_token else None


def export_mailboxes(call):
    body = requests.parse(call, requests.ExportMailboxes)
    job = exports.start_export(call.scope, body.model_dump(), EXPORT_APPS)
    return wire.ok("Mailboxes export is started. It may take sometime to export", render.export_started(job))


def export_status(call):
    job = exports.get_export(call.scope, call.args.exportId)
    return wire.ok("Export status fetched successfully", render.export_status(job, csv_url(call, job)))


def add_third_party(call):
    body = requests.parse(call, requests.ThirdPartyAccountBody)
    exports.add_account(call.scope, body.model_dump(), APPS)
    return wire.ok("Account added successfully", None)


def update_third_party(call):
    body = requests.parse(call, requests.UpdateThirdPartyAccount)
    exports.update_account(call.scope, body.model_dump(exclude_unset=True), APPS)
    return wire.ok("Account updated successfully", None)


def list_third_party(call):
    # a missing app is a 400 live (coldstack)
    rows = exports.accounts_of(call.scope, call.args.app)
    return wire.ok("Accounts fetched successfully", render.third_party_accounts(rows))
