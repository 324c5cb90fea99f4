"""Drift profiles: realistic ways a real API moves away from what we know of it, applied to the
simulator on purpose so that the contract suite can prove it notices (`serve --drift NAME`,
MAILSIM_DRIFT, or POST /_sim/drift {"profile": NAME|null}).

A profile is data: which operation(s) it touches and one change. The app asks the active
profile twice per request: `reject` before the handler runs (a new required request field),
and `transform` on the reply (everything else). With no profile active both are no-ops.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any, Iterator, Optional

from .core.dialect import Reply


@dataclass(frozen=True)
class Profile:
    name: str
    description: str
    provider: str
    operation: Optional[str]  # None: every operation of the provider
    kind: str
    params: dict = field(default_factory=dict)

    def touches(self, provider: str, operation: str) -> bool:
        return provider == self.provider and self.operation in (None, operation)


Z = "zapmail.v2."
PROFILES: dict[str, Profile] = {p.name: p for p in [
    Profile("renamed-field", "Retrieve User Details renames data.walletBalance to data.balance", "zapmail",
            Z + "users.get", "rename", {"at": "data", "old": "walletBalance", "new": "balance"}),
    Profile("changed-type", "Retrieve all workspaces sends data.currentWorkspace.domainCount as a number, "
            "not the documented string", "zapmail", Z + "workspaces.list", "retype",
            {"at": "data.currentWorkspace", "key": "domainCount", "to": "integer"}),
    Profile("missing-envelope-key", "Get all subscriptions drops `status` from its {status, message, data} "
            "envelope", "zapmail", Z + "subscriptions.list", "drop", {"at": "", "key": "status"}),
    Profile("wrong-status", "Create new workspace answers 201 instead of the documented 200", "zapmail",
            Z + "workspaces.create", "status", {"to": 201}),
    Profile("wrong-status-unknown-id", "Get Mailbox Details by ID answers an unknown id with 400 instead "
            "of 404", "zapmail", Z + "mailbox.get", "error-status", {"from": 404, "to": 400}),
    Profile("new-required-field", "Create new workspace requires a new body field `timezone`", "zapmail",
            Z + "workspaces.create", "require", {"field": "timezone"}),
    Profile("changed-enum", "Retrieve All Domains reports domain status in lower case (active, not ACTIVE)",
            "zapmail", Z + "domains.list", "enum", {"at": "data.domains[*]", "key": "status", "lower": True}),
    Profile("pagination-shape", "Retrieve All Mailboxes moves its page fields into data.pagination "
            "{page, limit, total}", "zapmail", Z + "mailbox.list", "pagination", {"at": "data"}),
    Profile("changed-error-body", "Every Zapmail error answers the framework default "
            "{statusCode, message, error} instead of {status, message, errorId}", "zapmail", None,
            "error-body", {}),
    Profile("litemail-renamed-field", "LiteMail Retrieve User Details renames data.fullName to data.name",
            "litemail", "litemail.users.get", "rename", {"at": "data", "old": "fullName", "new": "name"}),
    Profile("litemail-created-status", "LiteMail Create Tag answers 200 instead of 201", "litemail",
            "litemail.tags.create", "status", {"to": 200}),
]}


def _walk(body: Any, path: str) -> Iterator[Any]:
    """The objects at a dotted path; `name[*]` steps into every item of a list."""
    nodes = [body]
    for step in [s for s in path.split(".") if s]:
        each = step.endswith("[*]")
        key = step[:-3] if each else step
        nxt = []
        for node in nodes:
            if isinstance(node, dict) and key in node:
                value = node[key]
                if each and isinstance(value, list):
                    nxt.extend(value)
                elif not each:
                    nxt.append(value)
        nodes = nxt
    yield from (n for n in nodes if isinstance(n, dict))


def _retype(value: Any, to: str) -> Any:
    if to == "integer":
        try:
            return int(value)
        except (TypeError, ValueError):
            return 0
    return str(value)


def _apply(profile: Profile, reply: Reply) -> Reply:
    p, kind = profile.params, profile.kind
    if kind == "error-body":
        if reply.status >= 400 and isinstance(reply.body, dict):
            reply.body = {"statusCode": reply.status, "message": reply.body.get("message"),
                          "error": "Bad Request" if reply.status == 400 else "Error"}
        return reply
    if kind == "error-status":
        if reply.status == p["from"]:
            reply.status = p["to"]
            if isinstance(reply.body, dict) and "status" in reply.body:
                reply.body["status"] = p["to"]
        return reply
    if reply.status >= 400 or not isinstance(reply.body, dict):
        return reply
    if kind == "status":
        reply.status = p["to"]
        reply.body["status"] = p["to"]  # the envelope keeps mirroring the HTTP status
        return reply
    for node in _walk(reply.body, p.get("at", "")):
        if kind == "rename" and p["old"] in node:
            node[p["new"]] = node.pop(p["old"])
        elif kind == "retype" and p["key"] in node:
            node[p["key"]] = _retype(node[p["key"]], p["to"])
        elif kind == "drop":
            node.pop(p["key"], None)
        elif kind == "enum" and isinstance(node.get(p["key"]), str):
            node[p["key"]] = node[p["key"]].lower()
        elif kind == "pagination":
            total = node.pop("totalSearchedCount", None)
            page = node.pop("currentPage", None)
            node.pop("nextPage", None)
            pages = node.pop("totalPages", None)
            node["pagination"] = {"page": page, "total": total, "pages": pages}
    return reply


class DriftSwitch:
    """The simulator's active drift profile (none by default).

    The start profile is what a reset returns to: the one chosen at start-up (`set` before the
    control plane first changed it, as `serve --drift` does), or the one active when the start
    state was marked (`mark_start`). Changes made through the control plane (`change`) last until
    the next reset, so one test's drift never leaks into the next."""

    def __init__(self, name: Optional[str] = None):
        self.active: Optional[Profile] = None
        self.start: Optional[Profile] = None
        self._changed = False  # has the control plane changed it since start-up
        self.set(name)

    @staticmethod
    def _lookup(name: Optional[str]) -> Optional[Profile]:
        if name in (None, "", "none"):
            return None
        if name not in PROFILES:
            raise ValueError(f"unknown drift profile {name!r}; known: {', '.join(PROFILES)}")
        return PROFILES[name]

    def set(self, name: Optional[str]) -> Optional[Profile]:
        """Start-up configuration: until the control plane changes the profile, this is also
        the start profile."""
        self.active = self._lookup(name)
        if not self._changed:
            self.start = self.active
        return self.active

    def change(self, name: Optional[str]) -> Optional[Profile]:
        """A change through the control plane, undone by the next reset."""
        self.active = self._lookup(name)
        self._changed = True
        return self.active

    def mark_start(self) -> None:
        self.start, self._changed = self.active, False

    def reset(self) -> Optional[Profile]:
        self.active, self._changed = self.start, False
        return self.active

    def reject(self, dialect, route, body: Any) -> Optional[Reply]:
        """A reply refusing the request before the handler acts, or None."""
        prof = self.active
        if prof is None or prof.kind != "require" or not prof.touches(dialect.name, route.operation):
            return None
        if isinstance(body, dict) and prof.params["field"] in body:
            return None
        return dialect.error(400, f"{prof.params['field']} is required")

    def transform(self, dialect, route, reply: Optional[Reply]) -> Optional[Reply]:
        prof = self.active
        if prof is None or reply is None or route is None or not prof.touches(dialect.name, route.operation):
            return reply
        if reply.media_type == "application/json":
            reply = Reply(reply.status, copy.deepcopy(reply.body), reply.media_type, dict(reply.headers))
        return _apply(prof, reply)


def describe() -> list[dict]:
    return [{"name": p.name, "provider": p.provider, "operation": p.operation, "description": p.description}
            for p in PROFILES.values()]
