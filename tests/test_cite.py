"""Source markers ([[law-id 150]]): syntax, checks with file and line, the site, handbook, packages and the report."""

from __future__ import annotations

import datetime as dt
import posixpath
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
import tinyhtml5
from conftest import FIXTURES, run_build
from pypdf import PdfReader

from canhgiac import cite, report, sources
from canhgiac.content.laws import load_laws
from canhgiac.content.project import Paths, load_project
from canhgiac.errors import Collector, ContentError
from canhgiac.handbook.compose import _env
from canhgiac.i18n import package_catalog as strings
from canhgiac.packages.moodle import moodle_xml
from canhgiac.quiz.model import load_bank
from canhgiac.quiz.render import md_block, render_bank

LANGS = ["vi", "en"]
MINI = FIXTURES / "mini"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    text = path.read_text(encoding="utf-8")
    return text[: text.index(needle)].count("\n") + 1


def problems(project: Path) -> str:
    with pytest.raises(ContentError) as info:
        load_project(Paths(project), LANGS, today=dt.date(2026, 12, 1))
    return str(info.value)


def mini_laws() -> dict:
    out = Collector(MINI)
    laws = load_laws(MINI / "laws.yml", out)
    assert out.problems == []
    return laws


def html_tree(path: Path) -> ET.Element:
    return tinyhtml5.parse(path.read_text(encoding="utf-8"), namespace_html_elements=False)


def classes(el: ET.Element) -> set[str]:
    return set((el.get("class") or "").split())


def cites(root: ET.Element) -> list[ET.Element]:
    return [el for el in root.iter("sup") if "cg-cite" in classes(el)]


def text(el: ET.Element) -> str:
    return "".join(el.itertext())


def shown(a: ET.Element) -> str:
    """What a marker's link shows (hidden from screen readers)."""
    (span,) = [s for s in a.iter("span") if s.get("aria-hidden") == "true"]
    return text(span)


def spoken(a: ET.Element) -> str:
    """The link's name for a screen reader: its text without what is hidden from them."""
    return "".join(text(s) for s in a.iter("span") if s.get("aria-hidden") != "true")


# -- syntax -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("inner,law,refs", [
    ("penal-code", "penal-code", ()),
    ("penal-code 150", "penal-code", (cite.Ref("150"),)),
    (" penal-code  150.2 ", "penal-code", (cite.Ref("150", "2"),)),
    ("penal-code 150, 151", "penal-code", (cite.Ref("150"), cite.Ref("151"))),
    ("penal-code 256a", "penal-code", (cite.Ref("256a"),)),
])
def test_markers_parse(inner, law, refs):
    parsed = cite.parse(inner)
    assert (parsed.law, parsed.refs, parsed.raw) == (law, refs, f"[[{inner}]]")


@pytest.mark.parametrize("inner,message", [
    ("", "empty source marker [[]]"),
    ("Penal Code 150", "malformed source marker [[Penal Code 150]]: 'Penal' is not a law id"),
    ("penal-code Điều 150", "malformed source marker [[penal-code Điều 150]]: 'Điều 150' is not an article number"),
    ("penal-code 150-151", "malformed source marker [[penal-code 150-151]]: '150-151' is not an article number"),
    ("penal-code 150,", "malformed source marker [[penal-code 150,]]: '' is not an article number"),
])
def test_malformed_markers_say_what_is_wrong(inner, message):
    with pytest.raises(cite.MarkerError) as info:
        cite.parse(inner)
    assert info.value.message == message


def test_scan_finds_lines_and_skips_code():
    body = ("Một [[penal-code 150]].\n\n```\n[[not-a-marker]]\n```\n\n`[[code]]` và [[penal-code]]\n"
            "    - mục [[penal-code 150.2]] và [[penal-code 151\n")
    found = list(cite.scan(body, first_line=10))
    assert [(f.line, f.raw, f.error is None) for f in found] == [
        (10, "[[penal-code 150]]", True), (16, "[[penal-code]]", True), (17, "[[penal-code 150.2]]", True),
        (17, "[[penal-code 151", False)]
    assert found[-1].error.message == "source marker not closed: [[penal-code 151"


