"""What a copy must not carry: secrets are replaced, and names are pseudonymised on request.

Replacements are generated, never derived from the original (a hash of a password is still a
password to crack); null stays null, so the copy's answers have the same shape. Pseudonyms are
derived from the original with a per-import salt: the same name maps to the same pseudonym
throughout one file (a domain and its mailboxes' addresses stay consistent), and not across files.
"""
from __future__ import annotations

import hashlib
import secrets
from typing import Optional

from ..core.ids import IdSource

# Keys of the fixture format whose values are secrets (mailbox and admin credentials, third-party
# account passwords); the importer writes generated values in their place.
SECRET_KEYS = frozenset({"password", "appPassword", "secret", "adminPassword", "adminSecret"})
# The same secrets as the providers' read answers name them (for comparing a copy with its source).
ANSWER_SECRET_KEYS = frozenset({"password", "appPassword", "secret", "newPassword", "totpSecret", "code"})


_FRESH = IdSource(seed=secrets.randbits(64))  # the simulator's own formats, from an unguessable seed


def new_secret(key: str, value) -> Optional[str]:
    if value is None:
        return None
    if key in ("secret", "adminSecret"):  # a TOTP secret, so authenticator codes still work
        return _FRESH.totp_secret()
    if key == "appPassword":
        return _FRESH.app_password()
    return _FRESH.password()


def replace_secrets(value):
    """A copy of a fixture document with every secret value replaced."""
    if isinstance(value, dict):
        return {k: new_secret(k, v) if k in SECRET_KEYS and not isinstance(v, (dict, list)) else replace_secrets(v)
                for k, v in value.items()}
    if isinstance(value, list):
        return [replace_secrets(v) for v in value]
    return value


class Pseudonyms:
    """Stable stand-ins for people's names, addresses, company details and domain names."""

    FIRST = ("Alex", "Sam", "Robin", "Jordan", "Casey", "Taylor", "Morgan", "Jamie", "Riley", "Avery")
    LAST = ("Smith", "Jones", "Brown", "Garcia", "Miller", "Davis", "Wilson", "Moore", "Clark", "Lewis")

    def __init__(self, salt: Optional[bytes] = None):
        self.salt = salt or secrets.token_bytes(16)
        self.domains: dict[str, str] = {}

    def _n(self, kind: str, value: str) -> int:
        return int.from_bytes(hashlib.blake2b(f"{kind}:{value}".encode(), key=self.salt, digest_size=6).digest(), "big")

    def first(self, value: Optional[str]) -> Optional[str]:
        return None if value is None else self.FIRST[self._n("first", value) % len(self.FIRST)]

    def last(self, value: Optional[str]) -> Optional[str]:
        return None if value is None else self.LAST[self._n("last", value) % len(self.LAST)]

    def text(self, kind: str, value: Optional[str]) -> Optional[str]:
        return None if value is None else f"{kind}-{self._n(kind, value) % 10**6:06d}"

    def domain(self, name: Optional[str]) -> Optional[str]:
        if name is None:
            return None
        if name not in self.domains:
            self.domains[name] = f"domain-{self._n('domain', name) % 10**8:08d}.test"
        return self.domains[name]

    def username(self, value: str) -> str:
        return f"user{self._n('user', value) % 10**6:06d}"

    def email(self, value: Optional[str]) -> Optional[str]:
        if value is None or "@" not in value:
            return self.text("email", value)
        local, _, host = value.rpartition("@")
        known = self.domains.get(host)
        return f"{self.username(local)}@{known or self.domain(host)}"
