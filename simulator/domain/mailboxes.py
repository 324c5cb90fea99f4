"""Mailboxes: assignment to domains, provisioning on the clock, updates, removal, 2FA codes."""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from typing import Any, Optional

from ..core import scheduler, totp
from ..core.errors import Invalid, NotFound
from ..core.validate import text
from ..core.store import World
from .models import Account
from . import subscriptions, webhooks
from .accounts import Scope
from .domains import by_name, claimable, get_domain, mailbox_count, take_platform
from .models import Domain, Mailbox

MAILBOX_STATUSES = ("IN_PROGRESS", "ACTIVE", "FAILED")
# Email local part: letters, digits and . _ -; none of those three at either end or twice in a
# row (docs, Update mailbox and Assign New Mailboxes).
# Conflicting fact: the observed reference notes letters and single dots only (infra-bot); the
# docs' rule is kept because the issue names Update mailbox's documented username rules.
USERNAME_PATTERN = r"^[A-Za-z0-9]+(?:[._-][A-Za-z0-9]+)*$"
USERNAME_RULE = ("may contain only letters, digits and '.', '_' or '-', must not start or end with '.', '_' or '-', "
                 "and must not contain two of them in a row")
_USERNAME = re.compile(USERNAME_PATTERN)
MAX_USERNAME = 64
MAX_NAME = 100
# What str.strip() and Python's \s count as a space, written out: a JSON Schema regex (ECMA-262)
# gives \s another set, and a published pattern must mean what the server checks.
SPACES = "\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000"
SPACE, NOT_SPACE = f"[{SPACES}]", f"[^{SPACES}]"
# A profile picture is an http(s) URL or an absolute path.
PICTURE_PATTERN = rf"^(https?://[^{SPACES}/]+{NOT_SPACE}*|/{NOT_SPACE}+)$"
EXPIRY = 30 * 24 * 3600


def check_username(value, field: str) -> str:
    if not isinstance(value, str) or not value:
        raise Invalid(f"{field} must be a non-empty string", field=field)
    if len(value) > MAX_USERNAME:
        raise Invalid(f"{field} must be at most {MAX_USERNAME} characters", field=field)
    if not _USERNAME.match(value):
        raise Invalid(f"{field} {USERNAME_RULE}", field=field)
    return value.lower()


def check_person_name(value, field: str, required: bool = True) -> Optional[str]:
    return text(value, field, required=required, limit=MAX_NAME)


def mailboxes_in_scope(scope: Scope, domain_id: Optional[str] = None) -> list[Mailbox]:
    source = scope.owner.mailboxes.values() if domain_id is None else scope.owner.mailboxes.in_domain(domain_id).values()
    rows = [m for m in source if m.workspace_id == scope.workspace.id and m.platform == scope.platform]
    return sorted(rows, key=lambda m: (m.created_at, m.username))


def domains_with_mailboxes(scope: Scope, needle: str = "") -> tuple[list[str], dict[str, list[Mailbox]]]:
    """The ids of the scope's domains holding its mailboxes, by (creation, name), and their
    mailboxes (as mailboxes_in_scope orders them). Without a needle the order comes from the
    table's index and the mailboxes are read for the domains asked for only (`groups` fills on
    demand), so a page costs its own size; a needle (a piece of a domain name or an address)
    keeps the domains with a match and their matching mailboxes, a scan."""
    owner = scope.owner
    domains = owner.domains

    def order(i: str):
        return domains[i].created_at, domains[i].name

    if not needle:
        return (owner.mailboxes.domains_of(scope.workspace.id, scope.platform, order),
                _Groups(lambda i: mailboxes_in_scope(scope, i)))
    groups: dict[str, list[Mailbox]] = {}
    for m in mailboxes_in_scope(scope):
        d = domains[m.domain_id]
        if needle in d.name or needle in email_of(owner, m).lower():
            groups.setdefault(d.id, []).append(m)
    return sorted(groups, key=order), groups


class _Groups(dict):
    def __init__(self, read) -> None:
        super().__init__()
        self.read = read

    def __missing__(self, domain_id: str) -> list[Mailbox]:
        rows = self[domain_id] = self.read(domain_id)
        return rows


