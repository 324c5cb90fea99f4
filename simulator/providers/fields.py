"""Field types for request models whose rule JSON Schema can state: the rule is published in the
document (`pattern`, `enum`) and checked by the model, with the providers' wording, before the
handler runs. Both dialects use them, so a rule reads the same in both documents."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Any, Optional

from pydantic import BeforeValidator, Field
from pydantic_core import core_schema

from ..domain.mailboxes import (MAX_NAME, MAX_USERNAME, NOT_SPACE, PICTURE_PATTERN, SPACE, SPACES,  # noqa: F401
                                USERNAME_PATTERN, USERNAME_RULE)

# Patterns spell spaces out (SPACE, NOT_SPACE: exactly what str.strip() removes), never \s or \S,
# which mean other characters in a JSON Schema regex than in Python's.


@dataclass(frozen=True)
class Matches:
    """Annotated metadata: a string must match `pattern` (searched, as JSON Schema does). A
    failure answers `problem` after the field's name; `{value!r}` in it shows what was sent."""
    pattern: str
    problem: str

    def __get_pydantic_core_schema__(self, source: Any, handler) -> core_schema.CoreSchema:
        regex, problem = re.compile(self.pattern), self.problem

        def check(value):
            if isinstance(value, str) and not regex.search(value):
                raise ValueError(problem.format(value=value))
            return value

        return core_schema.no_info_after_validator_function(check, handler(source))

    def __get_pydantic_json_schema__(self, schema, handler) -> dict:
        out = handler(schema)
        out["pattern"] = self.pattern
        return out


@dataclass(frozen=True)
class OneOf:
    """Annotated metadata: a string must be one of `values` (published as `enum`); a failure
    answers `problem` (a provider's own sentence, e.g. Zapmail's 'Invalid app parameter...'); `{value!r}`
    in it shows what was sent."""
    values: tuple[str, ...]
    problem: str

    def __get_pydantic_core_schema__(self, source: Any, handler) -> core_schema.CoreSchema:
        allowed, problem = frozenset(self.values), self.problem

        def check(value):
            if value not in allowed:
                raise ValueError(problem.format(value=value))
            return value

        return core_schema.no_info_after_validator_function(check, handler(source))

    def __get_pydantic_json_schema__(self, schema, handler) -> dict:
        out = handler(schema)
        out["enum"] = list(self.values)
        return out


# Blank ("" or spaces only) is refused: a string with a character that is not a space.
NonBlank = Annotated[str, Matches(NOT_SPACE, "must not be empty")]


def non_blank(max_length: int) -> Any:
    """NonBlank of at most `max_length` characters (the length rule first, so its wording is a
    string's)."""
    return Annotated[str, Field(max_length=max_length), Matches(NOT_SPACE, "must not be empty")]

# An id the request names: empty is malformed (400); any other unknown id is a 404.
Id = Annotated[str, Field(min_length=1)]


def _blank_is_none(value: Any) -> Any:
    return (value.strip() or None) if isinstance(value, str) else value


# An optional id a list filters by: blank ("" or spaces, which the document allows) filters nothing.
FilterId = Annotated[Optional[str], BeforeValidator(_blank_is_none)]
# local@host.tld, surrounding spaces allowed (they are stripped).
_ADDRESS_PART = f"[^@{SPACES}]+"
Email = Annotated[str, Matches(rf"^{SPACE}*{_ADDRESS_PART}@{_ADDRESS_PART}\.{_ADDRESS_PART}{SPACE}*$",
                               "must be a valid email address")]
# A registrable name: dot-separated labels of letters, digits and inner hyphens, an alphabetic TLD
# (case, surrounding spaces and one trailing dot are forgiven, as the domain layer normalises them).
LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
DomainName = Annotated[str, Field(max_length=253),
                       Matches(rf"^{SPACE}*(?:{LABEL}\.)+[A-Za-z]{{1,63}}\.?{SPACE}*$", "invalid domain name: {value!r}")]
# An absolute http(s) URL (webhook targets, a site's destination).
HttpUrl = Annotated[str, Field(max_length=2000), Matches(rf"^{SPACE}*[Hh][Tt][Tt][Pp][Ss]?://[^/?#{SPACES}]",
                                                         "must be an absolute http(s) URL")]
# A domain or URL to forward to: no spaces, at least one dot.
ForwardTarget = Annotated[str, Matches(rf"^{SPACE}*{NOT_SPACE}*\.{NOT_SPACE}*{SPACE}*$", "must be a domain or URL")]


def _integral(value: Any) -> Any:
    return int(value) if isinstance(value, float) and value.is_integer() else value


def integer(**rules: Any) -> Any:
    """An integer with `rules` (ge, le...): 1.0 is one too (JSON Schema's integer), "1" is not."""
    return Annotated[int, Field(**rules), BeforeValidator(_integral)]


Int = integer()
# A mailbox's local part and a person's name, as the domain's rules have them.
Username = Annotated[str, Field(max_length=MAX_USERNAME), Matches(USERNAME_PATTERN, USERNAME_RULE)]
PersonName = non_blank(MAX_NAME)


def or_empty(pattern: str) -> str:
    """`pattern` (anchored with ^...$), or the empty string: for fields where "" means 'keep as is'."""
    return "^(?:" + pattern.removeprefix("^").removesuffix("$") + ")?$"


# In a change: "" keeps the current value.
NameChange = Annotated[str, Field(max_length=MAX_NAME), Matches(f"^$|{NOT_SPACE}", "must not be blank")]
UsernameChange = Annotated[str, Field(max_length=MAX_USERNAME), Matches(or_empty(USERNAME_PATTERN), USERNAME_RULE)]
PictureChange = Annotated[str, Matches(or_empty(PICTURE_PATTERN), "must be a valid URL or path")]


def examples(*bodies: Any, **config: Any) -> dict:
    """A model's config carrying example bodies (the document shows them; each must be valid). The
    model's docstring says where each example comes from."""
    extra = {**config.pop("json_schema_extra", {}), "examples": list(bodies)}
    return {"json_schema_extra": extra, **config}


def non_empty(item: Any, *, most: int | None = None) -> Any:
    """A list of `item` with at least one element (and at most `most`)."""
    return Annotated[list[item], Field(min_length=1, max_length=most)]
