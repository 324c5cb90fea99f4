"""The Zapmail document states the rules the server enforces on one field's shape: for each rule,
the served document carries it on the field, and a request breaking it is a 400 naming the field
that changes nothing."""
from __future__ import annotations

import functools

import pytest
from pydantic import ValidationError

from tests.helpers import error

from .reference import path as reference_file

from simulator.domain.mailboxes import NOT_SPACE
from simulator.providers.fields import Email

EMAIL = Email.__metadata__[0].pattern

from .test_zapmail_mailboxes import world_view


def _resolve(doc, schema):
    while "$ref" in schema:
        schema = doc["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def _variants(doc, schema):
    """The schema and, for a nullable field, its non-null member."""
    schema = _resolve(doc, schema)
    return [schema] + [_resolve(doc, s) for s in schema.get("anyOf", []) if s.get("type") != "null"]


def body_field(doc, method, path, dotted):
    """The schema of one (dotted; `[]` for an array's items) field of an operation's body."""
    schema = doc["paths"][path][method.lower()]["requestBody"]["content"]["application/json"]["schema"]
    for part in dotted.split("."):
        items = part.endswith("[]")
        name = part[:-2] if items else part
        owner = next(v for v in _variants(doc, schema) if "properties" in v)
        schema = owner["properties"][name]
        if items:
            schema = next(v for v in _variants(doc, schema) if v.get("type") == "array")["items"]
    return next(v for v in _variants(doc, schema) if v.get("type") not in (None, "null"))


def query_param(doc, path, name):
    params = doc["paths"][path]["get"]["parameters"]
    return next(p for p in params if p["name"] == name)["schema"]


BILLING = {"firstName": "Ada", "lastName": "L", "addressLineOne": "1 Road", "city": "Austin", "country": "US",
           "postalCode": "73301"}
# method, path (as the document writes it), field, the rule the document states, a body breaking it
RULES = [
    ("POST", "/v2/domains/dns/check", "domainIds", {"minItems": 1}, {"domainIds": []}),
    ("DELETE", "/v2/domains", "ids", {"minItems": 1}, {"ids": []}),
    ("POST", "/v2/domains/add-client-id", "domainIds", {"minItems": 1},
     {"domainIds": [], "clientId": "c", "app": "a"}),
    ("POST", "/v2/domains/add-client-id", "clientId", {"pattern": NOT_SPACE},
     {"domainIds": ["x"], "clientId": "  ", "app": "a"}),
    ("POST", "/v2/domains/available-bulk", "domainNames", {"minItems": 1, "maxItems": 20}, {"domainNames": []}),
    ("POST", "/v2/domains/available-bulk", "domainNames[]", {"maxLength": 253}, {"domainNames": ["no_dot"]}),
    ("POST", "/v2/domains/dmarc", "email", {"pattern": EMAIL},
     {"domainIds": ["x"], "email": "not-an-email"}),
    ("POST", "/v2/domains/catch-all", "email", {"pattern": EMAIL},
     {"domainIds": ["x"], "email": "a@b"}),
    ("POST", "/v2/domains/buy", "domains", {"minItems": 1, "maxItems": 50}, {"domains": []}),
    ("POST", "/v2/domains/buy", "domains[].years", {"minimum": 1, "maximum": 10},
     {"domains": [{"domainName": "fine.com", "years": 0}]}),
    ("POST", "/v2/domains/connect-domain", "domainNames", {"minItems": 1}, {"domainNames": []}),
    ("POST", "/v2/wallet/balance", "amount", {"exclusiveMinimum": 0}, {"amount": 0}),
    ("POST", "/v2/wallet/enable-auto-recharge", "minimumRechargeAmount", {"exclusiveMinimum": 0},
     {"enable": True, "minimumRechargeAmount": -1}),
    ("POST", "/v2/wallet/enable-auto-recharge", "threshold", {"minimum": 0}, {"enable": True, "threshold": -1}),
    ("POST", "/v2/exports/mailboxes", "apps", {"minItems": 1}, {"apps": []}),
    ("POST", "/v2/exports/mailboxes", "apps[]", {"enum": None}, {"apps": ["NOT_AN_APP"]}),
    ("POST", "/v2/exports/accounts/third-party", "app", {"enum": None},
     {"email": "a@b.test", "password": "pw", "app": "MANUAL"}),
    ("POST", "/v2/exports/accounts/third-party", "email", {"pattern": None},
     {"email": "nope", "password": "pw", "app": "INSTANTLY"}),
    ("POST", "/v2/mailboxes/remove-mailboxes-instantly", "mailboxIds", {"minItems": 1}, {"mailboxIds": []}),
    ("POST", "/v2/billing", "firstName", {"pattern": NOT_SPACE}, {**BILLING, "firstName": "   "}),
    ("PUT", "/v2/workspaces", "name", {"pattern": NOT_SPACE, "maxLength": 100}, {"id": "x", "name": "   "}),
    ("POST", "/v2/subscriptions/cancel", "subscriptionId", {"pattern": NOT_SPACE},
     {"subscriptionId": " ", "revertCancellation": False}),
    ("POST", "/v2/dns", "records", {"minItems": 1, "maxItems": 100}, {"assignedDomainId": "x", "records": []}),
    ("POST", "/v2/dns", "records[].recordType", {"pattern": None},
     {"assignedDomainId": "x", "records": [{"host": "@", "value": "v", "recordType": "PTR"}]}),
    ("POST", "/v2/dns", "records[].value", {"maxLength": 4096, "pattern": NOT_SPACE},
     {"assignedDomainId": "x", "records": [{"host": "@", "value": " ", "recordType": "TXT"}]}),
    ("PUT", "/v2/dns", "priority", {"minimum": 0, "maximum": 65535},
     {"assignedDomainId": "x", "dnsRecordId": "y", "priority": 70000}),
]


@pytest.mark.parametrize("method,path,field,rule,bad", RULES, ids=[f"{m} {p} {f}" for m, p, f, _, _ in RULES])
def test_each_enforced_rule_is_in_the_document(harness, zap, method, path, field, rule, bad):
    doc = harness.client.get("/_sim/openapi/zapmail.json").json()
    schema = body_field(doc, method, path, field)
    for key, value in rule.items():
        assert key in schema, (field, schema)
        if value is not None:
            assert schema[key] == value, (field, schema)
    before = world_view(zap)
    error(zap.request(method, path, json=bad), 400, field.split(".")[-1].rstrip("[]"))
    assert world_view(zap) == before


def test_query_rules_are_in_the_document(harness, zap):
    doc = harness.client.get("/_sim/openapi/zapmail.json").json()
    assert query_param(doc, "/v2/exports/accounts/third-party", "app")["enum"][:2] == ["REACHINBOX", "INSTANTLY"]
    error(zap.get("/v2/exports/accounts/third-party", params={"app": "MAILAPP"}), 400, "Invalid app parameter")
    assert "pattern" in query_param(doc, "/v2/exports/status", "exportId")
    error(zap.get("/v2/exports/status", params={"exportId": "x1"}), 400, "exportId must be an integer")
    assert query_param(doc, "/v2/domains", "status")["enum"]
    error(zap.get("/v2/domains", params={"status": "SOMETIMES"}), 400, "status must be one of")


# ---------------------------------------------------------------- examples

@functools.lru_cache(maxsize=None)
def _reference_bodies() -> dict:
    """operation id -> {"docs": [example bodies], "observed": [...]} from the reference files."""
    import yaml

    out: dict = {}
    for name, source in (("accounts", "docs"), ("domains", "docs"), ("observed", "observed")):
        with open(reference_file(f"zapmail-v2-{name}.yaml")) as fh:
            for op in yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))["endpoints"]:
                body = op.get("body") or {}
                for key, value in (body.items() if isinstance(body, dict) else ()):
                    if key.startswith("example") and not key.endswith("notes") and value is not None:
                        out.setdefault(op["id"], {}).setdefault(source, []).append(value)
    return out


