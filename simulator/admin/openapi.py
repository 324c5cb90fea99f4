"""The control plane's OpenAPI document, generated from its operation table."""
from __future__ import annotations

import re
from typing import Any, get_origin

from typing_extensions import is_typeddict

from pydantic import BaseModel, TypeAdapter

from .. import __version__
from .http import Op

REF = "#/components/schemas/{model}"


def _schema(thing: Any, components: dict) -> dict:
    if thing is None:
        return {}
    if isinstance(thing, dict):
        return thing
    if isinstance(thing, type) and issubclass(thing, BaseModel):
        schema = thing.model_json_schema(ref_template=REF)
        components.update(schema.pop("$defs", {}))
        components[thing.__name__] = schema
        return {"$ref": REF.format(model=thing.__name__)}
    if is_typeddict(thing):  # an answer declared in results.py
        schema = TypeAdapter(thing).json_schema(ref_template=REF)
        components.update(schema.pop("$defs", {}))
        components[thing.__name__] = schema
        return {"$ref": REF.format(model=thing.__name__)}
    if get_origin(thing) is not None:  # list[Model] and the like
        schema = TypeAdapter(thing).json_schema(ref_template=REF)
        components.update(schema.pop("$defs", {}))
        return schema
    raise TypeError(f"no schema for {thing!r}")


def document(ops: list[Op]) -> dict:
    components: dict = {}
    paths: dict = {}
    error = {"type": "object", "required": ["error"], "properties": {"error": {"type": "string"}}}
    for op in ops:
        entry: dict = {"operationId": op.op_id, "summary": op.summary, "tags": [op.tag]}
        params = [{"name": name, "in": "path", "required": True, "schema": {"type": "string"}}
                  for name in re.findall(r"\{(\w+)\}", op.path)]
        params += [{"name": name, "in": "query", "required": False, "schema": schema, "description": text}
                   for name, schema, text in op.query]
        if params:
            entry["parameters"] = params
        if op.body is not None:
            entry["requestBody"] = {"required": True, "content": {"application/json": {
                "schema": _schema(op.body, components)}}}
        elif op.raw_body:
            entry["requestBody"] = {"required": True, "content": {"application/json": {"schema": {"type": "object"}}}}
        responses = {}
        for status, (text, schema, media) in op.responses.items():
            answer: dict = {"description": text}
            if media:
                answer["content"] = {media: {"schema": _schema(schema, components)}}
            responses[str(status)] = answer
        refused = {"content": {"application/json": {"schema": error}}}
        if op.body is not None or op.raw_body or op.query:
            responses.setdefault("400", {"description": "bad input, with a message naming the problem", **refused})
        if op.body is not None or op.raw_body:
            responses.setdefault("415", {"description": "a body not sent as application/json", **refused})
        responses.setdefault("403", {"description": "a foreign Origin, or a Host the control plane does not "
                                                    "answer to", **refused})
        if op.tag != "pages":
            responses.setdefault("401", {"description": "the control token is required and missing or wrong",
                                         **refused})
            entry["security"] = [{}, {"controlToken": []}]  # the token only when the simulator requires one
        entry["responses"] = responses
        paths.setdefault(op.path, {})[op.method.lower()] = entry
    return {"openapi": "3.1.0",
            "info": {"title": "mailbox-api-simulator control plane", "version": __version__,
                     "description": "Set up, break, observe and reset the simulator. Errors are "
                                    "{\"error\": message}."},
            "paths": paths,
            "components": {"schemas": components, "securitySchemes": {"controlToken": {
                "type": "apiKey", "in": "header", "name": "X-Control-Token",
                "description": "required on every call but the pages when started with --control-token "
                               "(MAILSIM_CONTROL_TOKEN); Authorization: Bearer works too"}}}}
