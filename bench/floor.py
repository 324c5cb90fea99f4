"""The floor: a bare Starlette app answering every GET with one fixed body (the simulator's own
answer, read from the file MAILSIM_FLOOR_BODY) and echoing every POST. Nothing a framework could
do for the same bytes is cheaper; bench/speed.py serves it under uvicorn with uvloop and httptools."""
from __future__ import annotations

import os

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

with open(os.environ["MAILSIM_FLOOR_BODY"], "rb") as f:
    BODY = f.read()


async def get(request: Request) -> Response:
    return Response(BODY, media_type="application/json")


async def post(request: Request) -> Response:
    return Response(await request.body(), status_code=201, media_type="application/json")


app = Starlette(routes=[Route("/{path:path}", get, methods=["GET"]), Route("/{path:path}", post, methods=["POST"])])
