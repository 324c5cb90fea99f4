"""Mailboxes: assignment to domains, provisioning on the clock, updates, removal, 2FA codes."""
from __future__ import annotations

import re
from typing import Optional

from ..core import scheduler, totp
from ..core.errors import Invalid, NotFound
from ..core.store import Account, World
from . import subscriptions
from .accounts import Scope
from .domains import get_domain, in_scope, mailbox_count, take_platform
from .models import Domain, Mailbox

MAILBOX_STATUSES = ("IN_PROGRESS", "ACTIVE", "FAILED")
# Email local part: letters, digits and . _ -; none of those three at either end or twice in a
# row (docs, Update mailbox and Assign New Mailboxes).
_USERNAME = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9]|[._-](?=[A-Za-z0-9]))*$")
MAX_USERNAME = 64
MAX_NAME = 100
EXPIRY = 30 * 24 * 3600


def check_username(value, field: str) -> str:
    if not isinstance(value, str) or not value:
        raise Invalid(f"{field} must be a non-empty string", field=field)
    if len(value) > MAX_USERNAME:
        raise Invalid(f"{field} must be at most {MAX_USERNAME} characters", field=field)
    if not _USERNAME.match(value):
        raise Invalid(f"{field} may contain only letters, digits and '.', '_' or '-', must not start or end with "
                      f"'.', '_' or '-', and must not contain two of them in a row", field=field)
    return value.lower()


def check_person_name(value, field: str, required: bool = True) -> Optional[str]:
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip():
        raise Invalid(f"{field} must be a non-empty string", field=field)
    if len(value) > MAX_NAME:
        raise Invalid(f"{field} must be at most {MAX_NAME} characters", field=field)
    return value.strip()


def mailboxes_in_scope(scope: Scope, domain_id: Optional[str] = None) -> list[Mailbox]:
    rows = [m for m in scope.owner.mailboxes.values() if m.workspace_id == scope.workspace.id
            and m.platform == scope.platform and (domain_id is None or m.domain_id == domain_id)]
    return sorted(rows, key=lambda m: (m.created_at, m.username))


def get_mailbox(scope: Scope, mailbox_id, field: str = "mailboxId") -> Mailbox:
    if not isinstance(mailbox_id, str) or not mailbox_id:
        raise Invalid(f"{field} must be a non-empty string", field=field)
    m = scope.owner.mailboxes.get(mailbox_id)
    # Mailbox reads answer for the x-service-provider platform only (GOOGLE by default):
    # observed live (infra-bot), as for the list.
    if m is None or m.workspace_id != scope.workspace.id or m.platform != scope.platform:
        raise NotFound("Mailbox not found", field=field)
    return m


def email_of(account: Account, m: Mailbox) -> str:
    return f"{m.username}@{account.domains[m.domain_id].name}"


# ---------------------------------------------------------------- assignment

def plan_assignment(scope: Scope, by_domain: dict) -> list[tuple[Domain, dict]]:
    """Validate a whole assignment (domain id -> list of specs) before anything is created."""
    if not isinstance(by_domain, dict) or not by_domain:
        raise Invalid("Body must be an object keyed by domain id, each with a non-empty array of mailboxes")
    limit = scope.world.settings["mailboxes_per_domain"]
    if scope.platform == "MICROSOFT" and any(m.status == "IN_PROGRESS" for m in mailboxes_in_scope(scope)):
        # Docs (Assign New Mailboxes): Microsoft refuses new mailboxes while earlier ones are
        # still being created.
        raise Invalid("Previously assigned Microsoft mailboxes are still being created; try again once they are active")
    plan = []
    for domain_id, specs in by_domain.items():
        d = get_domain(scope, domain_id, domain_id)
        if not in_scope(scope, d):
            raise Invalid(f"Domain {d.name} belongs to {d.platform}; send x-service-provider: {d.platform}", field=domain_id)
        if d.status != "ACTIVE":
            raise Invalid(f"Domain {d.name} is not active yet (status {d.status})", field=domain_id)
        if not isinstance(specs, list) or not specs:
            raise Invalid(f"{domain_id} must be a non-empty array of mailboxes", field=domain_id)
        taken = {m.username for m in scope.owner.mailboxes.values() if m.domain_id == d.id}
        for i, spec in enumerate(specs):
            where = f"{domain_id}[{i}]"
            if not isinstance(spec, dict):
                raise Invalid(f"{where} must be an object", field=where)
            first = check_person_name(spec.get("firstName"), f"{where}.firstName")
            last = check_person_name(spec.get("lastName"), f"{where}.lastName")
            user = check_username(spec.get("mailboxUsername"), f"{where}.mailboxUsername")
            dn = spec.get("domainName")
            if not isinstance(dn, str) or not dn:
                raise Invalid(f"{where}.domainName must be a non-empty string", field=f"{where}.domainName")
            if dn.strip().lower() != d.name:
                raise Invalid(f"{where}.domainName {dn} does not match domain {d.name}", field=f"{where}.domainName")
            if user in taken:
                raise Invalid(f"Mailbox {user}@{d.name} already exists", field=f"{where}.mailboxUsername")
            taken.add(user)
            plan.append((d, {"first": first, "last": last, "username": user}))
        if mailbox_count(scope.owner, d.id) + len(specs) > limit:
            raise Invalid(f"A domain can have at most {limit} mailboxes; {d.name} has "
                          f"{mailbox_count(scope.owner, d.id)} and {len(specs)} were requested", field=domain_id)
    free = subscriptions.purchased_slots(scope.owner, scope.workspace.id, scope.platform) - \
        subscriptions.used_slots(scope.owner, scope.workspace.id, scope.platform)
    if len(plan) > free:
        raise Invalid(f"Not enough mailbox slots: {len(plan)} requested, {max(free, 0)} available. "
                      f"Purchase more mailboxes first")
    return plan


