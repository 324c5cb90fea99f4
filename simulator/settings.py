"""The `serve` command's configuration, declared once: each field is one command-line option and
one environment variable named after it (`--clock-rate` <-> MAILSIM_CLOCK_RATE). The variable sets
the default, a flag given on the command line wins (a repeatable flag replaces the variable's list
rather than adding to it), booleans take `--x` and `--no-x`, and a bad value is one line naming
the flag or variable it came from."""
from __future__ import annotations

import argparse
import os
from typing import Annotated, Any, Literal, Optional, get_args, get_origin

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from .core.journal import DEFAULT_SIZE as DEFAULT_JOURNAL_SIZE
from .drift import PROFILES as DRIFT_PROFILES
from .plainerrors import explain_errors

ENV_PREFIX = "MAILSIM_"

# A list from one environment variable: comma-separated (fixture paths also take ':').
CommaList = Annotated[list[str], NoDecode]


def _split(raw: Any, seps: str = ",") -> Any:
    if not isinstance(raw, str):
        return raw
    for sep in seps[1:]:
        raw = raw.replace(sep, seps[0])
    return [item.strip() for item in raw.split(seps[0]) if item.strip()]


class ServeSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, env_ignore_empty=True, extra="forbid",
                                      validate_default=False)

    host: str = Field("127.0.0.1", description="address to bind (use 0.0.0.0 only inside a container)")
    port: int = Field(8080, ge=0, le=65535, description="port to listen on (0: any free port, shown in the banner)")
    fixtures: CommaList = Field(default_factory=list, json_schema_extra={"metavar": "FILE"},
                                description="load accounts from this fixture file, after the default world "
                                            "(repeatable; the variable takes paths separated by ',' or ':')")
    default_world: bool = Field(True, description="load the embedded demo accounts (--no-default-world: "
                                                  "start empty)")
    seed: int = Field(2026, description="seed of generated ids and secrets")
    clock_rate: float = Field(1.0, ge=0, description="simulated seconds per real second")
    freeze_clock: bool = Field(False, description="start with the virtual clock frozen")
    journal_size: int = Field(DEFAULT_JOURNAL_SIZE, ge=1, json_schema_extra={"metavar": "N"},
                              description="calls kept in the request journal, a ring")
    rate_limits: bool = Field(False, description="enforce the providers' documented rate limits (also "
                                                 "switchable at POST /_sim/rate-limits)")
    rate_limit: CommaList = Field(default_factory=list, json_schema_extra={"metavar": "PROVIDER:LIMIT=N"},
                                  description="change one rate limit, e.g. zapmail:per-minute=200 (repeatable; "
                                              "the variable takes several, comma-separated)")
    zapmail_key: CommaList = Field(default_factory=list, json_schema_extra={"metavar": "KEY"},
                                   description="make sure a Zapmail account answers to this API key, so an app "
                                               "can use a fixed key (repeatable; comma-separated in the variable)")
    litemail_key: CommaList = Field(default_factory=list, json_schema_extra={"metavar": "KEY"},
                                    description="the same for LiteMail (repeatable; comma-separated in the "
                                                "variable)")
    webhook_allow_host: CommaList = Field(default_factory=list, json_schema_extra={"metavar": "HOST"},
                                          description="also send webhooks to this host; by default only "
                                                      "loopback, localhost and single-label (compose service) "
                                                      "names (repeatable; '*' for any; comma-separated in the "
                                                      "variable)")
    routes_override: Optional[str] = Field(None, json_schema_extra={"metavar": "FILE"},
                                           description="YAML file moving LiteMail routes whose paths are "
                                                       "inferred: route id -> {method, path}")
    state_file: Optional[str] = Field(None, json_schema_extra={"metavar": "FILE"},
                                      description="restore the world from this snapshot file at start if it "
                                                  "exists; changes are written to it within about a second, "
                                                  "and on shutdown")
    journal_bodies: int = Field(0, ge=0, le=1_000_000, json_schema_extra={"metavar": "BYTES", "const": 4096},
                                description="keep request and response bodies in the journal (secrets "
                                            "redacted), each cut at BYTES (the flag alone: 4096; 0: off)")
    control_token: Optional[str] = Field(None, json_schema_extra={"metavar": "TOKEN"},
                                         description="every /_sim call must carry this token (header "
                                                     "X-Control-Token or Authorization: Bearer)")
    control_host: CommaList = Field(default_factory=list, json_schema_extra={"metavar": "NAME"},
                                    description="a dotted host name the control plane answers to besides "
                                                "localhost, IP addresses and single-label names (repeatable; "
                                                "comma-separated in the variable)")
    fixtures_dir: Optional[str] = Field(None, json_schema_extra={"metavar": "DIR"},
                                        description="directory POST /_sim/seed {\"path\"} may read fixture files "
                                                    "from; without it, seeding takes documents only")
    drift: Optional[str] = Field(None, json_schema_extra={"metavar": "PROFILE"},
                                 description="drift from the documented API on purpose, to prove contract "
                                             f"tests notice (one of {', '.join(sorted(DRIFT_PROFILES))})")
    log_level: Literal["debug", "info", "warning", "error"] = Field(
        "info", description="debug, info (one line per request), warning or error; the readiness line "
                            "shows at every level")
    log_format: Literal["text", "json"] = Field("text", description="text, or json: one JSON object a line "
                                                                    "(for containers)")

    @field_validator("fixtures", mode="before")
    @classmethod
    def _paths(cls, raw: Any) -> Any:
        return _split(raw, "," + os.pathsep)

    @field_validator("rate_limit", "zapmail_key", "litemail_key", "webhook_allow_host", "control_host",
                     mode="before")
    @classmethod
    def _items(cls, raw: Any) -> Any:
        return _split(raw)

    @field_validator("rate_limit")
    @classmethod
    def _limits(cls, items: list[str]) -> list[str]:
        for item in items:
            provider, sep, rest = item.partition(":")
            name, eq, value = rest.partition("=")
            if not sep or not eq or not value.isdigit() or int(value) < 1:
                raise ValueError(f"{item!r} is not PROVIDER:LIMIT=N, e.g. zapmail:per-minute=200")
        return items

    @field_validator("drift")
    @classmethod
    def _drift(cls, name: Optional[str]) -> Optional[str]:
        if name is not None and name not in DRIFT_PROFILES:
            raise ValueError(f"{name!r} is not a drift profile (one of {', '.join(sorted(DRIFT_PROFILES))})")
        return name

    def limit_overrides(self) -> dict[str, dict[str, int]]:
        overrides: dict[str, dict[str, int]] = {}
        for item in self.rate_limit:
            provider, _, rest = item.partition(":")
            name, _, value = rest.partition("=")
            overrides.setdefault(provider, {})[name] = int(value)
        return overrides


