"""Tags: named, coloured labels of a workspace that attach to domains and mailboxes.

A domain or mailbox holds the ids of its tags (`tag_ids`), so what a tag is attached to is read
from the resources themselves: deleting a tag detaches it everywhere, and a removed domain or
mailbox simply stops counting.
"""
from __future__ import annotations

import re
from typing import Iterable, Optional

from ..core.errors import Conflict, Invalid, NotFound, SimError
from .accounts import Scope
from .domains import listed_under
from .export_history import workspace_mailboxes
from .models import Domain, Mailbox, Tag
from .lookup import in_workspace

MAX_NAME = 50
MAX_TAGS = 200
MAX_TARGETS = 1000
_COLOR = re.compile(r"^#(?:[0-9A-Fa-f]{3}|[0-9A-Fa-f]{6})$")


def tags_of(scope: Scope) -> list[Tag]:
    rows = [t for t in scope.owner.tags.values() if t.workspace_id == scope.workspace.id]
    return sorted(rows, key=lambda t: t.created_at)  # stable: creation order on ties


def get_tag(scope: Scope, tag_id, field: str = "tagId") -> Tag:
    return in_workspace(scope, scope.owner.tags, tag_id, field, "Tag")


def check_name(scope: Scope, name, except_id: Optional[str] = None, *, field: str = "name",
               duplicate: type[SimError] = Invalid, taken: Iterable[str] = ()) -> str:
    """A stripped, bounded name no other tag of the workspace (nor `taken`, lower-cased) has;
    `duplicate` is how a clash is refused (a dialect's choice: 400 or 409)."""
    if not isinstance(name, str) or not name.strip():
        raise Invalid(f"{field} must be a non-empty string", field=field)
    name = name.strip()
    if len(name) > MAX_NAME:
        raise Invalid(f"{field} must be at most {MAX_NAME} characters", field=field)
    if name.lower() in taken or any(t.id != except_id and t.name.lower() == name.lower() for t in tags_of(scope)):
        raise duplicate(f"A tag named {name!r} already exists", field=field)
    return name


def check_color(color, field: str = "color") -> Optional[str]:
    if color is None:
        return None
    if not isinstance(color, str) or not _COLOR.match(color.strip()):
        raise Invalid(f"{field} must be a hex colour such as #FF5733", field=field)
    return color.strip().upper()


def _domains(scope: Scope, ids, field: str = "domainIds") -> Optional[list[Domain]]:
    """The workspace's domains named by `ids` (None: not given). Any platform: a tag is a
    workspace label."""
    if ids is None:
        return None
    if not isinstance(ids, list) or len(ids) > MAX_TARGETS:
        raise Invalid(f"{field} must be an array of at most {MAX_TARGETS} ids", field=field)
    out = {}
    for i, domain_id in enumerate(ids):
        d = scope.owner.domains.get(domain_id) if isinstance(domain_id, str) else None
        if d is None or d.workspace_id != scope.workspace.id:
            raise NotFound(f"Domain not found: {domain_id}", field=f"{field}[{i}]")
        out[d.id] = d
    return list(out.values())


def _mailboxes(scope: Scope, ids, field: str = "mailboxIds") -> Optional[list[Mailbox]]:
    if ids is None:
        return None
    if not isinstance(ids, list) or len(ids) > MAX_TARGETS:
        raise Invalid(f"{field} must be an array of at most {MAX_TARGETS} ids", field=field)
    return workspace_mailboxes(scope, ids, field)


def create(scope: Scope, name, color=None, domain_ids=None, mailbox_ids=None) -> Tag:
    """A new tag, attached at once to the domains and mailboxes named (all checked first)."""
    name = check_name(scope, name)
    color = check_color(color)
    domains = _domains(scope, domain_ids)
    boxes = _mailboxes(scope, mailbox_ids)
    if len(tags_of(scope)) >= MAX_TAGS:
        raise Invalid(f"A workspace can have at most {MAX_TAGS} tags", field="name")
    t = _new(scope, name, color)
    _attach(t, domains or [], t.created_at)
    _attach(t, boxes or [], t.created_at)
    return t


def _new(scope: Scope, name: str, color: Optional[str]) -> Tag:
    now = scope.now
    t = Tag(id=scope.world.ids.new(scope.owner.id_style), workspace_id=scope.workspace.id, name=name, color=color,
            created_at=now, updated_at=now)
    scope.owner.tags[t.id] = t
    return t


