"""How a Zapmail route is declared: `r(...)` builds one `Route` with the headers every Zapmail
call may carry and the reference's answer examples. The route lists (routes.py and its group
modules routes_*.py) all declare through it."""
from __future__ import annotations

from ...core.routing import Header, Route
from . import responses as rs

D, O = "documented", "observed"
# Every Zapmail call may name the workspace and the mailbox platform it acts on.
HEADERS = (Header("x-workspace-key", "the workspace to act in (default: the key owner's primary one)"),
           Header("x-service-provider", "GOOGLE or MICROSOFT (default GOOGLE)", ("GOOGLE", "MICROSOFT")))
# Domain searches share a limit of 10 calls per 30 minutes (docs root page).
DOMAIN_SEARCH = "domain-search"


def r(method, path, handler, operation, title, *, kind, ok, provenance=D, body=None, query=None, paging=None,
      rate_group=None, aliases=(), notes="", state="", examples=None):
    answers = ok if isinstance(ok, dict) else {200: ok}
    # the reference's example of an answer, where one fits the declared shape (examples.py)
    found = examples or {}
    answers = {status: rs.with_examples(shape, [found[status]]) if status in found else shape
               for status, shape in answers.items()}
    return Route(method, path, handler, operation, title, provenance, kind, answers, body, query, HEADERS, paging,
                 rate_group, tuple(aliases), notes, state_rules=state)


ok, NULL = rs.ok, rs.NULL
