"""Leaflets and posters, read back from the PDFs: size, pages, fonts, text, layout, QR codes and contrast."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml
from conftest import FIXTURES, copy_project, run_build
from PIL import Image

MM = 72 / 25.4
SIZES = {"leaflet": (148, 210), "poster": (297, 420), "hotlines": (297, 420)}
PAGES = {"leaflet": 2, "poster": 1, "hotlines": 1}
SITE_URL = "https://example.org/canh-giac/"


def _without_handbook(project: Path) -> Path:
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  - canhgiac\n", "  - canhgiac:\n      handbook_enabled: false\n"), encoding="utf-8")
    return project


def _set_site_url(project: Path, url: str | None) -> None:
    path = project / "locality.yml"
    text = re.sub(r"(?m)^site_url:.*\n", "", path.read_text(encoding="utf-8"))
    if url:
        text += f"\nsite_url: {url}\n"
    path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """The mini project built twice: with the site's address set, and without it."""
    builds = {}
    for name, url in (("set", SITE_URL), ("unset", None)):
        project = _without_handbook(copy_project(FIXTURES / "mini", tmp_path_factory.mktemp(name) / "mini"))
        _set_site_url(project, url)
        build = run_build(project)
        assert build.returncode == 0, build.output
        builds[name] = build
    return builds


@dataclass
class Sheet:
    """A leaflet or poster PDF read back with poppler."""

    path: Path
    kind: str

    @cached_property
    def info(self) -> str:
        return subprocess.run(["pdfinfo", str(self.path)], capture_output=True, text=True, check=True).stdout

    @cached_property
    def text(self) -> str:
        out = subprocess.run(["pdftotext", "-layout", str(self.path), "-"], capture_output=True, text=True, check=True)
        return " ".join(out.stdout.split())

    @cached_property
    def pages(self) -> list[tuple[float, float, list[tuple[float, float, float, float, str]]]]:
        """Per page: width, height (pt) and the words with their boxes."""
        out = subprocess.run(["pdftotext", "-bbox", str(self.path), "-"], capture_output=True, text=True, check=True)
        root = ElementTree.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", out.stdout))
        pages = []
        for page in root.iter("{http://www.w3.org/1999/xhtml}page"):
            words = [(float(w.get("xMin")), float(w.get("yMin")), float(w.get("xMax")), float(w.get("yMax")), w.text or "")
                     for w in page.iter("{http://www.w3.org/1999/xhtml}word")]
            pages.append((float(page.get("width")), float(page.get("height")), words))
        return pages

    def image(self, page: int, dpi: int) -> Image.Image:
        stem = self.path.parent / f"{self.path.stem}-render-{page}-{dpi}"
        subprocess.run(["pdftoppm", "-png", "-gray", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile",
                        str(self.path), str(stem)], check=True)
        return Image.open(f"{stem}.png").convert("L")


def sheets(build) -> list[Sheet]:
    found = []
    for path in sorted((build.site / "print").rglob("*.pdf")):
        kind = "hotlines" if path.name.startswith("hotlines") else path.stem.rsplit("-", 1)[1]
        found.append(Sheet(path, kind))
    return found


def lesson_meta(project: Path, lang: str) -> dict:
    text = (project / "lessons" / f"demo.{lang}.md").read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---")[1])


def test_every_lesson_and_language_has_a_leaflet_a_poster_and_the_hotline_posters(printed):
    site = printed["set"].site / "print"
    names = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.pdf"))
    assert names == ["en/demo-leaflet.pdf", "en/demo-poster.pdf", "en/hotlines-poster.pdf",
                     "hotlines-poster-vi-en.pdf", "vi/demo-leaflet.pdf", "vi/demo-poster.pdf", "vi/hotlines-poster.pdf"]
    for pdf in site.rglob("*.pdf"):
        assert pdf.with_suffix(".png").stat().st_size > 500  # the thumbnail of the print page