def test_labels_in_both_languages():
    laws = mini_laws()
    law = laws["penal-code"]
    one, clause, two = (cite.parse(x) for x in ("penal-code 150", "penal-code 150.2", "penal-code 150, 256a"))
    vi, en = strings("vi"), strings("en")
    assert [(k.text, k.spoken, k.anchor) for k in cite.links(one, law, "vi", vi)] == [
        ("Đ.150 BLHS", "Điều 150, Bộ luật Hình sự", "penal-code--150")]
    assert [(k.text, k.spoken) for k in cite.links(clause, law, "en", en)] == [
        ("Art. 150(2) Penal Code", "Article 150, clause 2, Penal Code")]
    assert cite.compact(two, law, "vi", vi) == "Đ.150, 256a BLHS"
    assert cite.printed(one, law, "vi", vi) == "Điều 150 BLHS"
    assert cite.printed(clause, law, "vi", vi) == "khoản 2 Điều 150 BLHS"
    assert cite.printed(two, law, "en", en) == "Article 150, 256a Penal Code"
    law_only = cite.links(cite.parse("anti-trafficking-2011"), laws["anti-trafficking-2011"], "vi", vi)
    assert [(k.text, k.anchor) for k in law_only] == [("66/2011/QH12", "anti-trafficking-2011")]  # no short form
    assert cite.plain("Bị phạt tù [[penal-code 150.2]].", laws, "vi", vi) == "Bị phạt tù (k.2 Đ.150 BLHS)."


def test_markers_side_by_side_are_one_reference_with_semicolons():
    laws, vi = mini_laws(), strings("vi")
    text = "Luật sửa đổi [[penal-code 150]] [[anti-trafficking-2011]]."
    assert cite.plain(text, laws, "vi", vi) == "Luật sửa đổi (Đ.150 BLHS; 66/2011/QH12)."
    rendered = cite.replace_html(text, laws, "vi", vi, "legal.html")
    assert rendered.count("<sup") == 1, rendered
    sup = rendered[rendered.index("<sup"):]
    assert "</a>; <a" in sup and '<span class="cg-cite__print"> (Điều 150 BLHS; 66/2011/QH12)</span>' in sup
    # one unreadable marker in the run: the whole run stays as written (the build reports it)
    assert cite.replace_html("x [[penal-code 150]] [[nope]].", laws, "vi", vi, "legal.html") == "x [[penal-code 150]] [[nope]]."


# -- checks: file and line --------------------------------------------------------------------------------

def test_bad_markers_in_lessons_and_quizzes_are_errors_with_file_and_line(mini):
    vi, en, bank = mini / "lessons/demo.vi.md", mini / "lessons/demo.en.md", mini / "quizzes/demo.yml"
    edit(vi, "[[penal-code 150]].", "[[penal-cod 150]].")
    edit(en, "[[penal-code 150]].", "[[penal-code 151]].")
    edit(en, "    - Never hand your ID papers to a stranger.",
         "    - Never hand your ID papers to a stranger [[penal-code Art. 150]].")
    edit(bank, "explanation: {vi: Vì vậy., en: Because.}", 'explanation: {vi: Vì vậy., en: "Because [[penal-code 150, 256b]]."}')
    edit(bank, 'cite: {law: penal-code, article: "150"}', 'cite: {law: penal-code, article: "151"}')
    text = problems(mini)
    hint_add = ("    hint: add \"{a}\" under 'articles:' of 'penal-code' in laws.yml, with its title and the excerpt of the "
                "text you checked it against; or fix the article number")
    assert (f"lessons/demo.vi.md:{line_of(vi, '[[penal-cod 150]]')}: unknown law 'penal-cod' in [[penal-cod 150]]\n"
            "    hint: did you mean 'penal-code'? The laws are listed in laws.yml (use an id from there, or add the "
            "document with its source)") in text
    assert (f"lessons/demo.en.md:{line_of(en, '[[penal-code 151]]')}: article 151 of 'penal-code' is not listed in "
            "laws.yml ([[penal-code 151]])\n" + hint_add.format(a="151")) in text
    assert (f"lessons/demo.en.md:{line_of(en, 'Art. 150]]')}: malformed source marker [[penal-code Art. 150]]: "
            "'Art. 150' is not an article number\n    hint: write [[law-id]], [[law-id 150]] (an article), "
            "[[law-id 150.2]] (clause 2 of Article 150) or [[law-id 150, 151]], with a law id from laws.yml") in text
    assert (f"quizzes/demo.yml:{line_of(bank, '256b')}: article 256b of 'penal-code' is not listed in laws.yml "
            "([[penal-code 150, 256b]])\n" + hint_add.format(a="256b")) in text
    cite_line = line_of(bank, 'article: "151"')
    assert (f"quizzes/demo.yml:{cite_line}: question 'q1' cites article 151 of 'penal-code', "
            "which is not listed in laws.yml\n" + hint_add.format(a="151")) in text
    assert text.startswith("5 problems in the content:"), text


