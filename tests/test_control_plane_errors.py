"""The control plane answers in one error shape, {"error": "..."}, in plain words: an unknown
/_sim path, a known path with another method, and a wrongly typed field (never pydantic's
internals such as `advanceSeconds.int`); and the server's root says where everything is."""
from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from simulator.app import Simulator


@pytest.fixture(scope="module")
def http():
    return TestClient(Simulator(default_world=True, freeze_clock=True).app)


def error(response, status: int) -> str:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert set(body) == {"error"} and isinstance(body["error"], str)
    return body["error"]


def test_root_points_at_the_control_plane_and_the_documents(http):
    r = http.get("/")
    assert r.status_code == 200
    root = "http://testserver"
    assert r.json() == {
        "name": "mailbox-api-simulator", "version": "0.1.0", "controlPlane": root + "/_sim/",
        "documents": {"controlPlane": root + "/_sim/openapi.json", "zapmail": root + "/_sim/openapi/zapmail.json",
                      "litemail": root + "/_sim/openapi/litemail.json"},
        "providers": {"zapmail": {"baseUrl": root + "/api", "authHeader": "x-auth-zapmail"},
                      "litemail": {"baseUrl": root, "authHeader": "x-api-key"}},
        "health": root + "/_sim/health",
    }
    assert http.get("/_sim/").json() == r.json()
    for url in r.json()["documents"].values():  # every link answers
        assert http.get(url.replace(root, "")).status_code == 200


def test_unknown_control_paths_are_404_in_the_control_planes_shape(http):
    assert error(http.get("/_sim/nope"), 404) == ("GET /_sim/nope is not a control-plane route "
                                                  "(GET /_sim/openapi.json lists them)")
    assert "is not a control-plane route" in error(http.post("/_sim/clock/extra", json={}), 404)


def test_a_known_path_with_another_method_is_405_naming_the_methods(http):
    assert error(http.delete("/_sim/health"), 405) == ("DELETE /_sim/health: method not allowed "
                                                       "(this path takes GET)")
    assert error(http.put("/_sim/clock"), 405).endswith("(this path takes GET, POST)")


@pytest.mark.parametrize("path,body,says", [
    ("/_sim/clock", {"advanceSeconds": "soon"}, "advanceSeconds: must be a number"),
    ("/_sim/clock", {"freeze": "maybe"}, "freeze: must be true or false"),
    ("/_sim/clock", {"rate": [1]}, "rate: must be a number"),
    ("/_sim/faults", {"action": {"status": "x"}}, "action.status: must be a whole number"),
    ("/_sim/faults", {"action": {"status": 503}, "bogus": 1}, "unknown field bogus"),
    ("/_sim/journal/verify", {"exactly": "two"}, "exactly: must be a whole number"),
])
def test_wrong_types_are_400_in_plain_words(http, path, body, says):
    message = error(http.post(path, json=body), 400)
    assert says in message, message
    for internal in (".int", ".float", "function-", "Input should", "pydantic", "[type="):
        assert internal not in message, message
