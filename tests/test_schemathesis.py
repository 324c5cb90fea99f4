"""Schemathesis against both served documents (opt-in: MAILSIM_SCHEMATHESIS=1, which .ci/run sets;
about 10 minutes): at least 5,000 requests per provider, and nothing found but valid requests
refused for a rule the operation declares no schema can state."""
from __future__ import annotations

import os

import pytest

pytestmark = pytest.mark.skipif(os.environ.get("MAILSIM_SCHEMATHESIS") != "1",
                                reason="slow: set MAILSIM_SCHEMATHESIS=1 (.ci/run does)")


@pytest.fixture(scope="module")
def served():
    from bench import schemathesis_run

    sim, remote, keys = schemathesis_run.serve()
    yield schemathesis_run, remote.url, keys
    remote.close()
    sim.close()


@pytest.mark.parametrize("provider", ["zapmail", "litemail"])
def test_schemathesis_finds_nothing(served, provider, tmp_path):
    bench, url, keys = served
    result = bench.run(provider, url, keys[provider], max_examples=30, seed=1)
    problems, explained = bench.judge(provider, result)
    (tmp_path / f"schemathesis-{provider}.md").write_text(bench.report(provider, result, problems, explained))
    assert result["requests"] >= 5000, result["stdout"][-2000:]
    assert problems == [], "\n".join(problems)
