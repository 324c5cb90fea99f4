"""Every answer in an envelope: a reply that cannot be encoded (an integer too large for JSON, a
value no encoder knows) becomes the provider's own 500 instead of a bare text/plain error
outside the envelope, and the journal records the status actually sent."""
from __future__ import annotations

import logging

import orjson

from .core.dialect import Reply


_JSON = (b"content-type", b"application/json")


class Answer:
    """An encoded reply, sent as the two ASGI messages Starlette's Response sends, with the same
    headers in the same order (the reply's own, then content-length, then content-type), without
    building a Response on every request."""

    __slots__ = ("status_code", "raw_headers", "body")

    def __init__(self, status: int, body: bytes, media_type: str | None, headers: dict) -> None:
        self.status_code, self.body = status, body
        if not headers and media_type == "application/json" and not (status < 200 or status in (204, 304)):
            # most answers: the same two headers, the second always the same pair
            self.raw_headers = [(b"content-length", b"%d" % len(body)), _JSON]
            return
        raw = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()] if headers else []
        if not raw or all(k != b"content-length" for k, _ in raw):
            if not (status < 200 or status in (204, 304)):
                raw.append((b"content-length", str(len(body)).encode("latin-1")))
        if media_type is not None and all(k != b"content-type" for k, _ in raw):
            if media_type.startswith("text/") and "charset=" not in media_type.lower():
                media_type += "; charset=utf-8"
            raw.append((b"content-type", media_type.encode("latin-1")))
        self.raw_headers = raw

    async def __call__(self, scope, receive, send) -> None:
        await send({"type": "http.response.start", "status": self.status_code, "headers": self.raw_headers})
        await send({"type": "http.response.body", "body": self.body})


EMPTY = Answer(200, b"", None, {})  # what a dropped request "sends": nothing reaches the client


def to_response(reply: Reply) -> Answer:
    if reply.media_type == "application/json":
        content = orjson.dumps(reply.body)
    elif reply.body is None:
        content = b""
    elif isinstance(reply.body, str):
        content = reply.body.encode("utf-8")
    else:
        content = bytes(reply.body)
    return Answer(reply.status, content, reply.media_type, reply.headers)


def encode_reply(dialect, reply: Reply) -> Answer:
    try:
        return to_response(reply)
    except (TypeError, ValueError, OverflowError):
        logging.getLogger("simulator").exception("could not encode a %s answer", reply.status)
        if dialect is None:
            return to_response(Reply(500, {"status": 500, "message": "Internal server error"}))
        return to_response(dialect.error(500, "Internal server error"))
