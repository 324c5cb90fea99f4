"""Builds accounts from fixture documents (the format of fixtures/default_world.json).

Times in a fixture are relative (`daysAgo`), so a world loaded today looks as fresh as the one
loaded yesterday. Statuses are taken as given: a mailbox seeded IN_PROGRESS becomes ACTIVE on
the clock like any other, a connection request seeded PENDING walks its statuses.

A fixture may also pin what the simulator would otherwise generate (a copy of a real account,
`mailbox-simulator import`, does): ids, absolute ISO timestamps (`createdAt`, `expireOn`...),
credentials, name servers, DNS records (`replaceDnsRecords`: the zone is exactly the records
given), tags, connection requests. The keys each resource takes are in the EXACT_* tables.
"""
from __future__ import annotations

from typing import Any, Optional

from ..core import scheduler
from ..core.bulk import paused_gc
from ..core.clock import parse_iso
from ..core.errors import Invalid
from ..core.store import World
from .models import Account
from . import accounts, connections, dns, subscriptions
from .domains import held_in, new_domain, normalise_name
from .fixture_schema import check_entry
from .mailboxes import check_username, create_mailbox
from .models import PLATFORMS, ConnectionRequest, DnsRecord, Tag, ThirdPartyAccount

DAY = 24 * 3600

BILLING_KEYS = {"firstName": "first_name", "lastName": "last_name", "company": "company",
                "addressLineOne": "address_line_one", "addressLineTwo": "address_line_two",
                "addressLineThree": "address_line_three", "city": "city", "state": "state",
                "country": "country", "postalCode": "postal_code", "phoneCc": "phone_cc", "phone": "phone",
                "languagePreference": "language_preference"}


# fixture key -> attribute, for values a fixture may pin; attributes ending in _at / _on and the
# period bounds are ISO 8601 timestamps in the fixture.
EXACT_ACCOUNT = {"createdAt": "created_at", "autoRechargeEnabled": "auto_recharge_enabled",
                 "autoRechargeThreshold": "auto_recharge_threshold", "autoRechargeAmount": "auto_recharge_amount",
                 "paymentMethodSaved": "payment_method_saved"}
EXACT_WORKSPACE = {"createdAt": "created_at", "updatedAt": "updated_at"}
EXACT_BILLING = {"id": "id"}
EXACT_SUBSCRIPTION = {"cancelAtPeriodEnd": "cancel_at_period_end", "paymentFailureMessage": "payment_failure_message"}
EXACT_DOMAIN = {"updatedAt": "updated_at", "registeredOn": "registered_on", "expireOn": "expire_on",
                "nameServers": "name_servers", "dnsShieldEnabled": "dns_shield", "isWarmedUp": "is_warmed_up",
                "maskForwarding": "mask_forwarding", "forwardToAdded": "forward_to_added", "dmarcAdded": "dmarc_added",
                "adminEmail": "admin_email", "adminPassword": "admin_password", "adminSecret": "admin_secret",
                "tagIds": "tag_ids", "clientId": "client_id", "clientApp": "client_app"}
EXACT_MAILBOX = {"updatedAt": "updated_at", "assignedOn": "assigned_on", "expireOn": "expire_on",
                 "password": "password", "appPassword": "app_password", "secret": "secret",
                 "recoveryEmail": "recovery_email", "isWarmedUp": "is_warmed_up", "profilePicture": "profile_picture",
                 "activatedAt": "activated_at", "tagIds": "tag_ids"}
EXACT_THIRD_PARTY = {"createdAt": "created_at", "updatedAt": "updated_at"}
_TIMES = ("created_at", "updated_at", "registered_on", "expire_on", "assigned_on", "activated_at", "next_retry_on",
          "deleted_at", "period_start", "period_end")


def _time(value):
    if value is None or isinstance(value, (int, float)):
        return value
    try:
        return parse_iso(value)
    except (TypeError, ValueError):
        raise Invalid(f"{value!r} is not an ISO 8601 timestamp (2026-05-24T15:10:54.000Z)") from None


def _pin(obj, spec: dict, fields: dict) -> None:
    """Set the attributes `spec` pins (see the EXACT_* tables)."""
    for key, attr in fields.items():
        if key in spec:
            value = spec[key]
            setattr(obj, attr, _time(value) if attr in _TIMES else list(value) if isinstance(value, list) else value)