def test_leaflet_texts_are_checked(mini):
    lesson = mini / "lessons/demo.vi.md"
    edit(lesson, "reviewed: 2026-11-29\n", "reviewed: 2026-11-29\nleaflet:\n  call: Gọi 111 [[penal-code 999]].\n"
         "  keep: Giữ giấy tờ.\n  never: Không đưa tiền.\n")
    text = problems(mini)
    assert f"lessons/demo.vi.md:{line_of(lesson, 'call:')}: article 999 of 'penal-code' is not listed" in text


def test_markers_where_they_would_not_render_are_errors(mini):
    lesson = mini / "lessons/demo.en.md"
    edit(lesson, "summary: A test.", "summary: A test [[penal-code 150]].")
    assert (f"lessons/demo.en.md:{line_of(lesson, 'summary:')}: a source marker in 'summary', where it would show as "
            "typed\n    hint: put the marker in the lesson text, after the statement it supports") in problems(mini)


def test_articles_in_laws_yml_are_checked_with_lines(mini):
    laws = mini / "laws.yml"
    edit(laws, '    "256a":', '    150.2:\n      title: {vi: x, en: x}\n      excerpt: x\n    151:\n'
         '      title: {vi: y, en: y}\n      excerpt: y\n    "256a":')
    edit(laws, '      excerpt: "Người nào sử dụng', '      except: "Người nào sử dụng')
    text = problems(mini)
    assert (f"laws.yml:{line_of(laws, '150.2:')}: '150.2' under 'articles:' of 'penal-code' is not an article number\n"
            "    hint: list each article by its number in quotes (\"150\", \"256a\"); a clause is cited in the text as "
            "[[law-id 150.2]] but listed here under its article") in text
    assert f"laws.yml:{line_of(laws, 'except:')}: unknown field 'except'\n    hint: did you mean 'excerpt'?" in text
    assert "'151'" not in text  # an unquoted article number is read as text


def test_unquoted_article_numbers_are_read_as_text(mini):
    edit(mini / "laws.yml", '    "150":', "    150:")
    out = Collector(mini)
    laws = load_laws(mini / "laws.yml", out)
    assert out.problems == []
    assert list(laws["penal-code"].articles) == ["150", "256a"]
    assert laws["penal-code"].articles["150"].line == line_of(mini / "laws.yml", "150:")


def test_quiz_cites_are_not_checked_while_the_law_lists_no_articles(mini):
    edit(mini / "quizzes/demo.yml", 'cite: {law: penal-code, article: "150"}',
         'cite: {law: anti-trafficking-2011, article: "3"}')
    load_project(Paths(mini), LANGS, today=dt.date(2026, 12, 1))  # no error: that law lists no articles yet


def test_bad_markers_on_docs_pages_fail_the_build_with_file_and_line(mini):
    page = mini / "docs/hotlines.vi.md"  # its front matter is 4 lines: the line counts them
    edit(page, "Khi có chuyện khẩn cấp, hãy gọi ngay.", "Khi có chuyện khẩn cấp, hãy gọi ngay [[penal-code 15O]].")
    build = run_build(mini)
    assert build.returncode != 0
    assert "Traceback" not in build.output, build.output
    assert (f"docs/hotlines.vi.md:{line_of(page, '15O')}: malformed source marker [[penal-code 15O]]: '15O' is not an "
            "article number\n    hint: write [[law-id]]") in build.output, build.output


# -- the site -----------------------------------------------------------------------------------------------

EXPECTED = {
    "vi": ("lessons/demo.html", "Người mua bán người bị phạt tù từ 05 năm đến 10 năm", "Đ.150 BLHS",
           "Điều 150, Bộ luật Hình sự", " (Điều 150 BLHS)", "k.1 Đ.150 BLHS", "khoản 1 Điều 150, Bộ luật Hình sự"),
    "en": ("en/lessons/demo.html", "Trafficking in persons carries 5 to 10 years in prison", "Art. 150 Penal Code",
           "Article 150, Penal Code", " (Article 150 Penal Code)", "Art. 150(1) Penal Code",
           "Article 150, clause 1, Penal Code"),
}


