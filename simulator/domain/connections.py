"""Connecting a domain the customer already owns: a connection request walks its statuses on
the clock and ends with an ACTIVE domain, or in a failure state.

Pipeline (order inferred from the documented and observed status lists):
PENDING -> CHECKING_IF_DOMAIN_IS_REGISTERED -> CHECKING_EXISTING_WORKSPACE_STATUS ->
CHECKING_NS_IN_WHOIS -> CHECKING_BLACKLISTED_STATUS -> SUCCESS.

How a name fails is chosen by its first label, so tests can reach each outcome:
  unregistered-*      -> DOMAIN_NOT_REGISTERED
  workspace-exists-*  -> WORKSPACE_ALREADY_EXISTS (only this prefix: accounts never see each other)
  ns-not-changed-*    -> NS_NOT_CHANGED, re-checked until ns_not_changed_final_seconds, then final
  blacklisted-*       -> BLACKLISTED_DOMAIN
  banned-*            -> BANNED_DOMAIN
"""
from __future__ import annotations

from typing import Optional

from ..core import scheduler
from ..core.errors import Invalid
from ..core.store import World
from .models import Account
from . import webhooks
from .accounts import Scope
from .domains import held_by, held_in, new_domain, normalise_name
from .models import ConnectionRequest, NameServerAssignment
from .settings import NAME_SERVERS

STATUSES = (
    "PENDING", "CHECKING_IF_DOMAIN_IS_REGISTERED", "DOMAIN_NOT_REGISTERED", "DOMAIN_ALREADY_REGISTERED",
    "CHECKING_EXISTING_WORKSPACE_STATUS", "WORKSPACE_ALREADY_EXISTS", "CHECKING_NS_IN_WHOIS", "NS_NOT_CHANGED",
    "CREATING_ZONE", "SUCCESS", "FAILED", "CHECKING_CLOUDFLARE_PERMISSIONS", "PERMISSION_REQUIRED",
    "ENABLE_DNS_SHIELD", "NS_VERIFIED", "CHECKING_BLACKLISTED_STATUS", "DOMAIN_ALREADY_CONNECTED",
    "BLACKLISTED_DOMAIN", "BANNED_DOMAIN",
)
IN_PROGRESS = ("PENDING", "CHECKING_IF_DOMAIN_IS_REGISTERED", "CHECKING_EXISTING_WORKSPACE_STATUS",
               "CHECKING_NS_IN_WHOIS", "CHECKING_BLACKLISTED_STATUS", "NS_NOT_CHANGED")
SUCCESS = ("SUCCESS", "DOMAIN_ALREADY_CONNECTED")
MAX_NAMES = 50
NS_NOT_CHANGED_FINAL_SECONDS = 48 * 3600

_NEXT = {
    "PENDING": "CHECKING_IF_DOMAIN_IS_REGISTERED",
    "CHECKING_IF_DOMAIN_IS_REGISTERED": "CHECKING_EXISTING_WORKSPACE_STATUS",
    "CHECKING_EXISTING_WORKSPACE_STATUS": "CHECKING_NS_IN_WHOIS",
    "CHECKING_NS_IN_WHOIS": "CHECKING_BLACKLISTED_STATUS",
    "CHECKING_BLACKLISTED_STATUS": "SUCCESS",
}


def in_progress(req: ConnectionRequest) -> bool:
    # NS_NOT_CHANGED keeps being re-checked until it turns final (no next retry).
    return req.status in IN_PROGRESS and not (req.status == "NS_NOT_CHANGED" and req.next_retry_on is None)


def failed(req: ConnectionRequest) -> bool:
    """Ended without connecting (a final failure state)."""
    return not in_progress(req) and req.status not in SUCCESS


def summary(reqs: list[ConnectionRequest]) -> str:
    """The overall state of a connect call: IN_PROGRESS while any name is running, then
    COMPLETED (all connected), FAILED (none) or COMPLETED_WITH_ERRORS (some)."""
    if any(in_progress(r) for r in reqs):
        return "IN_PROGRESS"
    bad = sum(1 for r in reqs if failed(r))
    return "COMPLETED" if not bad else "FAILED" if bad == len(reqs) else "COMPLETED_WITH_ERRORS"


