"""Every answer in an envelope: a reply that cannot be encoded (an integer too large for JSON, a
value no encoder knows) becomes the provider's own 500 instead of a bare text/plain error
outside the envelope, and the journal records the status actually sent."""
from __future__ import annotations

import logging

import orjson
from starlette.responses import Response

from .core.dialect import Reply


def to_response(reply: Reply) -> Response:
    if reply.media_type == "application/json":
        content = orjson.dumps(reply.body)
    else:
        content = reply.body
    return Response(content, status_code=reply.status, media_type=reply.media_type, headers=reply.headers)


def encode_reply(dialect, reply: Reply) -> Response:
    try:
        return to_response(reply)
    except (TypeError, ValueError, OverflowError):
        logging.getLogger("simulator").exception("could not encode a %s answer", reply.status)
        if dialect is None:
            return to_response(Reply(500, {"status": 500, "message": "Internal server error"}))
        return to_response(dialect.error(500, "Internal server error"))
