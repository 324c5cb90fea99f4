"""LiteMail, the newer tree's own groups: tags, placement tests, dashboard, export history,
Cloudflare, webhooks and warmup analytics, driven over HTTP as a client drives them.

Every route here is `inferred` in shared/reference/litemail.yaml: the shapes asserted are the
simulator's own (listed in render_features.py), so the tests pin them exactly.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator.core.store import World
from simulator.domain import exports, tags
from simulator.domain.accounts import resolve_scope

from .conftest import LiteApi
from .helpers import assert_shape, envelope

DAY = 24 * 3600
SUBSCRIPTIONS = [{"plan": "Basic", "planKey": "Basic", "price": 39, "quantity": 10, "platform": "GOOGLE"}]

# litemail.yaml, the groups of this part: id -> (method, path); all provenance: inferred
FEATURE_ROUTES = {
    "mailboxes.warmup": ("GET", "/v1/mailboxes/warmup-analytics"),
    "tags.list": ("GET", "/v1/tags"),
    "tags.create": ("POST", "/v1/tags"),
    "tags.update": ("PUT", "/v1/tags/{tagId}"),
    "tags.delete": ("DELETE", "/v1/tags/{tagId}"),
    "placement.list": ("GET", "/v1/placement-tests"),
    "placement.create": ("POST", "/v1/placement-tests"),
    "dashboard.overview": ("GET", "/v1/dashboard/overview"),
    "dashboard.status_counts": ("GET", "/v1/dashboard/mailbox-status-counts"),
    "export_history.list": ("GET", "/v1/export-history"),
    "export_history.create": ("POST", "/v1/export-history"),
    "cloudflare.get": ("GET", "/v1/cloudflare"),
    "cloudflare.save": ("POST", "/v1/cloudflare"),
    "webhooks.list": ("GET", "/v1/webhooks"),
    "webhooks.create": ("POST", "/v1/webhooks"),
    "webhooks.delete": ("DELETE", "/v1/webhooks/{webhookId}"),
}
PAGINATION = {"page": 1, "limit": 1, "total": 1, "totalPages": 1}
TS = "2026-01-01T00:00:00Z"


class Lite(LiteApi):
    """A client bound to one LiteMail account: /v1 and its x-api-key."""

    def __init__(self, harness, key: str, account: dict):
        super().__init__(harness.client, key, account, harness)

    @property
    def state(self):
        return self.harness.world.accounts[self.account["id"]]

    def scope(self):
        return resolve_scope(self.harness.world, self.state, None, None)


def mailbox(username, status="ACTIVE", days_ago=None):
    spec = {"username": username, "firstName": username.title(), "lastName": "Tester", "status": status}
    if days_ago is not None:
        spec["daysAgo"] = days_ago
    return spec


def lite_account(harness, domains=(), **extra) -> Lite:
    ws = {"subscriptions": SUBSCRIPTIONS, "domains": list(domains)}
    r = harness.client.post("/_sim/accounts", json={"provider": "litemail", "fixture": {"workspaces": [ws]}, **extra})
    assert r.status_code == 201, r.text
    data = r.json()
    return Lite(harness, data["apiKey"], data)


@pytest.fixture
def lite(harness) -> Lite:
    """acme.com (ACTIVE) with an ACTIVE mailbox 30 days old, one 2 days old and one being created;
    beta.com (ACTIVE) with one 10-day-old mailbox; $120 in the wallet."""
    return lite_account(harness, [
        {"name": "acme.com", "status": "ACTIVE", "daysAgo": 40,
         "mailboxes": [mailbox("old", days_ago=30), mailbox("young", days_ago=2), mailbox("fresh", "IN_PROGRESS", days_ago=0)]},
        {"name": "beta.com", "status": "ACTIVE", "daysAgo": 20, "mailboxes": [mailbox("mid", days_ago=10)]},
    ], walletBalance=120)


def ids(api: Lite) -> dict:
    """username -> mailbox id, domain name -> domain id."""
    out = {m.username: m.id for m in api.state.mailboxes.values()}
    out.update({d.name: d.id for d in api.state.domains.values()})
    return out


def lite_error(resp, status, field=None, contains=None):
    """A LiteMail error: {status, message, data: null} (+ errors [{field, message}] for a 400)."""
    assert resp.status_code == status, resp.text
    body = resp.json()
    assert body["status"] == status and body["data"] is None and isinstance(body["message"], str), body
    keys = {"status", "message", "data"}
    assert set(body) == (keys | {"errors"} if "errors" in body else keys), body
    if status == 400:
        assert body["errors"] and all(set(e) == {"field", "message"} for e in body["errors"]), body
    if field is not None:
        assert field in [e["field"] for e in body.get("errors", [])], body
    if contains:
        assert contains.lower() in body["message"].lower(), body["message"]
    return body


def concrete(path: str) -> str:
    return path.replace("{tagId}", "tag-x").replace("{webhookId}", "wh-x")


# ---------------------------------------------------------------- the route table


def test_feature_routes_are_listed_with_the_reference_method_path_and_inferred(harness):
    rows = {r["operation"]: r for r in harness.client.get("/_sim/routes").json() if r["provider"] == "litemail"}
    for op, (method, path) in FEATURE_ROUTES.items():
        row = rows.get("litemail." + op)
        assert row is not None, op
        assert (row["method"], row["path"], row["provenance"]) == (method, path, "inferred"), row


@pytest.mark.parametrize("method,path", FEATURE_ROUTES.values(), ids=list(FEATURE_ROUTES))
def test_every_feature_route_needs_a_litemail_key(harness, method, path):
    zap = harness.account()
    for headers in ({}, {"x-api-key": "not-a-key"}, {"x-api-key": zap.key}, {"authorization": "Basic abc"}):
        r = harness.client.request(method, concrete(path), headers=headers, json={})
        lite_error(r, 401)


@pytest.mark.parametrize("method,path", FEATURE_ROUTES.values(), ids=list(FEATURE_ROUTES))
def test_bearer_key_is_accepted_on_every_feature_route(lite, method, path):
    r = lite.client.request(method, concrete(path), headers={"authorization": f"Bearer {lite.key}"}, json={})
    assert r.status_code != 401, r.text


# ---------------------------------------------------------------- tags

TAG = {"id": "c", "name": "n", "color": "#FFFFFF", "domainCount": 1, "mailboxCount": 1, "domainIds": ["d"],
       "mailboxIds": ["m"], "createdAt": TS, "updatedAt": TS}


def test_create_tag_attaches_it_and_list_embeds_counts(lite):
    i = ids(lite)
    r = lite.post("/tags", json={"name": "Production", "color": "#ff5733", "domainIds": [i["acme.com"]],
                                 "mailboxIds": [i["old"], i["mid"], i["old"]]})
    tag = envelope(r, 201)
    assert_shape(tag, TAG, nullable=("$.color",))
    assert tag["name"] == "Production" and tag["color"] == "#FF5733"
    assert tag["domainIds"] == [i["acme.com"]] and sorted(tag["mailboxIds"]) == sorted([i["old"], i["mid"]])
    assert (tag["domainCount"], tag["mailboxCount"]) == (1, 2)
    assert tag["id"].startswith("c") and len(tag["id"]) == 25
    envelope(lite.post("/tags", json={"name": "Empty"}), 201)
    listing = envelope(lite.get("/tags"))
    assert_shape(listing, {"tags": [TAG], "pagination": PAGINATION}, nullable=("$.tags[1].color",))
    assert [t["name"] for t in listing["tags"]] == ["Production", "Empty"]
    assert [(t["domainCount"], t["mailboxCount"]) for t in listing["tags"]] == [(1, 2), (0, 0)]
    assert listing["pagination"] == {"page": 1, "limit": 10, "total": 2, "totalPages": 1}
    one_page = envelope(lite.get("/tags", params={"limit": 1, "page": 2}))
    assert [t["name"] for t in one_page["tags"]] == ["Empty"]


def test_list_domains_and_mailboxes_by_tag(lite):
    """The filter functions part A's GET /v1/domains and GET /v1/mailboxes call for ?tagId=."""
    i = ids(lite)
    tag = envelope(lite.post("/tags", json={"name": "Cold", "domainIds": [i["beta.com"]], "mailboxIds": [i["young"]]}),
                   201)
    other = envelope(lite.post("/tags", json={"name": "Warm", "domainIds": [i["acme.com"]]}), 201)
    with lite.harness.world.lock:
        scope = lite.scope()
        assert [d.name for d in tags.domains_with_tag(scope, tag["id"])] == ["beta.com"]
        assert [d.name for d in tags.domains_with_tag(scope, other["id"])] == ["acme.com"]
        assert [m.username for m in tags.mailboxes_with_tag(scope, tag["id"])] == ["young"]
        assert sorted(m.username for m in tags.mailboxes_with_tag(scope, tag["id"], include_domain_tags=True)) == \
            ["mid", "young"]
        assert tags.mailboxes_with_tag(scope, other["id"]) == []
    # over HTTP: warmup analytics filtered by the tag (its own and its domains' mailboxes)
    rows = envelope(lite.get("/mailboxes/warmup-analytics", params={"tagId": tag["id"]}))["mailboxes"]
    assert sorted(r["email"] for r in rows) == ["mid@beta.com", "young@acme.com"]


