"""LiteMail: every rule the server enforces on one field's shape is in the served document, and
every rule the document states is enforced (a 400 naming the field, nothing changed)."""
from __future__ import annotations

import pytest

from simulator.domain.mailboxes import USERNAME_PATTERN
from simulator.providers.fields import NOT_SPACE

NOT_BLANK = NOT_SPACE  # Python's whitespace, spelled out (JSON Schema's \S means other characters)

from .test_litemail_core import EMAIL, PASSWORD, new_lite

BILLING = {"firstName": "Ada", "lastName": "Lovelace", "addressLineOne": "1 Main St", "city": "London",
           "country": "GB", "postalCode": "N1"}


@pytest.fixture
def doc(harness) -> dict:
    r = harness.client.get("/_sim/openapi/litemail.json")
    assert r.status_code == 200, r.text
    return r.json()


def _resolve(doc: dict, schema: dict) -> dict:
    """A schema with its $refs followed; an optional body's [model, null] is the model."""
    options = [s for s in schema.get("anyOf", []) if s.get("type") != "null"]
    if len(options) == 1 and set(schema) == {"anyOf"}:
        schema = options[0]
    while "$ref" in schema:
        schema = doc["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def _operation(doc: dict, operation: str) -> dict:
    for item in doc["paths"].values():
        for op in item.values():
            if op["operationId"] == operation:
                return op
    raise KeyError(operation)


def _body_field(doc: dict, operation: str, path: str) -> dict:
    """The schema of one body field, `path` dotted; `[]` steps into an array's items."""
    schema = _resolve(doc, _operation(doc, operation)["requestBody"]["content"]["application/json"]["schema"])
    for part in path.split("."):
        if part == "[]":
            schema = _resolve(doc, schema["items"])
            continue
        schema = _resolve(doc, schema["properties"][part])
        schema = _resolve(doc, next((s for s in schema.get("anyOf", []) if s.get("type") != "null"), schema))
    return schema


def _query(doc: dict, operation: str) -> dict:
    return {p["name"]: p for p in _operation(doc, operation).get("parameters", []) if p["in"] == "query"}


@pytest.mark.parametrize("operation,names", [
    ("litemail.domains.list", {"page", "limit", "search", "contains", "status", "tagId"}),
    ("litemail.mailboxes.list", {"page", "limit", "status", "domainId", "search", "contains", "tagId"}),
    ("litemail.domains.assignable", {"page", "limit", "search", "contains"}),
    ("litemail.mailboxes.warmup", {"page", "limit", "mailboxId", "domainId", "tagId", "days"}),
    ("litemail.domains.payment_link", {"domains", "years", "enableDnsShield"}),
    ("litemail.domains.name_servers", {"domainName", "maskForwarding"}),
    ("litemail.domains.verify_ns", {"domainName"}),
    ("litemail.domains.available", {"domainName", "tlds"}),
    ("litemail.domains.check_dns", {"domainId", "domainIds"}),
    ("litemail.dns.list", {"page", "limit", "domainId"}),
    ("litemail.placement.list", {"page", "limit", "status"}),
    ("litemail.export_history.list", {"page", "limit", "status"}),
    ("litemail.subscriptions.list", {"page", "limit", "status"}),
])
def test_every_query_parameter_a_handler_reads_is_declared(doc, operation, names):
    assert set(_query(doc, operation)) == names


def test_query_rules_are_declared(doc):
    assert _query(doc, "litemail.domains.list")["status"]["schema"]["enum"] == [
        "ACTIVE", "INACTIVE", "PENDING", "IN_PROGRESS", "EXPIRED"]
    assert _query(doc, "litemail.mailboxes.list")["status"]["schema"]["enum"] == ["PENDING", "ACTIVE", "FAILED"]
    assert _query(doc, "litemail.placement.list")["status"]["schema"]["enum"] == [
        "PENDING", "RUNNING", "COMPLETED", "FAILED"]
    assert _query(doc, "litemail.export_history.list")["status"]["schema"]["enum"] == [
        "PENDING", "IN_PROGRESS", "COMPLETED", "FAILED"]
    days = _query(doc, "litemail.mailboxes.warmup")["days"]["schema"]
    assert (days["minimum"], days["maximum"]) == (1, 90)
    years = _query(doc, "litemail.domains.payment_link")["years"]["schema"]
    assert (years["minimum"], years["maximum"]) == (1, 10)
    name = _query(doc, "litemail.domains.name_servers")["domainName"]
    assert name["required"] and "pattern" in name["schema"]


# operation, field (dotted, [] = array items), the schema keywords it must carry
BODY_RULES = [
    ("litemail.workspaces.create", "name", {"maxLength": 100, "pattern": NOT_BLANK}),
    ("litemail.workspaces.update", "name", {"maxLength": 100, "pattern": NOT_BLANK}),
    ("litemail.mailboxes.assign", "mailboxes", {"minItems": 1}),
    ("litemail.mailboxes.assign", "mailboxes.[].firstName", {"maxLength": 100, "pattern": NOT_BLANK}),
    ("litemail.mailboxes.assign", "mailboxes.[].mailboxUsername", {"maxLength": 64, "pattern": USERNAME_PATTERN}),
    ("litemail.mailboxes.create", "lastName", {"maxLength": 100, "pattern": NOT_BLANK}),
    ("litemail.mailboxes.update", "username", {"maxLength": 64, "pattern": USERNAME_PATTERN}),
    ("litemail.wallet.add_balance", "amount", {"exclusiveMinimum": 0, "maximum": 100000}),
    ("litemail.wallet.add_credit", "amount", {"exclusiveMinimum": 0}),
    ("litemail.wallet.auto_recharge", "threshold", {"minimum": 0}),
    ("litemail.wallet.auto_recharge", "amount", {"exclusiveMinimum": 0}),
    ("litemail.subscriptions.upgrade", "newPlan", {"enum": ["Basic", "Pro", "Enterprise"]}),
    ("litemail.exports.mailboxes", "apps", {"minItems": 1}),
    ("litemail.exports.add_account", "app", {"enum": ["INSTANTLY", "SMARTLEAD", "REPLY_IO", "LEMLIST", "EMAILBISON",
                                                      "REACHINBOX", "QUICKMAIL", "SNOV", "APOLLO", "PIPL",
                                                      "SALESFORGE", "WOODPECKER"]}),
    ("litemail.exports.add_account", "email", {"pattern": "@"}),
    ("litemail.exports.add_account", "password", {"pattern": NOT_BLANK}),
    ("litemail.domains.purchase", "domains", {"minItems": 1, "maxItems": 50}),
    ("litemail.domains.purchase", "domains.[].years", {"minimum": 1, "maximum": 10}),
    ("litemail.domains.connect", "domainNames", {"minItems": 1, "maxItems": 50}),
    ("litemail.dns.create", "recordType", {"enum": ["A", "AAAA", "CNAME", "MX", "TXT", "NS", "SRV", "CAA"]}),
    ("litemail.dns.create", "priority", {"minimum": 0, "maximum": 65535}),
    ("litemail.tags.create", "name", {"maxLength": 50, "pattern": NOT_BLANK}),
    ("litemail.tags.create", "domainIds", {"maxItems": 1000}),
    ("litemail.placement.create", "mailboxIds", {"minItems": 1, "maxItems": 100}),
    ("litemail.placement.create", "providers.[]", {"enum": ["GOOGLE", "MICROSOFT", "YAHOO"]}),
    ("litemail.export_history.create", "status", {"enum": ["COMPLETED", "FAILED"]}),
    ("litemail.export_history.create", "note", {"maxLength": 500}),
    ("litemail.cloudflare.save", "accountId", {"pattern": "^[0-9a-fA-F]{32}$"}),
    ("litemail.webhooks.create", "events", {"minItems": 1}),
    ("litemail.webhooks.create", "events.[]", {"enum": ["domain.connection_status_changed", "domain.updated",
                                                        "mailbox.updated", "placement_test.status_changed"]}),
    ("litemail.webhooks.create", "description", {"maxLength": 500}),
]


@pytest.mark.parametrize("operation,field,rules", BODY_RULES)
def test_body_rules_are_declared(doc, operation, field, rules):
    schema = _body_field(doc, operation, field)
    assert {k: schema.get(k) for k in rules} == rules, schema


def test_email_patterns_are_declared(doc):
    for operation in ("litemail.domains.add_dmarc", "litemail.domains.enable_email_forwarding",
                      "litemail.domains.enable_catch_all"):
        assert "@" in _body_field(doc, operation, "email")["pattern"]


@pytest.fixture
def lite(harness):
    return new_lite(harness, walletBalance=200, fixture={"email": EMAIL, "password": PASSWORD})


# method, path, json body or query, the field the 400 names: each breaks one declared rule
BROKEN = [
    ("POST", "/workspaces", {"name": "   ", "billingDetails": BILLING}, "name"),
    ("PUT", "/workspaces/{ws}", {"name": "x" * 101}, "name"),
    ("POST", "/mailboxes", {"domain": "a.com", "firstName": " ", "lastName": "L", "mailboxUsername": "ok"},
     "firstName"),
    ("POST", "/mailboxes", {"domain": "a.com", "firstName": "F", "lastName": "L", "userName": "a..b"}, "userName"),
    ("PUT", "/mailboxes/nope", {"lastName": ""}, "lastName"),
    ("POST", "/wallet/balance", {"amount": 0}, "amount"),
    ("POST", "/wallet/credit", {"amount": -5}, "amount"),
    ("POST", "/wallet/auto-recharge", {"threshold": -1}, "threshold"),
    ("PUT", "/subscriptions/nope/upgrade", {"newPlan": "Gold"}, "newPlan"),
    ("POST", "/exports/mailboxes", {"apps": []}, "apps"),
    ("POST", "/exports/mailboxes", {"apps": ["NOPE"]}, "apps[0]"),
    ("POST", "/exports/connect-inboxes", {"platform": "NOPE"}, "platform"),
    ("POST", "/exports/third-party-accounts", {"app": "INSTANTLY", "email": "nope", "password": "p"}, "email"),
    ("POST", "/exports/third-party-accounts", {"app": "INSTANTLY", "email": "a@b.c", "password": "  "}, "password"),
    ("POST", "/domains/dmarc", {"domainIds": ["x"], "email": "nope"}, "email"),
    ("POST", "/domains/forwarding", {"domainIds": ["x"], "forwardTo": "no dot"}, "forwardTo"),
    ("DELETE", "/domains/catch-all", {"status": "NOPE"}, "status"),
    ("POST", "/domains/purchase", {"domains": []}, "domains"),
    ("POST", "/domains/purchase", {"domains": [{"domainName": "not a domain"}]}, "domains[0].domainName"),
    ("POST", "/domains/purchase", {"domains": [{"domainName": "ok.com", "years": 11}]}, "domains[0].years"),
    ("POST", "/domains/connect", {"domainNames": ["ok.com", "-bad-.com"]}, "domainNames[1]"),
    ("POST", "/dns", {"domainId": "d", "host": "@", "value": "1.2.3.4", "recordType": "BOGUS"}, "recordType"),
    ("POST", "/dns", {"domainId": "d", "host": "@", "value": "x", "recordType": "MX", "priority": 70000},
     "priority"),
    ("PUT", "/dns/nope", {"host": " "}, "host"),
    ("POST", "/tags", {"name": "t", "domainIds": ["x"] * 1001}, "domainIds"),
    ("POST", "/placement-tests", {"mailboxIds": ["x"] * 101}, "mailboxIds"),
    ("POST", "/export-history", {"app": "X", "mailboxIds": ["x"], "note": "n" * 501}, "note"),
    ("POST", "/cloudflare", {"apiToken": "t" * 30, "accountId": "xyz"}, "accountId"),
    ("POST", "/webhooks", {"url": "https://hooks", "description": "d" * 501}, "description"),
    ("GET", "/domains", {"status": "NOPE"}, "status"),
    ("GET", "/mailboxes", {"status": "nope"}, "status"),
    ("GET", "/domains/name-servers", {"domainName": "not a domain"}, "domainName"),
    ("GET", "/domains/payment-link", {"domains": "ok.com", "years": "0"}, "years"),
    ("GET", "/mailboxes/warmup-analytics", {"days": "91"}, "days"),
    ("GET", "/export-history", {"status": "NOPE"}, "status"),
    ("GET", "/domains/available", {"domainName": "j?.com"}, "domainName"),
    ("GET", "/domains/available", {"domainName": "acme", "tlds": "com,xyz"}, "tlds"),
    ("GET", "/domains/payment-link", {"domains": "ok.com,0"}, "domains"),
    ("PUT", "/mailboxes/nope", {"firstName": None}, "firstName"),
]


@pytest.mark.parametrize("method,path,payload,field", BROKEN)
def test_a_request_breaking_a_declared_rule_is_a_400_naming_the_field(harness, lite, method, path, payload, field):
    path = path.replace("{ws}", lite.get("/users").json()["data"]["workspaceId"])
    before = harness.client.get("/_sim/snapshot").json()
    kwargs = {"params": payload} if method == "GET" else {"json": payload}
    r = lite.request(method, path, **kwargs)
    assert r.status_code == 400, r.text
    body = r.json()
    assert body["status"] == 400 and body["data"] is None
    assert body["errors"][0]["field"] == field, body
    assert body["message"] == body["errors"][0]["message"] and body["message"].startswith(field), body
    assert harness.client.get("/_sim/snapshot").json() == before  # refused before anything changed


# ---------------------------------------------------------------- examples

def _reference_facts() -> dict:
    import pathlib

    import yaml

    return yaml.safe_load((pathlib.Path(__file__).parent / "reference" / "litemail.yaml").read_text())["FACTS"]


def test_every_write_body_has_an_example_the_server_accepts_in_shape(doc):
    """Each declared body carries at least one example, valid against the declared model (so a
    client copying it passes validation; ids in it are placeholders), and says whether it is
    documented or ours. Answer examples match their declared shapes."""
    from pydantic import TypeAdapter

    from simulator.providers.litemail.routes import all_routes

    routes = all_routes()
    assert [r for r in routes if r.kind != "read" and r.body is None] == [
        r for r in routes if r.kind != "read" and r.body is None and r.method in ("GET", "DELETE")]
    for route in routes:
        for status, shape in route.answers.items():
            schema = TypeAdapter(shape).json_schema()
            assert "documented" in schema["description"].lower() or "ours" in schema["description"], route.operation
            for sample in schema.get("examples", []):
                TypeAdapter(shape).validate_python(sample)
        if route.body is None:
            continue
        op = _operation(doc, route.operation)
        schema = _resolve(doc, op["requestBody"]["content"]["application/json"]["schema"])
        assert schema.get("examples"), route.operation
        assert schema.get("description"), route.operation  # says documented or ours
        assert "documented" in schema["description"].lower() or "ours" in schema["description"].lower()
        for sample in schema["examples"]:
            route.body.model_validate(sample)


def test_documented_examples_are_the_reference_ones(doc):
    facts = _reference_facts()
    assign = _operation(doc, "litemail.mailboxes.assign")
    body = _resolve(doc, assign["requestBody"]["content"]["application/json"]["schema"])
    assert body["examples"] == [facts["assign_mailboxes_to_domain"]["request_example"]]
    answer = _resolve(doc, assign["responses"]["201"]["content"]["application/json"]["schema"])
    assert answer["examples"] == [facts["assign_mailboxes_to_domain"]["response_201"]]
    upgrade = _operation(doc, "litemail.subscriptions.upgrade")
    body = _resolve(doc, upgrade["requestBody"]["content"]["application/json"]["schema"])
    assert body["examples"] == [facts["upgrade_subscription"]["request_example"]]
    answer = _resolve(doc, upgrade["responses"]["200"]["content"]["application/json"]["schema"])
    assert answer["examples"] == [facts["upgrade_subscription"]["response_200"]]


def test_mailbox_status_words_are_one_list_for_filter_and_answers(doc):
    """The core's IN_PROGRESS is LiteMail's PENDING (documented) in one place: the ?status=
    filter and every answer carrying a mailbox status publish the same enum."""
    wanted = ["PENDING", "ACTIVE", "FAILED"]
    assert _query(doc, "litemail.mailboxes.list")["status"]["schema"]["enum"] == wanted
    for name in ("Mailbox", "AssignedMailbox"):
        assert _resolve(doc, doc["components"]["schemas"][name]["properties"]["status"])["enum"] == wanted


# ---------------------------------------------------------------- what the document says the server does

def test_a_path_named_literally_allows_only_its_own_methods(lite):
    """/domains/assignable is not a value of /domains/{domainId}: another method is a 405 whose
    Allow lists what the document lists for that path."""
    for method, path, allow in (("DELETE", "/domains/assignable", "GET"), ("GET", "/mailboxes/assign", "POST"),
                                ("PUT", "/mailboxes/warmup-analytics", "GET")):
        r = lite.request(method, path)
        assert r.status_code == 405 and r.headers["allow"] == allow, r.text
        assert r.json()["status"] == 405 and r.json()["data"] is None


def test_the_platform_header_takes_exactly_its_declared_values(lite, doc):
    assert _operation(doc, "litemail.users.get")["parameters"][0]["schema"]["enum"] == ["GOOGLE", "MICROSOFT"]
    for value in ("", "google", " GOOGLE", "YAHOO"):
        r = lite.get("/users", headers={"x-service-provider": value})
        assert r.status_code == 400 and r.json()["errors"][0]["field"] == "x-service-provider", (value, r.text)
    for value in ("GOOGLE", "MICROSOFT"):
        assert lite.get("/users", headers={"x-service-provider": value}).status_code == 200
    assert lite.get("/users").status_code == 200


def test_a_blank_path_id_is_an_unknown_id(lite):
    for method, path in (("GET", "/mailboxes/%20"), ("DELETE", "/mailboxes/%20"), ("GET", "/domains/%20%20"),
                         ("DELETE", "/tags/%20"), ("DELETE", "/webhooks/%20")):
        r = lite.request(method, path)
        assert r.status_code == 404, (path, r.text)


def test_empty_query_values_and_optional_bodies_are_declared_as_the_server_takes_them(lite, doc):
    # an empty query value counts as absent: declared with allowEmptyValue on every optional one
    for op in ("litemail.mailboxes.list", "litemail.domains.list", "litemail.mailboxes.warmup"):
        for p in _query(doc, op).values():
            assert p.get("allowEmptyValue") is (None if p["required"] else True), (op, p)
    assert lite.get("/mailboxes", params={"status": "", "limit": ""}).status_code == 200
    # a body whose every field is optional may be left out (it counts as {})
    assert _operation(doc, "litemail.wallet.auto_recharge")["requestBody"]["required"] is False
    assert _operation(doc, "litemail.wallet.add_balance")["requestBody"]["required"] is True
    assert lite.post("/wallet/auto-recharge").status_code == 200


def test_rules_across_fields_are_in_the_document_and_enforced(lite, doc):
    update = _resolve(doc, _operation(doc, "litemail.mailboxes.update")["requestBody"]["content"]
                      ["application/json"]["schema"])
    assert {tuple(a["required"]) for a in update["anyOf"]} == {
        ("firstName",), ("lastName",), ("username",), ("mailboxUsername",), ("profilePicture",),
        ("removeProfilePicture",)}
    r = lite.put("/mailboxes/any", json={"note": "not a field"})
    assert r.status_code == 400 and r.json()["errors"][0]["field"] == "body"
    for op in ("litemail.domains.add_dmarc", "litemail.domains.remove_forwarding", "litemail.domains.enable_catch_all"):
        body = _resolve(doc, _operation(doc, op)["requestBody"]["content"]["application/json"]["schema"])
        assert {a["required"][0] for a in body["anyOf"]} == {"domainIds", "contains", "status", "tagIds"}, op
    for selection in ({}, {"domainIds": []}, {"contains": "  "}, {"status": []}, {"tagIds": []}):
        r = lite.request("DELETE", "/domains/catch-all", json=selection)
        assert r.status_code == 400 and r.json()["errors"][0]["field"] == "domainIds", (selection, r.text)


def test_bounds_found_by_fuzzing_are_declared(lite):
    # a threshold beyond any wallet used to be stored and then fail to serialise (a 500)
    r = lite.post("/wallet/auto-recharge", json={"enable": True, "threshold": 1.4e307})
    assert r.status_code == 400 and r.json()["errors"][0]["field"] == "threshold", r.text
    for value in ("", " "):
        r = lite.get("/dns", params={"domainId": value})
        assert r.status_code == 400 and r.json()["errors"][0]["field"] == "domainId", r.text


def test_any_limit_the_document_allows_is_clamped_not_refused(lite):
    for path in ("/domains/assignable", "/mailboxes", "/tags"):
        r = lite.get(path, params={"limit": "9" * 30})
        assert r.status_code == 200, r.text
        assert r.json()["data"]["pagination"]["limit"] == 1000


def test_whitespace_is_one_notion_for_document_and_server(lite, doc):
    """Python counts U+001C-U+001F as whitespace, JSON Schema's \\s does not: the published
    pattern spells Python's whitespace out, so a value the document allows is taken and one it
    refuses is refused."""
    pattern = _body_field(doc, "litemail.domains.add_forwarding", "forwardTo")["pattern"]
    assert "\\x1c-\\x1f" in pattern
    r = lite.post("/domains/forwarding", json={"domainIds": ["nope"], "forwardTo": "a\x1d.com"})
    assert r.status_code == 400 and r.json()["errors"][0]["field"] == "forwardTo", r.text
    r = lite.post("/workspaces", json={"name": "\x1d", "billingDetails": BILLING})
    assert r.status_code == 400 and r.json()["errors"][0]["field"] == "name", r.text
    r = lite.put("/mailboxes/nope", json={"profilePicture": "not a url"})
    assert r.status_code == 400 and r.json()["errors"][0]["field"] == "profilePicture", r.text
