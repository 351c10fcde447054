"""The handbook as a print shop and a screen reader see it: page layout, QR codes, cut-out cards, tags.

Read back from the PDFs with pdfplumber, pypdf, poppler (pdftoppm, pdfinfo) and zxing-cpp; both A5 and A4.
"""

from __future__ import annotations

import re
import subprocess
from collections import Counter
from pathlib import Path

import pdfplumber
import pytest
import zxingcpp
from conftest import FIXTURES, ROOT, Build, copy_project, run_build
from pdflayout import BOTTOM, MM, TOP, is_heading, read_layout, structure_texts
from PIL import Image
from pypdf import PdfReader
from test_handbook import NAMES, add_handbook_pages

from canhgiac.errors import Collector
from canhgiac.i18n import PACKAGE_CATALOGS as STRINGS
from canhgiac.quiz import order
from canhgiac.quiz.model import load_bank

SITE_URL = "https://example.org/canh-giac/"
LESSON = {"vi": "lessons/demo.html", "en": "en/lessons/demo.html"}
HOME = {"vi": "index.html", "en": "en/index.html"}
CARD_SET = {"vi": "Lời mời nào đáng ngờ?", "en": "Which job offer is suspicious?"}
PARTS = {
    "cover": {"vi": "Sổ tay tuyên truyền viên", "en": "Trainer handbook"},
    "contents": {"vi": "Mục lục", "en": "Contents"},
    "hotline": {"vi": "Thẻ số điện thoại cần nhớ", "en": "Hotline card"},
    "attendance": {"vi": "Danh sách tham dự buổi sinh hoạt", "en": "Attendance sheet"},
    "feedback": {"vi": "Phiếu góp ý sau buổi sinh hoạt", "en": "Session feedback form"},
}


def build_variant(tmp_path_factory, name: str, page_size: str = "A5", site_url: str | None = SITE_URL) -> Build:
    project = add_handbook_pages(copy_project(FIXTURES / "mini", tmp_path_factory.mktemp(name) / "mini"))
    locality = project / "locality.yml"
    text = locality.read_text(encoding="utf-8").replace("page_size: A5", f"page_size: {page_size}")
    text = re.sub(r"(?m)^site_url:.*$", f"site_url: {site_url}" if site_url else "site_url:", text)
    locality.write_text(text, encoding="utf-8")
    build = run_build(project)
    assert build.returncode == 0, build.output
    return build


_SIZED: dict[str, Build] = {}


def mini_sized(tmp_path_factory, size: str) -> Build:
    """The mini project (guide, glossary, a card set) built with site_url set on `size` paper, once."""
    if size not in _SIZED:
        _SIZED[size] = build_variant(tmp_path_factory, f"print-{size}", size)
    return _SIZED[size]


@pytest.fixture(scope="module", params=["A5", "A4"])
def sized(request, tmp_path_factory) -> Build:
    """The mini project built with site_url set, on A5 and on A4."""
    return mini_sized(tmp_path_factory, request.param)


@pytest.fixture(scope="module", params=["mini-A5", "mini-A4", "real-A5", "real-A4"])
def printed(request, tmp_path_factory) -> Build:
    """The handbooks the layout rules are checked on: the mini project and the real curriculum, A5 and A4."""
    project, size = request.param.split("-")
    if project == "mini":
        return mini_sized(tmp_path_factory, size)
    if size == "A5":
        return request.getfixturevalue("real_site")
    copy = copy_project(ROOT, tmp_path_factory.mktemp("real-A4"))
    locality = copy / "locality.yml"
    locality.write_text(locality.read_text(encoding="utf-8").replace("page_size: A5", "page_size: A4"),
                        encoding="utf-8")
    build = run_build(copy)
    assert build.returncode == 0, build.output
    return build


@pytest.fixture(scope="module")
def no_url(tmp_path_factory) -> Build:
    """The mini project with site_url left empty, as the project ships."""
    return build_variant(tmp_path_factory, "print-no-url", site_url=None)


def page_size(build: Build) -> str:
    return re.search(r"page_size: (A\d)", (build.project / "locality.yml").read_text(encoding="utf-8")).group(1)


def outline(path: Path) -> list[tuple[str, int, int]]:
    """(title, level, 1-based page) of every bookmark."""
    reader = PdfReader(path)

    def walk(items, level):
        for item in items:
            if isinstance(item, list):
                yield from walk(item, level + 1)
            else:
                yield " ".join(item.title.split()), level, reader.get_destination_page_number(item) + 1

    return list(walk(reader.outline, 0))


