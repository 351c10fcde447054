"""A lesson page printed from the browser: Debian's Chromium through Playwright, page.pdf(), read back."""

from __future__ import annotations

import pytest
from conftest import DESKTOP, PHONE, serve
from pdflayout import read_layout
from pypdf import PdfReader

from canhgiac.errors import Collector
from canhgiac.i18n import PACKAGE_CATALOGS as STRINGS
from canhgiac.quiz import order
from canhgiac.quiz.model import load_bank
from canhgiac.quiz.render import md_inline

pytestmark = pytest.mark.browser
LESSON = {"vi": "lessons/demo.html", "en": "en/lessons/demo.html"}
SITE = {"vi": "Cảnh giác", "en": "Cảnh giác (Vigilance)"}


@pytest.fixture(scope="module")
def site(mini_site):
    server, httpd = serve(mini_site.site)
    yield server
    httpd.shutdown()


def flat(text: str) -> str:
    return " ".join(text.split())


def printed(browser, site, tmp_path, lang: str, device: dict) -> tuple[str, list]:
    """Open the lesson as a reader would (the quiz shuffles), print it to PDF, return its text and layout."""
    context = browser.new_context(**device)
    try:
        page = context.new_page()
        page.goto(site.base + LESSON[lang])
        page.wait_for_selector(".cg-quiz--ready")
        target = tmp_path / f"{lang}.pdf"
        page.pdf(path=str(target), format="A4", margin={"top": "15mm", "bottom": "16mm", "left": "15mm", "right": "15mm"})
    finally:
        context.close()
    text = flat(" ".join(p.extract_text() for p in PdfReader(target).pages))
    return text, read_layout(target)


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("device", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_printed_lesson_is_the_lesson_and_a_blank_worksheet(browser, site, mini_site, tmp_path, lang, device):
    text, layout = printed(browser, site, tmp_path, lang, device)
    ui = STRINGS[lang]
    bank = load_bank(mini_site.project / "quizzes" / "demo.yml", Collector(mini_site.project))
    # the worksheet in the handbook's order, letters included; no answers, no controls, no screen-only text
    for q in bank.questions:
        options = [f"{letter.upper()}. {flat(md_inline(o.text[lang]))}" for letter, o in order.options(bank.id, q)]
        assert all(o in text for o in options), options
        assert sorted(options, key=text.index) == options
        steps = [flat(s[lang]) for _, s in order.steps(bank.id, q)]
        assert sorted(steps, key=lambda s: text.index(f" {s} ")) == steps
        assert flat(q.explanation[lang]) not in text
    for hidden in (ui["choose"], ui["quiz_intro"], ui["show_answer"], ui["remember"], ui["quick_exit"],
                   ui["card_answers"]):
        assert flat(hidden) not in text, hidden
    # a source marker ([[penal-code 150]]) reads as the reference spelled out
    assert {"vi": "10 năm (Điều 150 BLHS).", "en": "prison (Article 150 Penal Code)."}[lang] in text
    assert "Đ.150" not in text and "Art. 150 " not in text
    # the footer: the site's name, the page's address, the hotlines
    assert SITE[lang] in text
    assert "https://example.org/canh-giac/" + LESSON[lang] in text
    for number in ("113", "111", "114", "115"):
        assert f"{number} " in text
    # at most one nearly empty page (the last)
    assert len([p for p in layout[:-1] if p.fill < 0.25]) == 0, [(p.number, round(p.fill, 2)) for p in layout]


# -- the real curriculum: every lesson, both languages, printed from a phone --------------------------------------


@pytest.mark.slow
def test_every_real_lesson_prints_without_empty_pages_controls_or_screen_text(browser, real_site, real_server, tmp_path):
    lessons = sorted(p for p in real_site.site.rglob("lessons/*.html") if 'data-module="cg-quiz"' in p.read_text("utf-8"))
    assert len(lessons) >= 20  # ten lessons, two languages
    for path in lessons:
        lang = "en" if path.relative_to(real_site.site).parts[0] == "en" else "vi"
        context = browser.new_context(**PHONE)
        try:
            page = context.new_page()
            page.goto(real_server.base + path.relative_to(real_site.site).as_posix())
            page.wait_for_selector(".cg-quiz--ready")
            target = tmp_path / f"{lang}-{path.stem}.pdf"
            page.pdf(path=str(target), format="A4", margin={"top": "15mm", "bottom": "16mm", "left": "15mm", "right": "15mm"})
            page.emulate_media(media="print")
            controls = page.evaluate("""[...document.querySelectorAll('input, select, button, textarea')]
                .filter(e => e.checkVisibility()).map(e => e.outerHTML.slice(0, 80))""")
        finally:
            context.close()
        where = path.relative_to(real_site.site).as_posix()
        assert controls == [], (where, controls)  # no form control prints (an order question prints its blanks)
        text = flat(" ".join(p.extract_text() for p in PdfReader(target).pages))
        layout = read_layout(target)
        short = [(p.number, round(p.fill, 2)) for p in layout[:-1] if p.fill < 0.25]
        assert short == [], (where, short)  # at most one nearly empty page: the last
        ui = STRINGS[lang]
        for hidden in (ui["quiz_intro"], ui["show_answer"], ui["remember"], ui["quick_exit"]):
            assert flat(hidden) not in text, (where, hidden)
        assert SITE[lang] in text and "113" in text, where  # the footer: the site's name and the hotlines
        assert "http" not in text, where  # site_url is not set: no address is printed
