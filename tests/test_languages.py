"""Any number of languages: a third language (Khmer) added to the mini project by the README's steps a–d alone.

The project is built once (session fixture); every output is then looked for in that language.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, copy_project, run_build
from multilang import KHMER, add_language

from canhgiac.errors import ContentError
from canhgiac.handbook import fonts

KHMER_LETTERS = re.compile(r"[\u1780-\u17ff]")


@pytest.fixture(scope="session")
def khmer_site(tmp_path_factory):
    """The mini project with Khmer added as a third language, built."""
    project = copy_project(FIXTURES / "mini", tmp_path_factory.mktemp("khmer") / "mini")
    add_language(project, "km", KHMER, catalog_from=ROOT / "canhgiac" / "locales" / "en" / "LC_MESSAGES" / "canhgiac.po")
    build = run_build(project)
    assert build.returncode == 0, build.output
    return build


def test_pages_of_the_third_language_say_lang_km_and_hold_its_text(khmer_site):
    page = (khmer_site.site / "km" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<html lang="km"', page)
    assert KHMER["sentence"] in page
    lesson = (khmer_site.site / "km" / "lessons" / "demo.html").read_text(encoding="utf-8")
    assert KHMER["title"] in lesson and '<html lang="km"' in lesson
    assert re.search(r'class="cg-lang__code"[^>]*>\s*KM\s*<', page)  # the language button says which language it is


@pytest.mark.parametrize("page", ["index.html", "en/index.html", "km/index.html", "lessons/demo.html",
                                  "km/lessons/demo.html"])
def test_the_language_switcher_of_every_page_offers_every_language(khmer_site, page):
    html = (khmer_site.site / page).read_text(encoding="utf-8")
    offered = set(re.findall(r'hreflang="([a-z]{2,3})"', html))
    assert {"vi", "en", "km"} <= offered, offered


def test_every_output_exists_in_the_third_language(khmer_site):
    site = khmer_site.site
    expected = [
        "handbook/handbook-km.pdf",                    # a default name: handbook_filenames names vi and en only
        "print/km/demo-leaflet.pdf", "print/km/demo-poster.pdf", "print/km/hotlines-poster.pdf",
        "print/hotlines-poster-vi-km.pdf", "print/hotlines-poster-vi-en.pdf",
        "print/km/demo-session.pdf", "print/km/demo-session-booklet.pdf",
        "download/canh-giac-km-scorm12-course.zip", "download/canh-giac-km-scorm12-01-demo.zip",
        "download/canh-giac-km-moodle-01-demo.xml", "download/canh-giac-km-offline.zip",
        "assets/canhgiac/search-index.km.js", "manifest.km.webmanifest", "assets/canhgiac/offline.km.json",
    ]
    missing = [name for name in expected if not (site / name).is_file()]
    assert not missing, missing
    manifest = json.loads((site / "manifest.km.webmanifest").read_text(encoding="utf-8"))
    assert manifest["lang"] == "km" and manifest["start_url"] == "km/index.html"
    assert KHMER["rights"] in (site / "assets/canhgiac/search-index.km.js").read_text(encoding="utf-8")
    moodle = (site / "download/canh-giac-km-moodle-01-demo.xml").read_text(encoding="utf-8")
    assert KHMER["rights"] in moodle


def test_the_khmer_handbook_draws_khmer_with_a_khmer_font(khmer_site):
    import pdfplumber

    pdf = khmer_site.site / "handbook" / "handbook-km.pdf"
    fonts_used = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "Script-1" in fonts_used  # the script's own face, embedded
    with pdfplumber.open(pdf) as doc:
        khmer = [c for page in doc.pages[:4] for c in page.chars if KHMER_LETTERS.match(c["text"])]
    assert len(khmer) > 30
    assert all("Script" in c["fontname"] for c in khmer), {c["fontname"] for c in khmer}
    drawn = "".join(c["text"] for c in khmer)  # a glyph may stand for a cluster of letters
    assert set(KHMER["title"]) - {" ", "\u17d2"} <= set(drawn)  # every letter of the title (the coeng is invisible)


def test_a_text_without_the_third_language_stops_the_build(tmp_path):
    project = copy_project(FIXTURES / "mini", tmp_path / "mini")
    add_language(project, "km", KHMER, catalog_from=ROOT / "canhgiac" / "locales" / "en" / "LC_MESSAGES" / "canhgiac.po")
    bank = project / "quizzes" / "demo.yml"
    text = bank.read_text(encoding="utf-8")
    first_km = re.search(r"^(\s+)km: .*\n", text, re.M)
    bank.write_text(text[:first_km.start()] + text[first_km.end():], encoding="utf-8")
    build = run_build(project)
    assert build.returncode != 0 and "Traceback" not in build.output
    assert re.search(r"quizzes/demo\.yml:\d+: missing the 'km' text of '\w+'\n"
                     r"    hint: write it in that language: every language listed in mkdocs.yml needs one",
                     build.output), build.output


def test_a_script_no_installed_font_draws_is_refused_naming_the_package(monkeypatch):
    faces = fonts.find_faces()  # the text faces only: no script face is looked for
    with pytest.raises(ContentError) as caught:
        fonts.check_coverage({"lessons/demo.km.md": KHMER["rights"]}, faces, root=Path("."))
    message = str(caught.value)
    assert "the handbook fonts cannot draw 'ស' (U+179F KHMER LETTER SA)" in message
    assert "no installed font draws the Khmer script: install Debian's fonts-noto-core" in message
    assert "NotoSerifKhmer" not in message or "Noto{Serif,Sans}Khmer-{Regular,Bold}.ttf" in message


def test_script_faces_are_found_for_khmer_and_none_for_latin():
    faces = fonts.find_faces()
    extra = fonts.script_faces(set(KHMER["rights"]), faces)
    assert {f.family for f in extra} == {"CG Serif Script 1", "CG Sans Script 1"}
    assert {f.script for f in extra} == {"Khmer"}
    assert fonts.script_faces(set("Bà con cần cảnh giác"), faces) == {}
