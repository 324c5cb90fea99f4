"""Placement group (newer tree; every route inferred)."""
from __future__ import annotations

from ....domain import placement
from .. import render_features as render
from .. import requests_features as rq
from .. import wire
from .common import listing


def list_tests(call):
    """Newest first; ?status= filters."""
    rows = placement.tests_of(call.scope, call.args.status)
    return listing(call, "Placement tests fetched successfully", "placementTests", rows,
                   lambda t: render.placement_test(call.scope.owner, t))


def create_test(call):
    body = rq.parse(call, rq.CreatePlacementTest)
    t = placement.create(call.scope, body.mailboxIds, body.name, body.providers)
    return wire.created("Placement test created successfully", render.placement_test(call.scope.owner, t))
