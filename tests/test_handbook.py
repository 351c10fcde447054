"""The trainer handbook: PDFs read back with pypdf and poppler, font coverage, WeasyPrint problems, page size."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from dataclasses import dataclass
from functools import cached_property
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, ROOT, Build, copy_project, run_build
from pypdf import PdfReader

from canhgiac.errors import ContentError
from canhgiac.handbook import fonts
from canhgiac.handbook.pdf import render_pdf
from canhgiac.handbook.qr import qr_svg
from canhgiac.quiz import order
from canhgiac.quiz.model import LETTERS, Option, Question
from canhgiac.quiz.render import md_block, md_inline

NAMES = {"vi": "so-tay-tuyen-truyen-vien.pdf", "en": "trainer-handbook.pdf"}
A5 = (419.53, 595.28)  # points
A4 = (595.28, 841.89)
GUIDE_PARAGRAPH = {
    "vi": "Phần này dành cho các anh chị tuyên truyền viên, báo cáo viên. Anh chị không cần giỏi luật; "
          "quan trọng nhất là nói thật, nói dễ hiểu và biết lắng nghe bà con.",
    "en": "This part is for outreach workers. You do not need to be a lawyer; what matters is to speak "
          "truthfully and simply, and to listen.",
}
LESSON_EXTRA = {
    "vi": """
Trước khi nộp tiền, hãy hỏi tên doanh nghiệp, xem giấy phép, đọc kỹ hợp đồng; chưa chắc thì hỏi công an xã.

