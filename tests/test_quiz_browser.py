"""The quiz and the progress page in Debian's Chromium: phone and desktop, both languages, touch and keyboard."""

from __future__ import annotations

import json
import re

import pytest
import yaml
from conftest import FIXTURES, PHONE, PageWatch, copy_project, run_build, serve
from playwright.sync_api import expect

from canhgiac.i18n import PACKAGE_CATALOGS as STRINGS

pytestmark = pytest.mark.browser

BANK = yaml.safe_load((FIXTURES / "mini" / "quizzes" / "demo.yml").read_text(encoding="utf-8"))
QUESTIONS = {q["id"]: q for q in BANK["questions"]}
TOTAL = len(QUESTIONS)
LESSON = {"vi": "lessons/demo.html", "en": "en/lessons/demo.html"}
PROGRESS = {"vi": "progress.html", "en": "en/progress.html"}
KEY = "cg:progress:demo"
VERDICT_TEXT = {"right": "correct", "wrong": "incorrect", "partly": "partly"}


# -- the bank, read back from the fixture, so tests follow it --------------------------------------------

def answer_for(qid: str, lang: str, verdict: str) -> list[str]:
    """Labels (or, for order questions, steps in the chosen order) that give `verdict`."""
    q = QUESTIONS[qid]
    if q["kind"] == "true-false":
        return [STRINGS[lang]["true" if (q["answer"] == (verdict == "right")) else "false"]]
    if q["kind"] == "order":
        steps = [s[lang] for s in q["steps"]]
        return steps if verdict == "right" else steps[::-1]
    right = [o["text"][lang] for o in q["options"] if o.get("correct")]
    wrong = [o["text"][lang] for o in q["options"] if not o.get("correct")]
    return {"right": right, "partly": right[:1], "wrong": wrong[:1]}[verdict]


def score(lang: str, right: int, total: int = TOTAL) -> str:
    return STRINGS[lang]["score"].replace("{right}", str(right)).replace("{total}", str(total))


# -- fixtures -------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def site(mini_site):
    server, httpd = serve(mini_site.site)
    yield server
    httpd.shutdown()


def assert_clean(watch: PageWatch):
    assert watch.errors == []
    assert watch.external() == []
    assert watch.requests  # the watch did see the page load


# -- a reader, by touch (or mouse) or by keyboard alone -----------------------------------------------------

FOCUS_IN = """([qid, selector]) => {
  const a = document.activeElement;
  return !!a && a.matches(selector) && !!a.closest(`[data-question="${qid}"]`);
}"""
FOCUSED = """() => {
  const a = document.activeElement;
  return {tag: a.tagName, type: a.type || '', checked: !!a.checked, value: a.value || '',
          label: a.getAttribute('aria-label') || (a.labels && a.labels[0] ? a.labels[0].textContent : '')};
}"""