def test_page_size_and_count(printed):
    for sheet in sheets(printed["set"]):
        assert len(sheet.pages) == PAGES[sheet.kind], sheet.path
        for width, height, _ in sheet.pages:
            want = SIZES[sheet.kind]
            assert (round(width / MM), round(height / MM)) == want, sheet.path


def test_sheets_are_tagged_pdfs_in_their_language(printed):
    for sheet in sheets(printed["set"]):
        assert re.search(r"^Tagged:\s+yes", sheet.info, re.M), sheet.path
        lang = sheet.path.parent.name if sheet.path.parent.name in ("vi", "en") else "vi"
        from pypdf import PdfReader

        assert PdfReader(sheet.path).trailer["/Root"].get("/Lang") == lang, sheet.path


def test_fonts_are_embedded_and_are_the_project_fonts(printed):
    for sheet in sheets(printed["set"]):
        fonts = subprocess.run(["pdffonts", str(sheet.path)], capture_output=True, text=True, check=True).stdout
        rows = fonts.splitlines()[2:]
        assert rows and all(re.search(r"\byes\s+yes\s+(yes|no)\s+\d+\s+\d+\s*$", row) for row in rows), fonts
        assert all(re.match(r"[A-Z]{6}\+CG-(Sans|Serif|Symbols)", row) for row in rows), fonts  # Noto, subset


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_key_messages_what_to_do_and_every_hotline_are_text(printed, lang):
    project = printed["set"].project
    body = (project / "lessons" / f"demo.{lang}.md").read_text(encoding="utf-8")
    messages = [re.sub(r"\*\*", "", m) for m in re.findall(r"(?m)^    - (.+)$", body.split("key-messages", 1)[1])][:3]
    # A source marker prints as its short reference (canhgiac.cite)
    reference = {"vi": " (k.1 Đ.150 BLHS)", "en": " (Art. 150(1) Penal Code)"}[lang]
    messages = [m.replace(" [[penal-code 150.1]]", reference) for m in messages]
    assert any(reference in m for m in messages)
    locality = yaml.safe_load((project / "locality.yml").read_text(encoding="utf-8"))
    leaflet = Sheet(printed["set"].site / "print" / lang / "demo-leaflet.pdf", "leaflet")
    poster = Sheet(printed["set"].site / "print" / lang / "demo-poster.pdf", "poster")
    hotline = Sheet(printed["set"].site / "print" / lang / "hotlines-poster.pdf", "hotlines")
    for m in messages:
        assert " ".join(m.split()) in leaflet.text
        assert " ".join(m.split()) in poster.text
    meta = lesson_meta(project, lang)
    assert meta["title"] in leaflet.text
    for sheet in (leaflet, poster, hotline):
        for h in locality["hotlines"]:
            assert re.search(rf"(^|\s){h['number']}(\s|$)", sheet.text), (sheet.path, h["number"])
        assert str(locality["year"]) in sheet.text
    for c in locality["contacts"]:
        assert " ".join(c["name"][lang].split()) in hotline.text
    for word in {"vi": ("GỌI NGAY", "GIỮ LẠI", "KHÔNG BAO GIỜ"), "en": ("CALL", "KEEP", "NEVER")}[lang]:
        assert word in leaflet.text


def test_bilingual_hotline_poster_has_both_languages(printed):
    sheet = Sheet(printed["set"].site / "print" / "hotlines-poster-vi-en.pdf", "hotlines")
    locality = yaml.safe_load((printed["set"].project / "locality.yml").read_text(encoding="utf-8"))
    for h in locality["hotlines"]:
        assert " ".join(h["name"]["vi"].split()) in sheet.text and " ".join(h["name"]["en"].split()) in sheet.text


def _core(box):
    """The middle of a word box: poppler's boxes span the font's whole ascent and descent, so the boxes of two
    lines set tight (large numbers at line-height 1) touch although their letters do not."""
    x0, y0, x1, y1, text = box
    pad = 0.2 * (y1 - y0)
    return (x0, y0 + pad, x1, y1 - pad, text)


def _overlap(a, b) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


