"""Shared fixtures: fixture projects in tmp_path, built sites, an HTTP server and headless Chromium."""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
]
PROJECT_FILES = ("mkdocs.yml", "laws.yml", "locality.yml", "docs", "lessons", "quizzes", "overrides")


@dataclass
class Build:
    """The result of running `mkdocs build` on a project folder."""

    project: Path
    site: Path
    returncode: int
    output: str


def _pythonpath() -> dict[str, str]:
    """PYTHONPATH passed on, so a build runs the package of the tests' checkout (a shared venv may point elsewhere)."""
    return {"PYTHONPATH": os.environ["PYTHONPATH"]} if os.environ.get("PYTHONPATH") else {}


def run_build(project: Path, *extra: str, python: str | Path = sys.executable, env: dict | None = None) -> Build:
    """Run `mkdocs build --strict` in a subprocess, as an editor would (`env` adds variables)."""
    proc = subprocess.run(
        [str(python), "-m", "mkdocs", "build", "--strict", *extra],
        cwd=project, capture_output=True, text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", **_pythonpath(), **(env or {})},
    )
    return Build(project, project / "site", proc.returncode, proc.stdout + proc.stderr)


def copy_project(source: Path, dest: Path) -> Path:
    """Copy a project (symlinks kept) and the real theme overrides into `dest`."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        src = source / name
        if src.is_dir():
            shutil.copytree(src, dest / name, symlinks=True, dirs_exist_ok=True)
        elif src.exists():
            shutil.copy2(src, dest / name)
    if not (dest / "overrides").exists():
        shutil.copytree(ROOT / "overrides", dest / "overrides")
    return dest


def tree_bytes(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (relative POSIX path -> content), to compare two builds byte for byte."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def mini(tmp_path) -> Path:
    """A small valid bilingual project in a temporary folder, to be edited by a test."""
    return copy_project(FIXTURES / "mini", tmp_path / "mini")


def _shared_folder(tmp_path_factory) -> Path:
    """The run's folder: under pytest-xdist the one above each worker's own, else the session's."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def _record(build: Build) -> str:
    return json.dumps({"project": str(build.project), "site": str(build.site), "returncode": build.returncode,
                       "output": build.output})


def shared_build(tmp_path_factory, name: str, make, locked=None) -> Build:
    """`make(folder)` once per test run, and its Build: the fixture projects many test files read.

    Under pytest-xdist (scripts/test runs a worker per core) the first worker to ask builds it under a file lock and
    the others wait and take the same folder: tests read a built site, they never change it. `locked()` is called
    once the lock is held (`_early_builds` waits for it).
    """
    from filelock import FileLock

    shared = _shared_folder(tmp_path_factory)
    record = shared / f"{name}.build.json"
    with FileLock(str(shared / f"{name}.build.lock"), thread_local=False):
        if locked:
            locked()
        if not record.is_file():
            record.write_text(_record(make(shared / name)), encoding="utf-8")
        data = json.loads(record.read_text(encoding="utf-8"))
        return Build(Path(data["project"]), Path(data["site"]), data["returncode"], data["output"])


def _make_real(folder: Path) -> Build:
    return run_build(copy_project(ROOT, folder))


@pytest.fixture(scope="session", autouse=True)
def _early_builds(request, tmp_path_factory):
    """Start the real project's build (minutes) in a background thread as the run begins, when a selected test needs
    it: the tests that do not need it run meanwhile. The thread takes the build's lock itself (a file lock belongs to
    the thread that takes it); the first test starts once it holds it, or waits behind another worker's build."""
    if not any("real_site" in getattr(item, "fixturenames", ()) for item in request.session.items):
        yield
        return
    started = threading.Event()

    def build() -> None:
        try:
            shared_build(tmp_path_factory, "real", _make_real, locked=started.set)
        finally:
            started.set()  # a failed build is reported by the real_site fixture, which builds it again

    thread = threading.Thread(target=build, name="real build", daemon=True)
    thread.start()
    started.wait(timeout=1)  # holding the lock, or behind another worker's: either way no test builds it twice
    yield
    thread.join()


@pytest.fixture(scope="session")
def mini_site(tmp_path_factory) -> Build:
    """The small fixture project, built once."""
    build = shared_build(tmp_path_factory, "mini", lambda folder: run_build(copy_project(FIXTURES / "mini", folder)))
    assert build.returncode == 0, build.output
    return build


@pytest.fixture(scope="session")
def pkg_site(tmp_path_factory) -> Build:
    """The mini project with a lesson without a quiz and the Downloads pages, built once (site/download/ too)."""
    from pkgproject import make_project

    build = shared_build(tmp_path_factory, "pkg", lambda folder: run_build(make_project(folder / "p")))
    assert build.returncode == 0, build.output
    return build


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Build:
    """The real project (curriculum, handbook and all), built once into a temporary folder."""
    build = shared_build(tmp_path_factory, "real", _make_real)
    assert build.returncode == 0, build.output
    return build


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output clean
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        """A browser that stops reading (a page closed while it loads) is not an error of the site."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@dataclass
class Server:
    """A static HTTP server on 127.0.0.1 serving a folder, optionally under a sub-path."""

    base: str
    root: Path


def serve(folder: Path, prefix: str = "") -> tuple[Server, http.server.ThreadingHTTPServer]:
    """Serve `folder` over HTTP; with `prefix` ('camau') the site lives at /camau/."""
    root = folder
    if prefix:
        root = folder.parent / f"{folder.name}-served"
        if not root.exists():
            root.mkdir()
            (root / prefix).symlink_to(folder, target_is_directory=True)
    handler = functools.partial(_Quiet, directory=str(root))
    httpd = _Server(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/" + (f"{prefix}/" if prefix else "")
    return Server(base, root), httpd


@pytest.fixture(scope="session")
def real_server(real_site):
    """The real site served over HTTP at the root."""
    server, httpd = serve(real_site.site)
    yield server
    httpd.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}


class PageWatch:
    """Record console errors and every request a page makes."""

    def __init__(self, page):
        self.errors: list[str] = []
        self.requests: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", lambda r: self.requests.append(r.url))

    def external(self) -> list[str]:
        """Requests that left 127.0.0.1 (data: and file: URLs are local)."""
        return [u for u in self.requests
                if not u.startswith(("http://127.0.0.1", "data:", "file:", "blob:", "about:"))]


DEVICES = {"phone": PHONE, "desktop": DESKTOP}


def answer_every_question(page) -> None:
    """Answer and check every quiz question of the page: the first option, or the steps in the given order."""
    for question in page.locator(".cg-quiz__question").all():
        selects = question.locator("select")
        if selects.count():
            for i in range(selects.count()):
                selects.nth(i).select_option(index=i + 1)
        else:
            question.locator("input").first.check()
        question.locator(".cg-quiz__check").click()


def wait_js(page, expression: str, arg=None, timeout: float = 5.0):
    """Wait until `expression` (a JS function of `arg`, or an expression) is truthy; return its value.

    Playwright's wait_for_function evaluates its predicate with eval() while polling, which the site's policy
    (no 'unsafe-eval') refuses unless the context bypasses it; page.evaluate runs outside the page's policy.
    """
    import time

    end = time.monotonic() + timeout
    while True:
        value = page.evaluate(expression, arg)
        if value or time.monotonic() > end:
            assert value, f"still false after {timeout} s: {expression}"
            return value
        page.wait_for_timeout(50)


@pytest.fixture
def open_page(browser):
    """Open a page in a fresh browser context (a fresh device: no storage shared with other contexts).

    `open_page("phone" or "desktop", timeout=ms, **context options)` returns the page and its PageWatch.
    """
    contexts = []

    def _open(device: str = "phone", timeout: float = 5000, **options):
        context = browser.new_context(**DEVICES[device], **options)
        context.set_default_timeout(timeout)
        contexts.append(context)
        page = context.new_page()
        return page, PageWatch(page)

    yield _open
    for context in contexts:
        context.close()


def pytest_addoption(parser):
    """Golden files change only when asked: `pytest --update-golden`."""
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden/ from the current output")
