"""Zapmail Zap Sites (Tier C): scan a URL, create a site generated on the clock, read, edit,
regenerate and deploy it on domains of the workspace. The reference has the paths and request
fields (a doc-derived public client) but no answer: the answers and the lifecycle are ours, so
the tests hold them to their declared shape and to what the requests said."""
from __future__ import annotations

import pytest

from simulator.providers.zapmail.routes_zapsites import ROUTES

from .conftest import Harness
from .helpers import buy_domain, envelope, error
from .test_zapmail_placement import check_declared

Z = "/v2/zap-sites"
# zapmail-v2-observed.yaml, zapmail.v2.zap_sites.scan, body example (sent as a JSON body on the GET)
OBSERVED_SCAN = {"url": "https://example.com"}
SITE_KEYS = {"id", "workspace_id", "name", "destination_url", "status", "version", "campaign_context", "audience",
             "cta_label", "theme", "notify_email", "form_fields", "content", "deployment", "created_at", "updated_at"}
EDIT = {"name": "Acme demo", "notify_email": "leads@acme.example",
        "form_fields": [{"name": "email", "label": "Work email", "type": "email", "required": True}]}


def create(api, **extra):
    return envelope(api.post(Z, json={"destination_url": "https://acme.example/demo", **extra}))


def get(api, site_id, **kw):
    return envelope(api.get(f"{Z}/{site_id}", **kw))


def ready_site(api, harness, **extra):
    site = create(api, **extra)
    harness.advance(121)
    return get(api, site["id"])


# ---------------------------------------------------------------- scan

def test_scan_reads_the_url_from_the_query_or_from_a_json_body_and_is_deterministic(zap):
    by_query = envelope(zap.get(f"{Z}/scan", params=OBSERVED_SCAN))
    by_body = envelope(zap.request("GET", f"{Z}/scan", json=OBSERVED_SCAN))
    assert by_query == by_body == envelope(Harness().account().get(f"{Z}/scan", params=OBSERVED_SCAN))
    assert by_query["url"] == "https://example.com" and by_query["domain"] == "example.com"
    assert by_query["title"].startswith("Example |") and len(by_query["primary_color"]) == 7
    other = envelope(zap.get(f"{Z}/scan", params={"url": "https://globex.example/about"}))
    assert other["domain"] == "globex.example" and other["title"].startswith("Globex |")


@pytest.mark.parametrize("kw,needle", [({}, "url"), ({"params": {"url": "not a url"}}, "url"),
                                        ({"json": {"url": "ftp://x.example"}}, "url"), ({"json": {"url": 3}}, "url")])
def test_scan_without_a_valid_url_is_400(zap, kw, needle):
    error(zap.request("GET", f"{Z}/scan", **kw), 400, needle)


# ---------------------------------------------------------------- lifecycle

def test_a_site_is_generated_on_the_clock(harness, zap):
    site = create(zap, name="Acme", campaign_context="Q3 outbound", audience=["ops leaders"], cta_label="Book a demo",
                  theme="dark")
    assert set(site) == SITE_KEYS
    assert (site["status"], site["version"], site["content"], site["deployment"]) == ("GENERATING", 1, None, None)
    assert (site["name"], site["theme"], site["audience"], site["cta_label"]) == ("Acme", "dark", ["ops leaders"],
                                                                                 "Book a demo")
    assert get(zap, site["id"]) == site
    harness.advance(119)
    assert get(zap, site["id"])["status"] == "GENERATING"
    harness.advance(2)
    ready = get(zap, site["id"])
    assert ready["status"] == "READY" and ready["content"]["cta_label"] == "Book a demo"
    assert "ops leaders" in ready["content"]["headline"]


def test_a_site_is_named_after_its_destination_when_no_name_is_given(zap):
    assert create(zap)["name"] == "Acme"


