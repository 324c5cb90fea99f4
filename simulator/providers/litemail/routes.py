"""LiteMail routes, as data: the union of both docs trees (shared/reference/litemail.yaml), all
under /v1. Each route keeps the provenance the reference gives it: documented, method-doc (the
method is documented, the path is ours) or inferred (both are ours).

Inferred paths are a guess by construction, so a user holding the live docs can move any route
with a routes-override file (YAML: route id -> {method, path}) without touching code. A moved
path keeps the route's parameter names ({tagId} stays {tagId}), and a path whose shape another
route already has is refused when the table is built.
"""
from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Optional

from ...core.routing import Header, Route, RouteTable, placeholders

PREFIX = "/v1"
# No platform header is documented: ours, as Zapmail's.
HEADERS = (Header("x-service-provider", "GOOGLE or MICROSOFT, exactly (ours, as for Zapmail; GOOGLE when left out)",
                  ("GOOGLE", "MICROSOFT")),)


def r(id_, method, path, handler, title, provenance, body=None, *, kind, ok, query=None, paging=None, notes="",
      state=""):
    answers = ok if isinstance(ok, dict) else {200: ok}
    return Route(method, path, handler, "litemail." + id_, title, provenance, kind, answers, body, query, HEADERS,
                 paging, None, (), notes, state_rules=state)


def all_routes() -> list[Route]:
    from .routes_core import ROUTES as CORE
    from .routes_features import ROUTES as FEATURES

    return CORE + FEATURES


def load_override(path) -> dict:
    """Read a routes-override file: {route id: {method: ..., path: ...}}; ids may be written with
    or without the 'litemail.' prefix, paths with or without '/v1'."""
    import yaml  # only with an override file: the import was a tenth of the start-up

    doc = yaml.safe_load(Path(path).read_text()) or {}
    if not isinstance(doc, dict):
        raise ValueError(f"{path}: a routes override must map route ids to {{method, path}}")
    return doc


def apply_override(routes: list[Route], override: Optional[dict]) -> list[Route]:
    if not override:
        return routes
    by_id = {rt.operation: rt for rt in routes}
    out = {rt.operation: rt for rt in routes}
    for raw_id, change in override.items():
        op = raw_id if str(raw_id).startswith("litemail.") else f"litemail.{raw_id}"
        if op not in by_id:
            raise ValueError(f"routes override: unknown route id {raw_id!r}")
        if not isinstance(change, dict) or not set(change) <= {"method", "path"} or not change:
            raise ValueError(f"routes override for {raw_id!r}: give method and/or path")
        method = str(change.get("method", by_id[op].method)).upper()
        path = str(change.get("path", by_id[op].path))
        if path.startswith(PREFIX + "/"):
            path = path[len(PREFIX):]
        if not path.startswith("/"):
            raise ValueError(f"routes override for {raw_id!r}: path must start with /")
        # the handler reads its path parameters by name: a renamed one would never arrive
        wanted, given = placeholders(by_id[op].path), placeholders(path)
        if sorted(given) != sorted(wanted):
            names = ", ".join("{" + n + "}" for n in wanted) or "no parameters"
            raise ValueError(f"routes override for {raw_id!r}: path {path!r} must use the path parameters "
                             f"of {by_id[op].path!r}: {names}")
        out[op] = dataclasses.replace(by_id[op], method=method, path=path,
                                      notes=(by_id[op].notes + " (moved by routes override)").strip())
    return list(out.values())


def build_table(override: Optional[dict] = None) -> RouteTable:
    return RouteTable(prefix=PREFIX, routes=apply_override(all_routes(), override))