class Reader:
    """Answer questions as a person would: `how` is "tap", "click" or "keyboard" (no pointer at all)."""

    def __init__(self, page, lang: str, how: str):
        self.page, self.lang, self.how, self.t = page, lang, how, STRINGS[lang]

    def question(self, qid: str):
        return self.page.locator(f'.cg-quiz__question[data-question="{qid}"]')

    def press(self, locator):
        """Activate a button: tap, click, or Tab to it and press Enter."""
        if self.how == "keyboard":
            handle = locator.element_handle()
            self.tab_until("(el) => document.activeElement === el", handle)
            self.page.keyboard.press("Enter")
        elif self.how == "tap":
            locator.tap()
        else:
            locator.click()

    def tab_until(self, predicate: str, arg=None, limit: int = 300):
        for _ in range(limit):
            self.page.keyboard.press("Tab")
            if self.page.evaluate(predicate, arg):
                return
        raise AssertionError(f"Tab never reached {predicate} {arg}")

    def answer(self, qid: str, labels: list[str]):
        kind = QUESTIONS[qid]["kind"]
        if kind == "order":
            self.order(qid, labels)
        elif self.how == "keyboard":
            (self.keys_checkboxes if kind == "multiple" else self.keys_radios)(qid, labels)
        else:
            role = "checkbox" if kind == "multiple" else "radio"
            for label in labels:
                control = self.question(qid).get_by_role(role, name=label)
                control.tap() if self.how == "tap" else control.click()
        self.check(qid)

    def check(self, qid: str):
        self.press(self.question(qid).get_by_role("button", name=self.t["check"]))

    def keys_radios(self, qid: str, labels: list[str]):
        self.tab_until(FOCUS_IN, [qid, "input[type=radio]"])
        self.page.keyboard.press("Space")
        for _ in range(12):
            now = self.page.evaluate(FOCUSED)
            if now["checked"] and labels[0] in now["label"]:
                return
            self.page.keyboard.press("ArrowDown")
        raise AssertionError(f"arrow keys never reached {labels[0]!r}")

    def keys_checkboxes(self, qid: str, labels: list[str]):
        self.tab_until(FOCUS_IN, [qid, "input[type=checkbox]"])
        while self.page.evaluate(FOCUS_IN, [qid, "input[type=checkbox]"]):
            now = self.page.evaluate(FOCUSED)
            if any(label in now["label"] for label in labels) != now["checked"]:
                self.page.keyboard.press("Space")
            self.page.keyboard.press("Tab")

    def order(self, qid: str, steps: list[str]):
        positions = {step: str(i) for i, step in enumerate(steps, start=1)}
        position = self.t["position"]
        if self.how != "keyboard":
            for step, pos in positions.items():
                self.question(qid).get_by_role("combobox", name=f"{position}: {step}").select_option(pos)
            return
        self.tab_until(FOCUS_IN, [qid, "select"])
        while self.page.evaluate(FOCUS_IN, [qid, "select"]):
            now = self.page.evaluate(FOCUSED)
            want = positions[now["label"].split(": ", 1)[1]]
            for _ in range(len(steps) + 1):
                if self.page.evaluate(FOCUSED)["value"] == want:
                    break
                self.page.keyboard.press("ArrowDown")
            assert self.page.evaluate(FOCUSED)["value"] == want
            self.page.keyboard.press("Tab")


def assert_feedback(reader: Reader, qid: str, verdict: str, chosen: list[str], last: bool = False):
    """The question's feedback; `last`: it completed the bank, so the score (not the feedback) has focus."""
    q, t, lang = reader.question(qid), reader.t, reader.lang
    question = QUESTIONS[qid]
    feedback = q.locator(".cg-quiz__feedback")
    expect(feedback).to_have_text(t[VERDICT_TEXT[verdict]])
    expect(feedback).to_have_class(re.compile(rf"\bcg-quiz__feedback--{verdict}\b"))
    expect(q.page.locator(".cg-quiz__score") if last else feedback).to_be_focused()
    # An icon beside the words: colour is never the only signal.
    icon = feedback.evaluate("(el) => getComputedStyle(el, '::before').content")
    assert icon not in ("none", "normal", '""'), icon
    expect(q).to_have_class(re.compile(r"\bcg-quiz__question--answered\b"))
    expect(q.get_by_role("button", name=t["check"])).to_be_hidden()
    explanation = q.locator(".cg-quiz__explanation")
    expect(explanation).to_be_visible()
    expect(explanation).to_have_text(question["explanation"][lang])
    if question.get("cite"):
        expect(q.locator(".cg-quiz__cite")).to_be_visible()
    if question["kind"] == "order":
        steps = [s[lang] for s in question["steps"]]
        expect(q.locator(".cg-quiz__step--wrong")).to_have_count(sum(a != b for a, b in zip(chosen, steps, strict=True)))
        expect(q.locator(".cg-quiz__key-steps li")).to_have_text(steps)
    else:  # every right option is marked (true-false has one)
        right = [o for o in question.get("options", []) if o.get("correct")]
        expect(q.locator(".cg-quiz__option--right")).to_have_count(len(right) or 1)
        expect(q.locator(".cg-quiz__option--wrong")).to_have_count(0 if verdict != "wrong" else 1)
    if question["kind"] == "scenario":
        option = next(o for o in question["options"] if o["text"][lang] == chosen[0])
        expect(q.locator(".cg-quiz__feedback-item--chosen")).to_contain_text(option["feedback"][lang])
        expect(q.locator(".cg-quiz__feedback-list li")).to_have_count(len(question["options"]))