def test_no_text_outside_the_page_or_overlapping(printed):
    for sheet in sheets(printed["set"]):
        for width, height, words in sheet.pages:
            margin = 10 * MM  # generous margins for cheap printers: nothing closer than 10 mm to an edge
            for x0, y0, x1, y1, text in words:
                assert x0 >= margin and y0 >= margin and x1 <= width - margin and y1 <= height - margin, (sheet.path, text)
            cores = [_core(w) for w in words]
            for i, a in enumerate(cores):
                for b in cores[i + 1:]:
                    area = min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]))
                    assert _overlap(a, b) <= 0.15 * area, (sheet.path, a[4], b[4])


def test_hotlines_are_the_largest_type_on_a_poster(printed):
    locality = yaml.safe_load((printed["set"].project / "locality.yml").read_text(encoding="utf-8"))
    numbers = {h["number"] for h in locality["hotlines"]}
    for sheet in sheets(printed["set"]):
        if sheet.kind == "leaflet":
            continue
        _, _, words = sheet.pages[0]
        height: dict[str, float] = {}
        for w in words:
            height[w[4]] = max(height.get(w[4], 0), w[3] - w[1])
        biggest = max(height.values())
        for n in numbers:
            assert height[n] >= biggest - 0.5, (sheet.path, n, height[n], biggest)
        if sheet.kind == "poster":  # the title: at least 14 mm tall words, readable from 3 m
            title_words = lesson_meta(printed["set"].project, sheet.path.parent.name)["title"].split()
            assert min(height[w] for w in title_words) >= 14 * MM


def _luminance(gray: int) -> float:
    c = gray / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def test_text_keeps_its_contrast_in_grayscale(printed):
    """Each word, rendered in grayscale, has ink and paper at least 4.5:1 apart (no pale text a copier drops)."""
    for sheet in sheets(printed["set"]):
        dpi = 100 if sheet.kind == "leaflet" else 50
        for number, (_, _, words) in enumerate(sheet.pages, start=1):
            image = sheet.image(number, dpi)
            scale = dpi / 72
            for x0, y0, x1, y1, text in words:
                box = image.crop((int(x0 * scale), int(y0 * scale), int(x1 * scale) + 1, int(y1 * scale) + 1))
                low, high = box.getextrema()
                ratio = (_luminance(high) + 0.05) / (_luminance(low) + 0.05)
                assert ratio >= 4.5, (sheet.path, number, text, ratio)


def _qr_codes(sheet: Sheet) -> list[str]:
    import zxingcpp

    found = []
    for number in range(1, len(sheet.pages) + 1):
        found += [r.text for r in zxingcpp.read_barcodes(sheet.image(number, 150))]
    return found


def test_qr_codes_lead_to_the_lesson_in_its_language(printed):
    site = printed["set"].site / "print"
    for lang, prefix in (("vi", ""), ("en", "en/")):
        for kind in ("leaflet", "poster"):
            assert _qr_codes(Sheet(site / lang / f"demo-{kind}.pdf", kind)) == [f"{SITE_URL}{prefix}lessons/demo.html"]
        assert _qr_codes(Sheet(site / lang / "hotlines-poster.pdf", "hotlines")) == [f"{SITE_URL}{prefix}hotlines.html"]


def test_no_qr_code_and_no_address_while_the_site_url_is_unset(printed):
    for sheet in sheets(printed["unset"]):
        assert _qr_codes(sheet) == [], sheet.path
        assert "http" not in sheet.text and "example.org" not in sheet.text, sheet.path


def test_the_print_page_lists_every_sheet_with_its_thumbnail(printed):
    site = printed["set"].site
    for prefix, lang in (("", "vi"), ("en/", "en")):
        html = (site / prefix / "print.html").read_text(encoding="utf-8")
        links = re.findall(r'<a href="([^"]+\.pdf)"><img src="([^"]+\.png)" alt="([^"]+)"', html)
        base = (site / prefix).resolve()
        found = {(base / href).resolve().relative_to(site.resolve()).as_posix() for href, _, _ in links}
        expected = {p.relative_to(site).as_posix() for p in (site / "print" / lang).glob("*.pdf")}
        if lang == "en":
            expected.add("print/hotlines-poster-vi-en.pdf")
        assert found == expected
        for _, src, alt in links:
            assert (base / src).resolve().is_file(), src
            assert alt.strip()


