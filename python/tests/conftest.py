"""Shared fixtures: the built CLI (LTV_BINARY, set by CTest) and a helper that runs it."""

import json
import os
import subprocess

import pytest


@pytest.fixture(scope="session")
def ltv_binary():
    path = os.environ.get("LTV_BINARY")
    if not path or not os.path.exists(path):
        pytest.fail("LTV_BINARY must name the built ltv (CTest sets it; see python/CMakeLists.txt)")
    return path


@pytest.fixture(scope="session")
def run_cli(ltv_binary):
    """run_cli(*args) -> CompletedProcess (text); run_cli.json(*args) -> the parsed stdout."""

    def run(*args, check=True):
        p = subprocess.run([ltv_binary, *map(str, args)], capture_output=True, text=True)
        if check and p.returncode != 0:
            raise AssertionError(f"ltv {' '.join(map(str, args))} exited {p.returncode}: {p.stderr}")
        return p

    run.json = lambda *args: json.loads(run(*args).stdout)
    return run


@pytest.fixture(scope="session")
def trained_model(run_cli, tmp_path_factory):
    """A small one-layer FULL model trained by `ltv train` (a few seconds)."""
    path = tmp_path_factory.mktemp("model") / "one.json"
    run_cli("train", "--family", "full", "--d", "3", "--n", "10", "--layers", "1", "--batch", "256", "--steps", "150",
            "--lr", "0.02", "--eval-size", "256", "--eval-every", "50", "--quiet", "--out", path)
    return path