# -- the whole bank ----------------------------------------------------------------------------------------

PLANS = {
    # pointer: some right, some wrong, one only partly right
    "pointer": {"q1": "right", "q2": "wrong", "q3": "right", "q4": "partly", "q5": "wrong"},
    "keyboard": {"q1": "wrong", "q2": "right", "q3": "wrong", "q4": "right", "q5": "right"},
}


@pytest.mark.parametrize("how", ["pointer", "keyboard"])
@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_answer_the_bank_then_retry_the_missed_ones(site, open_page, device, lang, how):
    page, watch = open_page(device)
    page.goto(site.base + LESSON[lang])
    t = STRINGS[lang]
    quiz = page.locator(".cg-quiz")
    expect(quiz).to_have_class(re.compile(r"\bcg-quiz--ready\b"))
    reader = Reader(page, lang, how if how == "keyboard" else ("tap" if device == "phone" else "click"))

    # Enhanced: answers hidden until answered, one real button per question.
    expect(page.locator(".cg-quiz__answer").first).to_be_hidden()
    checks = quiz.get_by_role("button", name=t["check"])
    expect(checks).to_have_count(TOTAL)
    assert checks.evaluate_all("(bs) => bs.every((b) => b.type === 'button')")

    if how == "pointer":  # Check too early: say what is missing, do not count it
        reader.check("q1")
        expect(reader.question("q1").locator(".cg-quiz__feedback")).to_have_text(t["choose_first"])
        expect(reader.question("q1").locator(".cg-quiz__answer")).to_be_hidden()
        reader.question("q3").get_by_role("combobox").first.select_option("1")
        reader.check("q3")
        expect(reader.question("q3").locator(".cg-quiz__feedback")).to_have_text(t["order_incomplete"])
        expect(reader.question("q3")).not_to_have_class(re.compile("answered"))

    plan = PLANS[how]
    for qid, verdict in plan.items():
        chosen = answer_for(qid, lang, verdict)
        reader.answer(qid, chosen)
        assert_feedback(reader, qid, verdict, chosen, last=qid == list(plan)[-1])

    right = sum(v == "right" for v in plan.values())
    expect(quiz.locator(".cg-quiz__score")).to_have_text(score(lang, right))
    expect(quiz.locator("[aria-live=polite]")).to_contain_text(score(lang, right))

    # Retry the missed ones: only they are reset, the first of them gets focus.
    missed = [qid for qid, v in plan.items() if v != "right"]
    reader.press(quiz.get_by_role("button", name=t["retry_missed"]))
    expect(reader.question(missed[0])).to_be_focused()
    expect(quiz.locator(".cg-quiz__result")).to_be_hidden()
    for qid in plan:
        q = reader.question(qid)
        if qid in missed:
            expect(q).not_to_have_class(re.compile("answered"))
            expect(q.locator(".cg-quiz__answer")).to_be_hidden()
            expect(q.locator("input:checked")).to_have_count(0)
            expect(q.locator(".cg-quiz__feedback")).to_be_hidden()
        else:
            expect(q).to_have_class(re.compile(r"\bcg-quiz__question--right\b"))
            expect(q.locator(".cg-quiz__explanation")).to_be_visible()
    for qid in missed:
        chosen = answer_for(qid, lang, "right")
        reader.answer(qid, chosen)
        assert_feedback(reader, qid, "right", chosen, last=qid == missed[-1])
    expect(quiz.locator(".cg-quiz__score")).to_have_text(score(lang, TOTAL))
    expect(quiz.get_by_role("button", name=t["retry_missed"])).to_be_hidden()

    # Start again: everything resets, focus on the first question.
    reader.press(quiz.get_by_role("button", name=t["retry_all"]))
    expect(reader.question("q1")).to_be_focused()
    expect(quiz.locator(".cg-quiz__question--answered")).to_have_count(0)
    assert_clean(watch)


