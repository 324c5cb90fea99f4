"""Routes as data: one declaration per operation, and the table that matches a request to one.

A route declares everything known about its operation: method, path (relative to its
dialect's prefix; `{name}` marks a path parameter), handler, the docs operation it stands for,
its provenance, its request body model, its query model, the headers it reads, the answer shape
for each success status, its class (read / write / spend), how it pages and the rate-limit group
it counts against. Dispatch, validation, the OpenAPI documents, the contract suite's plans,
coverage and the tests' route lists are all derived from these declarations: if a second table
keyed by operation id seems needed, a field is missing here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Optional

# documented: method and path seen on a docs page; observed: seen in public client code;
# method-doc: the method is documented, the path is ours; inferred: method and path are ours.
PROVENANCES = ("documented", "observed", "method-doc", "inferred")
# What a call costs against a real account. read: changes nothing; write: changes state but
# charges nothing; spend: may charge money or consume paid capacity. POST searches are reads.
# The contract suite sends writes and spends only when told to.
READ, WRITE, SPEND = "read", "write", "spend"
KINDS = (READ, WRITE, SPEND)


@dataclass(frozen=True)
class Header:
    """A request header an operation reads (besides the API key)."""
    name: str
    description: str
    enum: tuple[str, ...] = ()


@dataclass(frozen=True)
class Paging:
    """A list answer: `rows` names the list of records inside data, `id` the key naming a row;
    paged=False for a list that returns every row at once."""
    rows: str
    id: str = "id"
    paged: bool = True


@dataclass(frozen=True)
class Route:
    method: str
    path: str
    handler: Callable[..., Any]
    operation: str  # the docs operation id, e.g. zapmail.v2.mailbox.update
    title: str
    provenance: str
    kind: str  # read | write | spend
    answers: Mapping[int, Any]  # success status -> the answer's shape (a model or a type)
    body: Optional[type] = None  # request body model; validated before the handler runs
    query: Optional[type] = None  # query model; validated before the handler runs
    headers: tuple[Header, ...] = ()
    paging: Optional[Paging] = None
    rate_group: Optional[str] = None  # a provider limit this operation counts against
    aliases: tuple[str, ...] = ()  # other spellings of the path the real API answers on
    notes: str = ""
    # what the server checks that no schema can state (ids that must exist, state, money): a
    # request valid by the document may still be refused for these reasons
    state_rules: str = ""

    def __post_init__(self):
        if self.provenance not in PROVENANCES:
            raise ValueError(f"{self.operation}: provenance must be one of {PROVENANCES}")
        if self.kind not in KINDS:
            raise ValueError(f"{self.operation}: kind must be one of {KINDS}")
        if not self.answers:
            raise ValueError(f"{self.operation}: a route declares the shape of its success answer")


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
    _exact: dict = field(default_factory=dict)  # path -> {method: route}
    _patterns: list = field(default_factory=list)  # (regex, {method: route})
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
                pattern = "^" + re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", path) + "$"
                for regex, methods in self._patterns:
                    if regex.pattern == pattern:
                        methods[route.method] = route
                        break
                else:
                    self._patterns.append((re.compile(pattern), {route.method: route}))
            else:
                methods = self._exact.setdefault(path, {})
                if route.method in methods:
                    raise ValueError(f"two routes claim {route.method} {self.prefix}{path}: "
                                     f"{methods[route.method].operation} and {route.operation}")
                methods[route.method] = route

    def match(self, method: str, path: str) -> tuple[Optional[Route], dict]:
        # a path some route names literally (/domains/assignable) is that route's, for every
        # method: it is not also a value of a parameter (/domains/{domainId}), so the methods
        # it allows are exactly the ones its document lists
        if path in self._exact:
            return self._exact[path].get(method), {}
        for regex, methods in self._patterns:
            if method in methods:
                hit = regex.match(path)
                if hit:
                    return methods[method], hit.groupdict()
        return None, {}

    def allowed(self, path: str) -> list[str]:
        """The methods some route answers on this path: a known path asked with another method
        is a 405 with these in Allow, not a 404."""
        if path in self._exact:
            return sorted(self._exact[path])
        found: set = set()
        for regex, methods in self._patterns:
            if regex.match(path):
                found |= set(methods)
        return sorted(found)

    def operations(self) -> list[str]:
        return [r.operation for r in self.routes]

    def group(self, rate_group: str) -> frozenset:
        """The operations that count against one rate-limit group."""
        return frozenset(r.operation for r in self.routes if r.rate_group == rate_group)

    def route(self, operation: str) -> Route:
        for r in self.routes:
            if r.operation == operation:
                return r
        raise KeyError(operation)