class BadSetting(Exception):
    """One line: which flag or variable, its value, and what is wrong with it."""


def flag(name: str) -> str:
    return "--" + name.replace("_", "-")


def env_name(name: str) -> str:
    return ENV_PREFIX + name.upper()


_LIST_FIELDS = {n for n, f in ServeSettings.model_fields.items() if get_origin(f.annotation) is list}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """One option per field, with no defaults of its own: what is not on the command line comes
    from the environment or the model, so the parsed namespace holds only what the user typed."""
    for name, field in ServeSettings.model_fields.items():
        extra = field.json_schema_extra if isinstance(field.json_schema_extra, dict) else {}
        default = field.get_default(call_default_factory=True)
        if isinstance(default, bool):
            default = "on" if default else "off"
        shown = "" if default in (None, []) else f"default {default}; "
        choices = get_args(field.annotation) if get_origin(field.annotation) is Literal else ()
        help_text = f"{field.description} ({shown}env {env_name(name)})"
        kwargs: dict[str, Any] = {"dest": name, "default": argparse.SUPPRESS, "help": help_text}
        if field.annotation is bool:
            parser.add_argument(flag(name), action=argparse.BooleanOptionalAction, **kwargs)
        elif name in _LIST_FIELDS:
            parser.add_argument(flag(name), action="append", metavar=str(extra.get("metavar", "VALUE")), **kwargs)
        else:
            metavar = "{" + ",".join(choices) + "}" if choices else str(extra.get("metavar", name.upper()))
            if "const" in extra:  # the flag alone means this value (--journal-bodies: 4096 bytes)
                kwargs.update(nargs="?", const=extra["const"])
            parser.add_argument(flag(name), metavar=metavar, **kwargs)


def resolve(given: dict[str, Any]) -> ServeSettings:
    """The settings from the flags given (they win) over the environment over the defaults."""
    try:
        return ServeSettings(**given)
    except ValidationError as exc:
        name, phrase = explain_errors(exc, given)[0]
        field = name.split(".")[0].split("[")[0]
        if field in given:
            raise BadSetting(f"{flag(field)} {_shown(given[field])}: {phrase}") from None
        raw = os.environ.get(env_name(field), "")
        raise BadSetting(f"{env_name(field)}={raw!r}: {phrase}") from None


def _shown(value: Any) -> str:
    return " ".join(map(repr, value)) if isinstance(value, list) else repr(value)


def stray_variables(environ: Optional[dict[str, str]] = None) -> list[str]:
    """MAILSIM_* variables that set nothing (a typo, or a name from an older release), each with
    the variable it probably meant: set silently ignored would be worse than a warning."""
    import difflib

    known = [env_name(n) for n in ServeSettings.model_fields]
    out = []
    for name in sorted(os.environ if environ is None else environ):
        if name.startswith(ENV_PREFIX) and name not in known and not name.startswith(_TEST_VARIABLES):
            close = difflib.get_close_matches(name, known, n=1)
            out.append(f"{name} sets nothing" + (f" (did you mean {close[0]}?)" if close else ""))
    return out


# the project's own test switches, and MAILSIM_CHECK_ANSWERS (every answer checked against its
# declared shape: simulator/pipeline.py)
_TEST_VARIABLES = (ENV_PREFIX + "TEST_", ENV_PREFIX + "SKIP_", ENV_PREFIX + "SLOW_TESTS", ENV_PREFIX + "SCHEMATHESIS",
                   ENV_PREFIX + "CHECK_ANSWERS")
