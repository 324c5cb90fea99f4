"""Where a webhook delivery may go, decided on the address its host resolves to at delivery time.

The name check at registration (webhooks.host_allowed) cannot see that a single-label name such as
`metadata` resolves to a cloud metadata service, or that a name was re-pointed since. So every
attempt resolves the host and checks each address:
- link-local (169.254.0.0/16, fe80::/10, where cloud metadata services live), the known metadata
  addresses, unspecified, multicast and reserved addresses are refused, unless the host is listed
  by name or address in the allowed hosts (`--webhook-allow-host`; "*" does not count);
- loopback and private addresses (a test's receiver, a docker-compose network) are accepted;
- public addresses only when the allowed hosts contain "*".
Plain http is then sent to the checked address (the Host header keeps the name), so the name
cannot resolve elsewhere between the check and the request; https keeps the name for its
certificate, checked the same way just before.
"""
from __future__ import annotations

import ipaddress
import socket
from typing import Iterable, Optional
from urllib.parse import urlsplit, urlunsplit

METADATA = {ipaddress.ip_address(a) for a in ("169.254.169.254", "fd00:ec2::254", "100.100.100.200",
                                               "168.63.129.16", "169.254.170.2")}


class Refused(Exception):
    """The delivery must not go to this address; the message says why."""


def target(url: str, allowed: Iterable[str]) -> tuple[str, dict]:
    """The URL to send to and extra headers, after resolving and checking the host; raises
    Refused, or OSError when the name does not resolve (a retryable failure)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().rstrip(".")
    names = {str(h).lower().rstrip(".") for h in allowed}
    listed, anything = host in names, "*" in names
    port = parts.port or (443 if parts.scheme == "https" else 80)
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    addresses = [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]
    for address in addresses:
        reason = _refusal(address, listed or str(address) in names, anything)
        if reason:
            raise Refused(f"host {host} resolves to {address}, {reason}")
    if parts.scheme != "http" or not addresses:
        return url, {}
    first = addresses[0]
    literal = f"[{first}]" if first.version == 6 else str(first)
    netloc = literal + (f":{parts.port}" if parts.port else "")
    if parts.username or parts.password:
        return url, {}  # credentials in the URL: keep it as given
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment)), {"host": parts.netloc}


def _refusal(address, listed: bool, anything: bool) -> Optional[str]:
    mapped = getattr(address, "ipv4_mapped", None)
    address = mapped or address
    if listed:
        return None
    if address in METADATA or address.is_link_local:
        return "a link-local or metadata address (allow the host by name to send there)"
    if address.is_unspecified or address.is_multicast or address.is_reserved:
        return "an address webhooks are never sent to"
    if address.is_loopback or address.is_private:
        return None
    if anything:
        return None
    return "a public address (allow the host, or '*', to send there)"