def test_options_are_shuffled_and_relettered(site, open_page):
    page, watch = open_page("desktop")
    orders = set()
    for _ in range(8):
        page.goto(site.base + LESSON["en"])
        expect(page.locator(".cg-quiz--ready")).to_have_count(1)
        q4 = page.locator('[data-question="q4"]')
        labels = q4.locator(".cg-quiz__option label").all_inner_texts()
        orders.add(tuple(label.split(". ", 1)[1] for label in labels))
        # Letters follow the order on screen, and the answer key uses the same letters.
        assert [label.split(".")[0] for label in labels] == ["A", "B", "C"]
        key = q4.locator(".cg-quiz__key").text_content()
        for label in labels:
            text = label.split(". ", 1)[1]
            assert (label in key) == any(o["text"]["en"] == text and o.get("correct") for o in QUESTIONS["q4"]["options"])
        # Scenario feedback is re-lettered the same way.
        q5 = page.locator('[data-question="q5"]')
        for label in q5.locator(".cg-quiz__option label").all_text_contents():
            letter, text = label.split(". ", 1)
            option = next(o for o in QUESTIONS["q5"]["options"] if o["text"]["en"] == text)
            item = q5.locator(".cg-quiz__feedback-list li", has_text=option["feedback"]["en"])
            expect(item.locator("strong")).to_have_text(f"{letter}.")
        # True-false never moves; an order question never starts in the right order.
        assert page.locator('[data-question="q2"] label').all_text_contents() == ["True", "False"]
        steps = page.locator('[data-question="q3"] .cg-quiz__step-text').all_text_contents()
        assert steps != [s["en"] for s in QUESTIONS["q3"]["steps"]]
    assert len(orders) > 1, orders
    assert_clean(watch)


# -- progress: session by default, local storage only after opting in ----------------------------------------

def storage(page, area: str) -> dict:
    return page.evaluate(f"() => Object.fromEntries(Object.entries({area}).filter(([k]) => k.startsWith('cg:')))")