def get_mailbox(scope: Scope, mailbox_id, field: str = "mailboxId") -> Mailbox:
    if not isinstance(mailbox_id, str) or not mailbox_id:
        raise Invalid(f"{field} must be a non-empty string", field=field)
    m = scope.owner.mailboxes.get(mailbox_id)
    # Mailbox reads answer for the request's platform only (GOOGLE by default):
    # observed live (infra-bot), as for the list.
    if m is None or m.workspace_id != scope.workspace.id or m.platform != scope.platform:
        raise NotFound("Mailbox not found", field=field)
    return m


def email_of(account: Account, m: Mailbox) -> str:
    return f"{m.username}@{account.domains[m.domain_id].name}"


# ---------------------------------------------------------------- assignment

@dataclass(frozen=True)
class NewMailbox:
    """One mailbox to create. Its domain is named by id (an unknown id is a 404) or by name (an
    unknown name is a 400: the request is malformed for this account); given both, the name must
    be that domain's. Values arrive as the client sent them: every rule is checked here.

    Errors name the fields of entry i as mailboxes[i].domainId, .domainName, .username, .firstName
    and .lastName; each dialect maps these paths to its own field names."""
    username: Any
    first_name: Any
    last_name: Any
    domain_id: Optional[str] = None
    domain_name: Optional[str] = None


def at(where: str, key: str) -> str:
    """The path of `key` inside the entry written at `where`."""
    return f"{where}.{key}" if where else key


def _resolve_domains(scope: Scope, wanted: list[NewMailbox]) -> list[tuple[Domain, str]]:
    """Each entry's domain and the path of the field that named it. Unknown names are reported
    together; an unknown id is a 404 at once."""
    out, problems = [], []
    for i, w in enumerate(wanted):
        where = f"mailboxes[{i}]"
        if w.domain_id is not None:
            d = get_domain(scope, w.domain_id, at(where, "domainId"))
            if w.domain_name is not None:
                name_field = at(where, "domainName")
                if not isinstance(w.domain_name, str) or not w.domain_name:
                    raise Invalid(f"{name_field} must be a non-empty string", field=name_field)
                if w.domain_name.strip().lower() != d.name:
                    raise Invalid(f"{name_field} {w.domain_name} does not match domain {d.name}", field=name_field)
            out.append((d, at(where, "domainId")))
            continue
        field = at(where, "domainName")
        d = by_name(scope, w.domain_name)
        if d is None:
            if w.domain_name is None:
                field = at(where, "domainId")
                problems.append({"field": field, "message": f"{field} (or a domain name) is required"})
            else:
                problems.append({"field": field, "message": f"Domain {w.domain_name} not found in your account"})
            continue
        out.append((d, field))
    if problems:
        raise Invalid(problems[0]["message"], errors=problems)
    return out


def check_assignable(scope: Scope, d: Domain, field: str) -> None:
    """A domain can take new mailboxes when it is ACTIVE and on the request's platform (or on
    none yet)."""
    if not claimable(scope, d):
        raise Invalid(f"Domain {d.name} belongs to {d.platform}; send the {d.platform} platform", field=field)
    if d.status != "ACTIVE":
        raise Invalid(f"Domain {d.name} is not active yet (status {d.status})", field=field)