def _at(world: World, spec: dict, iso_key: str = "createdAt", days_key: str = "daysAgo") -> Optional[float]:
    """An absolute timestamp if the fixture pins one, else the relative `daysAgo` one."""
    return _time(spec[iso_key]) if spec.get(iso_key) is not None else _ago(world, spec, days_key)


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
    with paused_gc():
        check_entry(spec)
    with world.lock, paused_gc():
        account = accounts.create_account(
            world, dialect, email=spec.get("email") or f"user{world.ids.hex(6)}@example.test",
            first_name=spec.get("firstName", "Test"), last_name=spec.get("lastName", "User"),
            password=spec.get("password"), wallet_balance=float(spec.get("walletBalance", 0)),
            api_key=spec.get("apiKey"), account_id=spec.get("id"), id_style=spec.get("idStyle", "uuid"),
            workspace_name=None, created_at=_at(world, spec))
        try:
            _pin(account, spec, EXACT_ACCOUNT)
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
    with world.lock, paused_gc():
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
        billing = accounts.set_billing(world, account, ws, {BILLING_KEYS[k]: v for k, v in spec["billingDetails"].items()
                                                             if k in BILLING_KEYS})
        _pin(billing, spec["billingDetails"], EXACT_BILLING)
    _pin(ws, spec, EXACT_WORKSPACE)
    for t in spec.get("tags") or []:
        tag = Tag(id=t.get("id") or world.ids.new(account.id_style), workspace_id=ws.id, name=t["name"],
                  color=t.get("color"), created_at=_at(world, t) or world.now(), updated_at=_time(t.get("updatedAt")))
        account.tags[tag.id] = tag
    for member in spec.get("members") or []:
        ws.members[member["accountId"]] = member.get("role", "VIEWER")
    for sub in spec.get("subscriptions") or []:
        added = subscriptions.add_subscription(
            world, account, ws.id, _platform(sub.get("platform", "GOOGLE"), "subscription"),
            plan=sub["plan"], plan_key=sub.get("planKey", sub["plan"].lower()), price=sub.get("price", 0),
            quantity=int(sub["quantity"]), status=sub.get("status", "ACTIVE"),
            period_start=_at(world, sub, "periodStart", "periodStartedDaysAgo"), created_at=_at(world, sub),
            subscription_id=sub.get("id"), external_id=sub.get("externalId"), period_end=_time(sub.get("periodEnd")))
        _pin(added, sub, EXACT_SUBSCRIPTION)
    for d_spec in spec.get("domains") or []:
        _load_domain(world, account, ws, d_spec)
    for req in spec.get("connectionRequests") or []:
        if req.get("id"):
            _load_request(world, account, ws, req)
            continue
        scope = accounts.Scope(world, account, account, ws, _platform(req.get("platform"), "request") or "GOOGLE",
                               req.get("platform") is not None)
        connections.connect(scope, [normalise_name(req["domainName"])])
    for tp in spec.get("thirdPartyAccounts") or []:
        now = world.now()
        acc = ThirdPartyAccount(id=tp.get("id") or world.ids.new(account.id_style), workspace_id=ws.id, app=tp["app"],
                                email=tp["email"], password=tp.get("password") or world.ids.password(),
                                created_at=now, updated_at=now)
        _pin(acc, tp, EXACT_THIRD_PARTY)
        account.third_party_accounts[acc.id] = acc


def _load_request(world: World, account: Account, ws, spec: dict) -> None:
    """A connection request copied as it stands; one still in progress goes on from its next retry."""
    now = world.now()
    req = ConnectionRequest(id=spec["id"], workspace_id=ws.id, user_id=spec.get("userId") or account.id,
                            domain_name=normalise_name(spec["domainName"]), platform=spec.get("platform"),
                            status=spec.get("status", "PENDING"), created_at=_at(world, spec) or now,
                            updated_at=_time(spec.get("updatedAt")) or now, next_retry_on=_time(spec.get("nextRetryOn")),
                            current_name_servers=list(spec.get("currentNameServers") or []),
                            deleted_at=_time(spec.get("deletedAt")))
    own = held_in(account, ws.id, req.domain_name)
    req.domain_id = own.id if own is not None else None
    account.connection_requests[req.id] = req
    if connections.in_progress(req) and req.next_retry_on is not None:
        scheduler.schedule(account, req.next_retry_on, "connection.step", req.id)


def _load_domain(world: World, account: Account, ws, spec: dict) -> None:
    name = normalise_name(spec["name"], "domain name")
    status = spec.get("status", "ACTIVE")
    created = _at(world, spec)
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
                           created_at=_at(world, m_spec) or created)
        account.mailboxes.set_scheduled(m, bool(m_spec.get("scheduledRemoval", False)))
        _pin(m, m_spec, EXACT_MAILBOX)
    _pin(d, spec, EXACT_DOMAIN)
    if spec.get("replaceDnsRecords"):
        for rec in dns.records_of(account, d.id):
            del account.dns_records[rec.id]
    for rec in spec.get("dnsRecords") or []:
        if rec.get("id"):
            _load_record(world, account, d, rec)
        else:
            dns.add(world, account, d, [rec])


def _load_record(world: World, account: Account, d, spec: dict) -> None:
    """A DNS record copied as it stands (id, upstream id, times), after the usual checks."""
    checked = dns.check_record(spec, "dnsRecords[]")
    created = _at(world, spec) or world.now()
    rec = DnsRecord(id=spec["id"], domain_id=d.id, host=dns.relative_host(checked["host"], d.name),
                    value=checked["value"], record_type=checked["recordType"], priority=spec.get("priority"),
                    upstream_id=spec.get("upstreamId") or world.ids.hex(32), created_at=created,
                    updated_at=_time(spec.get("updatedAt")) or created)
    account.dns_records[rec.id] = rec