def create_many(scope: Scope, specs: list[tuple[str, Optional[str]]]) -> list[Tag]:
    """Several tags at once, (name, color) each, all checked before any is made; a name already
    in the workspace or twice in the batch is a conflict."""
    names: list[str] = []
    colors = []
    for i, (name, color) in enumerate(specs):
        names.append(check_name(scope, name, field=f"[{i}].name", duplicate=Conflict, taken={n.lower() for n in names}))
        colors.append(check_color(color, field=f"[{i}].color"))
    if len(tags_of(scope)) + len(names) > MAX_TAGS:
        raise Invalid(f"A workspace can have at most {MAX_TAGS} tags", field="[0].name")
    return [_new(scope, name, color) for name, color in zip(names, colors)]


def attach_to_domains(scope: Scope, tag_ids, domain_ids) -> list[Tag]:
    """Every tag named on every domain named (all looked up first; attaching twice is a no-op)."""
    found = [get_tag(scope, t, f"tagIds[{i}]") for i, t in enumerate(tag_ids)]
    targets = _domains(scope, domain_ids) or []
    for t in found:
        _attach(t, targets, scope.now)
    return found


def detach_from_domains(scope: Scope, tag_ids, targets: list[Domain]) -> None:
    """The tags named (None or empty: every tag) taken off the target domains."""
    drop = {get_tag(scope, t, f"tagIds[{i}]").id for i, t in enumerate(tag_ids or [])}
    now = scope.now
    for d in targets:
        kept = [i for i in d.tag_ids if i not in drop] if drop else []
        if kept != d.tag_ids:
            d.tag_ids, d.updated_at = kept, now


def update(scope: Scope, tag_id, *, name=None, color=None, domain_ids=None, mailbox_ids=None,
           color_given: bool = False) -> Tag:
    """Rename, recolour, and when domainIds / mailboxIds are given, make them the exact set of
    domains / mailboxes carrying the tag (an empty array detaches it from all)."""
    t = get_tag(scope, tag_id)
    new_name = check_name(scope, name, except_id=t.id) if name is not None else None
    new_color = check_color(color) if color_given else t.color
    domains = _domains(scope, domain_ids)
    boxes = _mailboxes(scope, mailbox_ids)
    now = scope.now
    if new_name is not None:
        t.name = new_name
    t.color = new_color
    if domains is not None:
        _replace(t, domains_with_tag(scope, t.id), domains, now)
    if boxes is not None:
        _replace(t, mailboxes_with_tag(scope, t.id), boxes, now)
    t.updated_at = now
    return t


def delete(scope: Scope, tag_id) -> Tag:
    t = get_tag(scope, tag_id)
    owner = scope.owner
    for item in [*owner.domains.values(), *owner.mailboxes.values()]:
        if t.id in item.tag_ids:
            item.tag_ids = [i for i in item.tag_ids if i != t.id]
    del owner.tags[t.id]
    return t


def _attach(t: Tag, items: list, now: float) -> None:
    for item in items:
        if t.id not in item.tag_ids:
            item.tag_ids = [*item.tag_ids, t.id]
            item.updated_at = now


def _replace(t: Tag, current: list, wanted: list, now: float) -> None:
    keep = {item.id for item in wanted}
    for item in current:
        if item.id not in keep:
            item.tag_ids = [i for i in item.tag_ids if i != t.id]
            item.updated_at = now
    _attach(t, wanted, now)


# ---------------------------------------------------------------- filters for list routes

def domains_with_tag(scope: Scope, tag_id, platform: Optional[str] = None) -> list[Domain]:
    """The workspace's domains carrying the tag (404 for an unknown tag), oldest first;
    `platform` narrows to domains of that mailbox platform (one without a platform yet lists
    under GOOGLE, as reads do)."""
    t = get_tag(scope, tag_id)
    rows = [d for d in scope.owner.domains.values() if d.workspace_id == scope.workspace.id and t.id in d.tag_ids
            and (platform is None or listed_under(d, platform))]
    return sorted(rows, key=lambda d: (d.created_at, d.name))


def mailboxes_with_tag(scope: Scope, tag_id, platform: Optional[str] = None,
                       include_domain_tags: bool = False) -> list[Mailbox]:
    """The workspace's mailboxes carrying the tag themselves (and, with include_domain_tags,
    those whose domain carries it), oldest first."""
    t = get_tag(scope, tag_id)
    owner = scope.owner

    def tagged(m: Mailbox) -> bool:
        if t.id in m.tag_ids:
            return True
        d = owner.domains.get(m.domain_id)
        return include_domain_tags and d is not None and t.id in d.tag_ids

    rows = [m for m in owner.mailboxes.values() if m.workspace_id == scope.workspace.id and tagged(m)
            and (platform is None or m.platform == platform)]
    return sorted(rows, key=lambda m: (m.created_at, m.username))


def has_tag(item, tag_id: str) -> bool:
    """For list handlers that filter rows they already hold (a domain or a mailbox)."""
    return tag_id in item.tag_ids