@pytest.mark.parametrize("lang", LANGS)
def test_marker_renders_as_a_small_link_to_the_article(mini_site, lang):
    page, statement, label, name, printed, clause_label, clause_spoken = EXPECTED[lang]
    root = html_tree(mini_site.site / page)
    para = next(p for p in root.iter("p") if text(p).startswith(statement))
    sup = para.find("sup")
    assert para.text == statement and sup.tail == "."  # against the statement, like a footnote
    links = sup.findall("a")
    assert [(shown(a), spoken(a), a.get("href")) for a in links] == [(label, name, "../legal.html#penal-code--150")]
    assert "aria-label" not in links[0].attrib  # the name contains no visible text: WCAG 2.5.3
    assert [text(s) for s in sup.findall("span")] == [printed]  # what paper shows instead of the link (canhgiac.css)
    in_list = [s for s in cites(root) if any(li.find("sup") is s for li in root.iter("li"))]
    assert [(shown(a), spoken(a)) for s in in_list for a in s.findall("a")] == [(clause_label, clause_spoken)]
    assert len(cites(root)) == 2


def test_every_marker_link_resolves_in_both_languages(mini_site):
    seen = 0
    for path in mini_site.site.rglob("*.html"):
        if "download" in path.parts:
            continue
        for sup in cites(html_tree(path)):
            for a in sup.findall("a"):
                target, _, fragment = a.get("href").partition("#")
                resolved = (path.parent / target).resolve() if target else path
                assert resolved.is_file(), (path, a.get("href"))
                ids = {el.get("id") for el in html_tree(resolved).iter() if el.get("id")}
                assert fragment in ids, (path, a.get("href"))
                same_lang = (mini_site.site / "en") in path.parents
                assert ((mini_site.site / "en") in resolved.parents) == same_lang, (path, a.get("href"))
                seen += 1
    assert seen == 6  # per language: a lesson's paragraph and list item, a paragraph of the legal page (top level)


@pytest.mark.parametrize("lang,page,title", [("vi", "legal.html", "Điều 150. Tội mua bán người"),
                                             ("en", "en/legal.html", "Article 150. Trafficking in persons")])
def test_legal_page_shows_each_cited_article_with_its_excerpt(mini_site, lang, page, title):
    root = html_tree(mini_site.site / page)
    sections = {el.get("id"): el for el in root.iter("section")}
    art = sections["penal-code--150"]
    assert text(art.find("h4")).strip() == title
    quote = next(art.iter("blockquote"))
    assert text(quote).startswith("1. Người nào thực hiện một trong các hành vi sau đây, thì bị phạt tù từ 05 năm")
    assert quote.get("lang") == (None if lang == "vi" else "vi")
    assert quote in list(next(art.iter("details")).iter("blockquote"))  # a long excerpt is collapsed
    short = sections["penal-code--256a"]
    assert not list(short.iter("details"))
    assert [a.get("href") for a in short.iter("a")] == ["https://thuviennhadat.vn/"]
    other = [a.get("href") for a in sections["penal-code"].iter("a")]
    assert "https://vbpl.vn/" in other


def test_markers_add_nothing_to_the_search_index(mini_site):
    for lang, words in (("vi", ("Đ.150", "BLHS", "Điều 150 BLHS")), ("en", ("Art. 150", "Article 150 Penal"))):
        index = "".join(p.read_text(encoding="utf-8")
                        for p in (mini_site.site / "assets/canhgiac").glob(f"search-index.{lang}.*"))
        assert EXPECTED[lang][1] in index
        for word in words:
            assert word not in index, word


def test_print_css_spells_the_reference_out():
    css = (Path(cite.__file__).parent / "assets" / "canhgiac.css").read_text(encoding="utf-8")
    block = css[css.index("-- Source markers"):]
    printed = block[block.index("@media print"):]
    assert ".cg-cite__print { display: none; }" in block
    assert ".md-typeset sup.cg-cite a { display: none; }" in printed and ".cg-cite__print { display: inline; }" in printed


# -- handbook, packages -------------------------------------------------------------------------------------

def pdf_text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)