def part_pages(path: Path, title: str) -> list[int]:
    """The pages of the part a bookmark opens, up to the next bookmark of the same or a higher level."""
    entries = outline(path)
    index = next(i for i, (t, _, _) in enumerate(entries) if t == title)
    _, level, start = entries[index]
    end = next((page for _, lvl, page in entries[index + 1:] if lvl <= level), len(PdfReader(path).pages) + 1)
    return list(range(start, max(end, start + 1)))


def card_sheets(lang: str, layout) -> list[int]:
    """The pages of cut-out activity cards (they carry the cutting instruction)."""
    cut = " ".join(STRINGS[lang]["cards_cut"].split())
    return [p.number for p in layout if any(cut in line[3] for line in p.lines)]


def deliberate_pages(path: Path, lang: str, layout) -> set[int]:
    """Pages allowed to be nearly empty: the cover, each part's first page, forms, cut-outs, and the blank pages
    that back a cut-out or put it on a right-hand page."""
    pages = {1} | {page for _, _, page in outline(path)}
    for part in ("attendance", "feedback"):
        pages |= set(part_pages(path, PARTS[part][lang]))
    cut_outs = set(card_sheets(lang, layout) + part_pages(path, PARTS["hotline"][lang]))
    blank_neighbours = {n + d for n in cut_outs for d in (-1, 1) if 0 < n + d <= len(layout) and layout[n + d - 1].fill == 0}
    # a blank left-hand page before a part that opens on a right-hand page (a lesson, the feedback form)
    blank_before = {n - 1 for n in pages if n > 1 and layout[n - 2].fill == 0}
    return pages | cut_outs | blank_neighbours | blank_before


# -- 3. layout rules, read back from the PDF: the mini project and the real curriculum, A5 and A4 ---------


@pytest.mark.parametrize("lang", NAMES)
def test_no_page_is_less_than_a_quarter_full_except_deliberate_ones(printed, lang):
    path = printed.site / "handbook" / NAMES[lang]
    layout = read_layout(path)
    allowed = deliberate_pages(path, lang, layout)
    short = [(p.number, round(p.fill, 2)) for p in layout if p.fill < 0.25 and p.number not in allowed]
    assert short == []


@pytest.mark.parametrize("lang", NAMES)
def test_headings_never_end_a_page(printed, lang):
    path = printed.site / "handbook" / NAMES[lang]
    ends = [(p.number, p.lines[-1][3]) for p in read_layout(path)[1:] if p.lines and is_heading(p.lines[-1])]
    assert ends == []


@pytest.mark.parametrize("lang", NAMES)
def test_lessons_open_on_right_hand_pages_and_the_page_count_is_even(printed, lang):
    layout = read_layout(printed.site / "handbook" / NAMES[lang])
    opening = re.compile(rf"{STRINGS[lang]['lesson'].upper()} \d+")
    starts = [p.number for p in layout if p.lines and opening.fullmatch(p.lines[0][3])]
    assert len(starts) == len(list((printed.project / "lessons").glob(f"*.{lang}.md")))
    assert [n for n in starts if n % 2 == 0] == [] and len(layout) % 2 == 0, (starts, len(layout))


@pytest.mark.parametrize("lang", NAMES)
def test_no_card_sheet_holds_one_card_alone(printed, lang):
    layout = read_layout(printed.site / "handbook" / NAMES[lang])
    for number in card_sheets(lang, layout):  # the cards' numbers are lines of figures only ("1 2")
        cards = sum(len(line[3].split()) for line in layout[number - 1].lines if line[3].replace(" ", "").isdigit())
        assert cards >= 2, f"page {number}: {cards} card"


@pytest.mark.parametrize("lang", NAMES)
def test_contents_come_right_after_the_cover(printed, lang):
    path = printed.site / "handbook" / NAMES[lang]
    assert [(t, page) for t, level, page in outline(path) if level == 0][:2] == [
        (PARTS["cover"][lang], 1), (PARTS["contents"][lang], 2)]


@pytest.mark.parametrize("lang", NAMES)
def test_cut_outs_are_right_hand_pages_with_a_blank_back(printed, lang):
    path = printed.site / "handbook" / NAMES[lang]
    layout = read_layout(path)
    cut = part_pages(path, PARTS["hotline"][lang])[:1]
    sheets = card_sheets(lang, layout)
    assert sheets, "no card pages"
    for number in cut + sheets:
        assert number % 2 == 1, f"cut-out on a left-hand page: {number}"
        assert layout[number].fill == 0, f"page {number + 1} backs a cut-out but is not blank"


