"""What keeps a web page (or anyone without the token) from driving the control plane.

A browser lets any page a developer opens send simple cross-site POSTs to 127.0.0.1, and a DNS
rebinding page can even read the answers. So /_sim calls must:
- carry the control token when one is configured (`--control-token`, MAILSIM_CONTROL_TOKEN), in
  `X-Control-Token` or `Authorization: Bearer`;
- name a Host that a rebinding page cannot: localhost, an IP address, a single-label name (a
  docker-compose service, the in-process client's "simulator"), or a configured name;
- come from no browser Origin, or from the simulator's own (its checkout page);
- send their JSON bodies as application/json, which a page cannot do without a CORS preflight
  (which the control plane never grants).
Pages behind links the provider APIs hand out (checkout, invoices, export files) are reached by
unguessable tokens in their URL and opened in a browser, so they need no control token.
"""
from __future__ import annotations

import hmac
import ipaddress
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional
from urllib.parse import urlsplit

TOKEN_HEADER = "x-control-token"
TOKEN_ENV = "MAILSIM_CONTROL_TOKEN"


class Refused(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status, self.message = status, message


@dataclass
class ControlGuard:
    token: Optional[str] = None
    host_names: frozenset = field(default_factory=frozenset)  # more names the Host header may carry
    fixtures_dir: Optional[Path] = None  # the only place POST /_sim/seed {"path"} may read from

    @classmethod
    def build(cls, token: Optional[str] = None, host_names: Iterable[str] = (),
              fixtures_dir: Optional[str] = None) -> "ControlGuard":
        return cls(token=token or None, host_names=frozenset(h.lower().rstrip(".") for h in host_names if h),
                   fixtures_dir=Path(fixtures_dir).resolve() if fixtures_dir else None)

    def check(self, headers, needs_token: bool = True) -> None:
        """Raise Refused unless the request may reach the control plane."""
        host = _hostname(headers.get("host", ""))
        if host is None or not self.host_allowed(host):
            raise Refused(403, "Host not allowed for the control plane: use localhost, an IP address, a "
                               "single-label name, or a name given with --control-host")
        origin = headers.get("origin")
        if origin is not None and not self._same_origin(origin, headers.get("host", "")):
            raise Refused(403, "Cross-origin requests to the control plane are refused")
        if needs_token and self.token is not None:
            given = headers.get(TOKEN_HEADER)
            auth = headers.get("authorization", "")
            if given is None and auth[:7].lower() == "bearer ":
                given = auth[7:].strip()
            if given is None or not hmac.compare_digest(given.encode(), self.token.encode()):
                raise Refused(401, f"The control plane needs the control token (header {TOKEN_HEADER})")

    def host_allowed(self, host: str) -> bool:
        if host == "localhost" or host in self.host_names or "." not in host and ":" not in host:
            return True
        try:
            ipaddress.ip_address(host)  # an address cannot be rebound to another by DNS
            return True
        except ValueError:
            return False

    def _same_origin(self, origin: str, host_header: str) -> bool:
        try:
            parts = urlsplit(origin)
        except ValueError:
            return False
        if parts.scheme not in ("http", "https") or not parts.netloc:
            return False  # "null" (sandboxed frames, files) included
        return parts.netloc.lower() == host_header.lower() or (parts.hostname or "") in self.host_names

    def fixture_path(self, path: str) -> Path:
        """The file `path` names inside the fixtures directory; refused anywhere else, without
        saying whether a file exists there."""
        if self.fixtures_dir is None:
            raise Refused(400, "seeding from a file needs a fixtures directory (--fixtures-dir or "
                               "MAILSIM_FIXTURES_DIR); send the document as \"fixture\" instead")
        target = (self.fixtures_dir / path).resolve()
        if not target.is_relative_to(self.fixtures_dir):
            raise Refused(400, "path must name a file inside the fixtures directory")
        if not target.is_file():
            raise Refused(400, f"no fixture file {path} in the fixtures directory")
        return target


def _hostname(host_header: str) -> Optional[str]:
    if not host_header:
        return None
    try:
        host = urlsplit("//" + host_header).hostname
    except ValueError:
        return None
    return host.rstrip(".") if host else None


def env_token() -> Optional[str]:
    return os.environ.get(TOKEN_ENV) or None