def answer_all(reader: Reader, verdict: str):
    for qid in QUESTIONS:
        reader.answer(qid, answer_for(qid, reader.lang, verdict))


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_progress_is_remembered_only_after_opting_in(site, open_page, lang):
    t = STRINGS[lang]
    page, watch = open_page("phone")
    page.goto(site.base + LESSON[lang])
    reader = Reader(page, lang, "tap")
    remember = page.get_by_role("checkbox", name=t["remember"])
    expect(remember).not_to_be_checked()
    expect(remember).to_have_accessible_description(t["remember_help"])
    remember.tap()
    answer_all(reader, "right")
    expect(page.locator(".cg-quiz__score")).to_have_text(score(lang, TOTAL))
    assert storage(page, "localStorage") == {KEY: json.dumps({"best": TOTAL, "total": TOTAL}, separators=(",", ":"))}
    assert storage(page, "sessionStorage") == {}

    # Still ticked after a reload; a worse attempt keeps the best score.
    page.reload()
    expect(page.get_by_role("checkbox", name=t["remember"])).to_be_checked()
    answer_all(reader, "wrong")
    expect(page.locator(".cg-quiz__score")).to_have_text(score(lang, 0))

    page.goto(site.base + PROGRESS[lang])
    best = page.locator('[data-lesson-score="demo"]')
    expect(best).to_have_text(f"{TOTAL}/{TOTAL}")
    # The other language reads the same storage.
    other = "en" if lang == "vi" else "vi"
    page.goto(site.base + PROGRESS[other])
    expect(page.locator('[data-lesson-score="demo"]')).to_have_text(f"{TOTAL}/{TOTAL}")
    page.goto(site.base + PROGRESS[lang])

    page.get_by_role("button", name=t["clear_progress"]).tap()
    expect(best).to_have_text(t["progress_none"])
    expect(page.locator(".cg-progress").get_by_role("status")).to_have_text(t["cleared"])
    assert storage(page, "localStorage") == {} and storage(page, "sessionStorage") == {}
    page.reload()
    expect(best).to_have_text(t["progress_none"])
    assert_clean(watch)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_without_opting_in_nothing_outlives_the_session(site, open_page, lang):
    t = STRINGS[lang]
    page, watch = open_page("desktop")
    page.goto(site.base + LESSON[lang])
    reader = Reader(page, lang, "click")
    answer_all(reader, "right")
    reader.press(page.get_by_role("button", name=t["retry_all"]))
    reader.answer("q1", answer_for("q1", lang, "right"))
    assert storage(page, "localStorage") == {}
    assert json.loads(storage(page, "sessionStorage")[KEY]) == {"best": TOTAL, "total": TOTAL}
    page.goto(site.base + PROGRESS[lang])
    expect(page.locator('[data-lesson-score="demo"]')).to_have_text(f"{TOTAL}/{TOTAL}")

    # Ticking then unticking moves the progress to localStorage and back out of it.
    page.goto(site.base + LESSON[lang])
    remember = page.get_by_role("checkbox", name=t["remember"])
    remember.check()
    assert KEY in storage(page, "localStorage") and storage(page, "sessionStorage") == {}
    remember.uncheck()
    assert storage(page, "localStorage") == {}
    assert json.loads(storage(page, "sessionStorage")[KEY])["best"] == TOTAL
    assert_clean(watch)

    # Another browser context (the next person on a shared phone) finds nothing.
    fresh, fresh_watch = open_page("phone")
    fresh.goto(site.base + PROGRESS[lang])
    expect(fresh.locator('[data-lesson-score="demo"]')).to_have_text(t["progress_none"])
    assert storage(fresh, "localStorage") == {} and storage(fresh, "sessionStorage") == {}
    fresh.goto(site.base + LESSON[lang])
    expect(fresh.get_by_role("checkbox", name=t["remember"])).not_to_be_checked()
    assert_clean(fresh_watch)


# -- without JavaScript --------------------------------------------------------------------------------------

IN_VIEW = """(el) => { const r = el.getBoundingClientRect();
  return r.top >= 0 && r.bottom <= window.innerHeight && r.left >= 0 && r.right <= window.innerWidth; }"""