def test_edit_sets_the_three_documented_fields_and_refuses_any_other(harness, zap):
    site = ready_site(zap, harness)
    edited = envelope(zap.request("PATCH", f"{Z}/{site['id']}", json=EDIT))
    assert (edited["name"], edited["notify_email"]) == ("Acme demo", "leads@acme.example")
    assert edited["form_fields"] == EDIT["form_fields"] and get(zap, site["id"]) == edited
    message = error(zap.request("PATCH", f"{Z}/{site['id']}", json={**EDIT, "theme": "bold"}), 400, "theme")
    assert "name, notify_email, form_fields" in message
    for missing in EDIT:
        error(zap.request("PATCH", f"{Z}/{site['id']}", json={k: v for k, v in EDIT.items() if k != missing}), 400,
              missing)
    error(zap.request("PATCH", f"{Z}/{site['id']}", json={**EDIT, "notify_email": "nope"}), 400, "notify_email")
    error(zap.request("PATCH", f"{Z}/{site['id']}", json={**EDIT, "form_fields": [{"name": "x", "type": "date"}]}),
          400, "type")
    assert get(zap, site["id"]) == edited


def test_regenerate_makes_a_new_version_on_the_clock(harness, zap):
    site = create(zap)
    error(zap.post(f"{Z}/{site['id']}/regenerate", json={"notes": "shorter"}), 400, "generating")
    harness.advance(121)
    again = envelope(zap.post(f"{Z}/{site['id']}/regenerate", json={"notes": "Shorter headline"}))
    assert (again["status"], again["version"], again["content"]) == ("GENERATING", 2, None)
    harness.advance(121)
    assert get(zap, site["id"])["status"] == "READY" and get(zap, site["id"])["version"] == 2
    error(zap.post(f"{Z}/{site['id']}/regenerate", json={"notes": "  "}), 400, "notes")
    error(zap.post(f"{Z}/{site['id']}/regenerate", json={}), 400, "notes")


def test_deploy_takes_its_settings_from_the_query_or_a_json_body_and_completes_on_the_clock(harness, zap):
    d = buy_domain(zap, harness, "landing-one.com")
    site = ready_site(zap, harness)
    r = zap.get(f"{Z}/{site['id']}/deploy", params={"domainIds": d["id"], "indexing": "true", "tracking": "false",
                                                     "form_enabled": "false"})
    deploying = envelope(r)
    assert deploying["status"] == "DEPLOYING"
    assert deploying["deployment"] == {"domain_ids": [d["id"]], "urls": ["https://landing-one.com"], "indexing": True,
                                       "tracking": False, "form_enabled": False, "deployed_at": None}
    error(zap.post(f"{Z}/{site['id']}/regenerate", json={"notes": "x"}), 400, "deploying")
    harness.advance(301)
    done = get(zap, site["id"])
    assert done["status"] == "DEPLOYED" and done["deployment"]["deployed_at"]
    # again, as a doc-derived client sends it: a JSON body on the GET
    envelope(zap.request("PATCH", f"{Z}/{site['id']}", json=EDIT))
    body = {"domainIds": [d["id"]], "indexing": False, "tracking": True, "form_enabled": True}
    again = envelope(zap.request("GET", f"{Z}/{site['id']}/deploy", json=body))
    assert again["status"] == "DEPLOYING" and again["deployment"]["form_enabled"] is True


def test_deploy_refusals_change_nothing(harness, zap):
    d = buy_domain(zap, harness, "landing-two.com")
    zap.post("/v2/domains/buy", json={"domains": [{"domainName": "landing-later.com"}], "useWallet": True})
    pending = envelope(zap.get("/v2/domains", params={"status": "PENDING"}))["domains"][0]
    fresh = create(zap)
    ok = {"domainIds": d["id"], "indexing": "true", "tracking": "true", "form_enabled": "false"}
    error(zap.get(f"{Z}/{fresh['id']}/deploy", params=ok), 400, "generating")
    harness.advance(121)
    site = get(zap, fresh["id"])
    for missing in ("domainIds", "indexing", "tracking", "form_enabled"):
        error(zap.get(f"{Z}/{site['id']}/deploy", params={k: v for k, v in ok.items() if k != missing}), 400, missing)
    error(zap.get(f"{Z}/{site['id']}/deploy", params={**ok, "indexing": "maybe"}), 400, "indexing")
    error(zap.get(f"{Z}/{site['id']}/deploy", params={**ok, "domainIds": "nope"}), 404, "Domain not found")
    error(zap.get(f"{Z}/{site['id']}/deploy", params={**ok, "domainIds": pending["id"]}), 400, "not active")
    error(zap.get(f"{Z}/{site['id']}/deploy", params={**ok, "form_enabled": "true"}), 400, "form fields")
    error(zap.request("GET", f"{Z}/{site['id']}/deploy", json={"domainIds": [d["id"]], "indexing": "yes",
                                                               "tracking": True, "form_enabled": False}), 400, "indexing")
    assert get(zap, site["id"]) == site