@pytest.mark.parametrize("name,expected", [
    ("so-tay-tuyen-truyen-vien.pdf", ("bị phạt tù từ 05 năm đến 10 năm (Đ.150 BLHS, tr.", "lừa đảo (k.1 Đ.150 BLHS, tr.",
                                       "Điều 150. Tội mua bán người (được trích ở tr.",
                                       "Điều 256a. Tội sử dụng trái phép chất ma túy")),
    ("trainer-handbook.pdf", ("5 to 10 years in prison (Art. 150 Penal Code, p.",
                              "Article 150. Trafficking in persons (cited on p.")),
])
def test_handbook_prints_the_reference_and_lists_the_cited_articles(mini_site, name, expected):
    found = pdf_text(mini_site.site / "handbook" / name)
    for piece in expected:
        assert piece in found, piece
    assert "[[" not in found


def test_package_copies_keep_a_working_link(pkg_site):
    download = pkg_site.site / "download"
    with zipfile.ZipFile(download / "canh-giac-en-offline.zip") as zf:
        names = set(zf.namelist())
        page = next(n for n in names if n.endswith("/en/lessons/demo.html"))
        hrefs = [a.get("href") for sup in cites(tinyhtml5.parse(zf.read(page).decode(), namespace_html_elements=False))
                 for a in sup.findall("a")]
        assert hrefs and all(h.startswith("../legal.html#") for h in hrefs)
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), "../legal.html"))
        assert target in names
        assert 'id="penal-code--150"' in zf.read(target).decode()
    with zipfile.ZipFile(download / "canh-giac-vi-scorm12-01-demo.zip") as zf:
        root = tinyhtml5.parse(zf.read("lessons/demo.html").decode(), namespace_html_elements=False)
        hrefs = {a.get("href") for sup in cites(root) for a in sup.findall("a")}
        # The legal page is not in a lesson's package: the link opens the published page
        assert "https://example.org/canh-giac/legal.html#penal-code--150" in hrefs, hrefs


# -- statements without a source ----------------------------------------------------------------------------

@pytest.mark.parametrize("sentence,kinds", [
    ("Người nào mua bán người thì bị phạt tù từ 05 năm đến 10 năm.", ("penalty",)),
    ("Theo khoản 2 Điều 19, ông bà, cha mẹ … không phải chịu trách nhiệm hình sự.", ("article",)),
    ("Thêm Điều 256a: người vừa cai nghiện mà vẫn dùng ma túy có thể bị phạt tù.", ("article", "penalty")),
    ("Bộ luật Hình sự năm 2015 có hiệu lực từ ngày 1/1/2018.", ("date",)),
    ("Luật Phòng, chống mua bán người năm 2024 (Luật số 53/2024/QH15) có hiệu lực từ 01/7/2025.",
     ("date", "document number")),
    ("Nghị định 162/2025/NĐ-CP quy định chi tiết việc hỗ trợ nạn nhân.", ("document number",)),
    ("Chỉ thị 09-CT/TW của Ban Bí thư.", ("document number",)),
    ("Khi đã là tội mà chơi từ 50 triệu đồng trở lên thì bị xử lý hình sự.", ("penalty",)),
    ("Under Article 19(2), the offender's grandparents are not liable.", ("article",)),
    ("Concealing a crime: non-custodial reform for up to 3 years, or 6 months to 5 years in prison.", ("penalty",)),
    ("The 2015 Penal Code has been in force since 1 January 2018.", ("date",)),
    ("It was amended in 2017 by Law No. 12/2017/QH14.", ("date", "document number")),
    ("Art. 150 covers trafficking.", ("article",)),
    ("Stakes of VND 50 million or more are a crime.", ("penalty",)),
])
def test_claims_that_need_a_source(sentence, kinds):
    assert sources.claims(sentence) == kinds


@pytest.mark.parametrize("sentence", [
    "Năm 2024, gia đình chị Lan chuyển lên thành phố.",  # a year in running text
    "Trả lương 30 triệu đồng một tháng, không cần kinh nghiệm.",  # a salary, not a fine
    "Điều quan trọng nhất là nói thật và biết lắng nghe.",  # 'điều' as a word
    "Gọi 111 hoặc 113 ngay, miễn phí 24/7.",
    "Có nhiều điều cần nhớ khi đi làm xa.",
    "In 2024, Lan's family moved to the city.",
    "The lessons present the law in force today and mention the 2017 context only where it helps.",
    "Một buổi sinh hoạt kéo dài 45 phút cho 20 đến 30 người.",
    "Offers of 1,000 to 2,000 US dollars a month for computer work.",
    "Sau 5 năm, chị trở về quê.",
])
def test_statements_that_need_no_source(sentence):
    assert sources.claims(sentence) == ()