@pytest.mark.parametrize("motion", ["reduce", "no-preference"])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_after_the_last_check_the_score_is_in_view_and_announced(site, open_page, lang, motion):
    page, watch = open_page("phone", reduced_motion=motion)
    page.goto(site.base + LESSON[lang])
    quiz = page.locator(".cg-quiz")
    expect(quiz).to_have_class(re.compile(r"\bcg-quiz--ready\b"))
    reader = Reader(page, lang, "tap")
    plan = PLANS["pointer"]
    for qid, verdict in plan.items():
        reader.answer(qid, answer_for(qid, lang, verdict))
    right = sum(v == "right" for v in plan.values())
    result = quiz.locator(".cg-quiz__score")
    expect(result).to_have_text(score(lang, right))
    # The last Check button was at the bottom of the screen; the score now is on it, and it has focus.
    page.wait_for_function("(el) => { const r = el.getBoundingClientRect(); "
                           "return r.top >= 0 && r.bottom <= window.innerHeight; }", arg=result.element_handle())
    assert result.evaluate(IN_VIEW)
    assert page.evaluate("window.scrollY") > 0
    expect(result).to_be_focused()
    expect(quiz.locator("[aria-live=polite]")).to_contain_text(score(lang, right))
    assert_clean(watch)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_without_javascript_the_answers_are_in_details(site, open_page, lang):
    t = STRINGS[lang]
    page, watch = open_page("phone", java_script_enabled=False)
    page.goto(site.base + LESSON[lang])
    expect(page.locator(".cg-quiz--ready")).to_have_count(0)
    expect(page.get_by_role("button", name=t["check"])).to_have_count(0)
    expect(page.locator("details.cg-quiz__answer")).to_have_count(TOTAL)
    q1 = page.locator('[data-question="q1"]')
    explanation = q1.locator(".cg-quiz__explanation")
    expect(explanation).to_be_hidden()
    q1.get_by_text(t["show_answer"]).tap()
    expect(explanation).to_be_visible()
    expect(explanation).to_have_text(QUESTIONS["q1"]["explanation"][lang])
    expect(q1.locator(".cg-quiz__cite")).to_be_visible()
    # The worksheet's inputs still work.
    q1.get_by_role("radio", name=QUESTIONS["q1"]["options"][0]["text"][lang]).tap()
    expect(q1.get_by_role("radio", name=QUESTIONS["q1"]["options"][0]["text"][lang])).to_be_checked()
    page.goto(site.base + PROGRESS[lang])
    expect(page.get_by_role("button", name=t["clear_progress"])).to_have_count(0)
    assert_clean(watch)


# -- phones: targets, focus, text size, layout, print --------------------------------------------------------

def test_touch_targets_focus_rings_and_text_size_on_a_phone(site, open_page):
    page, watch = open_page("phone")
    page.goto(site.base + LESSON["vi"])
    expect(page.locator(".cg-quiz--ready")).to_have_count(1)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["viewport"]["width"]
    targets = (".cg-quiz__option label, .cg-quiz__check, .cg-quiz__position, .cg-quiz__remember label, .cg-exit, "
               ".cg-quiz__option")
    heights = page.locator(targets).evaluate_all("(els) => els.map((e) => e.getBoundingClientRect().height)")
    assert heights and min(heights) >= 44, heights
    sizes = page.locator(".md-typeset p, .cg-quiz__option label, .cg-quiz__legend, .cg-quiz__check").evaluate_all(
        "(els) => els.map((e) => parseFloat(getComputedStyle(e).fontSize))")
    assert min(sizes) >= 16, sizes
    reader = Reader(page, "vi", "keyboard")
    for selector in ("input[type=radio]", "button.cg-quiz__check", "select"):
        qid = "q3" if selector == "select" else "q1"
        reader.tab_until(FOCUS_IN, [qid, selector])
        ring = page.evaluate("() => { const s = getComputedStyle(document.activeElement);"
                             " return [s.outlineStyle, parseFloat(s.outlineWidth)]; }")
        assert ring[0] != "none" and ring[1] >= 2, (selector, ring)
    reader.answer("q1", answer_for("q1", "vi", "right"))
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["viewport"]["width"]
    assert_clean(watch)


CONTRAST = """(els) => els.map((el) => {
  const rgba = (s) => { const c = s.match(/[\\d.]+/g).map(Number); return c.length === 3 ? [...c, 1] : c; };
  const over = (top, under) => top.slice(0, 3).map((c, i) => c * top[3] + under[i] * (1 - top[3]));
  const lum = (rgb) => rgb.map((c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; })
    .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);
  const layers = [];
  for (let node = el; node; node = node.parentElement) layers.push(rgba(getComputedStyle(node).backgroundColor));
  const bg = layers.reverse().reduce((under, top) => over(top, under), [255, 255, 255]);
  const fg = over(rgba(getComputedStyle(el).color), bg);
  const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a);
  return [el.className || el.tagName, Math.round(((hi + 0.05) / (lo + 0.05)) * 100) / 100];
})"""


