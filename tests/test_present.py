"""Presentations (canhgiac/present/): one per lesson and language, read back, then driven in Chromium.

The fixture project is the package tests' (the mini project, a lesson without a quiz, the Downloads pages, so the
offline bundles are written) with discussion questions added to the demo lesson's trainer notes.
"""

from __future__ import annotations

import re
import zipfile
from html.parser import HTMLParser

import pytest
import yaml
from conftest import run_build, serve
from playwright.sync_api import expect
from test_accessibility import axe_violations

from canhgiac.policy import CONTENT_SECURITY_POLICY

LANGS = ("vi", "en")
TRAINER = {
    "vi": "??? trainer \"Dành cho tuyên truyền viên\"\n    **Hoạt động:** xếp thẻ.\n\n    1. Chia nhóm.\n    2. Xếp thẻ.\n\n"
          "    **Câu hỏi thảo luận:**\n\n    1. Ai đã từng nhận lời mời như vậy?\n    2. Nên hỏi ai trước khi đi?\n",
    "en": "??? trainer \"For outreach workers\"\n    **Activity:** sort the cards.\n\n    1. Form groups.\n    2. Sort.\n\n"
          "    **Discussion questions:**\n\n    1. Who has had an offer like this?\n    2. Whom should you ask before going?\n",
}
QUESTIONS = {"vi": ["Ai đã từng nhận lời mời như vậy?", "Nên hỏi ai trước khi đi?"],
             "en": ["Who has had an offer like this?", "Whom should you ask before going?"]}
HD = {"viewport": {"width": 1280, "height": 720}}


@pytest.fixture(scope="session")
def present_site(tmp_path_factory):
    from pkgproject import make_project

    project = make_project(tmp_path_factory.mktemp("present") / "p")
    for lang in LANGS:
        lesson = project / "lessons" / f"demo.{lang}.md"
        text = lesson.read_text(encoding="utf-8")
        lesson.write_text(text.replace("```cards", TRAINER[lang] + "\n```cards", 1), encoding="utf-8")
    build = run_build(project)
    assert build.returncode == 0, build.output
    return build


@pytest.fixture(scope="module")
def server(present_site):
    server, httpd = serve(present_site.site, "camau")  # under a sub-path
    yield server
    httpd.shutdown()


def _path(lang: str, lesson: str) -> str:
    return f"present/{lesson}.html" if lang == "vi" else f"{lang}/present/{lesson}.html"