Xem thêm [trang của Bộ Công an](https://bocongan.gov.vn/) và [thuật ngữ](../glossary.md#lao-dong).

![Sơ đồ báo tin](../img/demo.png)

!!! key-messages "Thông điệp chính"
    - Nghi ngờ thì gọi 111 → báo sớm là cứu người.

??? trainer "Dành cho tuyên truyền viên"
    **Hoạt động (10 phút):** Đóng vai người môi giới.

    | Phần | Thời gian |
    |---|---|
    | Mở đầu | 5 phút |

""",
    "en": """
Before paying anything, ask for the company's name, see its licence and read the contract; if unsure, ask the
commune police.

See also [the Ministry of Public Security](https://bocongan.gov.vn/) and [the glossary](../glossary.md#labour).

![Reporting chart](../img/demo.png)

!!! key-messages "Key messages"
    - If in doubt, call 111 → reporting early saves lives.

??? trainer "For outreach workers"
    **Activity (10 minutes):** Role-play the broker.

    | Part | Time |
    |---|---|
    | Opening | 5 minutes |

""",
}
GUIDE = {"vi": ("Hướng dẫn sử dụng sổ tay", "Tổ chức buổi sinh hoạt"), "en": ("How to use this handbook", "Running a session")}
GLOSSARY = {"vi": ("Thuật ngữ", "Lao động", "Làm việc để có thu nhập."),
            "en": ("Glossary", "Labour", "Work done for an income.")}


def add_handbook_pages(project: Path) -> Path:
    """Give the mini project the guide and glossary pages and a fuller lesson, as the real project has."""
    from PIL import Image

    (project / "docs" / "img").mkdir()
    for lang in ("vi", "en"):  # static-i18n (suffix structure) gives each language its own copy
        Image.new("RGB", (1200, 600), (200, 30, 30)).save(project / "docs" / "img" / f"demo.{lang}.png")
    for lang in ("vi", "en"):
        title, heading = GUIDE[lang]
        (project / "docs" / f"guide.{lang}.md").write_text(
            f"---\ntitle: {title}\n---\n\n{GUIDE_PARAGRAPH[lang]}\n\n## {heading}\n\n1. A\n2. B\n", encoding="utf-8")
        title, term, meaning = GLOSSARY[lang]
        (project / "docs" / f"glossary.{lang}.md").write_text(
            f"---\ntitle: {title}\n---\n\n{term}\n:   {meaning}\n", encoding="utf-8")
        lesson = project / "lessons" / f"demo.{lang}.md"
        text = lesson.read_text(encoding="utf-8")
        quiz_heading = text.rindex("\n## ")
        lesson.write_text(text[:quiz_heading] + LESSON_EXTRA[lang] + text[quiz_heading:], encoding="utf-8")
    # def_list terms get no id; give the glossary term one so lessons can link to it.
    for lang, anchor in (("vi", "lao-dong"), ("en", "labour")):
        path = project / "docs" / f"glossary.{lang}.md"
        path.write_text(path.read_text(encoding="utf-8") + f'\n<span id="{anchor}"></span>\n', encoding="utf-8")
    return project


@dataclass
class Pdf:
    """A handbook read back: page texts (whitespace-normalised) and the outline as (title, level, page)."""

    path: Path

    @cached_property
    def reader(self) -> PdfReader:
        return PdfReader(self.path)

    @cached_property
    def texts(self) -> list[str]:
        return [" ".join(page.extract_text().split()) for page in self.reader.pages]

    @cached_property
    def outline(self) -> list[tuple[str, int, int]]:
        def walk(items, level):
            for item in items:
                if isinstance(item, list):
                    yield from walk(item, level + 1)
                else:
                    yield item.title, level, self.reader.get_destination_page_number(item) + 1

        return list(walk(self.reader.outline, 0))

    def page_of(self, title: str) -> int:
        """The page (1-based) an outline entry points to."""
        found = [page for t, _, page in self.outline if t == title]
        assert len(found) == 1, (title, self.outline)
        return found[0]

    def part(self, title: str) -> str:
        """Text of the pages from an outline entry up to (not including) the next entry of the same or higher level."""
        index = next(i for i, (t, _, _) in enumerate(self.outline) if t == title)
        _, level, start = self.outline[index]
        end = next((page for _, lvl, page in self.outline[index + 1:] if lvl <= level), len(self.texts) + 1)
        return " ".join(self.texts[start - 1:max(end - 1, start)])


def text_of(html: str) -> str:
    """Plain text of rendered Markdown, whitespace-normalised."""
    return " ".join(re.sub(r"<[^>]+>", "", html).replace("&amp;", "&").split())


def squash(text: str) -> str:
    """Text without any whitespace."""
    return "".join(text.split())


class Links(HTMLParser):
    """Collect the href of every <a>."""

    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a" and dict(attrs).get("href"):
            self.hrefs.append(dict(attrs)["href"])


@pytest.fixture(scope="session")
def handbook_site(tmp_path_factory) -> Build:
    """The mini project with a guide, a glossary and a fuller lesson, built with its handbooks."""
    project = add_handbook_pages(copy_project(FIXTURES / "mini", tmp_path_factory.mktemp("handbook") / "mini"))
    build = run_build(project)
    assert build.returncode == 0, build.output
    return build


@pytest.fixture(scope="session")
def pdfs(handbook_site) -> dict[str, Pdf]:
    return {lang: Pdf(handbook_site.site / "handbook" / name) for lang, name in NAMES.items()}


def bank(project: Path) -> dict:
    return yaml.safe_load((project / "quizzes" / "demo.yml").read_text(encoding="utf-8"))


def loaded_bank(project: Path):
    from canhgiac.errors import Collector
    from canhgiac.quiz.model import load_bank

    return load_bank(project / "quizzes" / "demo.yml", Collector(project))


def lesson_title(project: Path, lang: str) -> str:
    text = (project / "lessons" / f"demo.{lang}.md").read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---")[1])["title"]


# -- the built site -----------------------------------------------------------------------------------


def test_both_languages_are_written_to_the_top_level_handbook_folder(handbook_site):
    folder = handbook_site.site / "handbook"
    assert sorted(p.name for p in folder.iterdir()) == sorted(NAMES.values())
    for name in NAMES.values():
        assert (folder / name).read_bytes().startswith(b"%PDF-")
    assert not (handbook_site.site / "en" / "handbook").exists()


@pytest.mark.parametrize("page, lang", [("index.html", "vi"), ("lessons/demo.html", "vi"),
                                        ("en/index.html", "en"), ("en/lessons/demo.html", "en")])
def test_home_and_lesson_pages_link_to_their_language_handbook(handbook_site, page, lang):
    parser = Links()
    parser.feed((handbook_site.site / page).read_text(encoding="utf-8"))
    targets = [(handbook_site.site / page).parent / href for href in parser.hrefs if href.endswith(".pdf")]
    assert targets, f"{page} has no link to the handbook"
    for target in targets:
        assert target.resolve() == (handbook_site.site / "handbook" / NAMES[lang]).resolve()


def test_handbook_can_be_turned_off(mini):
    config = mini / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  - canhgiac\n", "  - canhgiac:\n      handbook_enabled: false\n"), encoding="utf-8")
    build = run_build(mini)
    assert build.returncode == 0, build.output
    assert not (build.site / "handbook").exists()


# -- the PDFs read back -------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", NAMES)
def test_contents_give_the_page_each_lesson_really_starts_on(pdfs, handbook_site, lang):
    pdf = pdfs[lang]
    title = lesson_title(handbook_site.project, lang)
    label = {"vi": "Bài", "en": "Lesson"}[lang]
    contents = pdf.texts[pdf.page_of({"vi": "Mục lục", "en": "Contents"}[lang]) - 1]
    m = re.search(re.escape(f"{label} 1. {title}") + r" ?\.+ ?(\d+)", contents)
    assert m, contents
    page = int(m.group(1))
    assert page == pdf.page_of(title)
    assert pdf.texts[page - 1].find(title) < pdf.texts[page - 1].find({"vi": "Kế hoạch", "en": "Session plan"}[lang])
    assert f"{label.upper()} 1 {title}" in pdf.texts[page - 1]  # the chapter's label and heading
    assert f"{label.upper()} 1" not in pdf.texts[page - 2]
    worksheet = {"vi": "Phiếu bài tập", "en": "Worksheet"}[lang]
    m = re.search(re.escape(worksheet) + r" ?\.+ ?(\d+)", contents)
    assert m and int(m.group(1)) == pdf.page_of(f"{worksheet}: {title}")


@pytest.mark.parametrize("lang", NAMES)
def test_parts_come_in_the_order_of_the_issue(pdfs, handbook_site, lang):
    tops = [title for title, level, _ in pdfs[lang].outline if level == 0]
    expected = {
        "vi": ["Sổ tay tuyên truyền viên", "Mục lục", "Hướng dẫn sử dụng sổ tay", "Lao động và an toàn",
               "Đáp án và giải thích", "Thẻ số điện thoại cần nhớ", "Thuật ngữ", "Văn bản pháp luật được trích dẫn",
               "Danh sách tham dự buổi sinh hoạt", "Phiếu góp ý sau buổi sinh hoạt"],
        "en": ["Trainer handbook", "Contents", "How to use this handbook", "Labour and safety",
               "Answer key and explanations", "Hotline card", "Glossary", "Legal references", "Attendance sheet",
               "Session feedback form"],
    }
    assert tops == expected[lang]


def test_all_fonts_are_embedded_and_are_the_handbook_fonts(pdfs):
    for pdf in pdfs.values():
        out = subprocess.run(["pdffonts", str(pdf.path)], capture_output=True, text=True, check=True).stdout
        rows = out.splitlines()[2:]
        assert rows
        for row in rows:
            name, emb = row.split()[0], row.split()[-5]
            assert emb == "yes", row
            assert re.match(r"^[A-Z]{6}\+CG-(Serif|Sans|Symbols)", name), f"fallback font in the PDF: {row}"


@pytest.mark.parametrize("lang", NAMES)
def test_a_vietnamese_paragraph_reads_back_exactly(pdfs, lang):
    text = pdfs[lang].part(GUIDE[lang][0])
    assert unicodedata.is_normalized("NFC", text)
    assert unicodedata.normalize("NFC", GUIDE_PARAGRAPH[lang]) in text
    lesson = pdfs[lang].part({"vi": "Lao động và an toàn", "en": "Labour and safety"}[lang])
    first = LESSON_EXTRA[lang].strip().split("\n\n")[0]
    assert " ".join(first.split()) in lesson


@pytest.mark.parametrize("lang", NAMES)
def test_a_chapter_is_a_session_plan(pdfs, handbook_site, lang):
    chapter = pdfs[lang].part(lesson_title(handbook_site.project, lang))
    expected = {
        "vi": ["Kế hoạch buổi sinh hoạt", "Thời lượng: 30 phút", "Mục tiêu", "Biết gọi 111", "Thông điệp chính",
               "Nghi ngờ thì gọi 111 → báo sớm là cứu người.", "Hoạt động (10 phút): Đóng vai người môi giới.",
               "Văn bản pháp luật được nhắc đến", "Bộ luật Hình sự", "https://bocongan.gov.vn/",
               "https://example.org/canh-giac/lessons/demo.html"],
        "en": ["Session plan", "Duration: 30 minutes", "Objectives", "Key messages",
               "If in doubt, call 111 → reporting early saves lives.", "Activity (10 minutes): Role-play the broker.",
               "Legal documents cited", "Penal Code", "https://bocongan.gov.vn/",
               "https://example.org/canh-giac/en/lessons/demo.html"],
    }[lang]
    for text in expected:
        assert text in chapter, text
    # The interactive quiz and the heading that introduces it are replaced by the worksheet.
    assert {"vi": "Kiểm tra hiểu biết", "en": "Check your understanding"}[lang] not in chapter
    assert {"vi": "Xem đáp án", "en": "Show the answer"}[lang] not in " ".join(pdfs[lang].texts)


@pytest.mark.parametrize("lang", NAMES)
def test_worksheet_pages_hold_every_question_and_no_answer(pdfs, handbook_site, lang):
    title = lesson_title(handbook_site.project, lang)
    sheet = pdfs[lang].part(f"{ {'vi': 'Phiếu bài tập', 'en': 'Worksheet'}[lang]}: {title}")
    for q in bank(handbook_site.project)["questions"]:
        assert text_of(md_inline(q["prompt"][lang])) in sheet
        assert text_of(md_block(q["explanation"][lang])) not in sheet
        for option in q.get("options", []):
            assert text_of(md_inline(option["text"][lang])) in sheet
            if "feedback" in option:
                assert text_of(md_inline(option["feedback"][lang])) not in sheet
        if q["kind"] == "order":
            shown = sorted(q["steps"], key=lambda step: sheet.index(step[lang]))
            assert shown != q["steps"], "the steps are printed in the right order"
    for answer in {"vi": ["Đáp án", "Thứ tự đúng", "Căn cứ"], "en": ["Answer", "Right order", "Legal basis"]}[lang]:
        assert answer not in sheet
    for q in loaded_bank(handbook_site.project).questions:  # the printed order, lettered as in the answer key
        printed = [f"{letter.upper()}. {text_of(md_inline(o.text[lang]))}" for letter, o in order.options("demo", q)]
        assert all(text in sheet for text in printed), printed
        assert sorted(printed, key=sheet.index) == printed


@pytest.mark.parametrize("lang", NAMES)
def test_answer_key_holds_every_question_with_its_answer_and_explanation(pdfs, handbook_site, lang):
    key = pdfs[lang].part({"vi": "Đáp án và giải thích", "en": "Answer key and explanations"}[lang])
    for n, q in enumerate(bank(handbook_site.project)["questions"], start=1):
        prompt = text_of(md_inline(q["prompt"][lang]))
        assert f"{ {'vi': 'Câu', 'en': 'Question'}[lang]} {n}. {prompt}" in key
        assert text_of(md_block(q["explanation"][lang])) in key
    for q in loaded_bank(handbook_site.project).questions:
        for letter, option in order.options("demo", q):
            if option.correct:
                assert f"{letter.upper()}. {text_of(md_inline(option.text[lang]))}" in key
    assert {"vi": "Căn cứ: Điều 150, Bộ luật Hình sự", "en": "Legal basis: Article 150, Penal Code"}[lang] in key


@pytest.mark.parametrize("lang", NAMES)
def test_appendices(pdfs, handbook_site, lang):
    pdf = pdfs[lang]
    card = pdf.part({"vi": "Thẻ số điện thoại cần nhớ", "en": "Hotline card"}[lang])
    locality = yaml.safe_load((handbook_site.project / "locality.yml").read_text(encoding="utf-8"))
    for hotline in locality["hotlines"]:
        assert f"{hotline['number']} {' '.join(hotline['name'][lang].split())}" in card
    glossary = pdf.part(GLOSSARY[lang][0])
    assert f"{GLOSSARY[lang][1]} {GLOSSARY[lang][2]}" in glossary
    legal = pdf.part({"vi": "Văn bản pháp luật được trích dẫn", "en": "Legal references"}[lang])
    laws = yaml.safe_load((handbook_site.project / "laws.yml").read_text(encoding="utf-8"))
    for law in laws:
        assert law["number"] in legal
        assert law["source"] in legal.replace(" ", "")  # printed in full, as text


@pytest.mark.parametrize("lang", NAMES)
def test_images_are_embedded_and_fit_the_page(pdfs, handbook_site, lang):
    pdf = pdfs[lang]
    page = pdf.reader.pages[pdf.page_of(lesson_title(handbook_site.project, lang)) - 1]
    images = list(page.images)
    assert len(images) == 1
    assert images[0].image.size == (1200, 600)


def test_page_size_is_a5_by_default(pdfs):
    for pdf in pdfs.values():
        for page in pdf.reader.pages:
            assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(A5, abs=0.1)


def test_page_size_follows_the_locality_setting(mini):
    locality = mini / "locality.yml"
    locality.write_text(locality.read_text(encoding="utf-8").replace("page_size: A5", "page_size: A4"),
                        encoding="utf-8")
    build = run_build(mini)
    assert build.returncode == 0, build.output
    for name in NAMES.values():
        reader = PdfReader(build.site / "handbook" / name)
        sizes = {(round(float(p.mediabox.width), 1), round(float(p.mediabox.height), 1)) for p in reader.pages}
        assert sizes == {(round(A4[0], 1), round(A4[1], 1))}


def test_pages_render_to_png(pdfs, tmp_path):
    from PIL import Image

    # cover, contents, guide (page 4 is the blank back before lesson 1, which opens on a right-hand page)
    subprocess.run(["pdftoppm", "-r", "40", "-f", "1", "-l", "3", "-png", str(pdfs["vi"].path), str(tmp_path / "p")],
                   check=True)
    images = sorted(tmp_path.glob("p-*.png"))
    assert len(images) == 3
    for path in images:
        with Image.open(path) as image:
            low, high = image.convert("L").getextrema()
            assert low < 100 and high > 200, f"{path.name} looks blank"
    with Image.open(images[0]) as cover:
        assert cover.convert("L").resize((1, 1)).getpixel((0, 0)) > 200  # line art and type: a light cover


# -- failing clearly ----------------------------------------------------------------------------------


def test_a_character_the_fonts_lack_fails_the_build_naming_it(mini):
    lesson = mini / "lessons" / "demo.vi.md"
    text = lesson.read_text(encoding="utf-8")
    lesson.write_text(text.replace("Mở đầu.", "Mở đầu 中."), encoding="utf-8")
    line = text[:text.index("Mở đầu.")].count("\n") + 1
    build = run_build(mini)
    assert build.returncode == 1
    assert "Traceback" not in build.output
    files = ", ".join(f.file for f in fonts.FACES if f.family in fonts.TEXT_FAMILIES)
    # The context is the text around the character as the handbook prints it (what precedes it depends on layout).
    assert (f"ERROR   -  1 problem in the content:\n"
            f"lessons/demo.vi.md:{line}: the handbook fonts cannot draw '中' (U+4E2D CJK UNIFIED IDEOGRAPH-4E2D), "
            "used in “") in build.output
    assert (" Mở đầu 中. Xem phần lao động và luật.”\n"
            f"    hint: missing from {files}; replace the character or add a font that has it "
            "(canhgiac/handbook/fonts.py)\n") in build.output


def test_coverage_check_names_the_character_and_where_it_occurs():
    faces = fonts.find_faces()
    with pytest.raises(ContentError) as err:
        fonts.check_coverage({"lessons/x.vi.md": "Xin chào các bạn, 中 là một chữ Hán.", "quizzes/x.yml": "Đúng"},
                             faces)
    files = ", ".join(f.file for f in fonts.FACES if f.family in fonts.TEXT_FAMILIES)
    assert str(err.value) == (
        "1 problem in the content:\n"
        "lessons/x.vi.md: the handbook fonts cannot draw '中' (U+4E2D CJK UNIFIED IDEOGRAPH-4E2D), "
        "used in “Xin chào các bạn, 中 là một chữ Hán.”\n"
        f"    hint: missing from {files}; replace the character or add a font that has it (canhgiac/handbook/fonts.py)"
    )


def test_coverage_check_accepts_vietnamese_and_the_symbol_fallback():
    vietnamese = ("aăâbcdđeêghiklmnoôơpqrstuưvxy àáảãạ ằắẳẵặ ầấẩẫậ èéẻẽẹ ềếểễệ ìíỉĩị òóỏõọ ồốổỗộ ờớởỡợ "
                  "ùúủũụ ừứửữự ỳýỷỹỵ “”‘’–—…→")
    fonts.check_coverage({"x": vietnamese + vietnamese.upper()}, fonts.find_faces())


def test_text_is_attributed_to_the_nearest_data_source():
    import tinyhtml5

    tree = tinyhtml5.parse('<body><p>a</p><section data-source="lessons/x.vi.md"><h1>b</h1><style>c</style>'
                           '<div data-source="quizzes/x.yml">d</div>e</section>f</body>', namespace_html_elements=False)
    texts = {src: "".join(text.split()) for src, text in fonts.text_by_source(tree).items()}
    assert texts == {"handbook": "af", "lessons/x.vi.md": "be", "quizzes/x.yml": "d"}


def test_a_missing_font_file_is_reported_with_the_fix(monkeypatch):
    real = fonts.find_font
    monkeypatch.setattr(fonts, "find_font", lambda name: None if name == "NotoSerif-Bold.ttf" else real(name))
    with pytest.raises(ContentError) as err:
        fonts.find_faces()
    assert str(err.value) == ("1 problem in the content:\n"
                              "handbook: font file not found: NotoSerif-Bold.ttf\n"
                              "    hint: install Debian's fonts-noto-core (apt-get install fonts-noto-core)")


def test_weasyprint_warnings_fail_the_render(tmp_path):
    html = '<html lang="vi"><body><p style="colour: red">x</p></body></html>'
    with pytest.raises(ContentError) as err:
        render_pdf(html, tmp_path / "x.pdf", base_url=str(tmp_path), where="handbook (vi)")
    assert str(err.value) == (
        "1 problem in the content:\n"
        "handbook (vi): WeasyPrint warning: Ignored `colour: red` at 1:1, unknown property.\n"
        "    hint: the handbook must render without warnings; fix the template, CSS or content")


def test_weasyprint_errors_fail_the_render(tmp_path):
    html = f'<html lang="en"><body><img src="{(tmp_path / "missing.png").as_uri()}" alt="x"></body></html>'
    with pytest.raises(ContentError) as err:
        render_pdf(html, tmp_path / "x.pdf", base_url=str(tmp_path), where="handbook (en)")
    assert str(err.value).startswith(
        "1 problem in the content:\n"
        f"handbook (en): WeasyPrint error: Failed to load image at '{(tmp_path / 'missing.png').as_uri()}'")


def test_the_handbook_never_fetches_remote_files(tmp_path):
    with pytest.raises(ContentError) as err:
        render_pdf('<html lang="vi"><img src="https://example.org/x.png" alt="x">', tmp_path / "x.pdf",
                   base_url=str(tmp_path))
    assert str(err.value) == (
        "1 problem in the content:\n"
        "handbook: WeasyPrint error: Failed to load image at 'https://example.org/x.png': "
        "ValueError: URI uses disallowed protocol: https://example.org/x.png\n"
        "    hint: the handbook must render without warnings; fix the template, CSS or content")


def test_a_problem_in_the_background_render_fails_the_build(mini):
    # The first language renders in a worker process while the second builds; its problems still fail the build.
    lesson = mini / "lessons" / "demo.vi.md"
    lesson.write_text(lesson.read_text(encoding="utf-8").replace(
        "Mở đầu.", 'Mở đầu. <img src="https://example.org/x.png" alt="">'), encoding="utf-8")
    build = run_build(mini)
    assert build.returncode == 1
    assert "Traceback" not in build.output
    assert ("ERROR   -  1 problem in the content:\n"
            "handbook (vi): WeasyPrint error: Failed to load image at 'https://example.org/x.png': "
            "ValueError: URI uses disallowed protocol: https://example.org/x.png\n") in build.output


# -- worksheets and QR codes --------------------------------------------------------------------------


def test_order_steps_are_scrambled_the_same_way_every_time():
    for n in range(2, 8):
        q = Question(id=f"q{n}", kind="order", prompt={}, explanation={}, steps=tuple({"vi": str(i)} for i in range(n)))
        shown = [i for i, _ in order.steps("bank", q)]
        assert sorted(shown) == list(range(n))
        assert shown != list(range(n))
        assert shown == [i for i, _ in order.steps("bank", q)]


def test_the_printed_order_is_pinned_so_it_never_changes_between_builds_or_python_versions():
    # SHA-256 based, not random.Random: these values must stay the same forever (printed handbooks exist).
    assert order.permutation("demo", "q1", 4) == [1, 2, 0, 3]
    assert order.permutation("demo", "q5", 2) == [0, 1]
    assert order.permutation("other", "q1", 4) != order.permutation("demo", "q1", 4) or \
        order.permutation("other", "q2", 4) != order.permutation("demo", "q2", 4)


def test_options_keep_the_authored_order_when_shuffle_is_off():
    options = tuple(Option(LETTERS[i], {"vi": str(i)}, i == 0) for i in range(4))
    q = Question(id="q", kind="single", prompt={}, explanation={}, options=options, shuffle=False)
    assert [(letter, o.key) for letter, o in order.options("b", q)] == [("a", "a"), ("b", "b"), ("c", "c"), ("d", "d")]


def test_right_answers_spread_over_the_letters_in_the_real_curriculum():
    from collections import Counter

    from canhgiac.errors import Collector
    from canhgiac.quiz.model import load_banks

    banks = load_banks(ROOT / "quizzes", Collector(ROOT))
    letters = Counter(letter for b in banks.values() for q in b.questions
                      for letter, o in order.options(b.id, q) if o.correct)
    total = sum(letters.values())
    assert total >= 20
    assert max(letters.values()) <= 0.4 * total, letters


def test_qr_codes_are_made_locally_and_differ_per_url():
    a, b = qr_svg("https://example.org/canh-giac/lessons/demo.html"), qr_svg("https://example.org/canh-giac/en/")
    assert a.startswith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ')
    assert a != b


# -- the real curriculum ------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("lang", NAMES)
def test_real_handbook(real_site, lang):
    pdf = Pdf(real_site.site / "handbook" / NAMES[lang])
    assert pdf.path.stat().st_size < 3_000_000
    locality = yaml.safe_load((ROOT / "locality.yml").read_text(encoding="utf-8"))
    size = {"A5": A5, "A4": A4}[(locality.get("handbook") or {}).get("page_size", "A5")]
    assert (float(pdf.reader.pages[0].mediabox.width), float(pdf.reader.pages[0].mediabox.height)) == \
        pytest.approx(size, abs=0.1)
    contents = pdf.texts[pdf.page_of({"vi": "Mục lục", "en": "Contents"}[lang]) - 1]
    label = {"vi": "Bài", "en": "Lesson"}[lang]
    lessons = sorted((yaml.safe_load(p.read_text(encoding="utf-8").split("---")[1])
                      for p in (ROOT / "lessons").glob(f"*.{lang}.md")), key=lambda m: m["order"])
    key = pdf.part({"vi": "Đáp án và giải thích", "en": "Answer key and explanations"}[lang])
    for meta in lessons:
        title = " ".join(meta["title"].split())
        m = re.search(re.escape(f"{label} {meta['order']}. {title}") + r" ?\.+ ?(\d+)", contents)
        assert m, (title, contents)
        assert int(m.group(1)) == pdf.page_of(meta["title"])
        assert title in pdf.texts[int(m.group(1)) - 1]
        questions = yaml.safe_load((ROOT / "quizzes" / f"{meta['quiz']}.yml").read_text(encoding="utf-8"))
        for q in questions["questions"]:  # lines may break after "/" with no space: compare without whitespace
            assert squash(text_of(md_inline(q["prompt"][lang]))) in squash(key), q["id"]
    guide = yaml.safe_load((ROOT / "docs" / f"guide.{lang}.md").read_text(encoding="utf-8").split("---")[1])
    pdf.page_of(guide["title"])
    out = subprocess.run(["pdffonts", str(pdf.path)], capture_output=True, text=True, check=True).stdout
    assert all(row.split()[-5] == "yes" for row in out.splitlines()[2:])
    info = subprocess.run(["pdfinfo", str(pdf.path)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"(?m)^Tagged:\s+yes$", info) and pdf.reader.trailer["/Root"]["/Lang"] == lang


def test_editors_notes_never_reach_the_handbook(pdfs):
    for pdf in pdfs.values():
        assert not any("GHI-CHU-BIEN-TAP" in text for text in pdf.texts)
