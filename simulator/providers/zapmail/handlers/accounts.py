"""users, workspaces, billing."""
from __future__ import annotations

from ....core.errors import Invalid
from ....core.pagination import paginate, parse_page_args
from ....domain import accounts
from .. import render, requests, wire


def get_user(call):
    return wire.ok("User details fetched successfully", render.user(call.scope))


def list_workspaces(call):
    """Live shape (infra-bot, coldstack): the caller's current workspace apart, the others
    paged in `workspaces`, with account-wide per-platform totals."""
    scope = call.scope
    page, limit = parse_page_args(call.query.get("page"), call.query.get("limit"))
    needle = (call.query.get("contains") or call.query.get("search") or "").strip().lower()
    visible = accounts.visible_workspaces(call.world, call.account)
    others = [w for w in visible if w.id != scope.workspace.id and needle in w.name.lower()]
    pg = paginate(others, page, limit)

    def owner_of(ws):
        return call.world.accounts[ws.owner_id]

    rows = [render.workspace_counts(owner_of(w), w) for w in visible]
    return wire.ok("Workspaces fetched successfully", {
        **render.page_fields(pg),
        "totalWorkspacesCount": len(visible),
        "totalDomainsCountGoogle": sum(int(r["domainCountGoogle"]) for r in rows),
        "totalDomainsCountMicrosoft": sum(int(r["domainCountMicrosoft"]) for r in rows),
        "totalPurchasedMailboxesCountGoogle": sum(int(r["totalMailboxesPurchasedGoogle"]) for r in rows),
        "totalPurchasedMailboxesCountMicrosoft": sum(int(r["totalMailboxesPurchasedMicrosoft"]) for r in rows),
        "currentWorkspace": render.workspace_counts(scope.owner, scope.workspace),
        "workspaces": [render.workspace_counts(owner_of(w), w) for w in pg.items],
    })


def _billing_attrs(model) -> dict:
    given = model.model_dump(exclude_unset=True)
    out = {}
    for wire_name, attr in render.BILLING_ATTRS.items():
        if wire_name in given:
            value = given[wire_name]
            if isinstance(value, str):
                value = value.strip()
                if not value and wire_name in type(model).model_fields and type(model).model_fields[wire_name].is_required():
                    raise Invalid(f"{wire_name} must not be empty", field=wire_name)
            out[attr] = value
    return out


def create_workspace(call):
    body = requests.parse(call, requests.CreateWorkspace)
    ws = accounts.create_workspace(call.scope, body.name, _billing_attrs(body.billingDetails))
    return wire.ok("Workspace created successfully", render.workspace_record(ws))


def update_workspace(call):
    body = requests.parse(call, requests.UpdateWorkspace)
    ws = accounts.rename_workspace(call.scope, body.id.strip(), body.name)
    return wire.ok("Workspace updated successfully", render.workspace_record(ws))


def _save_billing(call, message: str):
    body = requests.parse(call, requests.BillingFields)
    scope = call.scope
    accounts.set_billing(call.world, scope.owner, scope.workspace, _billing_attrs(body))
    return wire.ok(message, None)


def add_billing(call):
    return _save_billing(call, "Billing details added successfully")


def update_billing(call):
    return _save_billing(call, "Billing details updated successfully")
