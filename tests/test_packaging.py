"""The built wheel: its runtime requirements are the server's (no Faker), the image's constraints
file pins each of them, and it carries what users rely on: the console script, the pytest plugin,
the default world, py.typed, the contract suite and the LICENSE. The README points only at files
the repository has."""
from __future__ import annotations

import re
import subprocess
import sys
import tomllib
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> zipfile.ZipFile:
    out_dir = tmp_path_factory.mktemp("wheel")
    out = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w",
                          str(out_dir), str(ROOT)], capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr[-2000:]
    [path] = list(out_dir.glob("*.whl"))
    return zipfile.ZipFile(path)


def metadata(wheel: zipfile.ZipFile):
    name = next(n for n in wheel.namelist() if n.endswith(".dist-info/METADATA"))
    return Parser().parsestr(wheel.read(name).decode())


def test_runtime_requirements_are_the_servers_and_faker_is_only_an_extra(wheel):
    requires = [Requirement(r) for r in metadata(wheel).get_all("Requires-Dist")]
    runtime = {r.name.lower() for r in requires if r.marker is None}
    assert runtime == {"starlette", "uvicorn", "pydantic", "pydantic-settings", "orjson", "httpx", "pyyaml"}
    fixtures_extra = [r for r in requires if r.marker and r.marker.evaluate({"extra": "fixtures"})]
    assert [r.name.lower() for r in fixtures_extra] == ["faker"]
    assert not any(r.name.lower() == "faker" and r.marker is None for r in requires)


def test_each_runtime_dependency_gives_its_reason():
    text = (ROOT / "pyproject.toml").read_text()
    block = text.split("dependencies = [", 1)[1].split("\n]", 1)[0]  # a line may name extras: uvicorn[standard]
    lines = [line for line in block.splitlines() if line.strip()]
    assert len(lines) == len(PYPROJECT["project"]["dependencies"])
    for line in lines:
        assert re.match(r'^\s+"[^"]+",\s+# \w.{10,}$', line), f"no reason given: {line!r}"


def test_the_constraints_file_pins_every_runtime_dependency_within_its_range():
    pins = {}
    for line in (ROOT / "constraints.txt").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, version = line.partition("==")
            pins[name.lower().replace("_", "-")] = version.strip()
    for spec in PYPROJECT["project"]["dependencies"] + PYPROJECT["build-system"]["requires"]:
        req = Requirement(spec)
        name = req.name.lower()
        assert name in pins, f"{name} is not pinned in constraints.txt"
        assert req.specifier.contains(pins[name]), f"{name}=={pins[name]} is outside {req.specifier}"
    assert "faker" not in pins
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "COPY pyproject.toml README.md LICENSE constraints.txt ./" in dockerfile
    assert "ENV PIP_CONSTRAINT=/src/constraints.txt" in dockerfile


def test_the_wheel_carries_what_users_rely_on(wheel):
    names = set(wheel.namelist())
    for name in ("simulator/_fixtures/default_world.json", "simulator/pytest_plugin.py", "simulator/py.typed",
                 "simulator/contract_tests/conftest.py", "simulator/contract_tests/test_reads.py"):
        assert name in names, name
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert not any("generate_default_world" in n for n in names)
    entry_points = wheel.read(next(n for n in names if n.endswith("entry_points.txt"))).decode()
    assert "mailbox-simulator = simulator.cli:main" in entry_points
    assert "[pytest11]" in entry_points and "mailbox_simulator = simulator.pytest_plugin" in entry_points
    meta = metadata(wheel)
    assert meta["License"] == "MIT" and "MIT License" in (ROOT / "LICENSE").read_text()
    classifiers = meta.get_all("Classifier")
    assert "License :: OSI Approved :: MIT License" in classifiers and "Typing :: Typed" in classifiers
    assert "Framework :: Pytest" in classifiers


def test_the_readme_points_only_at_files_the_repository_has():
    readme = (ROOT / "README.md").read_text()
    mentioned = set(re.findall(r"`((?:[\w.-]+/)+[\w.-]+\.(?:py|json|yaml|md|txt|toml))`", readme))
    mentioned |= set(re.findall(r"`((?:scripts|\.ci|bench|tests|contract_tests|fixtures)/[\w./-]+)`", readme))
    assert mentioned, "the check found no paths"
    missing = sorted(p for p in mentioned if not (ROOT / p).exists() and not p.startswith("contract-report/"))
    assert missing == []
