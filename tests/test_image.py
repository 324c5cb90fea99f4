"""The Docker image builds and runs (scripts/test-image: podman build, then the image's command
under chroot). Runs where the machine allows it: as root with apt, as on CI here."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import SUMMARY

ROOT = Path(__file__).resolve().parent.parent

can_run = hasattr(os, "geteuid") and os.geteuid() == 0 and (shutil.which("podman") or shutil.which("apt-get"))


@pytest.mark.skipif(not can_run, reason="needs root and apt-get (or podman) to build the image with podman")
@pytest.mark.skipif(os.environ.get("MAILSIM_SKIP_IMAGE_TEST") == "1", reason="MAILSIM_SKIP_IMAGE_TEST=1")
def test_image_builds_and_serves():
    out = subprocess.run(["bash", str(ROOT / "scripts" / "test-image")], capture_output=True, text=True, timeout=1500)
    print(out.stdout[-4000:])
    assert out.returncode == 0, out.stdout[-4000:] + out.stderr[-4000:]
    assert "image size:" in out.stdout and "test-image: ok" in out.stdout
    SUMMARY.extend(line for line in out.stdout.splitlines() if "image size:" in line)
