"""Field types for request models whose rule JSON Schema can state: the rule is published in the
document (`pattern`, `enum`) and checked by the model, with the providers' wording, before the
handler runs. Both dialects use them, so a rule reads the same in both documents."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import Field
from pydantic_core import core_schema

from ..domain.mailboxes import MAX_NAME, MAX_USERNAME, PICTURE_PATTERN, USERNAME_PATTERN, USERNAME_RULE


# Whitespace as Python sees it (str.isspace, str.strip, and `\s` in re): the domain trims and
# tests blanks so. JSON Schema's `\s` (ECMA-262) differs (it lacks U+001C-U+001F and U+0085, and
# has U+FEFF), so a pattern says `\s` / `\S` and both the document and the check get this class.
SPACE = "\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000"


def explicit_space(pattern: str) -> str:
    r"""`pattern` with `\s` and `\S` spelled as SPACE, so Python and JSON Schema agree on it."""
    out, i, in_class = [], 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\" and i + 1 < len(pattern):
            nxt = pattern[i + 1]
            if nxt == "s":
                out.append(SPACE if in_class else f"[{SPACE}]")
            elif nxt == "S" and not in_class:
                out.append(f"[^{SPACE}]")
            elif nxt == "S":
                raise ValueError(f"\\S inside a character class: {pattern}")
            else:
                out.append(pattern[i:i + 2])
            i += 2
            continue
        in_class = (c == "[") or (in_class and c != "]")
        out.append(c)
        i += 1
    return "".join(out)


@dataclass(frozen=True)
class Matches:
    """Annotated metadata: a string must match `pattern` (searched, as JSON Schema does). A
    failure answers `problem` after the field's name; `{value!r}` in it shows what was sent."""
    pattern: str
    problem: str

    def __get_pydantic_core_schema__(self, source: Any, handler) -> core_schema.CoreSchema:
        regex, problem = re.compile(explicit_space(self.pattern)), self.problem

        def check(value):
            if isinstance(value, str) and not regex.search(value):
                raise ValueError(problem.format(value=value))
            return value

        return core_schema.no_info_after_validator_function(check, handler(source))

    def __get_pydantic_json_schema__(self, schema, handler) -> dict:
        out = handler(schema)
        out["pattern"] = explicit_space(self.pattern)
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
NonBlank = Annotated[str, Matches(r"\S", "must not be empty")]
# An id the request names: empty is malformed (400); any other unknown id is a 404.
Id = Annotated[str, Field(min_length=1)]
# local@host.tld, surrounding spaces allowed (they are stripped).
Email = Annotated[str, Matches(r"^\s*[^@\s]+@[^@\s]+\.[^@\s]+\s*$", "must be a valid email address")]
# A registrable name: dot-separated labels of letters, digits and inner hyphens, an alphabetic TLD
# (case, surrounding spaces and one trailing dot are forgiven, as the domain layer normalises them).
LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
DomainName = Annotated[str, Field(max_length=253),
                       Matches(rf"^\s*(?:{LABEL}\.)+[A-Za-z]{{1,63}}\.?\s*$", "invalid domain name: {value!r}")]
# A domain or URL to forward to: no spaces, at least one dot.
ForwardTarget = Annotated[str, Matches(r"^\s*[^\s]*\.[^\s]*\s*$", "must be a domain or URL")]


# A mailbox's local part and a person's name, as the domain's rules have them.
Username = Annotated[str, Field(max_length=MAX_USERNAME), Matches(USERNAME_PATTERN, USERNAME_RULE)]
PersonName = Annotated[NonBlank, Field(max_length=MAX_NAME)]


def or_empty(pattern: str) -> str:
    """`pattern` (anchored with ^...$), or the empty string: for fields where "" means 'keep as is'."""
    return "^(?:" + pattern.removeprefix("^").removesuffix("$") + ")?$"


# In a change: "" keeps the current value.
NameChange = Annotated[str, Field(max_length=MAX_NAME), Matches(r"^$|\S", "must not be blank")]
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