@pytest.mark.parametrize("lang", NAMES)
def test_no_box_or_table_is_split_across_pages(printed, lang):
    """A box's bar or rules touching the bottom margin continue on the next page: it was split."""
    path = printed.site / "handbook" / NAMES[lang]
    attendance = set(part_pages(path, PARTS["attendance"][lang]))
    for page in read_layout(path):
        for bottom, height in page.boxes:
            taller_than_a_page = height >= 0.95 * (page.height - TOP - BOTTOM)
            split_here = bottom >= page.height - BOTTOM - 0.5 and height > 3 * MM
            if split_here and not taller_than_a_page and page.number not in attendance:
                raise AssertionError(f"page {page.number}: a box or table runs into the bottom margin")


@pytest.mark.parametrize("lang", NAMES)
def test_attendance_sheet_has_at_least_20_rows(printed, lang):
    path = printed.site / "handbook" / NAMES[lang]
    layout = read_layout(path)
    pages = [n for n in part_pages(path, PARTS["attendance"][lang]) if layout[n - 1].fill > 0]  # not a blank back
    reader = PdfReader(path)
    text = " ".join(reader.pages[n - 1].extract_text() for n in pages)
    numbers = {int(n) for n in re.findall(r"(?m)^\s*(\d{1,2})\s*$", text)}
    assert set(range(1, 21)) <= numbers, sorted(numbers)
    if page_size(printed) == "A5":
        assert len(pages) == 2  # continued on a second page, with the header row repeated


@pytest.mark.parametrize("lang", NAMES)
def test_titles_never_end_with_a_single_word_alone(printed, lang):
    """No line of a title holds one word alone: neither its last line nor, by a line-breaking slip, its first."""
    path = printed.site / "handbook" / NAMES[lang]
    for page in read_layout(path):
        for above, line in zip(page.lines, page.lines[1:], strict=False):
            same_heading = is_heading(above, False) and is_heading(line, False) and abs(above[1] - line[1]) < 0.1
            if same_heading and line[0] - above[0] < 1.6 * line[1]:
                for text in (above[3], line[3]):
                    assert len(text.split()) > 1, f"page {page.number}: '{text}' alone on a line of a title"


# -- 2. addresses and QR codes ------------------------------------------------------------------------


def decode_qr(path: Path, tmp_path: Path) -> list[tuple[str, float, float, str]]:
    """(text, symbol width in mm, module size in mm, error correction) of every QR code in the PDF."""
    dpi = 300
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(path), str(tmp_path / "p")], check=True)
    found = []
    for image in sorted(tmp_path.glob("p-*.png")):
        with Image.open(image) as im:
            for code in zxingcpp.read_barcodes(im, formats=zxingcpp.BarcodeFormat.QRCode):
                width = (code.position.top_right.x - code.position.top_left.x) / dpi * 25.4
                modules = 17 + 4 * int(code.extra["Version"])
                found.append((code.text, width, width / modules, code.ec_level))
    return found


@pytest.mark.parametrize("lang", NAMES)
def test_every_qr_code_opens_its_page_and_is_big_enough(sized, lang, tmp_path):
    codes = decode_qr(sized.site / "handbook" / NAMES[lang], tmp_path)
    texts = Counter(text for text, *_ in codes)
    # cover: the home page; the chapter and its worksheet: the lesson, in this language
    assert texts == {SITE_URL + HOME[lang]: 1, SITE_URL + LESSON[lang]: 2}
    for text, width, module, level in codes:
        assert width >= 20 - 0.3, (text, width)  # 300 dpi: one pixel is 0.085 mm
        assert module >= 0.5 - 0.01, (text, module)
        assert level in ("M", "Q", "H"), level


@pytest.mark.parametrize("lang", NAMES)
def test_without_site_url_no_qr_codes_and_no_addresses(no_url, lang, tmp_path):
    path = no_url.site / "handbook" / NAMES[lang]
    assert decode_qr(path, tmp_path) == []
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)
    assert "example.org" not in text and "QR" not in text
    # a lesson's opening points to the website only with its address
    assert {"vi": "Trên trang web", "en": "On the website"}[lang] not in text


def test_without_site_url_the_build_says_how_to_set_it_and_writes_no_sitemap_or_canonical(no_url):
    lines = [line for line in no_url.output.splitlines() if "site_url" in line]
    assert lines == ["INFO    -  canhgiac: site_url is not set in locality.yml: the handbook prints no QR codes or "
                     "web addresses and the site gets no sitemap or canonical links; set site_url to the published "
                     "address (e.g. https://example.org/canh-giac/) before printing"]
    assert not list(no_url.site.rglob("sitemap.xml*"))
    for page in ("index.html", "en/index.html", "lessons/demo.html"):
        assert 'rel="canonical"' not in (no_url.site / page).read_text(encoding="utf-8")