# -- bad input: text that would not fit is an error with file and line, never an overflowing page ----------------
def _leaflet(project: Path, lang: str, block: str) -> None:
    path = project / "lessons" / f"demo.{lang}.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("reviewed: 2026-11-29\n", "reviewed: 2026-11-29\n" + block, 1), encoding="utf-8")


GOOD = {"vi": "leaflet:\n  title: Gọi 111\n  messages: [Gọi 111 khi nghi ngờ]\n  call: Gọi 111.\n  keep: Giữ tin nhắn.\n"
              "  never: Không đưa giấy tờ.\n",
        "en": "leaflet:\n  title: Call 111\n  messages: [Call 111 when in doubt]\n  call: Call 111.\n  keep: Keep messages.\n"
              "  never: Never hand over papers.\n"}


def test_a_leaflet_section_in_both_languages_builds_and_is_printed(mini):
    for lang in ("vi", "en"):
        _leaflet(mini, lang, GOOD[lang])
    build = run_build(_without_handbook(mini))
    assert build.returncode == 0, build.output
    poster = Sheet(build.site / "print" / "vi" / "demo-poster.pdf", "poster")
    assert "Gọi 111 khi nghi ngờ" in poster.text and "Gọi 111" in poster.text
    leaflet = Sheet(build.site / "print" / "en" / "demo-leaflet.pdf", "leaflet")
    assert "Never hand over papers." in leaflet.text and "Keep messages." in leaflet.text


def test_a_poster_message_too_long_names_file_and_line(mini):
    _leaflet(mini, "vi", GOOD["vi"].replace("Gọi 111 khi nghi ngờ", "Rất dài " * 15))
    _leaflet(mini, "en", GOOD["en"])
    build = run_build(_without_handbook(mini))
    assert build.returncode != 0
    assert "lessons/demo.vi.md:14: 'messages' is too long (119 characters, at most 90)" in build.output
    assert "Traceback" not in build.output and not (build.site / "print").exists()


def test_a_key_message_too_long_for_the_poster_names_its_line(mini):
    path = mini / "lessons" / "demo.en.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("If in doubt, call **111** at once.", "If in doubt, " + "really " * 14 + "call 111."),
                    encoding="utf-8")
    line = next(i for i, ln in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "really" in ln)
    build = run_build(_without_handbook(mini))
    assert build.returncode != 0
    assert f"lessons/demo.en.md:{line}: this key message is" in build.output
    assert "leaflet: {messages: [...]}" in build.output


def test_a_leaflet_in_one_language_only(mini):
    _leaflet(mini, "vi", GOOD["vi"])
    build = run_build(_without_handbook(mini))
    assert build.returncode != 0
    assert "lessons/demo.en.md:1: 'demo.vi.md' has a 'leaflet' section and this translation has none" in build.output


def test_leaflet_messages_must_be_translated_one_by_one(mini):
    _leaflet(mini, "vi", GOOD["vi"].replace("[Gọi 111 khi nghi ngờ]", "[Gọi 111, Báo công an xã]"))
    _leaflet(mini, "en", GOOD["en"])
    build = run_build(_without_handbook(mini))
    assert build.returncode != 0
    assert "lessons/demo.vi.md:14: leaflet has 2 messages here and 1 in demo.en.md" in build.output


def test_more_than_three_poster_messages(mini):
    _leaflet(mini, "vi", GOOD["vi"].replace("[Gọi 111 khi nghi ngờ]", "[a, b, c, d]"))
    _leaflet(mini, "en", GOOD["en"].replace("[Call 111 when in doubt]", "[a, b, c, d]"))
    build = run_build(_without_handbook(mini))
    assert build.returncode != 0
    assert "lessons/demo.vi.md:14: 'messages' has 4 items, more than 3" in build.output
