"""The observed reference's examples (tests/reference/zapmail-v2-observed.yaml, a copy of
shared/reference), read by the tests that compare answers with them, so each comparison names
its source: the operation id and the status."""
from __future__ import annotations

import functools

import yaml

from .reference import path


@functools.lru_cache(maxsize=None)
def _observed() -> dict:
    with open(path("zapmail-v2-observed.yaml")) as fh:
        return yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def example(operation: str, status: int = 200):
    """The example answer of `operation` (an id of zapmail-v2-observed.yaml) with `status`."""
    op = next(e for e in _observed()["endpoints"] if e["id"] == operation)
    return next(r["example"] for r in op["responses"] if r["status"] == status)


def error_where(fragment: str) -> dict:
    """The body of an errors_observed entry whose `where` contains `fragment`."""
    return next(e["body"] for e in _observed()["errors_observed"] if fragment in e["where"])