def requests_of(scope: Scope) -> list[ConnectionRequest]:
    rows = [r for r in scope.owner.connection_requests.values()
            if r.workspace_id == scope.workspace.id and r.deleted_at is None]
    return sorted(rows, key=lambda r: (r.created_at, r.domain_name))


def check_names(names) -> list[str]:
    if not isinstance(names, list) or not names:
        raise Invalid("domainNames must be a non-empty array", field="domainNames")
    if len(names) > MAX_NAMES:
        raise Invalid(f"At most {MAX_NAMES} domains can be connected at once", field="domainNames")
    out = []
    for i, n in enumerate(names):
        name = normalise_name(n, f"domainNames[{i}]")
        if name not in out:
            out.append(name)
    return out


def connect(scope: Scope, names: list[str]) -> list[ConnectionRequest]:
    """Start a request per name, or report the existing one: calling again polls (Zapmail
    support). A failed request stays until it is removed, so a polling client sees the
    failure; removing it and connecting again starts over."""
    out = []
    for name in names:
        existing = next((r for r in reversed(requests_of(scope)) if r.domain_name == name), None)
        if existing is None:
            existing = _start(scope, name)
        out.append(existing)
    return out


def _start(scope: Scope, name: str) -> ConnectionRequest:
    now = scope.now
    req = ConnectionRequest(id=scope.world.ids.new(scope.owner.id_style), workspace_id=scope.workspace.id, user_id=scope.account.id,
                            domain_name=name, platform=scope.platform if scope.platform_explicit else None,
                            status="PENDING", created_at=now, updated_at=now,
                            current_name_servers=["ns1.registrar-parking.com", "ns2.registrar-parking.com"])
    owned = held_in(scope.owner, scope.workspace.id, name)
    if owned is not None:
        req.status, req.domain_id = "DOMAIN_ALREADY_CONNECTED", owned.id
    else:
        _next_step(scope.world, scope.owner, req, now)
    scope.owner.connection_requests[req.id] = req
    return req


def _next_step(world: World, account: Account, req: ConnectionRequest, now: float) -> None:
    req.next_retry_on = now + world.settings["connection_step_seconds"]
    scheduler.schedule(account, req.next_retry_on, "connection.step", req.id)


def _outcome(world: World, account: Account, req: ConnectionRequest) -> Optional[str]:
    """The failure a request meets at its current check, if any."""
    first = req.domain_name.split(".")[0]
    if req.status == "CHECKING_IF_DOMAIN_IS_REGISTERED" and first.startswith("unregistered-"):
        return "DOMAIN_NOT_REGISTERED"
    if req.status == "CHECKING_EXISTING_WORKSPACE_STATUS" and first.startswith("workspace-exists-"):
        return "WORKSPACE_ALREADY_EXISTS"
    if req.status in ("CHECKING_NS_IN_WHOIS", "NS_NOT_CHANGED") and first.startswith("ns-not-changed-"):
        return "NS_NOT_CHANGED"
    if req.status == "CHECKING_BLACKLISTED_STATUS":
        if first.startswith("blacklisted-"):
            return "BLACKLISTED_DOMAIN"
        if first.startswith("banned-"):
            return "BANNED_DOMAIN"
    return None


