"""Export History group (newer tree; every route inferred)."""
from __future__ import annotations

from ....domain import export_history
from .. import render_features as render
from .. import requests_features as rq
from .. import wire
from .common import listing


def list_history(call):
    """Every export of the workspace and every manual record, newest first; ?status= filters."""
    rows = export_history.history(call.scope, call.args.status)
    return listing(call, "Export history fetched successfully", "exports", rows, render.export_record)


def create_record(call):
    body = rq.parse(call, rq.CreateExportRecord)
    job = export_history.record(call.scope, body.app, body.mailboxIds, body.status, body.note)
    return wire.created("Export history record created successfully", render.export_record(job))
