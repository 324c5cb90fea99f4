"""Generated requests against every route: whatever the body or query, the answer is the
route's success or a 4xx in the Zapmail error envelope, never a 5xx."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator.providers.zapmail.routes import ROUTES

from .conftest import Harness
from .helpers import buy_domain

scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12), st.floats(allow_nan=False, allow_infinity=False),
                    st.text(max_size=30))
json_values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                            st.dictionaries(st.text(max_size=10), inner, max_size=4)),
                           max_leaves=12)


def _field_names(route) -> list[str]:
    names = list(route.body.model_fields) if route.body else []
    return names + ["domainIds", "mailboxIds", "ids", "id", "domainName", "email", "status"]


def body_for(route, known_ids):
    keys = st.sampled_from(_field_names(route) + known_ids)
    values = st.one_of(json_values, st.sampled_from(known_ids), st.lists(st.sampled_from(known_ids), max_size=3))
    return st.one_of(st.none(), json_values, st.dictionaries(keys, values, max_size=6))


def query_for(known_ids):
    names = st.sampled_from(["id", "page", "limit", "contains", "status", "mailboxId", "domainId", "exportId",
                             "assignedDomainId", "app"])
    return st.dictionaries(names, st.one_of(st.text(max_size=12), st.sampled_from(known_ids + ["0", "-1", "abc"])),
                           max_size=4)


@pytest.fixture(scope="module")
def world():
    h = Harness()
    api = h.account(walletBalance=1000)
    d = buy_domain(api, h, "fuzzed.com")
    api.post("/v2/mailboxes", json={d["id"]: [{"firstName": "F", "lastName": "Z", "mailboxUsername": "fz",
                                               "domainName": "fuzzed.com"}]})
    h.advance(600)
    box = api.get("/v2/mailboxes/list").json()["data"]["domains"][0]["mailboxes"][0]
    return h, api, [d["id"], box["id"], h.world.accounts[api.account["id"]].primary_workspace_id]


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: f"{r.method} {r.path}")
def test_no_generated_request_gets_a_5xx(world, route):
    h, api, known = world

    @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
    @given(body=body_for(route, known), query=query_for(known))
    def check(body, query):
        r = api.request(route.method, route.path, json=body, params=query)
        assert r.status_code < 500, (body, query, r.text)
        payload = r.json()
        assert isinstance(payload, dict)
        if r.status_code >= 400:
            assert set(payload) == {"status", "message", "errorId"} and payload["status"] == r.status_code

    check()