def test_update_tag_renames_recolours_and_replaces_what_carries_it(lite):
    i = ids(lite)
    tag = envelope(lite.post("/tags", json={"name": "A", "color": "#123", "domainIds": [i["acme.com"]],
                                            "mailboxIds": [i["old"]]}), 201)
    r = lite.put(f"/tags/{tag['id']}", json={"name": "B", "domainIds": [i["beta.com"]]})
    updated = envelope(r)
    assert updated["name"] == "B" and updated["color"] == "#123"  # colour kept when not sent
    assert updated["domainIds"] == [i["beta.com"]] and updated["mailboxIds"] == [i["old"]]
    assert tag["id"] not in lite.state.domains[i["acme.com"]].tag_ids
    cleared = envelope(lite.put(f"/tags/{tag['id']}", json={"mailboxIds": [], "color": None}))
    assert cleared["mailboxIds"] == [] and cleared["mailboxCount"] == 0 and cleared["color"] is None
    assert cleared["domainIds"] == [i["beta.com"]]
    # the same name with other case is the tag's own: fine; another tag's name is not
    envelope(lite.put(f"/tags/{tag['id']}", json={"name": "b"}))
    envelope(lite.post("/tags", json={"name": "C"}), 201)
    lite_error(lite.put(f"/tags/{tag['id']}", json={"name": "c"}), 400, "name", "already exists")


def test_delete_tag_detaches_it_everywhere(lite):
    i = ids(lite)
    tag = envelope(lite.post("/tags", json={"name": "Gone", "domainIds": [i["acme.com"], i["beta.com"]],
                                            "mailboxIds": [i["old"], i["mid"]]}), 201)
    keep = envelope(lite.post("/tags", json={"name": "Kept", "domainIds": [i["acme.com"]]}), 201)
    assert envelope(lite.delete(f"/tags/{tag['id']}")) == {"id": tag["id"]}
    state = lite.state
    assert all(tag["id"] not in x.tag_ids for x in [*state.domains.values(), *state.mailboxes.values()])
    assert state.domains[i["acme.com"]].tag_ids == [keep["id"]]
    assert [t["name"] for t in envelope(lite.get("/tags"))["tags"]] == ["Kept"]
    lite_error(lite.delete(f"/tags/{tag['id']}"), 404)
    lite_error(lite.put(f"/tags/{tag['id']}", json={"name": "x"}), 404)
    lite_error(lite.get("/mailboxes/warmup-analytics", params={"tagId": tag["id"]}), 404)


@pytest.mark.parametrize("body,field", [
    ({}, "name"),
    ({"name": ""}, "name"),
    ({"name": "   "}, "name"),
    ({"name": 5}, "name"),
    ({"name": "x" * 51}, "name"),
    ({"name": "ok", "color": "red"}, "color"),
    ({"name": "ok", "color": "#12345"}, "color"),
    ({"name": "ok", "domainIds": "abc"}, "domainIds"),
    ({"name": "ok", "domainIds": [1]}, "domainIds[0]"),
    ({"name": "ok", "mailboxIds": {"a": 1}}, "mailboxIds"),
])
def test_create_tag_rejects_bad_bodies_naming_the_field(lite, body, field):
    lite_error(lite.post("/tags", json=body), 400, field)
    assert envelope(lite.get("/tags"))["tags"] == []


def test_create_tag_unknown_targets_are_404_and_nothing_is_attached(lite, harness):
    i = ids(lite)
    lite_error(lite.post("/tags", json={"name": "T", "domainIds": [i["acme.com"], "nope"]}), 404, "domainIds[1]")
    lite_error(lite.post("/tags", json={"name": "T", "mailboxIds": ["nope"]}), 404, "mailboxIds[0]")
    assert all(not d.tag_ids for d in lite.state.domains.values())
    envelope(lite.post("/tags", json={"name": "T"}), 201)
    lite_error(lite.post("/tags", json={"name": "t"}), 400, "name", "already exists")
    # another account's domain is unknown here, and its tags are invisible
    other = lite_account(harness, [{"name": "other.com", "mailboxes": [mailbox("o")]}])
    lite_error(lite.post("/tags", json={"name": "X", "domainIds": [ids(other)["other.com"]]}), 404, "domainIds[0]")
    mine = envelope(lite.get("/tags"))["tags"][0]
    lite_error(other.put(f"/tags/{mine['id']}", json={"name": "stolen"}), 404)
    lite_error(other.delete(f"/tags/{mine['id']}"), 404)
    assert envelope(other.get("/tags"))["tags"] == []


# ---------------------------------------------------------------- warmup analytics

WARMUP_ROW = {"mailboxId": "c", "email": "a@b.c", "mailboxStatus": "ACTIVE", "warmupStatus": "WARMING",
              "warmupDays": 1, "sent": 1, "inbox": 1, "spam": 1, "inboxRate": 1.0, "reputation": 1,
              "daily": [{"date": "2026-01-01", "sent": 1, "inbox": 1, "spam": 1}]}
