"""Each provider's OpenAPI document, generated from the one declaration of each operation: the
dialect's routes (method, path, operation, title, provenance, class, body and query models,
headers, answer shapes, paging) and the dialect's error shapes.

Paths are written relative to the base URL a client uses (Zapmail: .../api, LiteMail: the
server root), so `servers[0].url + path` is what goes on the wire. Every operation carries
x-provenance (documented | observed | method-doc | inferred) and x-operation-class
(read | write | spend), and a list x-paging ({rows, id, paged}). The contract suite validates
answers against this very document and plans its probes from it.
"""
from __future__ import annotations

import re
from typing import Any, Optional

from pydantic import BaseModel, TypeAdapter

from . import __version__

REF = "#/components/schemas/{model}"
# The base path a client's base URL already contains, per provider.
CLIENT_BASE = {"zapmail": "/api", "litemail": ""}
PUBLIC_SERVERS = {"zapmail": "https://api.zapmail.ai/api"}
PROVENANCE_TEXT = {"documented": "Documented: method and path are on the provider's docs page.",
                   "observed": "Observed: public client code calls it so; the docs page does not show it.",
                   "method-doc": "The method is documented; the path is ours (inferred).",
                   "inferred": "Inferred: method and path are ours; the docs name the operation only."}


def _schema(thing: Any, components: dict) -> dict:
    if isinstance(thing, type) and issubclass(thing, BaseModel):
        schema = thing.model_json_schema(ref_template=REF)
        _register(components, schema.pop("$defs", {}))
        _register(components, {thing.__name__: schema})
        return {"$ref": REF.format(model=thing.__name__)}
    schema = TypeAdapter(thing).json_schema(ref_template=REF)
    _register(components, schema.pop("$defs", {}))
    return _clean(schema)


def _allows_null(schema: dict) -> bool:
    kinds = schema.get("type")
    return (kinds == "null" or (isinstance(kinds, list) and "null" in kinds)
            or any(_allows_null(o) for o in schema.get("anyOf", []) + schema.get("oneOf", [])))


def _clean(schema: Any) -> Any:
    """pydantic writes `default: null` for a key that may be left out but is never null; a
    default must match its schema (openapi-spec-validator), so such defaults go."""
    if isinstance(schema, dict):
        if "default" in schema and schema["default"] is None and not _allows_null(schema):
            schema = {k: v for k, v in schema.items() if k != "default"}
        return {k: _clean(v) for k, v in schema.items()}
    if isinstance(schema, list):
        return [_clean(v) for v in schema]
    return schema


def _register(components: dict, schemas: dict) -> None:
    """Two different models of one name (a request and a response model, say) would silently
    document one shape for both: refuse."""
    for name, schema in schemas.items():
        schema = _clean(schema)
        if name in components and components[name] != schema:
            raise ValueError(f"two different schemas named {name!r}: rename one of the models")
        components[name] = schema


def _takes_no_body(model) -> bool:
    """A missing (or JSON null) body counts as {} (core.parsing.validate): optional when {} is a
    valid body, by the model and by the rules its schema adds (anyOf, required)."""
    schema = model.model_json_schema()
    if schema.get("required") or "anyOf" in schema:
        return False
    try:
        model.model_validate({})
    except Exception:  # noqa: BLE001 - any refusal means a body is needed
        return False
    return True


def _dialect(provider: str, dialects=None):
    if dialects is None:
        from .providers import all_dialects
        dialects = all_dialects()
    for d in dialects:
        if d.name == provider:
            return d
    raise KeyError(f"unknown provider {provider!r}")