def plan_batch(scope: Scope, wanted: list[NewMailbox]) -> list[tuple[Domain, dict]]:
    """Validate every requested mailbox before anything is created (all or nothing): each
    entry's domain, names and username (every bad field is reported), then the per-domain limit
    and the free subscription slots."""
    if not wanted:
        raise Invalid("mailboxes must be a non-empty array", field="mailboxes")
    located = _resolve_domains(scope, wanted)
    for d, field in located:
        check_assignable(scope, d, field)
    if scope.platform == "MICROSOFT" and scope.owner.mailboxes.count_status(scope.workspace.id, scope.platform,
                                                                          "IN_PROGRESS"):
        # Docs (Assign New Mailboxes): Microsoft refuses new mailboxes while earlier ones are
        # still being created.
        raise Invalid("Previously assigned Microsoft mailboxes are still being created; try again once they are active")
    limit = scope.world.settings["mailboxes_per_domain"]
    plan, problems, taken, asked = [], [], {}, {}  # taken: usernames of this batch, per domain
    for i, (w, (d, domain_field)) in enumerate(zip(wanted, located)):
        if d.id not in taken:
            taken[d.id] = set()
            asked[d.id] = [domain_field, 0]
        asked[d.id][1] += 1
        values, bad = {}, []
        for key, check, value, name in (("first", check_person_name, w.first_name, "firstName"),
                                        ("last", check_person_name, w.last_name, "lastName"),
                                        ("username", check_username, w.username, "username")):
            try:
                values[key] = check(value, name)
            except Invalid:
                # checked again under the entry's full path, which its message names (rare: a
                # valid value, the common case, needs no path)
                try:
                    check(value, at(f"mailboxes[{i}]", name))
                except Invalid as exc:
                    bad += exc.errors
        if "username" in values and (values["username"] in taken[d.id]
                                     or scope.owner.mailboxes.username_taken(d.id, values["username"])):
            field = at(f"mailboxes[{i}]", "username")
            bad.append({"field": field, "message": f"Mailbox {values['username']}@{d.name} already exists"})
        if bad:
            problems += bad
            continue
        taken[d.id].add(values["username"])
        plan.append((d, values))
    if problems:
        raise Invalid(problems[0]["message"], errors=problems)
    for d_id, (field, count) in asked.items():
        d = scope.owner.domains[d_id]
        if mailbox_count(scope.owner, d_id) + count > limit:
            raise Invalid(f"A domain can have at most {limit} mailboxes; {d.name} has "
                          f"{mailbox_count(scope.owner, d_id)} and {count} were requested", field=field)
    free = subscriptions.free_slots(scope.owner, scope.workspace.id, scope.platform)
    if len(plan) > free:
        raise Invalid(f"Not enough mailbox slots: {len(plan)} requested, {max(free, 0)} available. "
                      f"Purchase more mailboxes first")
    return plan


def create_batch(scope: Scope, wanted: list[NewMailbox]) -> list[Mailbox]:
    """Create every requested mailbox, or none (see plan_batch)."""
    return [create_mailbox(scope.world, scope.owner, d, scope.platform, **spec) for d, spec in plan_batch(scope, wanted)]


