"""The bad-input corpus (tests/bad-inputs/): each case builds correctly or fails naming file, line and what to do.

A case is a folder: `case.yml` says what it is, whether it `builds` or `fails`, the message fragments expected
(`expect`), for a build the HTML fragments expected (`html`), and the files to `remove` or `symlinks` to make in
the project; every other file in the folder is laid over a copy of the small fixture project (tests/fixtures/mini).
Whatever happens, the output has no traceback and no built file carries a script or an event handler that came
from the content.
"""

from __future__ import annotations

import os
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, copy_project, run_build

CORPUS = Path(__file__).resolve().parent / "bad-inputs"
CASES = sorted(p.name for p in CORPUS.iterdir() if (p / "case.yml").is_file())
# What the theme and the plugin put in every page themselves: anything else in a <script> came from content.
OWN_SCRIPTS = ("assets/canhgiac/canhgiac.js",)


def load_case(name: str) -> dict:
    return yaml.safe_load((CORPUS / name / "case.yml").read_text(encoding="utf-8"))


def make_project(name: str, dest: Path) -> Path:
    project = copy_project(FIXTURES / "mini", dest)
    case = load_case(name)
    for src in sorted((CORPUS / name).rglob("*")):
        rel = src.relative_to(CORPUS / name)
        if src.is_file() and rel.as_posix() != "case.yml":
            (project / rel).parent.mkdir(parents=True, exist_ok=True)
            (project / rel).write_bytes(src.read_bytes())
    for rel in case.get("remove", []):
        (project / rel).unlink()
    for rel, target in (case.get("symlinks") or {}).items():
        os.symlink(target, project / rel)
    return project


class ScriptScan(HTMLParser):
    """Collect inline scripts, script sources and event handler attributes of a built page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script":
            self.in_script = True
            if attrs.get("src") and not attrs["src"].endswith(OWN_SCRIPTS) and "cg-xss" in attrs["src"]:
                self.found.append(f"<script src={attrs['src']}>")
        for name, value in attrs.items():
            if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value}>")

    def handle_endtag(self, tag):
        if tag == "script":
            self.in_script = False

    def handle_data(self, data):
        if self.in_script and ("cg-xss" in data or "alert(" in data):
            self.found.append(f"<script>{data[:60]}</script>")


def injected(site: Path) -> list[str]:
    """Scripts or handlers from the content in any built HTML file (the corpus marks its own with cg-xss/alert)."""
    found = []
    for page in sorted(site.rglob("*.html")):
        scan = ScriptScan()
        scan.feed(page.read_text(encoding="utf-8"))
        found += [f"{page.relative_to(site)}: {item}" for item in scan.found]
    return found


def test_the_corpus_is_large_and_covers_every_input():
    assert len(CASES) >= 30
    prefixes = {name.split("-")[0] for name in CASES}
    assert {"lesson", "lessons", "page", "quiz", "laws", "locality", "plugin"} <= prefixes


@pytest.mark.parametrize("name", CASES)
def test_bad_input(name, tmp_path):
    case = load_case(name)
    project = make_project(name, tmp_path / "project")
    build = run_build(project)
    assert "Traceback" not in build.output, build.output
    if case["outcome"] == "builds":
        assert build.returncode == 0, build.output
        for page, fragment in (case.get("html") or {}).items():
            assert fragment in (build.site / page).read_text(encoding="utf-8"), page
    else:
        assert case["outcome"] == "fails"
        assert build.returncode != 0, build.output
        assert not build.site.exists(), "a failed build published a site"
    for fragment in case.get("expect", []):
        assert fragment in build.output, build.output
    if build.site.exists():
        assert injected(build.site) == []