def test_text_contrast_meets_wcag_aa(site, open_page):
    page, watch = open_page("phone")
    page.goto(site.base + LESSON["vi"])
    low = page.locator(".cg-quiz__check, .cg-exit, .cg-quiz__option label, .cg-quiz__legend, .cg-quiz__number, "
                       ".cg-quiz__hint, .cg-quiz__remember label, .cg-facts dt, .cg-lesson__reviewed, "
                       ".cg-lesson__summary, h1").evaluate_all(CONTRAST)
    reader = Reader(page, "vi", "tap")
    for qid, verdict in PLANS["pointer"].items():
        reader.answer(qid, answer_for(qid, "vi", verdict))
    low += page.locator(".cg-quiz__feedback, .cg-quiz__cite, .cg-quiz__score, .cg-quiz__retry, "
                        ".cg-quiz__feedback-item--chosen, .cg-quiz__option--chosen label").evaluate_all(CONTRAST)
    page.goto(site.base + "index.html")
    low += page.locator(".cg-hotline__number, .cg-hotline__name, .cg-card__title, .cg-card__number, .cg-card__meta, "
                        ".cg-card__summary").evaluate_all(CONTRAST)
    assert len(low) > 20
    assert [c for c in low if c[1] < 4.5] == [], low
    assert_clean(watch)


def test_hotlines_and_cards_are_big_tap_targets(site, open_page):
    page, watch = open_page("phone")
    for path in ("index.html", "hotlines.html", "en/index.html"):
        page.goto(site.base + path)
        heights = page.locator(".cg-hotline, .cg-card__link, .cg-exit").evaluate_all(
            "(els) => els.map((e) => e.getBoundingClientRect().height)")
        assert heights and min(heights) >= 44, (path, heights)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["viewport"]["width"], path
    assert_clean(watch)


@pytest.fixture(scope="module")
def admonition_site(tmp_path_factory):
    """The mini project with the lesson admonitions the curriculum uses: trainer notes, key messages, bulletin."""
    project = copy_project(FIXTURES / "mini", tmp_path_factory.mktemp("admonitions"))
    extra = {
        "vi": '\n??? trainer "Dành cho tuyên truyền viên"\n    Gợi ý cho người dẫn.\n\n'
              '!!! key-messages "Thông điệp chính"\n    Gọi 111.\n\n!!! bulletin "Bản tin"\n    Loa phường.\n',
        "en": '\n??? trainer "For outreach workers"\n    A hint for the facilitator.\n\n'
              '!!! key-messages "Key messages"\n    Call 111.\n\n!!! bulletin "Bulletin"\n    Loudspeaker.\n',
    }
    for lang, text in extra.items():
        path = project / "lessons" / f"demo.{lang}.md"
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")
    build = run_build(project)
    assert build.returncode == 0, build.output
    server, httpd = serve(build.site)
    yield server
    httpd.shutdown()


