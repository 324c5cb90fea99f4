"""Builds accounts from fixture documents (the format of fixtures/default_world.json).

Times in a fixture are relative (`daysAgo`), so a world loaded today looks as fresh as the one
loaded yesterday. Statuses are taken as given: a mailbox seeded IN_PROGRESS becomes ACTIVE on
the clock like any other, a connection request seeded PENDING walks its statuses.
"""
from __future__ import annotations

from typing import Any, Optional

from ..core import scheduler
from ..core.errors import Invalid
from ..core.store import Account, World
from . import accounts, connections, dns, subscriptions
from .domains import new_domain, normalise_name
from .fixture_schema import check_entry
from .mailboxes import check_username, create_mailbox
from .models import PLATFORMS, ThirdPartyAccount

DAY = 24 * 3600

BILLING_KEYS = {"firstName": "first_name", "lastName": "last_name", "company": "company",
                "addressLineOne": "address_line_one", "addressLineTwo": "address_line_two",
                "addressLineThree": "address_line_three", "city": "city", "state": "state",
                "country": "country", "postalCode": "postal_code", "phoneCc": "phone_cc", "phone": "phone",
                "languagePreference": "language_preference"}


def _ago(world: World, spec: dict, key: str = "daysAgo") -> Optional[float]:
    days = spec.get(key)
    return None if days is None else world.now() - float(days) * DAY


def _platform(value: Any, where: str) -> Optional[str]:
    if value is None:
        return None
    if value not in PLATFORMS:
        raise Invalid(f"{where}: platform must be one of {', '.join(PLATFORMS)}")
    return value


def load_account(world: World, dialect: str, spec: dict, defaults: Optional[dict] = None) -> Account:
    """Create one account from a fixture entry; `defaults` fills what the entry leaves out."""
    if not isinstance(spec, dict):
        raise Invalid("an account fixture must be an object")
    spec = {**(defaults or {}), **spec}
    check_entry(spec)
    with world.lock:
        account = accounts.create_account(
            world, dialect, email=spec.get("email") or f"user{world.ids.hex(6)}@example.test",
            first_name=spec.get("firstName", "Test"), last_name=spec.get("lastName", "User"),
            password=spec.get("password"), wallet_balance=float(spec.get("walletBalance", 0)),
            api_key=spec.get("apiKey"), account_id=spec.get("id"), id_style=spec.get("idStyle", "uuid"),
            workspace_name=None, created_at=_ago(world, spec))
        try:
            primary = account.workspaces[account.primary_workspace_id]
            for i, ws_spec in enumerate(spec.get("workspaces") or [{}]):
                if i == 0 or ws_spec.get("primary"):
                    ws = primary
                    if ws_spec.get("name"):
                        ws.name = ws_spec["name"]
                    if ws_spec.get("id"):
                        del account.workspaces[ws.id]
                        ws.id = ws_spec["id"]
                        account.workspaces[ws.id] = ws
                        account.primary_workspace_id = ws.id
                else:
                    ws = accounts.new_workspace(world, account, ws_spec.get("name") or f"Workspace {i + 1}",
                                                workspace_id=ws_spec.get("id"))
                _load_workspace(world, account, ws, ws_spec)
            for extra in spec.get("apiKeys") or []:
                world.add_key(account, extra)
        except Exception:
            world.remove_account(account.id)
            raise
    return account


def load_into_account(world: World, account: Account, spec: dict) -> None:
    """Add a fixture entry's workspaces (with their domains, mailboxes...) and extra API keys to an
    existing account; a workspace the account already has (same id), or one marked primary, is
    filled in place."""
    check_entry(spec)
    with world.lock:
        for ws_spec in spec.get("workspaces") or []:
            ws = account.workspaces.get(ws_spec.get("id"))
            if ws is None and ws_spec.get("primary"):
                ws = account.workspaces[account.primary_workspace_id]
            if ws is None:
                ws = accounts.new_workspace(world, account, ws_spec.get("name") or f"Workspace {len(account.workspaces) + 1}",
                                            workspace_id=ws_spec.get("id"))
            _load_workspace(world, account, ws, ws_spec)
        for extra in spec.get("apiKeys") or []:
            world.add_key(account, extra)


def _load_workspace(world: World, account: Account, ws, spec: dict) -> None:
    if spec.get("billingDetails"):
        accounts.set_billing(world, account, ws, {BILLING_KEYS[k]: v for k, v in spec["billingDetails"].items()
                                                   if k in BILLING_KEYS})
    for member in spec.get("members") or []:
        ws.members[member["accountId"]] = member.get("role", "VIEWER")
    for sub in spec.get("subscriptions") or []:
        subscriptions.add_subscription(
            world, account, ws.id, _platform(sub.get("platform", "GOOGLE"), "subscription"),
            plan=sub["plan"], plan_key=sub.get("planKey", sub["plan"].lower()), price=sub.get("price", 0),
            quantity=int(sub["quantity"]), status=sub.get("status", "ACTIVE"),
            period_start=_ago(world, sub, "periodStartedDaysAgo"), created_at=_ago(world, sub))
    for d_spec in spec.get("domains") or []:
        _load_domain(world, account, ws, d_spec)
    for req in spec.get("connectionRequests") or []:
        scope = accounts.Scope(world, account, account, ws, _platform(req.get("platform"), "request") or "GOOGLE",
                               req.get("platform") is not None)
        connections.connect(scope, [normalise_name(req["domainName"])])
    for tp in spec.get("thirdPartyAccounts") or []:
        now = world.now()
        acc = ThirdPartyAccount(id=tp.get("id") or world.ids.new(account.id_style), workspace_id=ws.id, app=tp["app"],
                                email=tp["email"], password=tp.get("password") or world.ids.password(),
                                created_at=now, updated_at=now)
        account.third_party_accounts[acc.id] = acc


def _load_domain(world: World, account: Account, ws, spec: dict) -> None:
    name = normalise_name(spec["name"], "domain name")
    status = spec.get("status", "ACTIVE")
    created = _ago(world, spec)
    d = new_domain(world, account, ws.id, name, platform=_platform(spec.get("platform"), name),
                   origin=spec.get("origin", "purchased"), status=status, years=int(spec.get("years", 1)),
                   domain_id=spec.get("id"), created_at=created)
    if status == "PENDING" and d.origin == "purchased":
        scheduler.schedule(account, world.now() + world.settings["domain_registration_seconds"],
                           "domain.registered", d.id)
    d.forward_to = spec.get("forwardTo")
    d.forward_to_added = d.forward_to is not None
    d.dmarc_email = spec.get("dmarcEmail")
    d.dmarc_added = d.dmarc_email is not None
    d.forwarding_email = spec.get("forwardingEmail")
    d.catch_all_email = spec.get("catchAllEmail")
    d.auto_renew = bool(spec.get("autoRenew", False))
    for m_spec in spec.get("mailboxes") or []:
        m = create_mailbox(world, account, d, d.platform or _platform(m_spec.get("platform"), name) or "GOOGLE",
                           first=m_spec["firstName"], last=m_spec["lastName"],
                           username=check_username(m_spec["username"], "username"),
                           status=m_spec.get("status", "ACTIVE"), mailbox_id=m_spec.get("id"),
                           created_at=_ago(world, m_spec) or created)
        m.scheduled_removal = bool(m_spec.get("scheduledRemoval", False))
    for rec in spec.get("dnsRecords") or []:
        dns.add(world, account, d, [rec])
