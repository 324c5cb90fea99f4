"""Accounts, workspaces and the scope a request acts in."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from ..core.errors import Conflict, Forbidden, Invalid, NotFound
from ..core.store import World
from .models import Account
from .models import GOOGLE, PLATFORMS, BillingDetails, Workspace
from .wallet import money

ROLES = ("OWNER", "ADMIN", "EDITOR", "VIEWER")
# Billing fields a record must have (not blank); creating a workspace asks for more (docs, Create
# new workspace). Errors name them billing.<attribute>; each dialect maps that to its field.
BILLING_REQUIRED = ("first_name", "last_name", "address_line_one", "city", "country", "postal_code")
WORKSPACE_BILLING_REQUIRED = BILLING_REQUIRED + ("company", "state", "phone_cc", "phone", "language_preference")
MANAGING_ROLES = ("OWNER", "ADMIN")


@dataclass
class Scope:
    """Who is asking, in which workspace, about which mailbox platform."""
    world: World
    account: Account  # the caller
    owner: Account  # the account that owns the workspace (the caller unless shared with it)
    workspace: Workspace
    platform: str
    platform_explicit: bool

    @property
    def now(self) -> float:
        return self.world.now()


def create_account(world: World, dialect: str, *, email: str, first_name: str, last_name: str,
                   password: Optional[str] = None, wallet_balance: float = 0.0,
                   api_key: Optional[str] = None, account_id: Optional[str] = None,
                   workspace_name: Optional[str] = None, created_at: Optional[float] = None,
                   id_style: str = "uuid") -> Account:
    now = world.now()
    account = Account(
        id=account_id or world.ids.new(id_style), dialect=dialect, email=email, first_name=first_name,
        last_name=last_name, password=password or world.ids.password(), created_at=created_at or now,
        wallet_balance=money(wallet_balance), id_style=id_style,
    )
    with world.lock:
        if account.id in world.accounts:
            raise Conflict(f"Account {account.id} already exists")
        if api_key is not None and api_key in world.keys:  # checked before the account exists
            raise Conflict("API key already in use by another account")
        world.accounts[account.id] = account
        world.add_key(account, api_key)
        ws = new_workspace(world, account, workspace_name or f"{first_name}'s Workspace")
        account.primary_workspace_id = ws.id
    return account


def new_workspace(world: World, account: Account, name: str, *, workspace_id: Optional[str] = None) -> Workspace:
    now = world.now()
    ws = Workspace(id=workspace_id or world.ids.new(account.id_style), name=name, owner_id=account.id, created_at=now, updated_at=now)
    account.workspaces[ws.id] = ws
    return ws


def resolve_scope(world: World, account: Account, workspace_key: Optional[str], platform: Optional[str]) -> Scope:
    """The workspace key selects a workspace the caller owns or was given a role in: unknown ->
    404, a role below ADMIN -> 403 (v3 Team Management rules, applied to v2). The platform the
    request names is the one it acts on; reads default to GOOGLE (observed live). Errors name the
    field `platform` (a dialect maps it to its header)."""
    plat = (platform or "").strip().upper()
    if plat and plat not in PLATFORMS:
        raise Invalid(f"platform must be one of {', '.join(PLATFORMS)}", field="platform")
    key = (workspace_key or "").strip()
    owner, ws = account, None
    if not key:
        ws = account.workspaces[account.primary_workspace_id]
    elif key in account.workspaces:
        ws = account.workspaces[key]
    else:
        for other in world.accounts.values():
            shared = other.workspaces.get(key)
            if shared is not None and account.id in shared.members:
                if shared.members[account.id] not in MANAGING_ROLES:
                    raise Forbidden("You must be the owner or admin of this workspace to access this API")
                owner, ws = other, shared
                break
        if ws is None:
            raise NotFound("Workspace not found")
    if ws.deleted_at is not None:
        raise NotFound("Workspace not found")
    return Scope(world, account, owner, ws, plat or GOOGLE, bool(plat))  # positional: made on every request


def visible_workspaces(world: World, account: Account) -> list[Workspace]:
    own = [w for w in account.workspaces.values() if w.deleted_at is None]
    shared = [w for other in world.accounts.values() if other is not account
              for w in other.workspaces.values() if account.id in w.members and w.deleted_at is None]
    return own + shared


def create_workspace(scope: Scope, name: str, billing: dict) -> Workspace:
    name = _workspace_name(name)
    _ensure_unique_name(scope.account, name)
    billing = billing_values(billing, WORKSPACE_BILLING_REQUIRED)  # checked before anything is made
    ws = new_workspace(scope.world, scope.account, name)
    set_billing(scope.world, scope.account, ws, billing, WORKSPACE_BILLING_REQUIRED)
    return ws


def rename_workspace(scope: Scope, workspace_id: str, name: str) -> Workspace:
    name = _workspace_name(name)
    ws = scope.account.workspaces.get(workspace_id)
    if ws is None or ws.deleted_at is not None:
        raise NotFound("Workspace not found")
    _ensure_unique_name(scope.account, name, except_id=ws.id)
    ws.name = name
    ws.updated_at = scope.now
    return ws


def billing_values(fields: dict, required=BILLING_REQUIRED) -> dict:
    """Billing attributes with text stripped; a required one given blank is refused."""
    out = {}
    for attr, value in fields.items():
        if isinstance(value, str):
            value = value.strip()
            if not value and attr in required:
                raise Invalid(f"billing.{attr} must not be empty", field=f"billing.{attr}")
        out[attr] = value
    return out


def set_billing(world: World, account: Account, ws: Workspace, fields: dict, required=BILLING_REQUIRED) -> BillingDetails:
    """Add and Update both write the workspace's one billing record (an upsert, as the v3 docs
    state for both operations)."""
    fields = billing_values(fields, required)
    if ws.billing is None:
        ws.billing = BillingDetails(id=world.ids.new(account.id_style), workspace_id=ws.id, user_id=account.id,
                                    first_name="", last_name="")
    for key, value in fields.items():
        setattr(ws.billing, key, value)
    ws.updated_at = world.now()
    return ws.billing


def _workspace_name(name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise Invalid("name must not be empty", field="name")
    if len(name) > 100:
        raise Invalid("name must be at most 100 characters", field="name")
    return name


def _ensure_unique_name(account: Account, name: str, except_id: Optional[str] = None) -> None:
    for ws in account.workspaces.values():
        if ws.id != except_id and ws.deleted_at is None and ws.name.lower() == name.lower():
            raise Invalid("A workspace with this name already exists", field="name")