WARMUP_SUMMARY = {"mailboxes": 1, "warmingUp": 1, "warmedUp": 1, "sent": 1, "inbox": 1, "spam": 1, "inboxRate": 1.0,
                  "averageReputation": 1.0}


def _warmup(api, **params):
    data = envelope(api.get("/mailboxes/warmup-analytics", params=params))
    return data, {r["email"].split("@")[0]: r for r in data["mailboxes"]}


def test_warmup_shape_and_numbers_follow_each_mailbox_age(lite):
    data, rows = _warmup(lite)
    assert_shape(data, {"summary": WARMUP_SUMMARY, "mailboxes": [WARMUP_ROW],
                        "pagination": {"page": 1, "limit": 1, "total": 1, "totalPages": 1}},
                 nullable=("$.mailboxes[2].daily",))
    assert set(rows) == {"old", "young", "fresh", "mid"}
    assert [(rows[u]["warmupDays"], rows[u]["warmupStatus"]) for u in ("old", "mid", "young")] == \
        [(30, "WARMED_UP"), (10, "WARMING"), (2, "WARMING")]
    fresh = rows["fresh"]
    assert (fresh["mailboxStatus"], fresh["warmupStatus"], fresh["sent"], fresh["reputation"], fresh["daily"]) == \
        ("PENDING", "NOT_STARTED", 0, 0, [])
    # older mailboxes have sent more and built more reputation
    assert rows["old"]["sent"] > rows["mid"]["sent"] > rows["young"]["sent"] > 0
    assert rows["old"]["reputation"] > rows["mid"]["reputation"] > rows["young"]["reputation"] > 0
    for r in (rows["old"], rows["mid"], rows["young"]):
        assert r["inbox"] + r["spam"] == r["sent"] and r["inbox"] > r["spam"]
        assert r["inboxRate"] == round(100 * r["inbox"] / r["sent"], 1)
        assert len(r["daily"]) == min(7, r["warmupDays"] + 1)
        assert all(d["inbox"] + d["spam"] == d["sent"] for d in r["daily"])
    summary = data["summary"]
    active = [rows[u] for u in ("old", "mid", "young")]
    assert summary["mailboxes"] == 4 and (summary["warmingUp"], summary["warmedUp"]) == (2, 1)
    assert summary["sent"] == sum(r["sent"] for r in active) and summary["inbox"] == sum(r["inbox"] for r in active)
    assert summary["averageReputation"] == round(sum(r["reputation"] for r in active) / 3, 1)
    # the same mailboxes at the same simulated time: the same numbers
    assert _warmup(lite)[0] == data


def test_warmup_numbers_grow_as_the_clock_advances(lite, harness):
    before = _warmup(lite)[1]
    harness.advance(3 * DAY)
    after = _warmup(lite)[1]
    for u in ("old", "mid", "young"):
        assert after[u]["warmupDays"] == before[u]["warmupDays"] + 3
        assert after[u]["sent"] > before[u]["sent"] and after[u]["inbox"] > before[u]["inbox"]
        assert after[u]["reputation"] >= before[u]["reputation"]
    assert after["young"]["reputation"] > before["young"]["reputation"]
    assert after["young"]["spam"] >= before["young"]["spam"]
    # the mailbox being created turned ACTIVE and started from zero
    assert (before["fresh"]["sent"], before["fresh"]["reputation"]) == (0, 0)
    assert after["fresh"]["mailboxStatus"] == "ACTIVE" and after["fresh"]["warmupDays"] == 2
    assert after["fresh"]["sent"] > 0 and after["fresh"]["reputation"] >= 30
    # within a day the numbers keep moving too (today's share of the day's sends)
    harness.advance(DAY / 2)
    assert _warmup(lite)[1]["young"]["sent"] > after["young"]["sent"]


def test_warmup_filters_history_and_errors(lite):
    i = ids(lite)
    _, rows = _warmup(lite, mailboxId=i["old"], days=30)
    assert list(rows) == ["old"] and len(rows["old"]["daily"]) == 30
    assert rows["old"]["daily"][-2]["sent"] >= rows["old"]["daily"][0]["sent"]
    _, rows = _warmup(lite, domainId=i["beta.com"])
    assert list(rows) == ["mid"]
    lite_error(lite.get("/mailboxes/warmup-analytics", params={"mailboxId": "nope"}), 404)
    lite_error(lite.get("/mailboxes/warmup-analytics", params={"domainId": "nope"}), 404)
    for bad in ("0", "91", "x", "-3"):
        lite_error(lite.get("/mailboxes/warmup-analytics", params={"days": bad}), 400, "days")
    page = envelope(lite.get("/mailboxes/warmup-analytics", params={"limit": 1, "page": 2}))
    assert len(page["mailboxes"]) == 1 and page["summary"]["mailboxes"] == 4
    assert page["pagination"] == {"page": 2, "limit": 1, "total": 4, "totalPages": 4}


# ---------------------------------------------------------------- placement tests

PROVIDER_ROW = {"provider": "GOOGLE", "inbox": 1, "spam": 1, "missing": 1, "total": 1, "inboxRate": 1.0}
COUNTS = {k: v for k, v in PROVIDER_ROW.items() if k != "provider"}
PLACEMENT = {"id": "c", "name": "n", "status": "PENDING", "mailboxIds": ["m"], "providers": ["GOOGLE"],
             "seedsPerProvider": 5, "emailsSent": 1, "results": None, "failureReason": None, "createdAt": TS,
             "startedAt": TS, "completedAt": TS, "updatedAt": TS}
RESULTS = {"overall": COUNTS, "providers": [PROVIDER_ROW],
           "mailboxes": [{"mailboxId": "m", "email": "a@b.c", "providers": [PROVIDER_ROW]}]}


def test_placement_test_runs_on_the_clock_and_reports_per_provider(lite, harness):
    i = ids(lite)
    created = envelope(lite.post("/placement-tests", json={"mailboxIds": [i["old"], i["young"]], "name": "Q3"}), 201)
    assert_shape(created, PLACEMENT, nullable=("$.startedAt", "$.completedAt"))
    assert (created["status"], created["results"], created["startedAt"]) == ("PENDING", None, None)
    assert created["providers"] == ["GOOGLE", "MICROSOFT", "YAHOO"] and created["name"] == "Q3"
    assert created["emailsSent"] == 2 * 3 * 5
    harness.advance(30)
    running = envelope(lite.get("/placement-tests"))["placementTests"][0]
    assert (running["status"], running["results"]) == ("RUNNING", None) and running["startedAt"] is not None
    harness.advance(570)
    done = envelope(lite.get("/placement-tests"))["placementTests"][0]
    assert done["status"] == "COMPLETED" and done["completedAt"] is not None
    assert_shape(done["results"], RESULTS)
    res = done["results"]
    assert [p["provider"] for p in res["providers"]] == ["GOOGLE", "MICROSOFT", "YAHOO"]
    for p in res["providers"]:
        assert p["inbox"] + p["spam"] + p["missing"] == p["total"] == 2 * 5
    assert res["overall"]["total"] == 30 and res["overall"]["inbox"] == sum(p["inbox"] for p in res["providers"])
    per_box = {r["email"]: {p["provider"]: p for p in r["providers"]} for r in res["mailboxes"]}
    old, young = per_box["old@acme.com"], per_box["young@acme.com"]
    # the warmed-up mailbox lands in the inbox more, at every provider
    assert all(old[p]["inbox"] > young[p]["inbox"] for p in ("GOOGLE", "MICROSOFT", "YAHOO"))
    assert sum(young[p]["spam"] + young[p]["missing"] for p in young) > 0
    # per provider totals are the sums over the mailboxes
    for p in res["providers"]:
        assert p["inbox"] == old[p["provider"]]["inbox"] + young[p["provider"]]["inbox"]


