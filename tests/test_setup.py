"""Installs verify what they install: hashed Python locks, npm locks with integrity, vendored and generated files.

scripts/setup installs the lock files with pip --require-hashes, so every package in them must carry the SHA-256
of its files (scripts/lock writes them with uv's --generate-hashes). The project's own editable install cannot be
hashed: it is made without dependencies and without build isolation, with the hash-checked setuptools of the lock,
so pip downloads nothing unchecked for it. npm ci checks each package of a package-lock.json against its
`integrity`. None of these tests uses the network: scripts/setup runs here against stand-ins for Python, dpkg and npm
that only record how they were called.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest
from conftest import ROOT
from packaging.requirements import Requirement

LOCKS = [ROOT / "requirements.lock", ROOT / "requirements-test.lock"]
HASH = re.compile(r"--hash=(\S+)")


def lock_entries(text: str) -> dict[str, list[str]]:
    """The packages of a lock file ('name==version ; marker' as written) and the hashes each carries."""
    entries: dict[str, list[str]] = {}
    for line in text.replace("\\\n", " ").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        spec = line.split("--hash=")[0].strip()
        entries[spec] = HASH.findall(line)
    return entries


def unhashed(text: str) -> list[str]:
    """What keeps a lock from installing under --require-hashes: no exact version, or no (or a malformed) hash."""
    problems = []
    for spec, hashes in lock_entries(text).items():
        if spec.startswith("-") or "==" not in spec:
            problems.append(f"{spec}: not a package pinned with ==")
        elif not hashes:
            problems.append(f"{spec}: no --hash=sha256:")
        problems += [f"{spec}: malformed {h}" for h in hashes if not re.fullmatch(r"sha256:[0-9a-f]{64}", h)]
    return problems


def name_version(spec: str) -> tuple[str, str]:
    req = Requirement(spec)
    return req.name.lower(), str(req.specifier).removeprefix("==")


@pytest.mark.parametrize("lock", LOCKS, ids=lambda p: p.name)
def test_every_locked_package_carries_its_sha256(lock):
    text = lock.read_text()
    assert len(lock_entries(text)) > 40, f"{lock.name} looks empty or unreadable"
    assert unhashed(text) == [], f"{lock.name}: run scripts/lock (it writes the hashes)"


def test_the_lock_check_sees_a_missing_hash():
    sample = (
        "attrs==26.1.0 \\\n    --hash=sha256:" + "a" * 64 + "\n    # via jsonschema\n"
        "babel==2.19.0\n    # via mkdocs-material\n"
        "brotli==1.2.1 ; platform_python_implementation == 'CPython' \\\n    --hash=sha256:abc\n"
        "-e .\n"
    )
    assert unhashed(sample) == [
        "babel==2.19.0: no --hash=sha256:",
        "brotli==1.2.1 ; platform_python_implementation == 'CPython': malformed sha256:abc",
        "-e .: not a package pinned with ==",
    ]


def test_both_locks_install_the_same_files_of_the_same_versions():
    build, test = (lock_entries(p.read_text()) for p in LOCKS)
    missing = sorted(set(build) - set(test))
    assert not missing, f"in requirements.lock but not requirements-test.lock: {missing} (run scripts/lock)"
    assert {s: sorted(build[s]) for s in build} == {s: sorted(test[s]) for s in build}


def test_the_locks_pin_the_build_backend_that_pyproject_names():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    for lock in LOCKS:
        pinned = dict(name_version(spec) for spec in lock_entries(lock.read_text()))
        for req in map(Requirement, pyproject["build-system"]["requires"]):
            assert req.name.lower() in pinned, f"{lock.name} lacks the build requirement {req} (run scripts/lock)"
            assert req.specifier.contains(pinned[req.name.lower()]), f"{lock.name}: {req} but {pinned[req.name]}"


FAKE_PYTHON = """#!/usr/bin/env bash
echo "python $*" >> "$SETUP_CALLS"
if [ "$*" = "-" ]; then cat >/dev/null; fi
if [ -n "${FAKE_PIP_ERROR:-}" ] && [[ " $* " == *" --require-hashes "* ]]; then echo "$FAKE_PIP_ERROR" >&2; exit 1; fi
exit 0
"""


@pytest.fixture
def setup_copy(tmp_path):
    """scripts/setup in a copy of what it reads, with a venv whose python, like dpkg and npm, only logs its calls."""
    for name in ("scripts/setup", "pyproject.toml", "requirements.lock", "requirements-test.lock",
                 "tests/js/package.json", "tests/js/package-lock.json"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, tmp_path / name)
    fakes = tmp_path / "fakebin"
    for path, body in ((tmp_path / ".venv/bin/python", FAKE_PYTHON),
                       (fakes / "dpkg", "#!/bin/sh\nexit 0\n"),
                       (fakes / "npm", '#!/bin/sh\necho "npm $*" >> "$SETUP_CALLS"\n')):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body)
        path.chmod(0o755)
    return tmp_path


def run_setup(project: Path, *args: str, **env: str) -> tuple[subprocess.CompletedProcess, list[str]]:
    calls = project / "calls.log"
    calls.unlink(missing_ok=True)
    environ = {k: v for k, v in os.environ.items() if k != "PYTHON"}
    environ.update(PATH=f"{project / 'fakebin'}:/usr/bin:/bin", SETUP_CALLS=str(calls), **env)
    result = subprocess.run(["bash", "scripts/setup", *args], cwd=project, capture_output=True, text=True,
                            env=environ, timeout=60)
    return result, calls.read_text().splitlines() if calls.exists() else []


@pytest.mark.parametrize("mode", ["build", "test"])
def test_setup_installs_the_lock_hash_checked_and_the_project_without_fetching(setup_copy, mode):
    result, calls = run_setup(setup_copy, *(["--test"] if mode == "test" else []))
    assert result.returncode == 0, result.stderr
    lock = "requirements-test.lock" if mode == "test" else "requirements.lock"
    installs = [c for c in calls if " -m pip install " in c]
    assert len(installs) == 2, calls
    assert re.search(rf" --require-hashes --no-deps --only-binary :all: -r {re.escape(lock)}$", installs[0]), installs
    assert installs[1].endswith(" --no-deps --no-build-isolation -e ."), installs
    assert "python -m pip check" in calls
    if mode == "test":
        assert [c for c in calls if c.startswith("npm ")] == ["npm ci --ignore-scripts --no-audit --no-fund --loglevel=error"]


def test_setup_explains_a_file_whose_hash_differs(setup_copy):
    pip_error = ("ERROR: THESE PACKAGES DO NOT MATCH THE HASHES FROM THE REQUIREMENTS FILE. If you have updated the "
                 "package versions, please update the hashes. Otherwise, examine the package contents carefully; "
                 "someone may have tampered with them.\n    babel==2.19.0 from https://example.invalid/babel.whl:\n"
                 "        Expected sha256 " + "0" * 64 + "\n             Got        " + "1" * 64)
    result, calls = run_setup(setup_copy, FAKE_PIP_ERROR=pip_error)
    assert result.returncode == 1
    assert "DO NOT MATCH THE HASHES" in result.stderr
    assert "A downloaded file differs from the one requirements.lock was made with" in result.stderr
    assert not [c for c in calls if " -e ." in c], "nothing more is installed after a failed check"
    assert not (setup_copy / ".venv/.installed-requirements.lock").exists()


@pytest.mark.parametrize("lock", ["tests/js/package-lock.json", "scripts/bench-tools/package-lock.json",
                                  "scripts/vendor-tools/package-lock.json"])
def test_every_npm_package_carries_its_integrity(lock):
    data = json.loads((ROOT / lock).read_text())
    assert data["lockfileVersion"] >= 2
    packages = {k: v for k, v in data["packages"].items() if k}
    assert packages
    weak = [k for k, v in packages.items() if not v.get("integrity", "").startswith("sha512-")]
    assert weak == [], f"{lock}: entries without a sha512 integrity (npm ci could not check them)"


def test_npm_tools_are_installed_with_npm_ci():
    scripts = [p for p in (ROOT / "scripts").iterdir() if p.is_file()]
    for script in scripts:
        text = script.read_text()
        assert not re.search(r"\bnpm (install|i|add)\b", text), f"{script.name}: use npm ci (checks integrity)"
        assert not re.search(r"\bnpm exec\b|\bnpx\b", text), f"{script.name}: runs an npm package no lock pins"
    assert "npm ci" in (ROOT / "scripts" / "vendor").read_text()


def test_the_committed_minisearch_is_the_pinned_build():
    vendor = (ROOT / "scripts" / "vendor").read_text()
    pinned = re.search(r"^OUT_SHA256=([0-9a-f]{64})$", vendor, re.M).group(1)
    committed = hashlib.sha256((ROOT / "canhgiac/assets/vendor/minisearch.min.js").read_bytes()).hexdigest()
    assert committed == pinned, "minisearch.min.js is not the build scripts/vendor pins: run scripts/vendor"


def test_the_icons_are_what_make_icons_draws(tmp_path):
    spec = importlib.util.spec_from_file_location("make_icons", ROOT / "scripts" / "make_icons.py")
    make_icons = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_icons)
    for drawn in make_icons.write(tmp_path):
        committed = ROOT / "canhgiac/assets/icons" / drawn.name
        assert drawn.read_bytes() == committed.read_bytes(), (
            f"{drawn.name} differs from what scripts/make_icons.py draws with the locked Pillow: if the drawing or "
            "Pillow changed on purpose, look at the new icons and commit them (.venv/bin/python scripts/make_icons.py)")
