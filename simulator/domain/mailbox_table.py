"""An account's mailboxes by id, indexed as the hot paths read them.

A create checks the domain's count and taken usernames and the free subscription slots; `/users`
counts slots in use. Scanning every mailbox of the account for each made those O(mailboxes).
This table keeps, on every insert and removal, the mailboxes of each domain (in insertion order)
and the count per (workspace, platform). A mailbox's domain, workspace and platform never change
once it exists, so inserts and removals are the only changes the indexes follow; a restored
account is built from a plain dict, which Account turns into a table (indexes rebuilt).
"""
from __future__ import annotations

from types import MappingProxyType
from typing import Any, Iterable, Mapping

_EMPTY: Mapping[str, Any] = MappingProxyType({})


class MailboxTable(dict):
    __slots__ = ("_by_domain", "_per_slot")

    def __init__(self, items: Mapping[str, Any] | Iterable = ()) -> None:
        super().__init__()
        self._by_domain: dict[str, dict[str, Any]] = {}
        self._per_slot: dict[tuple[str, str], int] = {}
        for key, value in dict(items).items():
            self[key] = value

    # ------------------------------------------------------------------ reads

    def in_domain(self, domain_id: str) -> Mapping[str, Any]:
        """The domain's mailboxes by id, in the order they were added (read-only)."""
        rows = self._by_domain.get(domain_id)
        return _EMPTY if rows is None else MappingProxyType(rows)

    def count(self, workspace_id: str, platform: str) -> int:
        return self._per_slot.get((workspace_id, platform), 0)

    def count_in_workspace(self, workspace_id: str) -> int:
        return sum(n for (ws, _), n in self._per_slot.items() if ws == workspace_id)

    # ------------------------------------------------------------------ changes

    def _add(self, key: str, m: Any) -> None:
        self._by_domain.setdefault(m.domain_id, {})[key] = m
        slot = (m.workspace_id, m.platform)
        self._per_slot[slot] = self._per_slot.get(slot, 0) + 1

    def _drop(self, key: str, m: Any) -> None:
        rows = self._by_domain[m.domain_id]
        del rows[key]
        if not rows:
            del self._by_domain[m.domain_id]
        slot = (m.workspace_id, m.platform)
        left = self._per_slot[slot] - 1
        if left:
            self._per_slot[slot] = left
        else:
            del self._per_slot[slot]

    def __setitem__(self, key: str, m: Any) -> None:
        if key in self:
            self._drop(key, dict.__getitem__(self, key))
        dict.__setitem__(self, key, m)
        self._add(key, m)

    def __delitem__(self, key: str) -> None:
        m = dict.__getitem__(self, key)
        dict.__delitem__(self, key)
        self._drop(key, m)

    def pop(self, key: str, *default: Any) -> Any:
        if key in self:
            m = dict.pop(self, key)
            self._drop(key, m)
            return m
        if default:
            return default[0]
        raise KeyError(key)

    def popitem(self) -> tuple[str, Any]:
        key, m = dict.popitem(self)
        self._drop(key, m)
        return key, m

    def setdefault(self, key: str, default: Any = None) -> Any:
        if key not in self:
            self[key] = default
        return dict.__getitem__(self, key)

    def update(self, *args: Any, **kwargs: Any) -> None:
        for key, value in dict(*args, **kwargs).items():
            self[key] = value

    def clear(self) -> None:
        dict.clear(self)
        self._by_domain.clear()
        self._per_slot.clear()

    def __ior__(self, other: Any) -> "MailboxTable":
        self.update(other)
        return self

    def __reduce__(self) -> tuple:  # copies and pickles rebuild the indexes from the items
        return (MailboxTable, (dict(self),))