def test_blocks_are_paragraphs_items_rows_and_box_texts_with_lines():
    body = ("## Điều 150\n\nĐoạn một\ndòng hai.\n\n- Mục một\n  tiếp.\n- Mục hai\n\n| Tội | Điều |\n|---|---|\n"
            "| Mua bán người | Điều 150 |\n\n!!! note \"Ghi chú\"\n    Trong hộp.\n\n```cards\ntext: 30 triệu đồng\n```\n")
    assert [(b.line, b.text) for b in sources.blocks(body, first_line=5)] == [
        (7, "Đoạn một dòng hai."), (10, "Mục một tiếp."), (12, "Mục hai"), (14, "| Tội | Điều |"),
        (16, "| Mua bán người | Điều 150 |"), (19, "Trong hộp.")]


def test_a_marker_anywhere_in_the_statement_is_its_source():
    body = "Bị phạt tù từ 05 năm [[penal-code 150]] nếu mua bán người.\n\nBị phạt tù từ 05 năm.\n"
    assert [(s.line, s.kinds) for s in sources.unsourced(body, 3)] == [(5, ("penalty",))]


def test_report_lists_statements_without_a_source_per_lesson(mini):
    edit(mini / "lessons/demo.vi.md", "[[penal-code 150]].", ".")
    edit(mini / "docs/hotlines.vi.md", "Khi có chuyện khẩn cấp, hãy gọi ngay.",
         "Theo Nghị định 162/2025/NĐ-CP, hãy gọi ngay.")
    project = load_project(Paths(mini), LANGS, today=dt.date(2026, 12, 1))
    text, count = report.render(project, dt.date(2026, 12, 1))
    lesson_line = line_of(mini / "lessons/demo.vi.md", "Người mua bán người")
    page_line = line_of(mini / "docs/hotlines.vi.md", "Theo Nghị định")
    assert "\nStatements without a source: 2\n" in text
    assert (f"  demo: 1\n    lessons/demo.vi.md:{lesson_line}: [penalty] Người mua bán người bị phạt tù từ 05 năm "
            "đến 10 năm .\n") in text
    assert (f"  hotlines.vi.md: 1\n    docs/hotlines.vi.md:{page_line}: [document number] Theo Nghị định "
            "162/2025/NĐ-CP, hãy") in text
    assert count == len(report.quiz_warnings(project)) + 2  # they count as warnings


# -- quiz texts ---------------------------------------------------------------------------------------------

def marked_bank(project: Path):
    edit(project / "quizzes/demo.yml", "explanation: {vi: Vì vậy., en: Because.}",
         'explanation: {vi: "Vì vậy [[penal-code 150, 256a]].", en: "Because [[penal-code 150, 256a]]."}')
    out = Collector(project)
    bank = load_bank(project / "quizzes/demo.yml", out)
    assert out.problems == []
    return bank


@pytest.mark.parametrize("lang,label", [("vi", "Đ.150, 256a BLHS"), ("en", "Art. 150, 256a Penal Code")])
def test_quiz_explanations_show_the_marker(mini, lang, label):
    bank, laws = marked_bank(mini), mini_laws()
    root = tinyhtml5.parse(render_bank(bank, lang, strings(lang), laws, "../legal.html", "demo"),
                           namespace_html_elements=False)
    (sup,) = cites(root)
    assert ", ".join(shown(a) for a in sup.findall("a")) == label  # one link per article
    assert [a.get("href") for a in sup.findall("a")] == ["../legal.html#penal-code--150", "../legal.html#penal-code--256a"]
    # the existing `cite:` of the question now points at its article too
    basis = next(p for p in root.iter("p") if "cg-quiz__cite" in classes(p))
    assert basis.find("a").get("href") == "../legal.html#penal-code--150"
    # in the handbook's answer key, the marker links to the legal references section
    key = _env(strings(lang)).filters["cite"](md_block(bank.questions[0].explanation[lang]), laws, lang)
    assert 'href="#legal--penal-code--256a"' in key
    # in Moodle, where the legal documents page is not, it is text
    question = ET.fromstring(moodle_xml(bank, lang, strings(lang), laws, "demo")).find("question[@type='multichoice']")
    assert f"({label})." in question.findtext("generalfeedback/text")
