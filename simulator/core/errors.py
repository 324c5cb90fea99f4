"""Provider-neutral failures. The domain raises them; each dialect renders them in its own
error envelope and maps the kind to its status code."""
from __future__ import annotations


class SimError(Exception):
    kind = "invalid"  # invalid | unauthorized | forbidden | not_found | conflict | unprocessable | too_large | rate_limited

    def __init__(self, message: str, *, field: str | None = None, errors: list[dict] | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.errors = errors or ([{"field": field, "message": message}] if field else [])


class Invalid(SimError):
    kind = "invalid"


class Unauthorized(SimError):
    kind = "unauthorized"


class Forbidden(SimError):
    kind = "forbidden"


class NotFound(SimError):
    kind = "not_found"


class Conflict(SimError):
    kind = "conflict"


class Unprocessable(SimError):
    """Well-formed but refused as a value (a provider that answers 422 for some inputs)."""
    kind = "unprocessable"


class TooLarge(SimError):
    kind = "too_large"


class RateLimited(SimError):
    """A business rate limit (not the per-key request limits of core.ratelimit): each dialect
    answers it with its own 429, Retry-After saying when the request would be accepted."""
    kind = "rate_limited"

    def __init__(self, message: str, *, retry_after: int = 1, field: str | None = None):
        super().__init__(message, field=field)
        self.retry_after = retry_after


STATUS_BY_KIND = {
    "invalid": 400,
    "unauthorized": 401,
    "forbidden": 403,
    "not_found": 404,
    "conflict": 409,
    "unprocessable": 422,
    "too_large": 413,
    "rate_limited": 429,
}