class _Slides(HTMLParser):
    """The slides of a presentation: kind and words; the policy and the scripts."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.slides: list[dict] = []
        self.csp, self.scripts, self.problems = [], [], []
        self.depth = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and a.get("http-equiv") == "Content-Security-Policy":
            self.csp.append(a["content"])
        if tag == "script":
            self.scripts.append(a.get("src"))
        self.problems += [name for name in a if name == "style" or name.startswith("on")]
        if tag == "style" or (tag == "script" and not a.get("src")):
            self.problems.append(tag)
        if tag == "section" and "cg-slide" in (a.get("class") or ""):
            self.slides.append({"kind": a["class"].split("--")[1], "text": ""})
            self.depth = 1
        elif tag == "section" and self.depth:
            self.depth += 1

    def handle_endtag(self, tag):
        if tag == "section" and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth and self.slides:
            self.slides[-1]["text"] += data


def _read(site, lang, lesson) -> _Slides:
    parser = _Slides()
    parser.feed((site / _path(lang, lesson)).read_text(encoding="utf-8"))
    return parser


def test_every_lesson_has_a_presentation_in_every_language_made_from_its_sources(present_site):
    site, project = present_site.site, present_site.project
    locality = yaml.safe_load((project / "locality.yml").read_text(encoding="utf-8"))
    bank = yaml.safe_load((project / "quizzes" / "demo.yml").read_text(encoding="utf-8"))
    lessons = sorted({p.name.split(".")[0] for p in (project / "lessons").glob("*.md")})
    assert lessons == ["demo", "notes"]
    for lang in LANGS:
        for lesson in lessons:
            deck = _read(site, lang, lesson)
            assert deck.csp == [CONTENT_SECURITY_POLICY] and deck.problems == [], (lang, lesson)
            assert any(s.endswith("assets/canhgiac/exit.js") for s in deck.scripts)
            kinds = [s["kind"] for s in deck.slides]
            assert kinds[:2] == ["title", "objectives"] and kinds[-1] == "hotlines", kinds
            hotlines = deck.slides[-1]["text"]
            assert all(h["number"] in hotlines and h["name"][lang] in hotlines for h in locality["hotlines"])
            # The lesson page links its presentation from the trainer box.
            page = (site / (f"lessons/{lesson}.html" if lang == "vi" else f"{lang}/lessons/{lesson}.html")).read_text(
                encoding="utf-8")
            trainer = page[page.index('class="cg-lesson__session trainer"'):]
            assert f'href="../present/{lesson}.html"' in trainer[:trainer.index("</details>")]
        demo = _read(site, lang, "demo")
        kinds = [s["kind"] for s in demo.slides]
        assert kinds == ["title", "objectives", "scenario", "discussion", "discussion", "messages",
                         *["quiz"] * len(bank["questions"]), "cards", "hotlines"], kinds
        discussion = [" ".join(s["text"].split()) for s in demo.slides if s["kind"] == "discussion"]
        assert [d.split("/2 ", 1)[1] for d in discussion] == QUESTIONS[lang]
        prompts = [q["prompt"][lang] for q in bank["questions"]]
        quiz = [" ".join(s["text"].split()) for s in demo.slides if s["kind"] == "quiz"]
        assert all(p in q for p, q in zip(prompts, quiz, strict=True))
        assert "(" in demo.slides[5]["text"] and "150" in demo.slides[5]["text"]  # the source marker, spelled out
    # A lesson without a quiz or scenario has what it has.
    assert [s["kind"] for s in _read(site, "en", "notes").slides] == ["title", "objectives", "hotlines"]


# -- In the browser -------------------------------------------------------------------------------------------------
def _open(browser, url, **options):
    context = browser.new_context(**{**HD, **options})
    context.set_default_timeout(5000)
    left: list[str] = []
    context.route(re.compile(r"^(?!(http://127\.0\.0\.1|file:|data:|about:)).*"),
                  lambda route: (left.append(route.request.url), route.abort()))
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: m.type in ("error", "warning") and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    return context, page, errors, left


def _current(page) -> int:
    return int(page.locator(".cg-slide.is-current").get_attribute("id").removeprefix("slide-"))


@pytest.mark.browser
def test_keys_answer_overview_and_counter(browser, server):
    context, page, errors, left = _open(browser, server.base + "present/demo.html")
    n = page.locator(".cg-slide").count()
    expect(page.locator(".cg-slide.is-current")).to_have_count(1)
    expect(page.locator(".cg-bar__counter")).to_be_visible()
    expect(page.locator(".cg-bar__counter")).to_contain_text(f"1 / {n}")
    for key, expected in (("ArrowRight", 2), ("Space", 3), ("PageDown", 4), ("PageUp", 3), ("ArrowLeft", 2),
                          ("End", n), ("Home", 1)):
        page.keyboard.press(key)
        assert _current(page) == expected, key
        expect(page.locator(".cg-bar__counter")).to_contain_text(f"{expected} / {n}")
        assert page.url.endswith(f"#slide-{expected}")
    # The first quiz question: the answer and explanation show only once A (or Enter) is pressed.
    first_quiz = page.locator(".cg-slide--quiz").first.get_attribute("id")
    page.goto(server.base + f"present/demo.html#{first_quiz}")
    page.reload()
    slide = page.locator(f"#{first_quiz}")
    expect(slide).to_be_visible()
    answer = slide.locator(".cg-answer__explanation")
    expect(answer).to_be_hidden()
    expect(slide.locator(".cg-answer summary")).to_contain_text("A")  # the key is shown on screen
    page.keyboard.press("a")
    expect(answer).to_be_visible()
    expect(slide.locator(".cg-answer__body")).to_contain_text(re.compile(r"Đáp án: [A-D]"))
    page.keyboard.press("a")
    expect(answer).to_be_hidden()
    page.locator("body").focus()
    page.keyboard.press("Enter")
    expect(answer).to_be_visible()
    # Escape: the overview of every slide; Enter on one goes there, a click too.
    page.keyboard.press("Escape")
    overview = page.locator(".cg-overview")
    expect(overview).to_be_visible()
    expect(overview.locator("a")).to_have_count(n)
    expect(overview.locator("a[aria-current]")).to_be_focused()
    page.keyboard.press("Home")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    expect(overview).to_be_hidden()
    assert _current(page) == 2
    page.keyboard.press("Escape")
    overview.locator('a[data-goto="4"]').click()
    expect(overview).to_be_hidden()
    assert _current(page) == 4
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    expect(overview).to_be_hidden()
    # The buttons of the bar.
    page.locator('[data-action="next"]').click()
    assert _current(page) == 5
    page.locator('[data-action="prev"]').click()
    assert _current(page) == 4
    assert errors == [] and left == []
    context.close()


@pytest.mark.browser
def test_swipe_on_a_touch_screen(browser, server):
    context, page, errors, _ = _open(browser, server.base + "en/present/demo.html", has_touch=True, is_mobile=True)
    swipe = """([x0, x1]) => {
        const deck = document.querySelector('.cg-deck');
        const touch = (x) => new Touch({identifier: 1, target: deck, clientX: x, clientY: 300});
        deck.dispatchEvent(new TouchEvent('touchstart', {touches: [touch(x0)], changedTouches: [touch(x0)], bubbles: true}));
        deck.dispatchEvent(new TouchEvent('touchend', {touches: [], changedTouches: [touch(x1)], bubbles: true}));
    }"""
    page.evaluate(swipe, [900, 300])
    assert _current(page) == 2
    page.evaluate(swipe, [900, 300])
    assert _current(page) == 3
    page.evaluate(swipe, [300, 900])
    assert _current(page) == 2
    page.evaluate(swipe, [500, 480])  # a tap is no swipe
    assert _current(page) == 2
    assert errors == []
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_text_is_large_enough_on_every_slide(browser, server, size):
    width, height = size
    context, page, errors, _ = _open(browser, server.base + "present/demo.html",
                                     viewport={"width": width, "height": height})
    smallest = page.evaluate("""() => {
        let least = Infinity;
        document.querySelectorAll('details').forEach((d) => { d.open = true; });
        for (const slide of document.querySelectorAll('.cg-slide')) {
            document.querySelectorAll('.cg-slide').forEach((s) => s.classList.toggle('is-current', s === slide));
            for (const el of slide.querySelectorAll('p, li, h1, h2, summary, div, span, strong')) {
                if (el.offsetParent && el.textContent.trim()) least = Math.min(least, parseFloat(getComputedStyle(el).fontSize));
            }
        }
        return least;
    }""")
    assert smallest >= 28 * height / 720 - 0.5, smallest
    assert errors == []
    context.close()


@pytest.mark.browser
def test_presentation_passes_axe(browser, server):
    for path in ("present/demo.html", "en/present/demo.html"):
        # bypass_csp: axe is injected as a script the page's own policy would (rightly) refuse.
        context, page, errors, _ = _open(browser, server.base + path, bypass_csp=True)
        assert axe_violations(page) == [], path
        quiz = page.locator(".cg-slide--quiz").first.get_attribute("id")
        page.evaluate("(id) => { location.hash = id; }", quiz)
        expect(page.locator(f"#{quiz}")).to_be_visible()
        page.keyboard.press("a")
        assert axe_violations(page) == [], (path, "answer")
        page.keyboard.press("Escape")
        expect(page.locator(".cg-overview")).to_be_visible()
        assert axe_violations(page) == [], (path, "overview")
        assert errors == []
        context.close()


@pytest.mark.browser
def test_quick_exit_leaves_a_presentation(browser, server):
    context, page, errors, _ = _open(browser, server.base + "present/demo.html")
    context.route("https://www.google.com/**", lambda route: route.fulfill(body="<p>neutral</p>", content_type="text/html"))
    page.keyboard.press("ArrowRight")
    page.locator("#cg-quick-exit").click()
    page.wait_for_url(re.compile(r"^https://www\.google\.com/"))
    assert "neutral" in page.content()
    context.close()


@pytest.mark.browser
def test_works_from_file_and_inside_the_offline_bundle(browser, present_site, tmp_path):
    with zipfile.ZipFile(present_site.site / "download" / "canh-giac-vi-offline.zip") as zf:
        names = zf.namelist()
        zf.extractall(tmp_path)
    folder = tmp_path / "canh-giac-vi-offline"
    for lang in LANGS:
        for lesson in ("demo", "notes"):
            assert f"canh-giac-vi-offline/{_path(lang, lesson)}" in names
    assert {"canh-giac-vi-offline/assets/canhgiac/present.js", "canh-giac-vi-offline/assets/canhgiac/present.css"} <= set(names)
    for url in ((present_site.site / "en/present/demo.html").as_uri(), (folder / "present/demo.html").as_uri()):
        context, page, errors, left = _open(browser, url)
        expect(page.locator(".cg-bar__counter")).to_contain_text("1 /")
        page.keyboard.press("PageDown")
        assert _current(page) == 2
        expect(page.locator("#cg-quick-exit")).to_be_visible()
        page.locator(".cg-bar__back").click()
        page.wait_for_url(re.compile(r"/lessons/demo\.html$"))
        page.locator(".cg-present-link").evaluate("(a) => a.click()")
        page.wait_for_url(re.compile(r"/present/demo\.html"))
        assert errors == [] and left == []
        context.close()