def test_with_site_url_pages_have_canonical_links_and_a_sitemap(sized):
    assert (sized.site / "sitemap.xml").is_file()
    assert f'<link rel="canonical" href="{SITE_URL}lessons/demo.html">' in \
        (sized.site / "lessons" / "demo.html").read_text(encoding="utf-8")


# -- 1. answer positions --------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", NAMES)
def test_worksheet_and_answer_key_use_the_same_letters(sized, lang):
    path = sized.site / "handbook" / NAMES[lang]
    reader = PdfReader(path)
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    bank = load_bank(sized.project / "quizzes" / "demo.yml", Collector(sized.project))
    for q in bank.questions:
        for letter, option in order.options(bank.id, q):
            assert f"{letter.upper()}. {option.text[lang]}" in text


# -- 4. card sets ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", NAMES)
def test_card_set_prints_as_cut_out_cards_with_answers_for_the_trainer(sized, lang):
    path = sized.site / "handbook" / NAMES[lang]
    reader = PdfReader(path)
    texts = [" ".join(page.extract_text().split()) for page in reader.pages]
    layout = read_layout(path)
    sheets = [n for n in part_pages(path, CARD_SET[lang]) if layout[n - 1].fill > 0]
    per_page = {"A4": 8, "A5": 4}[page_size(sized)]
    assert len(sheets) == -(-6 // per_page)
    cards = "".join(texts[n - 1] for n in sheets)
    for cue in {"vi": ["LƯƠNG CAO", "GIỮ GIẤY TỜ", "HỎI NGƯỜI THÂN"], "en": ["HIGH PAY", "KEEPS PAPERS", "ASK FAMILY"]}[lang]:
        assert cue in cards
    for group in {"vi": ["Đáp án xếp thẻ", "Đáng ngờ", "Có thể tin được"],
                  "en": ["Card sorting answers", "Suspicious", "Can be trusted"]}[lang]:
        assert group not in cards  # the answers are for the trainer, not on the cards
    chapter = " ".join(texts[n - 1] for n in part_pages(path, {"vi": "Lao động và an toàn", "en": "Labour and safety"}[lang]))
    why = {"vi": "Lương cao bất thường so với công việc là dấu hiệu lừa đảo.",
           "en": "Pay far above what the work is worth is a sign of a scam."}[lang]
    assert why in chapter
    # large type: the card text is set at 13 pt or more
    with pdfplumber.open(path) as pdf:
        sizes = {round(ch["size"]) for ch in pdf.pages[sheets[0] - 1].chars if ch["text"].strip()}
    assert max(sizes) >= 17 and (13 in sizes or 14 in sizes), sizes


# -- 5. tagged PDF ----------------------------------------------------------------------------------------


def structure_headings(path: Path) -> list[str]:
    """Text of the H1–H3 elements of the structure tree, in tree order."""
    return structure_texts(path, lambda el: el["type"] in ("H1", "H2", "H3"), inside=True)


@pytest.mark.parametrize("lang", NAMES)
def test_the_pdf_is_tagged_with_its_language_and_headings_in_order(sized, lang):
    path = sized.site / "handbook" / NAMES[lang]
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"(?m)^Tagged:\s+yes$", info)
    reader = PdfReader(path)
    assert reader.trailer["/Root"]["/Lang"] == lang
    headings = ["".join(h.split()).casefold() for h in structure_headings(path)]
    at = -1
    titles = [t for t, _, _ in outline(path)]
    assert len(titles) > 10
    for title in titles:  # every bookmark is a heading of the structure tree, in the same order
        want = "".join(title.split(":")[-1].split()).casefold()
        at = next((i for i in range(at + 1, len(headings)) if want in headings[i]), None)
        assert at is not None, (title, headings)


@pytest.mark.parametrize("lang", NAMES)
def test_images_and_qr_codes_have_alt_text(sized, lang):
    reader = PdfReader(sized.site / "handbook" / NAMES[lang])
    figures = []

    def walk(node):
        node = node.get_object()
        if isinstance(node, dict):
            if node.get("/S") == "/Figure":
                figures.append(node.get("/Alt"))
            kids = node.get("/K")
            for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
                walk(kid)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    assert len(figures) >= 4  # cover QR, chapter QR, the lesson's picture, worksheet QR
    assert all(alt for alt in figures), figures
    assert any(str(alt).endswith(LESSON[lang]) for alt in figures)