def _write_routes():
    from simulator.providers.zapmail.routes import ROUTES

    return [r for r in ROUTES if r.body is not None]


@pytest.mark.parametrize("route", _write_routes(), ids=lambda r: r.operation)
def test_every_body_has_valid_examples_from_the_reference_where_it_has_one(route):
    schema = route.body.model_json_schema()
    found = schema.get("examples")
    assert found, f"{route.operation}: its body model declares no example"
    for example in found:  # each example is a body the server accepts (its shape, at least)
        route.body.model_validate(example)
    said = route.body.__doc__ or ""
    assert "Example:" in said, f"{route.operation}: the model's docstring says where its example comes from"
    # the reference's examples of every operation that takes this body
    reference: dict = {}
    for other in _write_routes():
        if other.body is route.body:
            for source, bodies in _reference_bodies().get(other.operation, {}).items():
                reference.setdefault(source, []).extend(bodies)
    if "Example: ours" in said:
        # the reference's examples, where it has some, must break a documented rule (else use one)
        for body in (b for bodies in reference.values() for b in bodies):
            with pytest.raises(ValidationError):
                route.body.model_validate(body)
    elif "Example: observed" in said:
        assert found[0] in reference["observed"]
    else:
        assert found[0] in reference["docs"], f"{route.operation}: the example is not the docs' one"