# ---------------------------------------------------------------- ids, workspaces, bad input

def test_sites_belong_to_their_workspace(harness, zap):
    site = create(zap)
    other = harness.account()
    for method, path, kw in [("GET", "", {}), ("PATCH", "", {"json": EDIT}),
                             ("POST", "/regenerate", {"json": {"notes": "x"}}),
                             ("GET", "/deploy", {"params": {"domainIds": "x", "indexing": "true", "tracking": "true",
                                                            "form_enabled": "false"}})]:
        error(other.request(method, f"{Z}/{site['id']}{path}", **kw), 404, "Site not found")
        error(zap.request(method, f"{Z}/no-such-site{path}", **kw), 404, "Site not found")
    # the group's pages spell the workspace header x-workspace-id (observed): a site made in another
    # workspace is not found from the primary one
    ws = envelope(zap.post("/v2/workspaces", json={"name": "Sites brand", "billingDetails": {
        "firstName": "A", "lastName": "B", "company": "C", "addressLineOne": "1 Road", "city": "Austin", "state": "TX",
        "country": "US", "postalCode": "73301", "phoneCc": "+1", "phone": "5550100", "languagePreference": "en"}}))
    there = envelope(zap.post(Z, json={"destination_url": "https://brand.example"}, headers={"x-workspace-id": ws["id"]}))
    assert there["workspace_id"] == ws["id"]
    error(zap.get(f"{Z}/{there['id']}"), 404, "Site not found")
    assert get(zap, there["id"], headers={"x-workspace-key": ws["id"]})["id"] == there["id"]


@pytest.mark.parametrize("body,needle", [
    ({}, "destination_url"), ({"destination_url": "acme.example"}, "destination_url"),
    ({"destination_url": "https://a.example", "theme": "neon"}, "theme"),
    ({"destination_url": "https://a.example", "audience": "ops"}, "audience"),
    ({"destination_url": "https://a.example", "name": "  "}, "name"),
])
def test_bad_create_bodies_are_400(zap, body, needle):
    error(zap.post(Z, json=body), 400, needle)


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.operation)
def test_every_zap_sites_route_needs_a_key(harness, route):
    error(harness.client.request(route.method, "/api" + route.path), 401, "x-auth-zapmail")
    error(harness.client.request(route.method, "/api" + route.path, headers={"x-auth-zapmail": "not-a-key"}), 401,
          "invalid api key")


def test_a_snapshot_restores_sites_and_their_lifecycle(harness, zap):
    site = ready_site(zap, harness)
    edited = envelope(zap.request("PATCH", f"{Z}/{site['id']}", json=EDIT))
    envelope(zap.post(f"{Z}/{site['id']}/regenerate", json={"notes": "again"}))
    snap = harness.client.get("/_sim/snapshot").json()
    saved = get(zap, site["id"])
    envelope(zap.request("PATCH", f"{Z}/{site['id']}", json={**EDIT, "name": "Changed"}))
    assert harness.client.post("/_sim/snapshot", json=snap).status_code == 200
    assert get(zap, site["id"]) == saved and saved["form_fields"] == edited["form_fields"]
    harness.advance(121)
    assert get(zap, site["id"])["status"] == "READY"


def test_every_zapsites_route_is_declared_with_its_input(harness):
    check_declared(harness, ROUTES)