def test_custom_admonitions_have_their_icons(admonition_site, open_page):
    page, watch = open_page("desktop")
    page.goto(admonition_site.base + LESSON["en"])
    # The lesson's own trainer notes (the template's session box above the text is a trainer box too).
    for kind, title in (("scenario", ".admonition-title"), ("key-messages", ".admonition-title"),
                        ("bulletin", ".admonition-title"), ("trainer:not(.cg-lesson__session)", "summary")):
        mask = page.locator(f".{kind} > {title}").first.evaluate(
            "(el) => { const s = getComputedStyle(el, '::before'); return s.maskImage || s.webkitMaskImage; }")
        assert mask.startswith('url("data:image/svg+xml'), (kind, mask)
    trainer = page.locator("details.trainer:not(.cg-lesson__session)")
    expect(trainer).not_to_have_attribute("open", "")
    expect(page.get_by_text("A hint for the facilitator.")).to_be_hidden()
    # Browsers without ::details-content: the script opens trainer notes for printing, and closes them after.
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    expect(trainer).to_have_attribute("open", "")
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    expect(trainer).not_to_have_attribute("open", "")
    expect(page.locator(".cg-quiz__answer[open]")).to_have_count(0)
    assert_clean(watch)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_print_shows_the_lesson_and_a_blank_worksheet(admonition_site, open_page, lang):
    page, watch = open_page("desktop")
    page.goto(admonition_site.base + LESSON[lang])
    reader = Reader(page, lang, "click")
    reader.answer("q1", answer_for("q1", lang, "right"))
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".cg-exit", ".cg-quiz__check", ".cg-quiz__feedback",
                     ".cg-quiz__answer", ".cg-quiz__result", ".cg-quiz__remember", ".cg-quiz__explanation"):
        for element in page.locator(selector).all():
            expect(element).to_be_hidden()
    expect(page.locator(".cg-quiz__legend").first).to_be_visible()
    expect(page.locator(".cg-quiz__option").first).to_be_visible()
    hint = {"vi": "Gợi ý cho người dẫn.", "en": "A hint for the facilitator."}[lang]
    expect(page.get_by_text(hint)).to_be_visible()  # trainer notes print open
    page.emulate_media(media="screen")
    expect(page.get_by_text(hint)).to_be_hidden()
    assert_clean(watch)


# -- the real curriculum (run once the content builds) ----------------------------------------------------------

@pytest.mark.slow
def test_every_real_quiz_works_on_a_phone(real_site, real_server, open_page):
    lessons = sorted(p for p in real_site.site.rglob("lessons/*.html") if 'data-module="cg-quiz"' in p.read_text("utf-8"))
    assert lessons
    for path in lessons:
        url = real_server.base + path.relative_to(real_site.site).as_posix()
        page, watch = open_page("phone")
        page.goto(url)
        quiz = page.locator(".cg-quiz").first
        expect(quiz).to_have_class(re.compile(r"\bcg-quiz--ready\b"))
        lang = quiz.get_attribute("data-lang")
        t = STRINGS[lang]
        questions = quiz.locator(".cg-quiz__question")
        n = questions.count()
        for i in range(n):
            q = questions.nth(i)
            selects = q.locator("select")
            if selects.count():
                for j in range(selects.count()):
                    selects.nth(j).select_option(str(j + 1))
            else:
                q.locator("input").first.tap()
            q.get_by_role("button", name=t["check"]).tap()
            expect(q.locator(".cg-quiz__explanation")).to_be_visible()
        expect(quiz.locator(".cg-quiz__score")).to_contain_text(str(n))
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["viewport"]["width"], url
        assert_clean(watch)
        page.context.close()


@pytest.mark.slow
def test_real_progress_page_lists_every_lesson(real_site, real_server, open_page):
    for lang in ("vi", "en"):
        page, watch = open_page("phone")
        page.goto(real_server.base + PROGRESS[lang])
        scores = page.locator("[data-lesson-score]")
        assert scores.count() >= 1
        expect(scores).to_have_text([STRINGS[lang]["progress_none"]] * scores.count())
        assert_clean(watch)


@pytest.mark.slow
def test_real_trainer_notes_print_open(real_site, real_server, open_page):
    path = next(p for p in sorted(real_site.site.rglob("lessons/*.html")) if "details class=\"trainer\"" in
                p.read_text("utf-8"))
    page, watch = open_page("desktop")
    page.goto(real_server.base + path.relative_to(real_site.site).as_posix())
    trainer = page.locator("details.trainer").first
    body = trainer.locator(":scope > :not(summary)").first
    expect(body).to_be_hidden()
    page.emulate_media(media="print")
    expect(body).to_be_visible()
    assert_clean(watch)
