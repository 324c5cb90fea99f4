"""The control plane's plumbing: operations as data (method, path, handler, body model, docs),
JSON answers, and the rule that bad input is a 400 naming the problem, never a 500."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any, Awaitable, Callable, Optional

import orjson
from pydantic import BaseModel, ValidationError
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Match, Route

from ..core.errors import STATUS_BY_KIND, SimError
from ..plainerrors import explain
from .guard import Refused

# A snapshot or inline seed of 100,000 mailboxes is about 80 MB; the README documents the limit.
MAX_BODY = 256 * 1024 * 1024


def json_response(data: Any, status: int = 200) -> Response:
    return Response(orjson.dumps(data), status_code=status, media_type="application/json")


def error_response(status: int, message: str) -> Response:
    return json_response({"error": message}, status)


class BadRequest(Exception):
    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.message, self.status = message, status


@dataclass
class Ctx:
    sim: Any
    request: Request
    body: Any = None  # the validated model, or the raw JSON for operations without a model
    raw: Any = None

    @property
    def params(self) -> dict:
        return self.request.path_params

    @property
    def query(self):
        return self.request.query_params


@dataclass
class Op:
    method: str
    path: str
    handler: Callable[[Ctx], Awaitable[Response]]
    op_id: str
    summary: str
    body: Optional[type[BaseModel]] = None  # validated request body
    raw_body: bool = False  # a free-form JSON object (snapshots), checked by the handler
    query: list = field(default_factory=list)  # [(name, json schema, description)]
    responses: dict = field(default_factory=dict)  # status -> (description, schema or model, media type)
    tag: str = "control"


async def read_json(request: Request) -> Any:
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY:
        raise BadRequest(f"Request body too large (limit {MAX_BODY} bytes)", 413)
    raw = b""
    async for chunk in request.stream():
        raw += chunk
        if len(raw) > MAX_BODY:
            raise BadRequest(f"Request body too large (limit {MAX_BODY} bytes)", 413)
    if not raw.strip():
        return None
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise BadRequest("Malformed JSON in request body") from None
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != "application/json" and not (kind.startswith("application/") and kind.endswith("+json")):
        # a web page can send text/plain across sites without asking; application/json it cannot
        raise BadRequest("Content-Type must be application/json", 415)
    return data


def to_route(sim, op: Op) -> Route:
    async def endpoint(request: Request) -> Response:
        ctx = Ctx(sim, request)
        try:
            sim.guard.check(request.headers, needs_token=op.tag != "pages")
            if op.body is not None or op.raw_body:
                ctx.raw = await read_json(request)
            if op.body is not None:
                data = {} if ctx.raw is None else ctx.raw
                if not isinstance(data, dict):
                    raise BadRequest("Request body must be a JSON object")
                ctx.body = op.body.model_validate(data)
            return await op.handler(ctx)
        except (BadRequest, Refused) as exc:
            return error_response(exc.status, exc.message)
        except ValidationError as exc:
            return error_response(400, explain(exc, ctx.raw))
        except SimError as exc:
            return error_response(STATUS_BY_KIND[exc.kind], exc.message)
        except (KeyError, TypeError, ValueError, AttributeError, OverflowError) as exc:
            return error_response(400, f"Invalid request: {_describe(exc)}")
        except Exception:  # a simulator bug; a control-plane caller still gets a JSON answer
            # (OverflowError and encoder errors included: the answer is always in the envelope)
            logging.getLogger("simulator").exception("unhandled error in %s", op.op_id)
            return error_response(500, "Internal error in the simulator's control plane")
    return Route(op.path, endpoint, methods=[op.method], name=op.op_id)


def _describe(exc: Exception) -> str:
    if isinstance(exc, KeyError):
        return f"missing field {exc.args[0]!r}" if exc.args else "missing field"
    return str(exc)


def unmatched_route(sim, ops: list[Op]) -> Route:
    """Any other /_sim path or method: 404 or 405 (with Allow) in the control plane's envelope,
    after the same guard, so a probe learns nothing it could not learn with the token."""
    probes = [(op.method, Route(op.path, _noop, methods=[op.method])) for op in ops]

    async def endpoint(request: Request) -> Response:
        try:
            sim.guard.check(request.headers)
        except Refused as exc:
            return error_response(exc.status, exc.message)
        path = request.url.path
        allowed = sorted({m for m, probe in probes if probe.matches({**request.scope, "method": m})[0] == Match.FULL})
        where = f"{request.method} {path}"
        if allowed:
            return Response(orjson.dumps({"error": f"{where}: method not allowed (this path takes "
                                                  f"{', '.join(allowed)})"}), 405,
                            media_type="application/json", headers={"allow": ", ".join(allowed)})
        return error_response(404, f"{where} is not a control-plane route (GET /_sim/openapi.json lists them)")
    return Route("/_sim/{rest:path}", endpoint, methods=["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"],
                 name="unmatched")


async def _noop(request):  # pragma: no cover - only used to match paths
    return Response()
