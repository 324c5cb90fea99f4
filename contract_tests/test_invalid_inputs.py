"""Invalid bodies get the provider's 4xx in its error envelope, never a 5xx: missing or
wrong-typed fields (generated from each operation's documented request schema) and non-object
bodies, for every operation of both providers that takes a body. (Query probes: the
provider's own test modules.)

Against a server the suite did not start, a write or spend operation is only ever sent a body
whose every required field is missing or of the wrong type: a request the API must reject before
acting. Operations with no required field get no such probe, not even a non-object body, unless
writes are allowed.
"""
from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from simulator.openapi import document, operation_index

from . import zapmail_plan as zp
from .schema_check import _resolve

# One wrong value per JSON type, each of a different type than the ones a field accepts.
SAMPLES = {"string": "not-a-number-or-bool", "integer": 12345, "number": 1.5, "boolean": True,
           "array": ["x"], "object": {"x": 1}}


def _accepted(schema: dict, doc: dict) -> set[str]:
    schema = _resolve(schema, doc)
    if "anyOf" in schema:
        return set().union(*(_accepted(s, doc) for s in schema["anyOf"]))
    kind = schema.get("type")
    if kind is None:
        return set() if not schema.get("properties") else {"object"}
    kinds = set(kind if isinstance(kind, list) else [kind])
    if "number" in kinds:
        kinds.add("integer")
    return kinds


def _wrong_values(schema: dict, doc: dict) -> list:
    accepted = _accepted(schema, doc)
    if not accepted:  # accepts anything: no value is wrong
        return []
    return [v for k, v in SAMPLES.items() if k not in accepted and not (k == "integer" and "number" in accepted)]


def body_ops(provider: str) -> list[tuple[str, dict, list, list]]:
    """(operation, body schema, required fields, optional fields) of every operation with a body model."""
    doc = document(provider)
    out = []
    for op, info in sorted(operation_index(doc).items()):
        body = info["entry"].get("requestBody")
        if not body:
            continue
        schema = _resolve(body["content"]["application/json"]["schema"], doc)
        props = schema.get("properties", {})
        required = [f for f in schema.get("required", []) if f in props]
        optional = [f for f in props if f not in required]
        out.append((op, schema, required, optional))
    return out




def probe_target(target, op: str) -> dict:
    """Where a body probe goes and what it must get: a 400; on a path naming a record (an id
    nobody has), a 404 is as good, as an API may look the record up before reading the body."""
    names = re.findall(r"\{(\w+)\}", target.ops[op]["path"])
    if not names:
        return {"expect": "400"}
    return {"expect": "400|404", "path_params": {n: "contract-probe-unknown-id" for n in names}}


@st.composite
def invalid_bodies(draw, schema: dict, required: list, optional: list, doc: dict, all_required_bad: bool) -> dict:
    body = {}
    for name in required:
        wrong = _wrong_values(schema["properties"][name], doc)
        # missing, or present with the wrong JSON type; either way the request is invalid
        if wrong and draw(st.booleans()):
            body[name] = draw(st.sampled_from(wrong))
    if not all_required_bad or not required:
        for name in optional:
            wrong = _wrong_values(schema["properties"][name], doc)
            if wrong and draw(st.booleans()):
                body[name] = draw(st.sampled_from(wrong))
    return body


@pytest.mark.provider_cases("op,schema,required,optional", body_ops)
def test_invalid_bodies_are_rejected_with_400(provider, target, op, schema, required, optional):
    allowed = target.allows(op)
    if not may_probe(target, op, required):
        pytest.skip(f"{op}: no required field, so no safe probe without --allow-writes")
    doc = target.doc
    examples = 1 if op in zp.SCARCE and not target.started_here else target.max_examples

    @target.examples(examples)
    @given(invalid_bodies(schema, required, optional, doc, all_required_bad=not allowed))
    def probe(body):
        if not required and not body:
            return  # an empty body is valid for an operation without required fields
        target.call(op, json=body, probe=True, **probe_target(target, op))

    probe()


def may_probe(target, op: str, required: list) -> bool:
    """Whether an invalid body may be sent to `op`: always when the policy allows the operation;
    for a write or spend it does not, only when the body has a required field the probe leaves
    out, so the API must reject it before acting. Without one, a server that reads the body
    leniently (ignoring a non-object, treating it as {}) could carry the call out."""
    if target.allows(op) or required:
        return True
    target.report.withhold(op, "no required field: an invalid probe could still act; needs --allow-writes")
    return False


def body_ops_required(provider: str) -> list[tuple[str, list]]:
    return [(op, required) for op, _, required, _ in body_ops(provider)]


@pytest.mark.provider_cases("op,required", body_ops_required)
@pytest.mark.parametrize("payload", [[], ["x"], "text", 3])
def test_non_object_bodies_are_rejected_with_400(provider, target, op, required, payload):
    if not may_probe(target, op, required):
        pytest.skip(f"{op}: no required field, so no safe probe without --allow-writes")
    if op in zp.SCARCE and not target.started_here:
        pytest.skip("rate-limited search: one probe is enough against a server")
    target.call(op, json=payload, probe=True, **probe_target(target, op))
