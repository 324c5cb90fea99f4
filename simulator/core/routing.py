"""Routes as data, and the table that matches a request to one.

A route names the method, the path (relative to its dialect's prefix; `{name}` marks a path
parameter), the handler, the docs operation it stands for, its provenance (documented |
observed | method-doc | inferred) and its request model. The app, the route listing and the OpenAPI
documents are all generated from these tables.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

# documented: method and path seen on a docs page; observed: seen in public client code;
# method-doc: the method is documented, the path is ours; inferred: method and path are ours.
PROVENANCES = ("documented", "observed", "method-doc", "inferred")


@dataclass(frozen=True)
class Route:
    method: str
    path: str
    handler: Callable[..., Any]
    operation: str  # the docs operation id, e.g. zapmail.v2.mailbox.update
    title: str
    provenance: str
    model: Optional[type] = None
    aliases: tuple[str, ...] = ()  # other spellings of the path the real API answers on
    notes: str = ""

    def __post_init__(self):
        if self.provenance not in PROVENANCES:
            raise ValueError(f"{self.operation}: provenance must be one of {PROVENANCES}")


@dataclass
class RouteTable:
    prefix: str
    routes: list[Route] = field(default_factory=list)
    _exact: dict = field(default_factory=dict)
    _patterns: list = field(default_factory=list)

    def __post_init__(self):
        for route in list(self.routes):
            self._index(route)

    def add(self, route: Route) -> None:
        self.routes.append(route)
        self._index(route)

    def _index(self, route: Route) -> None:
        for path in (route.path, *route.aliases):
            if "{" in path:
                regex = re.compile("^" + re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", path) + "$")
                if any(m == route.method and r.pattern == regex.pattern for m, r, _ in self._patterns):
                    raise ValueError(f"two routes claim {route.method} {path}")
                self._patterns.append((route.method, regex, route))
            else:
                key = (route.method, path)
                if key in self._exact:
                    raise ValueError(f"two routes claim {route.method} {self.prefix}{path}")
                self._exact[key] = route

    def match(self, method: str, path: str) -> tuple[Optional[Route], dict]:
        route = self._exact.get((method, path))
        if route is not None:
            return route, {}
        for m, regex, r in self._patterns:
            if m == method:
                hit = regex.match(path)
                if hit:
                    return r, hit.groupdict()
        return None, {}

    def operations(self) -> list[str]:
        return [r.operation for r in self.routes]
