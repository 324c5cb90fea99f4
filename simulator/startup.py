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