def assign(scope: Scope, by_domain: dict) -> list[Mailbox]:
    plan = plan_assignment(scope, by_domain)
    return [create_mailbox(scope.world, scope.owner, d, scope.platform, **spec) for d, spec in plan]


def create_mailbox(world: World, account: Account, d: Domain, platform: str, *, first: str, last: str,
                   username: str, status: str = "IN_PROGRESS", mailbox_id: Optional[str] = None,
                   created_at: Optional[float] = None) -> Mailbox:
    now = world.now() if created_at is None else created_at
    take_platform(d, platform)
    ids = world.ids
    m = Mailbox(id=mailbox_id or ids.uuid(), workspace_id=d.workspace_id, domain_id=d.id, platform=platform,
                username=username, first_name=first, last_name=last, status=status, password=ids.password(),
                app_password=None, secret=None, recovery_email=f"recovery.{d.name}@{d.name}",
                created_at=now, updated_at=now, assigned_on=now, expire_on=now + EXPIRY)
    account.mailboxes[m.id] = m
    if status == "ACTIVE":
        _activate(world, account, m, now)
    else:
        due = now + world.settings["mailbox_activation_seconds"][platform]
        scheduler.schedule(account, due, "mailbox.activate", m.id)
    return m


def _activate(world: World, account: Account, m: Mailbox, at: float) -> None:
    """Credentials exist once the provider has created the user: app password and TOTP secret
    are null while IN_PROGRESS (observed fixture)."""
    m.status, m.updated_at = "ACTIVE", at
    m.app_password = world.ids.app_password() if m.platform == "GOOGLE" else None
    m.secret = world.ids.totp_secret()
    d = account.domains.get(m.domain_id)
    if d is not None and not d.admin_email:
        d.admin_email = f"admin@{d.name}"
        d.admin_password = world.ids.password()
        d.admin_secret = world.ids.totp_secret()


@scheduler.handler("mailbox.activate")
def _activate_due(world: World, account: Account, ref: str, due: float) -> None:
    m = account.mailboxes.get(ref)
    if m is not None and m.status == "IN_PROGRESS":
        _activate(world, account, m, due)


# ---------------------------------------------------------------- update

def plan_updates(scope: Scope, entries) -> list[tuple[list[Mailbox], dict]]:
    """Each entry targets a mailbox (mailboxId, or userId as its alias) or every mailbox of a
    domain (domainId). All entries are checked before any change is made."""
    if not isinstance(entries, list) or not entries:
        raise Invalid("mailboxData must be a non-empty array", field="mailboxData")
    plan, new_names = [], {}
    for i, e in enumerate(entries):
        where = f"mailboxData[{i}]"
        if not isinstance(e, dict):
            raise Invalid(f"{where} must be an object", field=where)
        ids = [k for k in ("mailboxId", "domainId", "userId") if e.get(k) not in (None, "")]
        if not ids:
            raise Invalid(f"{where} must contain one of mailboxId, domainId or userId", field=where)
        if "mailboxId" in ids or "userId" in ids:
            key = "mailboxId" if "mailboxId" in ids else "userId"
            targets = [get_mailbox(scope, e[key], f"{where}.{key}")]
        else:
            d = get_domain(scope, e["domainId"], f"{where}.domainId")
            if not in_scope(scope, d):
                # as Assign does: a domain's mailboxes live on its platform only
                raise Invalid(f"Domain {d.name} belongs to {d.platform}; send x-service-provider: {d.platform}",
                              field=f"{where}.domainId")
            targets = [m for m in scope.owner.mailboxes.values() if m.domain_id == d.id]
        change = {}
        for key, attr in (("firstName", "first_name"), ("lastName", "last_name")):
            if e.get(key) not in (None, ""):
                change[attr] = check_person_name(e[key], f"{where}.{key}")
        if e.get("username") not in (None, ""):
            user = check_username(e["username"], f"{where}.username")
            if len(targets) != 1:
                raise Invalid(f"{where}.username can only be set for a single mailbox", field=f"{where}.username")
            change["username"] = user
        pic = e.get("profilePicture")
        if pic not in (None, ""):
            if not isinstance(pic, str) or not re.match(r"^(https?://[^\s/]+\S*|/\S+)$", pic):
                raise Invalid(f"{where}.profilePicture must be a valid URL or path", field=f"{where}.profilePicture")
            change["profile_picture"] = pic
        remove_pic = e.get("removeProfilePicture")
        if remove_pic is not None and not isinstance(remove_pic, bool):
            raise Invalid(f"{where}.removeProfilePicture must be a boolean", field=f"{where}.removeProfilePicture")
        if remove_pic:
            change["profile_picture"] = None
        if "username" in change:
            m = targets[0]
            clash = any(o.domain_id == m.domain_id and o.id != m.id and
                        new_names.get(o.id, o.username) == change["username"] for o in scope.owner.mailboxes.values())
            if clash:
                raise Invalid(f"Mailbox {change['username']}@{scope.owner.domains[m.domain_id].name} already exists",
                              field=f"{where}.username")
            new_names[m.id] = change["username"]
        plan.append((targets, change))
    return plan


