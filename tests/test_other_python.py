"""The unit and build tests also run on a second supported Python (3.11-3.13) when the machine has one.

A venv for that interpreter is made from requirements-test.lock and kept in .venv-py3.X/ (rebuilt when the lock
changes). The other interpreter then runs the unit tests and the bad-input tests (which build the fixture project
with it), and its build of the fixture project must be byte-identical to this interpreter's. Set
CANHGIAC_OTHER_PYTHONS=all to try every other version found, not only the newest.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, copy_project, run_build, tree_bytes

SUPPORTED = ((3, 11), (3, 12), (3, 13))
LOCK = ROOT / "requirements-test.lock"


def _version(python: str) -> tuple[int, int] | None:
    try:
        out = subprocess.run([python, "-c", "import sys, venv, ensurepip; print(*sys.version_info[:2])"],
                             capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if out.returncode != 0:
        return None
    major, minor = map(int, out.stdout.split())
    return major, minor


def other_pythons() -> list[tuple[tuple[int, int], str]]:
    """Supported interpreters of another minor version than this one: on PATH, then pyenv's."""
    candidates = [shutil.which(f"python{v[0]}.{v[1]}") for v in SUPPORTED] + [shutil.which("python3")]
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    if pyenv.is_dir():
        candidates += [str(p / "bin" / "python3") for p in sorted(pyenv.iterdir(), reverse=True)]
    found: dict[tuple[int, int], str] = {}
    for python in filter(None, candidates):
        version = _version(python)
        if version in SUPPORTED and version != sys.version_info[:2] and version not in found:
            found[version] = python
    chosen = sorted(found.items(), reverse=True)
    return chosen if os.environ.get("CANHGIAC_OTHER_PYTHONS") == "all" else chosen[:1]


OTHERS = other_pythons()


@pytest.fixture(scope="module", params=OTHERS or [None], ids=lambda p: f"python{p[0][0]}.{p[0][1]}" if p else "none")
def other_venv(request) -> Path:
    if request.param is None:
        pytest.skip(f"no supported Python other than {sys.version_info[0]}.{sys.version_info[1]} on this machine "
                    "(looked for python3.11-3.13 on PATH and in pyenv)")
    (major, minor), python = request.param
    venv = ROOT / f".venv-py{major}.{minor}"
    stamp = venv / ".installed"
    digest = hashlib.sha256(LOCK.read_bytes() + (ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if not (stamp.is_file() and stamp.read_text() == digest):
        shutil.rmtree(venv, ignore_errors=True)
        subprocess.run([python, "-m", "venv", str(venv)], check=True)
        pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
        # As scripts/setup does: the lock hash-checked as it is, then the project with the lock's setuptools.
        locked = ["--require-hashes", "--no-deps", "--only-binary", ":all:", "-r", str(LOCK)]
        for args in (locked, ["--no-deps", "--no-build-isolation", "-e", str(ROOT)]):
            result = subprocess.run([*pip, *args], capture_output=True, text=True)
            assert result.returncode == 0, result.stdout + result.stderr
        stamp.write_text(digest)
    return venv / "bin" / "python"


def test_unit_and_bad_input_tests_pass_on_the_other_python(other_venv):
    result = subprocess.run([str(other_venv), "-m", "pytest", "-q", "-p", "no:cacheprovider",
                             "tests/test_units.py", "tests/test_bad_input.py"],
                            cwd=ROOT, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-2000:]
    assert " passed" in result.stdout


def test_the_other_python_builds_the_same_bytes(other_venv, mini_site, tmp_path):
    build = run_build(copy_project(FIXTURES / "mini", tmp_path / "mini"), python=other_venv)
    assert build.returncode == 0, build.output
    first, second = tree_bytes(mini_site.site), tree_bytes(build.site)
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []
