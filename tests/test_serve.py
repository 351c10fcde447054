"""`mkdocs serve` previews the site and rebuilds when a lesson outside docs/ changes."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request

import pytest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as r:
            return r.read().decode("utf-8")
    except OSError:
        return None


def wait_for(predicate, seconds: float) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.3)
    return False


@pytest.fixture
def server(mini):
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--livereload",
                             "-a", f"127.0.0.1:{port}"], cwd=mini, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
    yield mini, f"http://127.0.0.1:{port}/"
    proc.terminate()
    proc.wait(timeout=10)


def test_serve_rebuilds_when_a_lesson_changes(server):
    project, base = server
    url = base + "lessons/demo.html"
    assert wait_for(lambda: (fetch(url) or "").count("Lao động và an toàn") > 0, 60)
    lesson = project / "lessons" / "demo.vi.md"
    lesson.write_text(lesson.read_text(encoding="utf-8").replace("Lao động và an toàn", "Đi làm ăn an toàn"),
                      encoding="utf-8")
    assert wait_for(lambda: "Đi làm ăn an toàn" in (fetch(url) or ""), 60)