def update(scope: Scope, entries) -> list[Mailbox]:
    """Changes apply at once here (the real API processes them asynchronously)."""
    plan = plan_updates(scope, entries)
    touched = []
    for targets, change in plan:
        for m in targets:
            for attr, value in change.items():
                setattr(m, attr, value)
            m.updated_at = scope.now
            touched.append(m)
    return touched


# ---------------------------------------------------------------- removal

def _targets(scope: Scope, ids, *, empty_means_active: bool) -> list[Mailbox]:
    if ids is None:
        ids = []
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        raise Invalid("mailboxIds must be an array of strings", field="mailboxIds")
    if not ids:
        if not empty_means_active:
            raise Invalid("mailboxIds must be a non-empty array", field="mailboxIds")
        return [m for m in mailboxes_in_scope(scope) if m.status == "ACTIVE"]
    return [get_mailbox(scope, i, "mailboxIds") for i in dict.fromkeys(ids)]


def schedule_removal(scope: Scope, ids, remove: bool) -> list[Mailbox]:
    """Mark (or unmark) mailboxes to be dropped at the next subscription renewal; an empty list
    means every active mailbox (docs)."""
    targets = _targets(scope, ids, empty_means_active=True)
    for m in targets:
        m.scheduled_removal, m.updated_at = bool(remove), scope.now
    return targets


def remove_instantly(scope: Scope, ids) -> list[Mailbox]:
    """Queued for deletion now; the slots stay occupied until the next renewal (docs)."""
    targets = [m for m in _targets(scope, ids, empty_means_active=False) if not m.removal_queued]
    due = scope.now + scope.world.settings["instant_removal_seconds"]
    for m in targets:
        m.removal_queued, m.updated_at = True, scope.now
        scheduler.schedule(scope.owner, due, "mailbox.remove", m.id)
    return targets


@scheduler.handler("mailbox.remove")
def _remove_due(world: World, account: Account, ref: str, due: float) -> None:
    m = account.mailboxes.get(ref)
    if m is not None and m.removal_queued:
        delete_mailbox(account, m)
        subscriptions.hold_slots(account, m.workspace_id, m.platform, 1)


def delete_mailbox(account: Account, m: Mailbox) -> None:
    account.mailboxes.pop(m.id, None)


# ---------------------------------------------------------------- 2FA

def authenticator_code(scope: Scope, mailbox_id: Optional[str], domain_id: Optional[str]) -> dict:
    """A real TOTP code of the mailbox's secret (or, for a Microsoft domain, of its admin
    account), at the simulated time."""
    if mailbox_id:
        m = get_mailbox(scope, mailbox_id, "mailboxId")
        if not m.secret:
            raise Invalid("Mailbox is not active yet; no authenticator is set up", field="mailboxId")
        secret, email = m.secret, email_of(scope.owner, m)
    elif domain_id:
        d = get_domain(scope, domain_id, "domainId")
        if d.platform != "MICROSOFT":
            raise Invalid("domainId can only be used for Microsoft domains", field="domainId")
        if not d.admin_secret:
            raise NotFound(f"Admin mailbox not found for domain {d.id}")
        secret, email = d.admin_secret, d.admin_email
    else:
        raise Invalid("mailboxId or domainId is required", field="mailboxId")
    now = scope.now
    return {"code": totp.totp(secret, now), "expiresIn": totp.seconds_left(now), "email": email}