def document(provider: str, dialects=None) -> dict:
    dialect = _dialect(provider, dialects)
    base = CLIENT_BASE.get(provider, "")
    components: dict = {}
    paths: dict = {}
    error_refs = {status: _schema(model, components) for status, model in dialect.errors.items()}
    for route in dialect.table.routes:
        op = route.operation
        text = PROVENANCE_TEXT[route.provenance] + (" " + route.notes if route.notes else "")
        entry: dict = {"operationId": op, "summary": route.title, "description": text, "tags": [op.split(".")[-2]],
                       "x-provenance": route.provenance, "x-operation-class": route.kind}
        if route.paging is not None:
            entry["x-paging"] = {"rows": route.paging.rows, "id": route.paging.id, "paged": route.paging.paged}
        if route.state_rules:
            entry["x-state-rules"] = route.state_rules
            entry["description"] += " Beyond its schema the server checks: " + route.state_rules
        if route.rate_group:
            entry["x-rate-limit-group"] = route.rate_group
        if route.aliases:
            entry["x-aliases"] = [dialect.prefix[len(base):] + a for a in route.aliases]
        params = [{"name": n, "in": "path", "required": True, "schema": {"type": "string", "minLength": 1}}
                  for n in re.findall(r"\{(\w+)\}", route.path)]
        if route.query is not None:
            params += query_parameters(route.query, components)
            one_of = route.query.model_json_schema().get("x-requires-one-of")
            if one_of:
                entry["x-requires-one-of"] = one_of
        for h in route.headers:
            schema: dict = {"type": "string"}
            if h.enum:
                schema["enum"] = list(h.enum)
            params.append({"name": h.name, "in": "header", "required": False, "description": h.description,
                           "schema": schema})
        if params:
            entry["parameters"] = params
        if route.body is not None:
            body_schema = _schema(route.body, components)
            optional = _takes_no_body(route.body)
            if optional:  # JSON null is taken as no body too
                body_schema = {"anyOf": [body_schema, {"type": "null"}]}
            entry["requestBody"] = {"required": not optional, "content": {"application/json": {"schema": body_schema}}}
        answers: dict = {}
        for status, model in route.answers.items():
            # a route may declare an error answer of its own (a status its dialect's others lack)
            answers[str(status)] = {"description": "success" if status < 400 else "error",
                                    "content": {"application/json": {"schema": _schema(model, components)}}}
        for status, ref in error_refs.items():
            answers[str(status)] = {"description": "error", "content": {"application/json": {"schema": ref}}}
        entry["responses"] = answers
        entry["security"] = [{"apiKey": []}]
        paths.setdefault(dialect.prefix[len(base):] + route.path, {})[route.method.lower()] = entry
        for n, alias in enumerate(route.aliases, 1):
            # the real API answers on this spelling too: published, so the methods a path takes
            # are the ones its document lists (an outsider's 405 check agrees)
            paths.setdefault(dialect.prefix[len(base):] + alias, {})[route.method.lower()] = {
                **entry, "operationId": f"{op}.alias{n}", "x-alias-of": op,
                "description": f"Another spelling of {route.method} {dialect.prefix[len(base):] + route.path}. " + text}
    servers = [{"url": base or "/", "description": "this simulator"}]
    if provider in PUBLIC_SERVERS:
        servers.append({"url": PUBLIC_SERVERS[provider], "description": "the real API"})
    return {"openapi": "3.1.0",
            "info": {"title": f"{provider} API as emulated by mailbox-api-simulator", "version": __version__,
                     "description": "Generated from the simulator's route declarations. x-provenance says how "
                                    "each operation is known (documented, observed, or ours); x-operation-class "
                                    "says whether a call reads, writes, or may spend money."},
            "servers": servers, "paths": paths,
            "components": {"schemas": components, "securitySchemes": {
                "apiKey": {"type": "apiKey", "in": "header", "name": dialect.auth_header}}}}


def query_parameters(model: type[BaseModel], components: dict) -> list[dict]:
    """One query parameter per field of a query model, with the field's rules as its schema."""
    schema = model.model_json_schema(ref_template=REF)
    _register(components, schema.pop("$defs", {}))
    required = set(schema.get("required", []))
    out = []
    for name, prop in schema.get("properties", {}).items():
        prop = dict(prop)
        prop.pop("title", None)
        description = prop.pop("description", None)
        extra = {k: prop.pop(k) for k in list(prop) if k.startswith("x-")}
        param = {"name": name, "in": "query", "required": name in required, "schema": _clean(_not_null(prop))}
        if not param["required"]:
            param["allowEmptyValue"] = True  # an empty value counts as absent (core.parsing.validate_query)
        if description:
            param["description"] = description
        param.update(extra)
        out.append(param)
    return out


def _not_null(prop: dict) -> dict:
    """A query value is never JSON null: anyOf [X, null] (an optional field) is just X."""
    options = prop.get("anyOf")
    if options:
        kept = [o for o in options if o.get("type") != "null"]
        if len(kept) == 1:
            rest = {k: v for k, v in prop.items() if k not in ("anyOf", "default")}
            return {**kept[0], **rest}
    prop.pop("default", None) if prop.get("default", 0) is None else None
    return prop


def operation_index(doc: dict) -> dict[str, dict]:
    """operationId -> {method, path, entry} over a document."""
    out = {}
    for path, methods in doc["paths"].items():
        for method, entry in methods.items():
            if "x-alias-of" in entry:
                continue
            out[entry["operationId"]] = {"method": method.upper(), "path": path, "entry": entry}
    return out


def response_schema(doc: dict, operation: str, status: int) -> Optional[dict]:
    """The documented schema of one answer, or None when that status is not documented."""
    entry = operation_index(doc)[operation]["entry"]
    answer = entry["responses"].get(str(status))
    if answer is None and 200 <= status < 300 and "2XX" in entry["responses"]:
        return {}
    if answer is None:
        return None
    return answer.get("content", {}).get("application/json", {}).get("schema", {})
