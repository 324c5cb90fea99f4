"""Field types for request models, each carrying a rule the server enforces on one field's
shape, written once: the same pattern or bound goes into the published schema (so a client and
a schema-driven tester see the rule) and into the check that runs before the handler, with a
message that says the rule in words (a bare pattern mismatch would only say "is not valid").

Rules that need state (does this id exist, is the name taken, is there money) stay in the
domain: no schema can state them.
"""
from __future__ import annotations

import re
from typing import Annotated, Any, Optional

from pydantic import AfterValidator, ConfigDict, Field

NOT_BLANK = r"\S"
# An address: something, @, a host with a dot, no whitespace inside (surrounding blanks are
# trimmed by the rules that read it).
EMAIL = r"^\s*[^@\s]+@\S*\.\S*\s*$"
# A domain name as the domain normalises it: dot-separated labels of letters, digits and inner
# hyphens, an alphabetic TLD, any case, trailing dots and surrounding blanks ignored.
DOMAIN_NAME = r"^\s*(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{1,63}\.*\s*$"
# A mailbox's local part: letters and digits, single '.', '_' or '-' between them.
USERNAME = r"^[A-Za-z0-9]+(?:[._-][A-Za-z0-9]+)*$"
HEX_COLOR = r"^\s*#(?:[0-9A-Fa-f]{3}|[0-9A-Fa-f]{6})\s*$"
HTTP_URL = r"^\s*[Hh][Tt][Tt][Pp][Ss]?://[^/?#\s]"


def matching(pattern: str, message: str, **bounds: Any) -> Any:
    """A string that must match `pattern` (searched, as JSON Schema does), plus length bounds.
    The pattern is published as the schema's `pattern` and checked with this message."""
    compiled = re.compile(pattern)

    def check(value: str) -> str:
        if not compiled.search(value):
            raise ValueError(message)
        return value

    return Annotated[str, Field(json_schema_extra={"pattern": pattern}, **bounds), AfterValidator(check)]


def text(max_length: Optional[int] = None) -> Any:
    """A string with at least one non-blank character (and at most max_length characters)."""
    return matching(NOT_BLANK, "must not be blank", min_length=1, max_length=max_length)


def items(kind: Any = str, max_length: Optional[int] = None) -> Any:
    """A non-empty array (of at most max_length items)."""
    return Annotated[list[kind], Field(min_length=1, max_length=max_length)]


Email = matching(EMAIL, "must be a valid email address", max_length=254)
# a login at another service: only an @ is required there
LooseEmail = matching("@", "must be a valid email address", min_length=1, max_length=254)
DomainName = matching(DOMAIN_NAME, "must be a domain name such as example.com", max_length=253)
Username = matching(USERNAME, "may contain only letters, digits and '.', '_' or '-', must not start or end with "
                              "'.', '_' or '-', and must not contain two of them in a row", min_length=1, max_length=64)
HexColor = matching(HEX_COLOR, "must be a hex colour such as #FF5733")
HttpUrl = matching(HTTP_URL, "must be an absolute http(s) URL", max_length=2000)


def examples(*samples: dict, **extra: Any) -> ConfigDict:
    """A request model's config carrying example bodies (and other schema keywords, e.g.
    x-requires-one-of) for its published schema."""
    return ConfigDict(json_schema_extra={"examples": list(samples), **extra})
