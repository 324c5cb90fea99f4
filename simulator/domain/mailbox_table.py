"""An account's domains, mailboxes and DNS records by id, indexed as the hot paths read them.

A create checks the domain's count and taken usernames and the free subscription slots; `/users`
counts slots in use; a list page reads one page of domain groups and the slot's totals; adding a
domain reads its zone; a create or a purchase names a domain by its name. Scanning every mailbox,
record or domain of the account for each made those O(account). These tables keep, on every
insert and removal, the rows of each group (in the table's order): a mailbox's or record's domain,
a domain's name. The mailbox table also keeps each domain's usernames and, per (workspace,
platform) slot, the count of mailboxes, of each status and of ones scheduled for removal, and
which domains hold them.

A row's group (a mailbox's or record's domain, a domain's name), and a mailbox's workspace and
platform, never change once it exists, so inserts and removals are the only changes those indexes
follow (a domain's workspace does change, on a move: the name index leaves it out, and a lookup
filters the few domains of a name by workspace). A mailbox's status, removal flag and username do
change: the domain changes them through `set_status`, `set_scheduled` and `set_username`, never by
assigning the attribute (a test reads the source for such assignments, and for assignments to a
domain's name). A restored account is built from plain dicts, which Account turns into tables
(indexes rebuilt).
"""
from __future__ import annotations

import dataclasses
from operator import attrgetter
from types import MappingProxyType
from typing import Any, Callable, Iterable, Mapping

_EMPTY: Mapping[str, Any] = MappingProxyType({})


class GroupedTable(dict):
    """Rows by id, with each group's rows by id in the table's order; `_group_of` reads a row's
    group."""

    __slots__ = ("_groups",)
    _group_of: Callable[[Any], str]

    def __init__(self, items: Mapping[str, Any] | Iterable = ()) -> None:
        super().__init__()
        self._reset()
        for key, value in dict(items).items():
            self[key] = value

    def _reset(self) -> None:
        self._groups: dict[str, dict[str, Any]] = {}

    # ------------------------------------------------------------------ reads

    def group(self, group: str) -> Mapping[str, Any]:
        """The group's rows by id, in the table's order (read-only)."""
        rows = self._groups.get(group)
        return _EMPTY if rows is None else MappingProxyType(rows)

    # ------------------------------------------------------------------ changes

    def _add(self, key: str, row: Any) -> None:
        self._groups.setdefault(self._group_of(row), {})[key] = row

    def _drop(self, key: str, row: Any) -> None:
        group = self._group_of(row)
        rows = self._groups[group]
        del rows[key]
        if not rows:
            del self._groups[group]

    def __setitem__(self, key: str, row: Any) -> None:
        old = dict.get(self, key)
        dict.__setitem__(self, key, row)  # a replaced key keeps its place, in the dict and its group
        if old is None:
            self._add(key, row)
        elif self._group_of(old) == self._group_of(row):
            self._swap(key, old, row)
        else:
            self._drop(key, old)
            self._add(key, row)
            self._reorder(self._group_of(row))

    def _swap(self, key: str, old: Any, row: Any) -> None:
        self._groups[self._group_of(row)][key] = row

    def _reorder(self, group: str) -> None:
        """A row that joined a group under a key the table already had keeps the key's place in
        the table: its group is put back in the table's order (O(table); no path does this on
        a hot path)."""
        rows = self._groups[group]
        if len(rows) > 1:
            self._groups[group] = {key: row for key, row in dict.items(self) if key in rows}

    def __delitem__(self, key: str) -> None:
        row = dict.__getitem__(self, key)
        dict.__delitem__(self, key)
        self._drop(key, row)

    def pop(self, key: str, *default: Any) -> Any:
        if key in self:
            row = dict.pop(self, key)
            self._drop(key, row)
            return row
        if default:
            return default[0]
        raise KeyError(key)

    def popitem(self) -> tuple[str, Any]:
        key, row = dict.popitem(self)
        self._drop(key, row)
        return key, row

    def setdefault(self, key: str, default: Any = None) -> Any:
        if key not in self:
            self[key] = default
        return dict.__getitem__(self, key)

    def update(self, *args: Any, **kwargs: Any) -> None:
        for key, value in dict(*args, **kwargs).items():
            self[key] = value

    def clear(self) -> None:
        dict.clear(self)
        self._reset()

    def __ior__(self, other: Any) -> "GroupedTable":
        self.update(other)
        return self

    def __reduce__(self) -> tuple:
        """Copies and pickles rebuild the indexes from the rows. Rows of one dataclass travel as
        tuples of their fields: a pickle then names the class once, not once per row (a start
        state of 100,000 mailboxes is pickled, core/baseline.py)."""
        kinds = {type(row) for row in self.values()}
        kind = kinds.pop() if len(kinds) == 1 else None
        if kind is None or not dataclasses.is_dataclass(kind) or not all(f.init for f in dataclasses.fields(kind)):
            return (type(self), (dict(self),))
        names = [f.name for f in dataclasses.fields(kind)]
        return (_rebuild, (type(self), kind, [(key, tuple(getattr(row, n) for n in names))
                                              for key, row in self.items()]))


