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


def placeholders(path: str) -> list[str]:
    """The path parameters' names, in order."""
    return re.findall(r"\{(\w+)\}", path)


def shape_of(path: str) -> str:
    """The path with every parameter's name dropped: what a request can tell apart."""
    return re.sub(r"\{\w+\}", "{}", path)


@dataclass
class RouteTable:
    prefix: str
    routes: list[Route] = field(default_factory=list)
    _exact: dict = field(default_factory=dict)
    _patterns: list = field(default_factory=list)
    _shapes: dict = field(default_factory=dict)  # (method, path with {} for each parameter) -> route

    def __post_init__(self):
        for route in list(self.routes):
            self._index(route)

    def add(self, route: Route) -> None:
        self.routes.append(route)
        self._index(route)

    def _index(self, route: Route) -> None:
        for path in (route.path, *route.aliases):
            if "{" in path:
                # /webhooks/{webhookId} and /webhooks/{id} match the same requests: compare shapes
                shape = (route.method, shape_of(path))
                other = self._shapes.get(shape)
                if other is not None:
                    raise ValueError(f"two routes claim {route.method} {self.prefix}{shape[1]}: "
                                     f"{other.operation} and {route.operation}")
                self._shapes[shape] = route
                regex = re.compile("^" + re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", path) + "$")
                self._patterns.append((route.method, regex, route))
            else:
                key = (route.method, path)
                if key in self._exact:
                    raise ValueError(f"two routes claim {route.method} {self.prefix}{path}: "
                                     f"{self._exact[key].operation} and {route.operation}")
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
