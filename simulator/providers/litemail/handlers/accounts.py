"""users, workspaces, billing, api keys."""
from __future__ import annotations

from ....core.errors import Unauthorized
from ....domain import accounts
from .. import render, requests, wire
from ..dialect import NAME
from .common import listing, path_id


def get_user(call):
    return wire.ok("User details fetched successfully", render.user(call.scope))


def list_workspaces(call):
    """Every workspace the key's account owns or was given a role in (the Zapmail rule)."""
    owner_of = call.world.accounts.__getitem__
    rows = accounts.visible_workspaces(call.world, call.account)
    primary = call.account.primary_workspace_id
    return listing(call, "Workspaces fetched successfully", "workspaces", rows,
                   lambda w: render.workspace(owner_of(w.owner_id), w, primary))


def _billing_attrs(model) -> dict:
    given = model.model_dump(exclude_unset=True)
    return {attr: (given[wire_name].strip() if isinstance(given[wire_name], str) else given[wire_name])
            for wire_name, attr in render.BILLING_ATTRS.items() if wire_name in given}


def create_workspace(call):
    body = requests.parse(call, requests.CreateWorkspace)
    ws = accounts.create_workspace(call.scope, body.name, _billing_attrs(body.billingDetails))
    return wire.created("Workspace created successfully",
                        render.workspace(call.account, ws, call.account.primary_workspace_id))


def update_workspace(call):
    body = requests.parse(call, requests.UpdateWorkspace)
    ws = accounts.rename_workspace(call.scope, path_id(call, "workspaceId"), body.name)
    return wire.ok("Workspace updated successfully",
                   render.workspace(call.account, ws, call.account.primary_workspace_id))


def add_billing(call):
    """An upsert of the workspace's one billing record (the core's rule); 201 as a create."""
    body = requests.parse(call, requests.Billing)
    scope = call.scope
    b = accounts.set_billing(call.world, scope.owner, scope.workspace, _billing_attrs(body))
    return wire.created("Billing details added successfully", render.billing(b))


def list_invoices(call):
    """Inferred: the account's payment links with an amount (top-ups, domain purchases),
    newest first, each a page of the simulator."""
    links = sorted((link for link in call.scope.owner.payment_links.values()
                    if link.amount > 0 and link.workspace_id == call.scope.workspace.id),
                   key=lambda link: link.created_at, reverse=True)
    return listing(call, "Invoices fetched successfully", "invoices", links,
                   lambda link: render.invoice(link, call.base_url))


# ---------------------------------------------------------------- api keys (first tree)

def login(world, body):
    """POST /v1/api-keys identifies the caller by email and password, not by a key."""
    creds = requests.validate_login(body)
    email = creds.email.strip().lower()
    for account in world.accounts.values():
        if account.dialect == NAME and account.email.lower() == email and account.password == creds.password:
            return account
    raise Unauthorized("Invalid email or password")


def generate_key(call):
    body = requests.parse(call, requests.Login)
    key = call.world.add_key(call.account, "lm_" + call.world.ids.token(32))
    return wire.created("API key generated successfully",
                        render.new_key(key, (body.name or "").strip() or None, call.account, call.world.now()))
