"""Start-up of the command-line server: errors as one line and exit status 2 (never a
traceback), and the banner's keys masked unless they are the public demo keys."""
from __future__ import annotations

import sys
from typing import NoReturn

import orjson

EXIT_BAD_START = 2


class BadStart(SystemExit):
    """Exits with status 2; str() is the message (already printed on stderr)."""

    def __init__(self, message: str):
        super().__init__(EXIT_BAD_START)
        self.message = message

    def __str__(self) -> str:
        return self.message


def fail(message: str) -> NoReturn:
    line = f"mailbox-simulator: {one_line(message)}"
    print(line, file=sys.stderr, flush=True)
    raise BadStart(line)


def one_line(message: str) -> str:
    return " ".join(str(message).split())


def describe(exc: BaseException) -> str:
    text = one_line(str(exc))
    return text if text else type(exc).__name__


def public_keys() -> set:
    """The default world's demo keys: published in the README, so printed in full."""
    from .worldfile import default_world_path

    try:
        doc = orjson.loads(default_world_path().read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return set()
    return {a.get("apiKey") for a in doc.get("accounts", []) if isinstance(a, dict)}


def shown_key(key: str, public: set) -> str:
    """A configured key is a secret of the user's setup: only its first characters are shown."""
    if key in public:
        return key
    return key[:4] + "*" * 8 if len(key) >= 12 else "*" * 8


def bind(host: str, port: int):
    """The listening socket, bound here so that a port in use is a one-line start-up error, and
    with proto TCP so asyncio turns Nagle off (otherwise small answers wait ~40 ms for an ACK)."""
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except (OSError, OverflowError, ValueError) as exc:  # in use, no such address, port out of range
        sock.close()
        fail(f"cannot listen on {host}:{port}: {getattr(exc, 'strerror', None) or exc}")
    sock.set_inheritable(True)
    return sock
