"""Helpers for tests: shape comparison against reference examples, and common setup steps
performed through the public API."""
from __future__ import annotations


def _kind(value):
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    raise TypeError(type(value))


def assert_shape(actual, example, path="$", exact=True, nullable=()):
    """`actual` has the example's JSON types and nesting. With exact=True an object has exactly
    the example's keys; otherwise at least them. A null in the example (or a path listed in
    `nullable`) accepts null or a value; an array's items are all compared with the example's
    first item."""
    ek, ak = _kind(example), _kind(actual)
    if ek == "null" or (path in nullable and ak == "null"):
        return
    assert ak == ek, f"{path}: expected {ek}, got {ak} ({actual!r})"
    if ek == "object":
        missing = set(example) - set(actual)
        assert not missing, f"{path}: missing keys {sorted(missing)}"
        if exact:
            extra = set(actual) - set(example)
            assert not extra, f"{path}: unexpected keys {sorted(extra)}"
        for key, value in example.items():
            assert_shape(actual[key], value, f"{path}.{key}", exact, nullable)
    elif ek == "array" and example:
        for i, item in enumerate(actual):
            assert_shape(item, example[0], f"{path}[{i}]", exact, nullable)


def envelope(resp, status=200):
    """The body of a successful enveloped answer, checked: {status, message, data}."""
    assert resp.status_code == status, resp.text
    body = resp.json()
    assert set(body) == {"status", "message", "data"}, body
    assert body["status"] == status and isinstance(body["message"], str)
    return body["data"]


def error(resp, status, contains=None):
    """A Zapmail error: HTTP status, {status, message, errorId} with the same status."""
    assert resp.status_code == status, resp.text
    body = resp.json()
    assert set(body) == {"status", "message", "errorId"}, body
    assert body["status"] == status
    assert isinstance(body["errorId"], str) and len(body["errorId"]) == 8
    if contains:
        assert contains.lower() in body["message"].lower(), body["message"]
    return body["message"]


def buy_domain(api, harness, name, platform=None, years=1, settle=True):
    """Buy `name` from the wallet and (by default) advance the clock until it is ACTIVE.
    Returns the domain row from GET /v2/domains."""
    headers = {"x-service-provider": platform} if platform else None
    r = api.post("/v2/domains/buy", json={"domains": [{"domainName": name, "years": years}], "useWallet": True,
                                          "enableDnsShield": False}, headers=headers)
    assert r.status_code == 200, r.text
    if settle:
        harness.advance(301)
    rows = api.get("/v2/domains", params={"contains": name, "limit": 100}, headers=headers).json()["data"]["domains"]
    return next(d for d in rows if d["domain"] == name)


def assign(api, domain, usernames, platform=None):
    headers = {"x-service-provider": platform} if platform else None
    body = {domain["id"]: [{"firstName": u.title(), "lastName": "Tester", "mailboxUsername": u,
                            "domainName": domain["domain"]} for u in usernames]}
    return api.post("/v2/mailboxes", json=body, headers=headers)


def all_mailboxes(api, platform=None):
    headers = {"x-service-provider": platform} if platform else None
    data = api.get("/v2/mailboxes/list", params={"limit": 1000}, headers=headers).json()["data"]
    return [m for group in data["domains"] for m in group["mailboxes"]]


# domainsc: reads several Tier C tests make
def wallet(api):
    return api.get("/v2/wallet/balance").json()["walletBalance"]


def domain_row(api, name, workspace=None, platform=None):
    """The row of GET /v2/domains for `name` in a workspace (default: the primary) and platform, or None."""
    headers = {k: v for k, v in (("x-workspace-key", workspace), ("x-service-provider", platform)) if v}
    rows = envelope(api.get("/v2/domains", params={"contains": name, "limit": 100}, headers=headers or None))["domains"]
    return next((d for d in rows if d["domain"] == name), None)