def _step(counts: dict, key: Any, step: int) -> None:
    left = counts.get(key, 0) + step
    if left:
        counts[key] = left
    else:
        del counts[key]


def _rebuild(table: type, kind: type, rows: list) -> GroupedTable:
    return table({key: kind(*values) for key, values in rows})


class DomainTable(GroupedTable):
    """Rows of the account's domains (mailboxes, DNS records), grouped by their domain."""

    __slots__ = ()
    _group_of = attrgetter("domain_id")
    in_domain = GroupedTable.group  # in_domain(domain_id): the domain's rows (one call less on hot paths)


class DnsTable(DomainTable):
    __slots__ = ()


class NameTable(GroupedTable):
    """An account's domains, grouped by name: a name may be held in several workspaces (fixtures
    load what they are given) or come back after its domain was removed."""

    __slots__ = ()
    _group_of = attrgetter("name")
    named = GroupedTable.group  # named(name): the domains with exactly this name


class _Slot:
    """One (workspace, platform): its mailbox counts and the domains holding its mailboxes."""

    __slots__ = ("count", "statuses", "scheduled", "domains", "ordered")

    def __init__(self) -> None:
        self.count = self.scheduled = 0
        self.statuses: dict[str, int] = {}  # status -> its mailboxes in this slot
        self.domains: dict[str, int] = {}  # domain id -> its mailboxes in this slot
        self.ordered: list[str] | None = None  # self.domains sorted by the reader's key, until they change


class MailboxTable(DomainTable):
    __slots__ = ("_slots", "_names")

    def _reset(self) -> None:
        super()._reset()
        self._slots: dict[tuple[str, str], _Slot] = {}
        self._names: dict[str, dict[str, int]] = {}  # domain id -> username -> its mailboxes

    # ------------------------------------------------------------------ reads

    def count(self, workspace_id: str, platform: str) -> int:
        slot = self._slots.get((workspace_id, platform))
        return 0 if slot is None else slot.count

    def count_status(self, workspace_id: str, platform: str, status: str) -> int:
        slot = self._slots.get((workspace_id, platform))
        return 0 if slot is None else slot.statuses.get(status, 0)

    def username_taken(self, domain_id: str, username: str) -> bool:
        return username in self._names.get(domain_id, ())

    def count_scheduled(self, workspace_id: str, platform: str) -> int:
        slot = self._slots.get((workspace_id, platform))
        return 0 if slot is None else slot.scheduled

    def count_in_workspace(self, workspace_id: str) -> int:
        return sum(s.count for (ws, _), s in self._slots.items() if ws == workspace_id)

    def domains_of(self, workspace_id: str, platform: str, key: Callable[[str], Any]) -> list[str]:
        """The ids of the domains holding the slot's mailboxes, sorted by key(domain id). The order
        is kept until a domain gains its first or loses its last mailbox of the slot, so key must
        read only what never changes on a domain (its creation time and name do not)."""
        slot = self._slots.get((workspace_id, platform))
        if slot is None:
            return []
        if slot.ordered is None:
            slot.ordered = sorted(slot.domains, key=key)
        return slot.ordered

    # ------------------------------------------------------------------ changes

    def set_status(self, m: Any, status: str) -> None:
        if dict.get(self, m.id) is m:
            statuses = self._slots[(m.workspace_id, m.platform)].statuses
            _step(statuses, m.status, -1)
            _step(statuses, status, 1)
        m.status = status

    def set_username(self, m: Any, username: str) -> None:
        if dict.get(self, m.id) is m:
            names = self._names[m.domain_id]
            _step(names, m.username, -1)
            _step(names, username, 1)
        m.username = username

    def set_scheduled(self, m: Any, scheduled: bool) -> None:
        if dict.get(self, m.id) is m and bool(m.scheduled_removal) != bool(scheduled):
            self._slots[(m.workspace_id, m.platform)].scheduled += 1 if scheduled else -1
        m.scheduled_removal = scheduled

    def _swap(self, key: str, old: Any, m: Any) -> None:
        super()._swap(key, old, m)
        self._count(old, -1)
        self._count(m, 1)

    def _add(self, key: str, m: Any) -> None:
        super()._add(key, m)
        self._count(m, 1)

    def _drop(self, key: str, m: Any) -> None:
        super()._drop(key, m)
        self._count(m, -1)

    def _count(self, m: Any, step: int) -> None:
        slot_key = (m.workspace_id, m.platform)
        slot = self._slots.get(slot_key)
        if slot is None:
            slot = self._slots[slot_key] = _Slot()
        slot.count += step
        _step(slot.statuses, m.status, step)
        slot.scheduled += step if m.scheduled_removal else 0
        names = self._names.setdefault(m.domain_id, {})
        _step(names, m.username, step)
        if not names:
            del self._names[m.domain_id]
        _step(slot.domains, m.domain_id, step)
        if slot.domains.get(m.domain_id, 0) == (1 if step > 0 else 0):  # a domain joined or left the slot
            slot.ordered = None
        if not slot.count:
            del self._slots[slot_key]