@scheduler.handler("connection.step")
@webhooks.reports("connection.status", lambda account, ref: account.connection_requests.get(ref))
def _step(world: World, account: Account, ref: str, due: float) -> None:
    req = account.connection_requests.get(ref)
    if req is None or req.deleted_at is not None or req.next_retry_on != due or not in_progress(req):
        return
    req.updated_at = due
    failure = _outcome(world, account, req)
    if failure == "NS_NOT_CHANGED":
        req.status = "NS_NOT_CHANGED"
        if due - req.created_at < NS_NOT_CHANGED_FINAL_SECONDS:
            _next_step(world, account, req, due)
        else:
            req.next_retry_on = None  # final after 24-48 h (Zapmail support)
        return
    if failure:
        req.status, req.next_retry_on = failure, None
        return
    nxt = _NEXT.get(req.status, "CHECKING_BLACKLISTED_STATUS" if req.status == "NS_NOT_CHANGED" else None)
    if nxt == "SUCCESS":
        # The account's own duplicate (bought, or connected in another workspace, while this
        # request ran) is refused: in this workspace it is already connected, elsewhere FAILED.
        own = held_by(account, req.domain_name)
        if own is not None:
            if own.workspace_id == req.workspace_id:
                req.status, req.domain_id = "DOMAIN_ALREADY_CONNECTED", own.id
            else:
                req.status = "FAILED"
            req.next_retry_on = None
            return
        d = new_domain(world, account, req.workspace_id, req.domain_name, platform=req.platform,
                       origin="connected", status="ACTIVE", created_at=due)
        # maskForwarding chosen when the name servers were fetched (legacy flow) carries over.
        ns = account.ns_assignments.get(req.domain_name)
        if ns is not None and ns.workspace_id == req.workspace_id:
            d.mask_forwarding = ns.mask_forwarding
        req.status, req.domain_id, req.next_retry_on = "SUCCESS", d.id, None
        req.current_name_servers = list(d.name_servers)
        return
    req.status = nxt
    if req.status == "CHECKING_NS_IN_WHOIS":
        req.current_name_servers = list(NAME_SERVERS)
    _next_step(world, account, req, due)


def remove(scope: Scope, names, statuses) -> int:
    """Drop matching requests that are not finished successfully."""
    wanted_names = set(check_names(names)) if names not in (None, []) else None
    if statuses not in (None, "", []):
        statuses = [statuses] if isinstance(statuses, str) else statuses
        bad = [s for s in statuses if s not in STATUSES]
        if bad:
            raise Invalid(f"status must be one of {', '.join(STATUSES)}", field="status")
        wanted_status = set(statuses)
    else:
        wanted_status = None
    if wanted_names is None and wanted_status is None:
        raise Invalid("domainNames must be a non-empty array", field="domainNames")
    targets = [r for r in requests_of(scope) if r.status not in SUCCESS
               and (wanted_names is None or r.domain_name in wanted_names)
               and (wanted_status is None or r.status in wanted_status)]
    for r in targets:
        r.deleted_at = scope.now
    return len(targets)


# ---------------------------------------------------------------- legacy name-server flow

def issue_name_servers(scope: Scope, name: str, mask_forwarding: bool) -> NameServerAssignment:
    existing = scope.owner.ns_assignments.get(name)
    if existing is None or existing.workspace_id != scope.workspace.id:
        existing = NameServerAssignment(domain_name=name, workspace_id=scope.workspace.id,
                                        name_servers=list(NAME_SERVERS[:2]), issued_at=scope.now,
                                        mask_forwarding=mask_forwarding)
        scope.owner.ns_assignments[name] = existing
    existing.mask_forwarding = mask_forwarding
    return existing


def issued(scope: Scope, name: str) -> Optional[NameServerAssignment]:
    """The name servers issued to this workspace for `name`, if any."""
    a = scope.owner.ns_assignments.get(name)
    return a if a is not None and a.workspace_id == scope.workspace.id else None


def has_propagated(scope: Scope, a: NameServerAssignment) -> bool:
    return scope.now - a.issued_at >= scope.world.settings["ns_propagation_seconds"] \
        and not a.domain_name.split(".")[0].startswith("ns-not-changed-")


def propagated(scope: Scope, name: str, field: str = "domainName") -> tuple[bool, NameServerAssignment]:
    """Whether the name servers issued for `name` count as propagated; none issued is a 400 (the
    caller must ask for them first)."""
    a = issued(scope, name)
    if a is None:
        raise Invalid(f"No name servers were issued for {name}; get them first (domains/name-servers)",
                      field=field)
    return has_propagated(scope, a), a