def test_placement_results_are_deterministic(lite, harness):
    i = ids(lite)
    a = envelope(lite.post("/placement-tests", json={"mailboxIds": [i["mid"], i["young"]]}), 201)
    b = envelope(lite.post("/placement-tests", json={"mailboxIds": [i["mid"], i["young"]]}), 201)
    harness.advance(600)
    rows = {t["id"]: t for t in envelope(lite.get("/placement-tests"))["placementTests"]}
    assert rows[a["id"]]["results"] == rows[b["id"]]["results"] is not None
    assert [rows[a["id"]]["name"], rows[b["id"]]["name"]] == ["Placement test 1", "Placement test 2"]


def test_placement_list_filters_and_is_newest_first(lite, harness):
    i = ids(lite)
    first = envelope(lite.post("/placement-tests", json={"mailboxIds": [i["old"]], "providers": ["YAHOO"]}), 201)
    harness.advance(600)
    second = envelope(lite.post("/placement-tests", json={"mailboxIds": [i["mid"]]}), 201)
    listing = envelope(lite.get("/placement-tests"))
    assert [t["id"] for t in listing["placementTests"]] == [second["id"], first["id"]]
    assert listing["pagination"]["total"] == 2
    done = envelope(lite.get("/placement-tests", params={"status": "COMPLETED"}))["placementTests"]
    assert [t["id"] for t in done] == [first["id"]]
    assert [p["provider"] for p in done[0]["results"]["providers"]] == ["YAHOO"]
    lite_error(lite.get("/placement-tests", params={"status": "DONE"}), 400, "status")


def test_placement_test_fails_when_its_mailboxes_are_gone(lite, harness):
    i = ids(lite)
    t = envelope(lite.post("/placement-tests", json={"mailboxIds": [i["mid"]]}), 201)
    with harness.world.lock:
        del lite.state.mailboxes[i["mid"]]
    harness.advance(600)
    row = envelope(lite.get("/placement-tests"))["placementTests"][0]
    assert (row["id"], row["status"], row["results"]) == (t["id"], "FAILED", None)
    assert "removed" in row["failureReason"]


@pytest.mark.parametrize("body,status,field", [
    ({}, 400, "mailboxIds"),
    ({"mailboxIds": []}, 400, "mailboxIds"),
    ({"mailboxIds": "x"}, 400, "mailboxIds"),
    ({"mailboxIds": ["nope"]}, 404, "mailboxIds[0]"),
    ({"mailboxIds": ["<old>"], "providers": ["AOL"]}, 400, "providers[0]"),
    ({"mailboxIds": ["<old>"], "providers": []}, 400, "providers"),
    ({"mailboxIds": ["<old>"], "name": ""}, 400, "name"),
    ({"mailboxIds": ["<old>"], "name": 3}, 400, "name"),
    ({"mailboxIds": ["<old>", "<fresh>"]}, 400, "mailboxIds[1]"),
])
def test_create_placement_test_errors(lite, body, status, field):
    i = ids(lite)
    if isinstance(body.get("mailboxIds"), list):
        body = {**body, "mailboxIds": [i.get(x.strip("<>"), x) for x in body["mailboxIds"]]}
    lite_error(lite.post("/placement-tests", json=body), status, field if status == 400 else None)
    if status == 404:
        assert lite.post("/placement-tests", json=body).json()["errors"][0]["field"] == field
    assert envelope(lite.get("/placement-tests"))["placementTests"] == []


# ---------------------------------------------------------------- dashboard

def test_dashboard_counts_follow_the_account_state(lite, harness):
    data = envelope(lite.get("/dashboard/overview"))
    assert data == {
        "domains": {"total": 2, "counts": {"ACTIVE": 2, "INACTIVE": 0, "PENDING": 0, "IN_PROGRESS": 0, "EXPIRED": 0}},
        "mailboxes": {"total": 4, "counts": {"PENDING": 1, "ACTIVE": 3, "FAILED": 0}, "scheduledForRemoval": 0},
        "walletBalance": 120,
        "subscriptions": {"active": 1, "total": 1},
        "slots": {"purchased": 10, "used": 4, "available": 6},
        "exports": {"total": 0, "completed": 0, "inProgress": 0, "failed": 0},
        "tags": 0,
        "placementTests": 0,
    }
    counts = envelope(lite.get("/dashboard/mailbox-status-counts"))
    assert counts == {"total": 4, "counts": {"PENDING": 1, "ACTIVE": 3, "FAILED": 0}, "scheduledForRemoval": 0}
    harness.advance(600)  # the mailbox being created turns ACTIVE
    assert envelope(lite.get("/dashboard/mailbox-status-counts"))["counts"] == {"PENDING": 0, "ACTIVE": 4, "FAILED": 0}
    i = ids(lite)
    envelope(lite.post("/tags", json={"name": "T"}), 201)
    envelope(lite.post("/placement-tests", json={"mailboxIds": [i["old"]]}), 201)
    envelope(lite.post("/export-history", json={"app": "INSTANTLY", "mailboxIds": [i["old"]]}), 201)
    with harness.world.lock:
        lite.state.wallet_balance = 75.5
        lite.state.mailboxes[i["mid"]].scheduled_removal = True
    data = envelope(lite.get("/dashboard/overview"))
    assert (data["tags"], data["placementTests"], data["walletBalance"]) == (1, 1, 75.5)
    assert data["exports"] == {"total": 1, "completed": 1, "inProgress": 0, "failed": 0}
    assert data["mailboxes"]["scheduledForRemoval"] == 1


def test_dashboard_is_per_account_and_narrows_to_an_explicit_platform(lite, harness):
    other = lite_account(harness, [{"name": "ms.com", "platform": "MICROSOFT",
                                    "mailboxes": [mailbox("x"), mailbox("y", "IN_PROGRESS")]}])
    assert envelope(other.get("/dashboard/mailbox-status-counts"))["counts"] == {"PENDING": 1, "ACTIVE": 1, "FAILED": 0}
    google = envelope(other.get("/dashboard/overview", headers={"x-service-provider": "GOOGLE"}))
    assert google["mailboxes"]["total"] == 0 and google["domains"]["total"] == 0
    assert google["slots"] == {"purchased": 10, "used": 0, "available": 10}
    assert envelope(lite.get("/dashboard/overview"))["mailboxes"]["total"] == 4
    lite_error(lite.get("/dashboard/overview", headers={"x-service-provider": "YAHOO"}), 400)


