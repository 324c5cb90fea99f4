"""Each provider's OpenAPI document, generated from one source of truth: the dialect's route
table (method, path, operation, title, provenance, request model) and the provider's contract
module (responses.py: response models, error models, operation classes, query parameters).

Paths are written relative to the base URL a client uses (Zapmail: .../api, LiteMail: the
server root), so `servers[0].url + path` is what goes on the wire. Every operation carries
x-provenance (documented | observed | method-doc | inferred) and x-operation-class
(read | write | spend). The contract suite validates answers against this very document.
"""
from __future__ import annotations

import importlib
import re
from typing import Any, Optional

from pydantic import BaseModel, TypeAdapter

from . import __version__

REF = "#/components/schemas/{model}"
CONTRACT_MODULES = {"zapmail": "simulator.providers.zapmail.responses",
                    "litemail": "simulator.providers.litemail.responses"}
# The base path a client's base URL already contains, per provider.
CLIENT_BASE = {"zapmail": "/api", "litemail": ""}
PUBLIC_SERVERS = {"zapmail": "https://api.zapmail.ai/api"}


def contract(provider: str):
    """The provider's contract module, or None while it has none (responses then go undocumented)."""
    try:
        return importlib.import_module(CONTRACT_MODULES[provider])
    except ModuleNotFoundError:
        return None


def _schema(thing: Any, components: dict) -> dict:
    if isinstance(thing, type) and issubclass(thing, BaseModel):
        schema = thing.model_json_schema(ref_template=REF)
        _register(components, schema.pop("$defs", {}))
        _register(components, {thing.__name__: schema})
        return {"$ref": REF.format(model=thing.__name__)}
    schema = TypeAdapter(thing).json_schema(ref_template=REF)
    _register(components, schema.pop("$defs", {}))
    return schema


def _register(components: dict, schemas: dict) -> None:
    """Two different models of one name (a request and a response model, say) would silently
    document one shape for both: refuse."""
    for name, schema in schemas.items():
        if name in components and components[name] != schema:
            raise ValueError(f"two different schemas named {name!r}: rename one of the models")
        components[name] = schema


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
    spec = contract(provider)
    base = CLIENT_BASE.get(provider, "")
    components: dict = {}
    paths: dict = {}
    responses_of = getattr(spec, "RESPONSES", {})
    errors = getattr(spec, "ERRORS", {})
    classes = getattr(spec, "CLASSES", {})
    queries = getattr(spec, "QUERY", {})
    enums = getattr(spec, "QUERY_ENUMS", {})
    headers = getattr(spec, "HEADERS", [])
    error_refs = {status: _schema(model, components) for status, model in errors.items()}
    for route in dialect.table.routes:
        op = route.operation
        entry: dict = {"operationId": op, "summary": route.title, "tags": [op.split(".")[-2]],
                       "x-provenance": route.provenance, "x-operation-class": classes.get(op, "unclassified")}
        if route.notes:
            entry["description"] = route.notes
        if route.aliases:
            entry["x-aliases"] = [dialect.prefix[len(base):] + a for a in route.aliases]
        params = [{"name": n, "in": "path", "required": True, "schema": {"type": "string"}}
                  for n in re.findall(r"\{(\w+)\}", route.path)]
        for name, required in queries.get(op, []):
            schema = {"type": "string"}
            if (op, name) in enums:
                schema["enum"] = list(enums[(op, name)])
            params.append({"name": name, "in": "query", "required": required, "schema": schema})
        params += [{"name": n, "in": "header", "required": False, "description": text, "schema": {"type": "string"}}
                   for n, text in headers]
        if params:
            entry["parameters"] = params
        if route.model is not None:
            entry["requestBody"] = {"required": True, "content": {"application/json": {
                "schema": _schema(route.model, components)}}}
        answers: dict = {}
        for status, model in responses_of.get(op, {}).items():
            answers[str(status)] = {"description": "success", "content": {"application/json": {
                "schema": _schema(model, components)}}}
        if not answers:
            answers["2XX"] = {"description": "success (shape not yet documented by the simulator)"}
        for status, ref in error_refs.items():
            answers[str(status)] = {"description": "error", "content": {"application/json": {"schema": ref}}}
        entry["responses"] = answers
        entry["security"] = [{"apiKey": []}]
        paths.setdefault(dialect.prefix[len(base):] + route.path, {})[route.method.lower()] = entry
    servers = [{"url": base or "/", "description": "this simulator"}]
    if provider in PUBLIC_SERVERS:
        servers.append({"url": PUBLIC_SERVERS[provider], "description": "the real API"})
    return {"openapi": "3.1.0",
            "info": {"title": f"{provider} API as emulated by mailbox-api-simulator", "version": __version__,
                     "description": "Generated from the simulator's route table and request/response models. "
                                    "x-provenance says how each operation is known; x-operation-class says "
                                    "whether a call reads, writes, or may spend money."},
            "servers": servers, "paths": paths,
            "components": {"schemas": components, "securitySchemes": {
                "apiKey": {"type": "apiKey", "in": "header", "name": dialect.auth_header}}}}


def operation_index(doc: dict) -> dict[str, dict]:
    """operationId -> {method, path, entry} over a document."""
    out = {}
    for path, methods in doc["paths"].items():
        for method, entry in methods.items():
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