def create_mailbox(world: World, account: Account, d: Domain, platform: str, *, first: str, last: str,
                   username: str, status: str = "IN_PROGRESS", mailbox_id: Optional[str] = None,
                   created_at: Optional[float] = None) -> Mailbox:
    now = world.now() if created_at is None else created_at
    take_platform(world, account, d, platform)
    # shared strings, not one copy per mailbox: a world of 100,000 mailboxes holds them all
    status, first = sys.intern(status), sys.intern(first)
    ids = world.ids
    m = Mailbox(id=mailbox_id or ids.new(account.id_style), workspace_id=d.workspace_id, domain_id=d.id, platform=platform,
                username=username, first_name=first, last_name=last, status=status, password=ids.password(),
                app_password=None, secret=None, recovery_email=sys.intern(f"recovery.{d.name}@{d.name}"),
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
    account.mailboxes.set_status(m, "ACTIVE")
    m.updated_at, m.activated_at = at, at
    m.app_password = world.ids.app_password() if m.platform == "GOOGLE" else None
    m.secret = world.ids.totp_secret()
    d = account.domains.get(m.domain_id)
    if d is not None and not d.admin_email:
        d.admin_email = f"admin@{d.name}"
        d.admin_password = world.ids.password()
        d.admin_secret = world.ids.totp_secret()
    webhooks.emit(world, account, "mailbox.status", m, at, previous="IN_PROGRESS")


# A mailbox whose username starts with this ends FAILED at its activation time instead of
# ACTIVE (credentials stay null), so tests can reach the documented failure deterministically;
# a retry of its creation (retries.py) succeeds.
FAIL_PREFIX = "fail-"


@scheduler.handler("mailbox.activate")
def _activate_due(world: World, account: Account, ref: str, due: float) -> None:
    m = account.mailboxes.get(ref)
    if m is None or m.status != "IN_PROGRESS":
        return
    if m.username.startswith(FAIL_PREFIX) and not m.retries:
        account.mailboxes.set_status(m, "FAILED")
        m.updated_at = due
        webhooks.emit(world, account, "mailbox.status", m, due, previous="IN_PROGRESS")
        return
    _activate(world, account, m, due)


# ---------------------------------------------------------------- update

@dataclass(frozen=True)
class MailboxChange:
    """One change: its target is a mailbox (mailbox_id) or every mailbox of a domain (domain_id).
    A value left None or "" keeps the current one; remove_profile_picture clears the picture.
    Errors name the fields of change i as changes[i].mailboxId, .domainId, .firstName,
    .lastName, .username, .profilePicture, .removeProfilePicture (each dialect maps them)."""
    mailbox_id: Any = None
    domain_id: Any = None
    first_name: Any = None
    last_name: Any = None
    username: Any = None
    profile_picture: Any = None
    remove_profile_picture: Any = None


def _given(value) -> bool:
    return value not in (None, "")


def plan_updates(scope: Scope, changes: list[MailboxChange]) -> list[tuple[list[Mailbox], dict]]:
    """All changes are checked before any is made."""
    if not changes:
        raise Invalid("changes must be a non-empty array", field="changes")
    plan, new_names = [], {}
    for i, c in enumerate(changes):
        where = f"changes[{i}]"
        if _given(c.mailbox_id):
            targets = [get_mailbox(scope, c.mailbox_id, at(where, "mailboxId"))]
        elif _given(c.domain_id):
            d = get_domain(scope, c.domain_id, at(where, "domainId"))
            if not claimable(scope, d):
                # as assignment does: a domain's mailboxes live on its platform only
                raise Invalid(f"Domain {d.name} belongs to {d.platform}; send the {d.platform} platform",
                              field=at(where, "domainId"))
            targets = list(scope.owner.mailboxes.in_domain(d.id).values())
        else:
            raise Invalid(f"{where} must name a mailbox (mailboxId) or a domain (domainId)", field=where)
        change = {}
        for value, attr, name in ((c.first_name, "first_name", "firstName"), (c.last_name, "last_name", "lastName")):
            if _given(value):
                change[attr] = check_person_name(value, at(where, name))
        if _given(c.username):
            user = check_username(c.username, at(where, "username"))
            if len(targets) != 1:
                raise Invalid(f"{at(where, 'username')} can only be set for a single mailbox", field=at(where, "username"))
            change["username"] = user
        if _given(c.profile_picture) and c.remove_profile_picture is not True:  # removal ignores it (docs)
            if not isinstance(c.profile_picture, str) or not re.match(PICTURE_PATTERN, c.profile_picture):
                raise Invalid(f"{at(where, 'profilePicture')} must be a valid URL or path", field=at(where, "profilePicture"))
            change["profile_picture"] = c.profile_picture
        if c.remove_profile_picture is not None and not isinstance(c.remove_profile_picture, bool):
            field = at(where, "removeProfilePicture")
            raise Invalid(f"{field} must be a boolean", field=field)
        if c.remove_profile_picture:
            change["profile_picture"] = None
        if "username" in change:
            m = targets[0]
            clash = any(o.id != m.id and new_names.get(o.id, o.username) == change["username"]
                        for o in scope.owner.mailboxes.in_domain(m.domain_id).values())
            if clash:
                raise Invalid(f"Mailbox {change['username']}@{scope.owner.domains[m.domain_id].name} already exists",
                              field=at(where, "username"))
            new_names[m.id] = change["username"]
        plan.append((targets, change))
    return plan


def update(scope: Scope, changes: list[MailboxChange]) -> list[Mailbox]:
    """Changes apply at once here (the real API processes them asynchronously)."""
    plan = plan_updates(scope, changes)
    touched = []
    for targets, change in plan:
        for m in targets:
            for attr, value in change.items():
                if attr == "username":  # the table indexes usernames
                    scope.owner.mailboxes.set_username(m, value)
                else:
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
        scope.owner.mailboxes.set_scheduled(m, bool(remove))
        m.updated_at = scope.now
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
        delete_mailbox(account, m, world, due)
        subscriptions.hold_slots(account, m.workspace_id, m.platform, 1)


def delete_mailbox(account: Account, m: Mailbox, world: Optional[World] = None, at: Optional[float] = None) -> None:
    """Gone for good; subscribers hear of it when the world is given (every lifecycle caller)."""
    account.mailboxes.pop(m.id, None)
    if world is not None: webhooks.emit(world, account, "mailbox.removed", m, at, previous=m.status)  # noqa: E701


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