# ---------------------------------------------------------------- export history

EXPORT = {"id": 1, "source": "MANUAL", "apps": ["INSTANTLY"], "status": "COMPLETED", "mailboxCount": 1,
          "mailboxIds": ["m"], "note": "n", "failureReason": None, "createdAt": TS, "updatedAt": TS}


def test_export_history_lists_core_exports_and_manual_records(lite, harness):
    i = ids(lite)
    with harness.world.lock:  # an export started through the core, as the export routes start one
        job = exports.start_export(lite.scope(), {"apps": ["MANUAL"], "ids": [i["old"], i["mid"]]}, ("MANUAL",))
    r = lite.post("/export-history", json={"app": "SMARTLEAD", "mailboxIds": [i["young"], i["young"]],
                                           "note": "exported by hand"})
    record = envelope(r, 201)
    assert_shape(record, EXPORT)
    assert record == {**record, "id": job.id + 1, "source": "MANUAL", "apps": ["SMARTLEAD"], "status": "COMPLETED",
                      "mailboxCount": 1, "mailboxIds": [i["young"]], "note": "exported by hand"}
    failed = envelope(lite.post("/export-history", json={"app": "INSTANTLY", "mailboxIds": [i["old"]],
                                                         "status": "FAILED"}), 201)
    listing = envelope(lite.get("/export-history"))
    assert_shape(listing, {"exports": [EXPORT], "pagination": PAGINATION}, nullable=("$.exports[0].note",
                                                                                       "$.exports[2].note"))
    rows = listing["exports"]
    assert [r["id"] for r in rows] == [failed["id"], record["id"], job.id]  # newest first
    core = rows[-1]
    assert (core["source"], core["status"], core["apps"], core["mailboxCount"]) == ("EXPORT", "PENDING", ["MANUAL"], 2)
    harness.advance(120)
    rows = envelope(lite.get("/export-history"))["exports"]
    assert rows[-1]["status"] == "COMPLETED"
    assert [r["id"] for r in envelope(lite.get("/export-history", params={"status": "FAILED"}))["exports"]] == \
        [failed["id"]]
    lite_error(lite.get("/export-history", params={"status": "NOPE"}), 400, "status")


@pytest.mark.parametrize("body,status,field", [
    ({"mailboxIds": ["<old>"]}, 400, "app"),
    ({"app": "", "mailboxIds": ["<old>"]}, 400, "app"),
    ({"app": 7, "mailboxIds": ["<old>"]}, 400, "app"),
    ({"app": "X"}, 400, "mailboxIds"),
    ({"app": "X", "mailboxIds": []}, 400, "mailboxIds"),
    ({"app": "X", "mailboxIds": ["nope"]}, 404, "mailboxIds[0]"),
    ({"app": "X", "mailboxIds": ["<old>"], "status": "PENDING"}, 400, "status"),
    ({"app": "X", "mailboxIds": ["<old>"], "note": ["x"]}, 400, "note"),
])
def test_create_export_record_errors(lite, body, status, field):
    i = ids(lite)
    if isinstance(body.get("mailboxIds"), list):
        body = {**body, "mailboxIds": [i.get(x.strip("<>"), x) for x in body["mailboxIds"]]}
    err = lite_error(lite.post("/export-history", json=body), status)
    assert err["errors"][0]["field"] == field
    assert envelope(lite.get("/export-history"))["exports"] == []


# ---------------------------------------------------------------- Cloudflare

TOKEN = "cfTok_9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c"
CREDS = {"id": "c", "label": "l", "email": "e", "accountId": "a", "apiToken": "****", "zoneCount": 0,
         "createdAt": TS, "updatedAt": TS}


def test_cloudflare_credentials_are_stored_masked_and_connect_a_domain(lite, harness):
    responses = []

    def call(method, path, **kw):
        r = lite.request(method, path, **kw)
        responses.append(r)
        return r

    saved = envelope(call("POST", "/cloudflare", json={"apiToken": TOKEN, "email": "ops@acme.com",
                                                       "accountId": "0123456789abcdef0123456789abcdef",
                                                       "label": "Main"}), 201)
    assert_shape(saved, {"credentials": CREDS, "connection": None})
    creds = saved["credentials"]
    assert creds["apiToken"] == "*" * (len(TOKEN) - 4) + TOKEN[-4:]
    assert (creds["email"], creds["accountId"], creds["label"], creds["zoneCount"]) == \
        ("ops@acme.com", "0123456789abcdef0123456789abcdef", "Main", 0)
    # saving the same token again updates the stored credentials
    again = envelope(call("POST", "/cloudflare", json={"apiToken": TOKEN, "label": "Renamed"}))
    assert again["credentials"]["id"] == creds["id"] and again["credentials"]["label"] == "Renamed"
    started = envelope(call("POST", "/cloudflare", json={"domainName": "Shop.Example-Store.com",
                                                         "credentialsId": creds["id"]}), 201)
    conn = started["connection"]
    assert (conn["domain"], conn["status"], conn["domainId"]) == ("shop.example-store.com", "PENDING", None)
    assert started["credentials"]["zoneCount"] == 1
    view = envelope(call("GET", "/cloudflare"))
    assert [c["id"] for c in view["credentials"]] == [creds["id"]]
    zone = view["zones"][0]
    assert (zone["name"], zone["credentialsId"], zone["status"], zone["domainId"]) == \
        ("shop.example-store.com", creds["id"], "pending", None)
    assert zone["connection"]["id"] == conn["id"]
    harness.advance(5 * 60)  # five connection steps of 60 s
    zone = envelope(call("GET", "/cloudflare"))["zones"][0]
    assert (zone["status"], zone["domainStatus"], zone["connection"]["status"]) == ("active", "ACTIVE", "SUCCESS")
    domain = lite.state.domains[zone["domainId"]]
    assert (domain.name, domain.status, domain.origin) == ("shop.example-store.com", "ACTIVE", "connected")
    # inline credentials: stored too, and the domain connects
    inline = "inlineTok_abcdefghijklmnopqrstuvwxyz0123"
    started = envelope(call("POST", "/cloudflare", json={"domainName": "second.com", "apiToken": inline}), 201)
    assert started["connection"]["status"] == "PENDING" and started["credentials"]["id"] != creds["id"]
    assert len(envelope(call("GET", "/cloudflare"))["credentials"]) == 2
    for r in responses:
        assert TOKEN not in r.text and inline not in r.text