def test_assign_and_update_bodies_are_declared_in_full(harness):
    doc = harness.client.get("/_sim/openapi/zapmail.json").json()
    assign = _resolve(doc, doc["paths"]["/v2/mailboxes"]["post"]["requestBody"]["content"]["application/json"]["schema"])
    assert assign["type"] == "object" and assign["minProperties"] == 1
    entries = assign["additionalProperties"]
    assert entries["type"] == "array" and entries["minItems"] == 1
    spec = _resolve(doc, entries["items"])
    assert set(spec["required"]) == {"firstName", "lastName", "mailboxUsername", "domainName"}
    assert spec["properties"]["mailboxUsername"]["pattern"] and spec["properties"]["mailboxUsername"]["maxLength"] == 64
    item = body_field(doc, "PUT", "/v2/mailboxes", "mailboxData[]")
    item = _resolve(doc, item)
    assert set(item["properties"]) == {"mailboxId", "domainId", "userId", "firstName", "lastName", "username",
                                       "profilePicture", "removeProfilePicture"}
    # a change names its target and at least one field to change (issue 10); nothing else
    assert {"anyOf": [{"required": ["mailboxId"]}, {"required": ["domainId"]}, {"required": ["userId"]}]} in item["allOf"]
    assert {"anyOf": [{"required": [f]} for f in ("firstName", "lastName", "username", "profilePicture",
                                                  "removeProfilePicture")]} in item["allOf"]
    assert item["additionalProperties"] is False


# ---------------------------------------------------------------- answers

def _reference_answers() -> dict:
    """operation id -> [(status, example)] of the reference's success answers."""
    import yaml

    out: dict = {}
    for name in ("accounts", "domains", "observed"):
        with open(reference_file(f"zapmail-v2-{name}.yaml")) as fh:
            for op in yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))["endpoints"]:
                for answer in op.get("responses") or []:
                    if answer.get("example") is not None and answer.get("status") in (200, 207):
                        out.setdefault(op["id"], []).append((answer["status"], answer["example"]))
    return out


def test_answer_examples_fit_their_shapes_and_none_the_reference_has_is_left_out():
    from pydantic import TypeAdapter

    from simulator.providers.zapmail.routes import ROUTES

    reference = _reference_answers()
    for route in ROUTES:
        for status, shape in route.answers.items():
            declared = TypeAdapter(shape).json_schema().get("examples", [])
            for example in declared:
                TypeAdapter(shape).validate_python(example)
            fitting = []
            for st, example in reference.get(route.operation, []):
                if st == status:
                    try:
                        TypeAdapter(shape).validate_python(example)
                        fitting.append(example)
                    except ValueError:
                        pass
            assert not fitting or declared == fitting[:1], f"{route.operation} {status}: use the reference's example"


def test_the_document_is_valid_openapi(harness):
    from openapi_spec_validator import validate

    validate(harness.client.get("/_sim/openapi/zapmail.json").json())
