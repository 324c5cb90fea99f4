"""users, workspaces, billing."""
from __future__ import annotations

from ....core.pagination import parse_page_args
from ....domain import accounts
from ...wire_fields import wire_fields
from .. import render, requests, wire


def get_user(call):
    return wire.ok("User details fetched successfully", render.user(call.scope))


def list_workspaces(call):
    page, limit = parse_page_args(call.args.page, call.args.limit)
    needle = (call.args.contains or call.args.search or "").strip().lower()
    return wire.ok("Workspaces fetched successfully",
                   render.workspaces_page(call.world, call.account, call.scope, needle, page, limit))


def _billing_attrs(model) -> dict:
    given = model.model_dump(exclude_unset=True)
    return {attr: given[wire_name] for wire_name, attr in render.BILLING_ATTRS.items() if wire_name in given}


_WIRE_BILLING = {f"billing.{attr}": wire_name for wire_name, attr in render.BILLING_ATTRS.items()}


def create_workspace(call):
    body = requests.parse(call, requests.CreateWorkspace)
    with wire_fields(lambda path: "billingDetails." + _WIRE_BILLING[path] if path in _WIRE_BILLING else None):
        ws = accounts.create_workspace(call.scope, body.name, _billing_attrs(body.billingDetails))
    return wire.ok("Workspace created successfully", render.workspace_record(ws))


def update_workspace(call):
    body = requests.parse(call, requests.UpdateWorkspace)
    ws = accounts.rename_workspace(call.scope, body.id.strip(), body.name)
    return wire.ok("Workspace updated successfully", render.workspace_record(ws))


def _save_billing(call, message: str):
    body = requests.parse(call, requests.BillingFields)
    scope = call.scope
    with wire_fields(_WIRE_BILLING.get):
        accounts.set_billing(call.world, scope.owner, scope.workspace, _billing_attrs(body))
    return wire.ok(message, None)


def add_billing(call):
    return _save_billing(call, "Billing details added successfully")


def update_billing(call):
    return _save_billing(call, "Billing details updated successfully")