@pytest.mark.parametrize("body,status,field", [
    ({}, 400, "apiToken"),
    ({"apiToken": ""}, 400, "apiToken"),
    ({"apiToken": 12345}, 400, "apiToken"),
    ({"apiToken": "short"}, 400, "apiToken"),
    ({"apiToken": "has spaces in it but long enough"}, 400, "apiToken"),
    ({"apiToken": "invalid_token_abcdefghijklmnop"}, 400, "apiToken"),
    ({"apiToken": TOKEN, "email": "no-at-sign"}, 400, "email"),
    ({"apiToken": TOKEN, "accountId": "xyz"}, 400, "accountId"),
    ({"credentialsId": "nope"}, 400, "domainName"),
    ({"domainName": "a.com"}, 400, "credentialsId"),
    ({"domainName": "a.com", "credentialsId": "nope"}, 404, "credentialsId"),
    ({"domainName": "a.com", "credentialsId": "x", "apiToken": TOKEN}, 400, "credentialsId"),
    ({"domainName": "not a domain", "apiToken": TOKEN}, 400, "domainName"),
    ({"domainName": 5, "apiToken": TOKEN}, 400, "domainName"),
])
def test_cloudflare_save_errors(lite, body, status, field):
    err = lite_error(lite.post("/cloudflare", json=body), status)
    assert err["errors"][0]["field"] == field
    if "apiToken" in body and isinstance(body["apiToken"], str) and len(body["apiToken"]) > 4:
        assert body["apiToken"] not in json.dumps(err)


def test_cloudflare_credentials_are_per_account(lite, harness):
    saved = envelope(lite.post("/cloudflare", json={"apiToken": TOKEN}), 201)["credentials"]
    other = lite_account(harness)
    assert envelope(other.get("/cloudflare")) == {"credentials": [], "zones": []}
    lite_error(other.post("/cloudflare", json={"domainName": "x.com", "credentialsId": saved["id"]}), 404)


# ---------------------------------------------------------------- webhooks

WEBHOOK = {"id": "c", "url": "http://x", "events": ["e"], "description": "d", "status": "ACTIVE", "secret": "s",
           "createdAt": TS, "updatedAt": TS,
           "deliveryStats": {"total": 0, "pending": 0, "delivered": 0, "failed": 0},
           "recentDeliveries": [{"id": "d", "event": "e", "eventId": "i", "status": "DELIVERED", "createdAt": TS,
                                 "lastStatusCode": 200,
                                 "attempts": [{"attempt": 1, "at": TS, "statusCode": 200, "error": None,
                                               "durationMs": 1.0}]}]}
ALL_EVENTS = ["domain.connection_status_changed", "domain.updated", "mailbox.updated", "placement_test.status_changed"]


