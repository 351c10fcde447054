"""The packages at work in Debian's Chromium: SCORM 1.2 inside a real runtime (scorm-again), offline bundle from file://."""

from __future__ import annotations

import json
import re
import shutil
import zipfile

import pytest
import yaml
from conftest import FIXTURES, PHONE, ROOT, PageWatch, serve
from playwright.sync_api import expect

from canhgiac.i18n import PACKAGE_CATALOGS as STRINGS

pytestmark = pytest.mark.browser

RUNTIME = ROOT / "tests" / "js" / "node_modules" / "scorm-again" / "dist" / "scorm12.min.js"
BANK = yaml.safe_load((FIXTURES / "mini" / "quizzes" / "demo.yml").read_text(encoding="utf-8"))
QUESTIONS = {q["id"]: q for q in BANK["questions"]}
TIMESPAN = re.compile(r"^\d{4}:\d{2}:\d{2}\.\d{2}$")

# The LMS side: scorm-again's SCORM 1.2 runtime as window.API, the package in a frame of the same origin.
HARNESS = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>LMS</title><link rel="icon" href="data:,">
<script src="scorm12.min.js"></script><script src="harness.js"></script></head>
<body><iframe id="sco" title="lesson" style="width:360px;height:640px;border:0"></iframe></body></html>
"""
HARNESS_JS = """
window.finishes = 0;
window.launch = (src, cmi) => {
  const api = new Scorm12API({ autocommit: false, logLevel: 5 });
  if (cmi) api.loadFromJSON(cmi, 'cmi');
  const finish = api.LMSFinish.bind(api);
  api.LMSFinish = (arg) => { window.finishes += 1; return finish(arg); };
  // Every value the package sends, with the runtime's answer: "true" and error 0 when it accepted it.
  window.sets = [];
  const setValue = api.LMSSetValue.bind(api);
  api.LMSSetValue = (name, value) => {
    const result = setValue(name, value);
    window.sets.push([name, value, String(result), String(api.LMSGetLastError())]);
    return result;
  };
  window.API = api;
  document.getElementById('sco').src = src;
};
window.record = () => {
  // The LMS's own view of the data, write-only elements (exit, session_time) included.
  const all = window.API.renderCMIToJSONObject();
  const cmi = all.cmi || all;
  const c = cmi.core;
  return { status: c.lesson_status, raw: c.score.raw, min: c.score.min, max: c.score.max, exit: c.exit,
           suspend_data: cmi.suspend_data, finishes: window.finishes, sets: window.sets,
           session_time: (window.sets.filter((s) => s[0] === 'cmi.core.session_time').pop() || [])[1] };
};
window.leave = () => { document.getElementById('sco').src = 'about:blank'; };
"""


@pytest.fixture(scope="module")
def lms(pkg_site, tmp_path_factory):
    """The SCORM packages unzipped next to the harness page, served over HTTP."""
    root = tmp_path_factory.mktemp("lms")
    shutil.copy(RUNTIME, root / "scorm12.min.js")
    (root / "harness.html").write_text(HARNESS, encoding="utf-8")
    (root / "harness.js").write_text(HARNESS_JS, encoding="utf-8")
    for path in (pkg_site.site / "download").glob("*-scorm12-*.zip"):
        with zipfile.ZipFile(path) as zf:
            zf.extractall(root / path.stem)
    server, httpd = serve(root)
    yield server
    httpd.shutdown()


@pytest.fixture
def harness(browser, lms):
    context = browser.new_context(**PHONE)
    context.set_default_timeout(5000)
    page = context.new_page()
    watch = PageWatch(page)
    page.goto(lms.base + "harness.html")
    yield page, watch
    context.close()


class Learner:
    """Answers the demo quiz inside the LMS frame."""

    def __init__(self, page, lang: str):
        self.page, self.lang, self.t = page, lang, STRINGS[lang]
        self.frame = page.frame_locator("#sco")

    def question(self, qid: str):
        return self.frame.locator(f'.cg-quiz__question[data-question="{qid}"]')

    def answer(self, qid: str, right: bool):
        q, lang = QUESTIONS[qid], self.lang
        here = self.question(qid)
        if q["kind"] == "order":
            steps = [s[lang] for s in q["steps"]]
            positions = range(1, len(steps) + 1) if right else range(len(steps), 0, -1)
            for step, pos in zip(steps, positions, strict=True):
                here.get_by_role("combobox", name=f"{self.t['position']}: {step}").select_option(str(pos))
        elif q["kind"] == "true-false":
            here.get_by_role("radio", name=self.t["true" if q["answer"] == right else "false"]).click()
        else:
            role = "checkbox" if q["kind"] == "multiple" else "radio"
            for option in q["options"]:
                if bool(option.get("correct")) == right:
                    here.get_by_role(role, name=option["text"][lang]).click()
                    if not right:
                        break
        here.get_by_role("button", name=self.t["check"]).click()
        expect(here).to_have_class(re.compile(r"\bcg-quiz__question--answered\b"))

    def chosen(self) -> dict[str, list[str]]:
        return self.frame.locator(".cg-quiz").evaluate("""(root) => {
          const out = {};
          // Options and steps are shuffled on every launch: compare option keys, and positions by step.
          for (const q of root.querySelectorAll('.cg-quiz__question--answered')) {
            const steps = Array.from(q.querySelectorAll('.cg-quiz__step'));
            out[q.dataset.question] = steps.length
              ? steps.sort((a, b) => a.dataset.step - b.dataset.step).map((li) => li.querySelector('select').value)
              : Array.from(q.querySelectorAll('input:checked')).map((i) => i.value).sort();
          }
          return out;
        }""")


def launch(page, src: str, cmi: dict | None = None):
    page.evaluate("([src, cmi]) => launch(src, cmi)", [src, cmi])
    expect(page.frame_locator("#sco").locator("h1")).to_be_visible()
    page.wait_for_function("() => window.API.isInitialized()")


def record(page) -> dict:
    return page.evaluate("() => record()")


def relaunch_data(before: dict) -> dict:
    """What an LMS hands the next launch of a suspended attempt."""
    return {"core": {"lesson_status": before["status"], "entry": "resume",
                     "score": {"raw": before["raw"], "min": before["min"], "max": before["max"]}},
            "suspend_data": before["suspend_data"]}


def leave(page) -> dict:
    page.evaluate("() => leave()")
    page.wait_for_function("() => window.finishes > 0")
    state = record(page)
    refused = [s for s in state["sets"] if s[2:] != ["true", "0"]]
    assert refused == [], f"the runtime refused: {refused}"
    return state


def test_lesson_reports_passed_and_resumes_with_answers_kept(harness):
    page, watch = harness
    launch(page, "canh-giac-vi-scorm12-01-demo/lessons/demo.html")
    assert record(page)["status"] == "incomplete"
    learner = Learner(page, "vi")
    for qid in QUESTIONS:  # 4 of 5 right: 80 %, the pass mark
        learner.answer(qid, right=qid != "q2")
    state = record(page)
    assert (state["status"], state["raw"], state["min"], state["max"]) == ("passed", "80", "0", "100")
    saved = json.loads(state["suspend_data"])
    assert set(saved["quiz"]["answers"]) == set(QUESTIONS) and len(state["suspend_data"]) <= 4096
    chosen = learner.chosen()
    state = leave(page)
    assert state["finishes"] == 1 and TIMESPAN.match(state["session_time"]), state
    assert state["exit"] == "suspend"

    launch(page, "canh-giac-vi-scorm12-01-demo/lessons/demo.html", relaunch_data(state))
    learner = Learner(page, "vi")
    expect(learner.frame.locator(".cg-quiz__question--answered")).to_have_count(len(QUESTIONS))
    assert learner.chosen() == chosen
    expect(learner.frame.locator(".cg-quiz__score")).to_have_text(
        STRINGS["vi"]["score"].replace("{right}", "4").replace("{total}", str(len(QUESTIONS))))
    assert record(page)["status"] == "passed"
    assert watch.errors == [] and watch.external() == []


def test_lesson_resumes_half_done_then_reports_failed(harness):
    page, watch = harness
    src = "canh-giac-en-scorm12-01-demo/en/lessons/demo.html"
    launch(page, src)
    learner = Learner(page, "en")
    learner.answer("q1", right=True)
    learner.answer("q2", right=False)
    chosen = learner.chosen()
    state = leave(page)
    assert state["status"] == "incomplete" and state["raw"] == ""
    assert set(json.loads(state["suspend_data"])["quiz"]["answers"]) == {"q1", "q2"}

    launch(page, src, relaunch_data(state))
    learner = Learner(page, "en")
    expect(learner.frame.locator(".cg-quiz__question--answered")).to_have_count(2)
    assert learner.chosen() == chosen
    assert record(page)["status"] == "incomplete"
    for qid in ("q3", "q4"):
        learner.answer(qid, right=False)
    learner.answer("q5", right=True)
    state = record(page)
    assert (state["status"], state["raw"], state["max"]) == ("failed", "40", "100")
    state = leave(page)
    assert TIMESPAN.match(state["session_time"])
    assert watch.errors == [] and watch.external() == []


def test_course_package_two_scos(harness, pkg_site):
    page, watch = harness
    with zipfile.ZipFile(pkg_site.site / "download" / "canh-giac-vi-scorm12-course.zip") as zf:
        hrefs = re.findall(r'adlcp:scormtype="sco" href="([^"]+)"', zf.read("imsmanifest.xml").decode("utf-8"))
    assert hrefs == ["lessons/demo.html", "lessons/notes.html"]
    base = "canh-giac-vi-scorm12-course/"
    launch(page, base + hrefs[0])
    learner = Learner(page, "vi")
    for qid in QUESTIONS:
        learner.answer(qid, right=True)
    assert (record(page)["status"], record(page)["raw"]) == ("passed", "100")
    assert TIMESPAN.match(leave(page)["session_time"])

    # The second SCO has no quiz: completed once the learner reaches the end of the page, not before.
    launch(page, base + hrefs[1])
    assert record(page)["status"] == "incomplete"
    frame = page.frame_locator("#sco")
    frame.locator("article").evaluate("(a) => a.lastElementChild.scrollIntoView()")
    page.wait_for_function("() => window.API.cmi.core.lesson_status === 'completed'")
    state = leave(page)
    assert state["status"] == "completed" and TIMESPAN.match(state["session_time"])
    assert watch.errors == [] and watch.external() == []


def test_package_page_without_an_lms_works_as_on_the_website(browser, lms):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    watch = PageWatch(page)
    page.goto(lms.base + "canh-giac-en-scorm12-01-demo/en/lessons/demo.html")
    learner = Learner(page, "en")
    learner.frame = page  # no frame: the page itself
    learner.answer("q1", right=True)
    expect(page.locator('[data-question="q1"] .cg-quiz__feedback')).to_have_text(STRINGS["en"]["correct"])
    assert watch.errors == [] and watch.external() == []
    assert all(u.startswith(lms.base + "canh-giac-en-scorm12-01-demo/") for u in watch.requests
               if not u.startswith("data:"))
    context.close()


# -- the offline bundle, unzipped and opened from file:// -------------------------------------------------------

def test_offline_bundle_works_from_file(browser, pkg_site, tmp_path):
    with zipfile.ZipFile(pkg_site.site / "download" / "canh-giac-vi-offline.zip") as zf:
        zf.extractall(tmp_path)
    folder = tmp_path / "canh-giac-vi-offline"
    context = browser.new_context(**PHONE)
    context.set_default_timeout(5000)
    left: list[str] = []

    def outside(route):
        left.append(route.request.url)
        route.abort()

    context.route(re.compile(r"^(?!file:).*"), outside)
    page = context.new_page()
    watch = PageWatch(page)
    page.goto((folder / "bat-dau.html").as_uri())
    page.wait_for_url(re.compile(r"/canh-giac-vi-offline/index\.html$"))
    # Navigation: from the home page to a lesson.
    page.locator('.md-content a[href$="lessons/demo.html"]').first.click()
    page.wait_for_url(re.compile(r"/lessons/demo\.html$"))
    expect(page.locator("h1").first).to_have_text("Lao động và an toàn")
    # A quiz.
    learner = Learner(page, "vi")
    learner.frame = page
    learner.answer("q2", right=True)
    expect(page.locator('[data-question="q2"] .cg-quiz__feedback')).to_have_text(STRINGS["vi"]["correct"])
    # Search, typed without accents, from file:// (the index is a script, not a fetch).
    page.locator(".cg-search-button").click()
    expect(page.locator("dialog.cg-search")).to_be_visible()
    page.locator("#cg-search-input").fill("lao dong")
    found = page.locator(".cg-search__link").first
    expect(found).to_have_attribute("href", re.compile(r"lessons/demo\.html"))
    page.keyboard.press("Escape")
    # The language switch.
    page.locator('a.md-select__link[hreflang="en"]').evaluate("(a) => a.click()")
    page.wait_for_url(re.compile(r"/en/lessons/demo\.html$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1").first).to_have_text("Labour and safety")
    # Hotline links call the number.
    page.goto((folder / "hotlines.html").as_uri())
    assert page.locator('a[href^="tel:"]').count() > 0
    # Links to files the bundle does not carry (the packages) go to the published site instead of a dead end.
    page.goto((folder / "downloads.html").as_uri())
    hrefs = page.locator("a[download]").evaluate_all("(links) => links.map((a) => a.href)")
    assert hrefs and all(h.startswith("https://example.org/canh-giac/download/") for h in hrefs)
    assert left == [] and watch.errors == []
    assert all(u.startswith("file:") or u.startswith("data:") for u in watch.requests), watch.requests
    context.close()