class Receiver:
    """A tiny HTTP server on 127.0.0.1 that records every POST and answers with the next status
    of `statuses` (the last one repeats); `gate`, when set, holds each answer until released."""

    def __init__(self, statuses=(200,), gate: threading.Event | None = None):
        self.statuses, self.gate = list(statuses), gate
        self.received: list[tuple[dict, bytes]] = []
        self.arrived = threading.Condition()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("content-length", 0)))
                with receiver.arrived:
                    receiver.received.append(({k.lower(): v for k, v in self.headers.items()}, body))
                    status = receiver.statuses[min(len(receiver.received), len(receiver.statuses)) - 1]
                    receiver.arrived.notify_all()
                if receiver.gate is not None:
                    receiver.gate.wait(10)
                self.send_response(status)
                self.send_header("content-length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def wait_for(self, count: int, timeout: float = 10.0):
        with self.arrived:
            assert self.arrived.wait_for(lambda: len(self.received) >= count, timeout), self.received
        return self.received

    def close(self):
        if self.gate is not None:
            self.gate.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    made = []

    def make(statuses=(200,), gate=None):
        made.append(Receiver(statuses, gate))
        return made[-1]

    yield make
    for r in made:
        r.close()


def wait_for_webhook(api, webhook_id, done, timeout=10.0):
    deadline = time.monotonic() + timeout
    while True:
        row = next(w for w in envelope(api.get("/webhooks"))["webhooks"] if w["id"] == webhook_id)
        if done(row) or time.monotonic() > deadline:
            return row
        time.sleep(0.02)


def test_create_webhook_returns_the_secret_once_and_lists_it_masked(lite):
    r = lite.post("/webhooks", json={"url": "https://hooks/a", "description": "main"})
    hook = envelope(r, 201)
    assert_shape(hook, {**WEBHOOK, "recentDeliveries": []})
    assert hook["secret"].startswith("whsec_") and len(hook["secret"]) == 38
    assert (hook["events"], hook["status"], hook["description"]) == (ALL_EVENTS, "ACTIVE", "main")
    listing = envelope(lite.get("/webhooks"))
    assert listing["pagination"]["total"] == 1
    row = listing["webhooks"][0]
    assert row["secret"] == "*" * 34 + hook["secret"][-4:]
    assert hook["secret"] not in lite.get("/webhooks").text
    assert {k: v for k, v in row.items() if k != "secret"} == {k: v for k, v in hook.items() if k != "secret"}
    only = envelope(lite.post("/webhooks", json={"url": "http://127.0.0.1:9/b",
                                                  "events": ["domain.updated", "domain.updated"]}), 201)
    assert only["events"] == ["domain.updated"] and only["description"] is None
    assert envelope(lite.delete(f"/webhooks/{only['id']}")) == {"id": only["id"]}
    assert [w["id"] for w in envelope(lite.get("/webhooks"))["webhooks"]] == [hook["id"]]
    lite_error(lite.delete(f"/webhooks/{only['id']}"), 404)


@pytest.mark.parametrize("body,field", [
    ({}, "url"),
    ({"url": ""}, "url"),
    ({"url": 3}, "url"),
    ({"url": "ftp://x.test/h"}, "url"),
    ({"url": "not a url"}, "url"),
    ({"url": "https://"}, "url"),
    ({"url": "https://hooks", "events": []}, "events"),
    ({"url": "https://hooks", "events": "mailbox.updated"}, "events"),
    ({"url": "https://hooks", "events": ["mailbox.updated", "mailbox.created"]}, "events[1]"),
    ({"url": "https://hooks", "description": 5}, "description"),
])
def test_create_webhook_errors(lite, body, field):
    lite_error(lite.post("/webhooks", json=body), 400, field)
    assert envelope(lite.get("/webhooks"))["webhooks"] == []


def test_duplicate_url_and_other_accounts_webhooks(lite, harness):
    hook = envelope(lite.post("/webhooks", json={"url": "https://hooks/h"}), 201)
    lite_error(lite.post("/webhooks", json={"url": "https://hooks/h"}), 400, "url", "already registered")
    other = lite_account(harness)
    assert envelope(other.get("/webhooks"))["webhooks"] == []
    lite_error(other.delete(f"/webhooks/{hook['id']}"), 404)
    assert len(envelope(lite.get("/webhooks"))["webhooks"]) == 1


def test_mailbox_activation_is_delivered_signed_with_the_secret(lite, harness, receiver):
    rx = receiver()
    hook = envelope(lite.post("/webhooks", json={"url": rx.url, "events": ["mailbox.updated"]}), 201)
    quiet = envelope(lite.post("/webhooks", json={"url": rx.url + "/domains", "events": ["domain.updated"]}), 201)
    harness.advance(600)  # 'fresh' turns ACTIVE
    envelope(lite.get("/dashboard/mailbox-status-counts"))  # any request applies the due transitions
    (headers, raw), = rx.wait_for(1)
    expected = hmac.new(hook["secret"].encode(), raw, hashlib.sha256).hexdigest()
    assert headers["x-litemail-signature"] == f"sha256={expected}"
    assert hmac.compare_digest(headers["x-litemail-signature"].removeprefix("sha256="), expected)
    assert headers["x-litemail-event"] == "mailbox.updated"
    assert headers["content-type"] == "application/json"
    event = json.loads(raw)
    fresh = ids(lite)["fresh"]
    assert_shape(event, {"id": "e", "event": "mailbox.updated", "createdAt": TS,
                         "data": {"mailbox": {"id": "m", "username": "u", "fullName": "f", "status": "ACTIVE",
                                              "domainId": "d", "email": "e"}}})
    assert event["event"] == "mailbox.updated"
    assert event["data"]["mailbox"] == {"id": fresh, "username": "fresh", "fullName": "Fresh Tester",
                                        "status": "ACTIVE", "domainId": ids(lite)["acme.com"],
                                        "email": "fresh@acme.com"}
    # a wrong secret does not verify
    assert hmac.new(b"whsec_wrong", raw, hashlib.sha256).hexdigest() != expected
    row = wait_for_webhook(lite, hook["id"], lambda w: w["deliveryStats"]["delivered"] == 1)
    assert row["deliveryStats"] == {"total": 1, "pending": 0, "delivered": 1, "failed": 0}
    delivery = row["recentDeliveries"][0]
    assert (delivery["id"], delivery["event"], delivery["eventId"]) == \
        (headers["x-litemail-delivery"], "mailbox.updated", event["id"])
    assert [(a["attempt"], a["statusCode"], a["error"]) for a in delivery["attempts"]] == [(1, 200, None)]
    assert envelope(lite.get("/webhooks"))["webhooks"][1]["id"] == quiet["id"]
    assert envelope(lite.get("/webhooks"))["webhooks"][1]["deliveryStats"]["total"] == 0
    assert len(rx.received) == 1


def test_failed_deliveries_are_retried_with_backoff(lite, harness, receiver):
    harness.world.settings["webhook_retry_delays_seconds"] = [0.05, 0.1]
    rx = receiver(statuses=(500, 503, 200))
    hook = envelope(lite.post("/webhooks", json={"url": rx.url}), 201)
    harness.advance(600)
    envelope(lite.get("/webhooks"))
    received = rx.wait_for(3)
    assert len({body for _, body in received}) == 1  # the same body each time
    assert len({h["x-litemail-delivery"] for h, _ in received}) == 1
    row = wait_for_webhook(lite, hook["id"], lambda w: w["deliveryStats"]["delivered"] == 1)
    attempts = row["recentDeliveries"][0]["attempts"]
    assert [(a["attempt"], a["statusCode"]) for a in attempts] == [(1, 500), (2, 503), (3, 200)]
    assert row["recentDeliveries"][0]["status"] == "DELIVERED" and row["recentDeliveries"][0]["lastStatusCode"] == 200


def test_a_delivery_that_keeps_failing_ends_failed(lite, harness, receiver):
    harness.world.settings["webhook_retry_delays_seconds"] = [0.05]
    rx = receiver(statuses=(500,))
    hook = envelope(lite.post("/webhooks", json={"url": rx.url}), 201)
    dead = envelope(lite.post("/webhooks", json={"url": "http://127.0.0.1:1/closed"}), 201)
    harness.advance(600)
    envelope(lite.get("/webhooks"))
    row = wait_for_webhook(lite, hook["id"], lambda w: w["deliveryStats"]["failed"] == 1)
    assert [a["statusCode"] for a in row["recentDeliveries"][0]["attempts"]] == [500, 500]
    assert row["deliveryStats"] == {"total": 1, "pending": 0, "delivered": 0, "failed": 1}
    row = wait_for_webhook(lite, dead["id"], lambda w: w["deliveryStats"]["failed"] == 1)
    attempts = row["recentDeliveries"][0]["attempts"]
    assert len(attempts) == 2 and all(a["statusCode"] is None and a["error"] for a in attempts)


def test_delivery_never_blocks_a_request(lite, harness, receiver):
    gate = threading.Event()
    rx = receiver(gate=gate)
    hook = envelope(lite.post("/webhooks", json={"url": rx.url}), 201)
    harness.advance(600)
    envelope(lite.get("/webhooks"))
    rx.wait_for(1)  # the receiver holds the delivery open...
    started = time.monotonic()
    row = next(w for w in envelope(lite.get("/webhooks"))["webhooks"] if w["id"] == hook["id"])
    envelope(lite.get("/dashboard/overview"))
    assert time.monotonic() - started < 2  # ...while requests (and the world lock) go on
    assert row["deliveryStats"]["pending"] == 1
    gate.set()
    row = wait_for_webhook(lite, hook["id"], lambda w: w["deliveryStats"]["delivered"] == 1)
    assert row["deliveryStats"]["delivered"] == 1


def test_domain_and_connection_status_changes_are_delivered(harness, receiver):
    api = lite_account(harness, [{"name": "bought.com", "status": "PENDING", "origin": "purchased"}])
    rx = receiver()
    hook = envelope(api.post("/webhooks", json={"url": rx.url}), 201)
    envelope(api.post("/cloudflare", json={"domainName": "linked.com", "apiToken": TOKEN}), 201)
    harness.advance(300)  # bought.com registers; linked.com walks its five steps
    envelope(api.get("/webhooks"))
    received = rx.wait_for(6)
    events = [json.loads(body) for _, body in received]
    for (headers, body), event in zip(received, events):
        assert headers["x-litemail-signature"] == \
            "sha256=" + hmac.new(hook["secret"].encode(), body, hashlib.sha256).hexdigest()
        assert headers["x-litemail-event"] == event["event"]
    domain_events = [e for e in events if e["event"] == "domain.updated"]
    assert [(e["data"]["domain"]["domain"], e["data"]["domain"]["status"]) for e in domain_events] == \
        [("bought.com", "ACTIVE")]
    # deliveries run in parallel, so arrival order is not emission order: order by event time
    steps = [e["data"]["connection"]["status"] for e in sorted(events, key=lambda e: e["createdAt"])
             if e["event"] == "domain.connection_status_changed"]
    assert steps == ["CHECKING_IF_DOMAIN_IS_REGISTERED", "CHECKING_EXISTING_WORKSPACE_STATUS", "CHECKING_NS_IN_WHOIS",
                     "CHECKING_BLACKLISTED_STATUS", "SUCCESS"]
    row = wait_for_webhook(api, hook["id"], lambda w: w["deliveryStats"]["delivered"] == 6)
    assert row["deliveryStats"]["total"] == 6


def test_placement_status_changes_are_delivered(lite, harness, receiver):
    rx = receiver()
    envelope(lite.post("/webhooks", json={"url": rx.url, "events": ["placement_test.status_changed"]}), 201)
    t = envelope(lite.post("/placement-tests", json={"mailboxIds": [ids(lite)["old"]]}), 201)
    harness.advance(600)
    envelope(lite.get("/placement-tests"))
    events = sorted((json.loads(body) for _, body in rx.wait_for(2)), key=lambda e: e["createdAt"])
    assert [(e["data"]["placementTest"]["id"], e["data"]["placementTest"]["status"]) for e in events] == \
        [(t["id"], "RUNNING"), (t["id"], "COMPLETED")]
    assert events[1]["data"]["placementTest"]["results"]["overall"]["total"] == 15


def test_deleted_webhook_receives_nothing(lite, harness, receiver):
    rx = receiver()
    hook = envelope(lite.post("/webhooks", json={"url": rx.url}), 201)
    envelope(lite.delete(f"/webhooks/{hook['id']}"))
    harness.advance(600)
    envelope(lite.get("/webhooks"))
    other = receiver()
    envelope(lite.post("/webhooks", json={"url": other.url, "events": ["placement_test.status_changed"]}), 201)
    envelope(lite.post("/placement-tests", json={"mailboxIds": [ids(lite)["old"]]}), 201)
    harness.advance(30)
    envelope(lite.get("/webhooks"))
    other.wait_for(1)  # a later event reached the live webhook; the deleted one got nothing
    assert rx.received == []
    assert lite.state.webhook_deliveries and all(d.webhook_id != hook["id"]
                                                 for d in lite.state.webhook_deliveries.values())


# ---------------------------------------------------------------- generated requests

scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.text(max_size=20))
json_values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                            st.dictionaries(st.text(max_size=8), inner, max_size=3)),
                           max_leaves=8)
FIELDS = ["name", "color", "domainIds", "mailboxIds", "providers", "app", "status", "note", "domainName",
          "credentialsId", "apiToken", "email", "accountId", "label", "url", "events", "description"]


@pytest.fixture(scope="module")
def fuzz_world():
    from .conftest import Harness

    h = Harness()
    api = lite_account(h, [{"name": "fuzz.com", "mailboxes": [mailbox("fz", days_ago=3)]}])
    return api, list(ids(api).values())


@pytest.mark.parametrize("method,path", FEATURE_ROUTES.values(), ids=list(FEATURE_ROUTES))
def test_generated_requests_never_get_a_5xx(fuzz_world, method, path):
    api, known = fuzz_world

    @settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
    @given(body=st.one_of(json_values, st.dictionaries(st.sampled_from(FIELDS), st.one_of(
               json_values, st.sampled_from(known), st.lists(st.sampled_from(known), max_size=2)), max_size=5)),
           query=st.dictionaries(st.sampled_from(["status", "days", "mailboxId", "domainId", "tagId", "page", "limit"]),
                                 st.one_of(st.text(max_size=8), st.sampled_from(known)), max_size=3),
           param=st.one_of(st.from_regex(r"[A-Za-z0-9_~-]{1,12}", fullmatch=True), st.sampled_from(known)))
    def check(body, query, param):
        url = path.removeprefix("/v1").replace("{tagId}", param).replace("{webhookId}", param)
        r = api.request(method, url, json=body, params=query)
        assert r.status_code < 500, (body, query, r.text)
        payload = r.json()
        assert payload["status"] == r.status_code and set(payload) <= {"status", "message", "data", "errors"}

    check()


def test_world_without_webhooks_emits_nothing():
    """The outbox costs nothing for accounts without webhooks (every Zapmail account)."""
    from simulator.domain import webhooks

    world = World(seed=1)
    from simulator.domain.accounts import create_account

    account = create_account(world, "anything", email="a@b.c", first_name="A", last_name="B")
    assert webhooks.emit(world, account, "mailbox.status", object()) == []


def test_feature_state_survives_a_snapshot_round_trip(lite, harness, receiver):
    rx = receiver()
    i = ids(lite)
    envelope(lite.post("/tags", json={"name": "T", "domainIds": [i["acme.com"]], "mailboxIds": [i["old"]]}), 201)
    envelope(lite.post("/placement-tests", json={"mailboxIds": [i["old"]]}), 201)
    envelope(lite.post("/cloudflare", json={"apiToken": TOKEN, "domainName": "snap.com"}), 201)
    hook = envelope(lite.post("/webhooks", json={"url": rx.url, "events": ["mailbox.updated"]}), 201)
    harness.advance(600)
    envelope(lite.get("/webhooks"))
    rx.wait_for(1)
    wait_for_webhook(lite, hook["id"], lambda w: w["deliveryStats"]["delivered"] == 1)
    paths = ["/tags", "/placement-tests", "/cloudflare", "/webhooks", "/export-history", "/dashboard/overview",
             "/mailboxes/warmup-analytics"]
    before = {p: lite.get(p).json() for p in paths}
    snap = harness.client.get("/_sim/snapshot")
    assert snap.status_code == 200, snap.text
    envelope(lite.delete(f"/tags/{before['/tags']['data']['tags'][0]['id']}"))
    r = harness.client.post("/_sim/snapshot", json=snap.json())
    assert r.status_code == 200, r.text
    assert {p: lite.get(p).json() for p in paths} == before


def test_warmup_counts_whole_seconds_so_a_copy_from_wire_times_reports_the_same_numbers():
    """LiteMail's wire times have no fraction of a second, so a copy of an account (the importer)
    knows a mailbox turned ACTIVE at 12:00:00 when the source knows 12:00:00.750. Just after the
    moment a reputation point is earned, both must still report the same reputation."""
    from simulator import Simulator
    activated = "2026-03-02T12:00:00"

    def reputation(fraction: str, seconds_after: float) -> int:
        box = {**mailbox("ada"), "id": "cmwarmupwholeseconds0001", "activatedAt": f"{activated}{fraction}Z"}
        domain = {"name": "whole-seconds.com", "status": "ACTIVE", "mailboxes": [box]}
        with Simulator(freeze_clock=True, start_time=1772452800.0 + seconds_after) as sim:
            account = sim.create_account("litemail", fixture={"workspaces": [{"subscriptions": SUBSCRIPTIONS,
                                                                             "domains": [domain]}]})
            answer = sim.client("litemail", account.api_key).get("/v1/mailboxes/warmup-analytics")
            return envelope(answer)["mailboxes"][0]["reputation"]

    low, high = 0.0, 40 * DAY  # bisect to within 0.1 s of a moment the source earns a point
    assert reputation(".000", low) < reputation(".000", high)
    while high - low > 0.1:
        middle = (low + high) / 2
        low, high = (middle, high) if reputation(".000", middle) == reputation(".000", low) else (low, middle)
    assert reputation(".000", high) == reputation(".000", low) + 1
    assert reputation(".750", high) == reputation(".000", high)


@pytest.mark.parametrize("path,rows", [("/mailboxes", "mailboxes"), ("/domains", "domains"),
                                       ("/mailboxes/warmup-analytics", "mailboxes")])
def test_a_blank_filter_id_filters_nothing(lite, path, rows):
    """The document allows an empty or blank tagId / domainId / mailboxId (Schemathesis sent one);
    like an absent one, it filters nothing."""
    everything = envelope(lite.get(path))[rows]
    assert everything
    for blank in ("", "   "):
        params = {"tagId": blank} if path != "/mailboxes/warmup-analytics" else \
            {"tagId": blank, "domainId": blank, "mailboxId": blank}
        assert envelope(lite.get(path, params=params))[rows] == everything
