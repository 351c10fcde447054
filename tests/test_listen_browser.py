"""Listen: a lesson read aloud by the phone's voice, in Chromium with a recording stand-in for speechSynthesis
(the page cannot tell it from the real one): the page's language, sections in order, the sentence highlighted,
pause, resume, next part, slower, stop on the quick exit and when the page is left, and the no-voice message."""

from __future__ import annotations

import json
import re

import pytest
from conftest import serve, wait_js

pytestmark = pytest.mark.browser

VI = {"name": "Giọng Việt", "lang": "vi-VN", "localService": True, "default": False}
EN = {"name": "English voice", "lang": "en-US", "localService": True, "default": True}
REMOTE_VI = {"name": "Cloud Vietnamese", "lang": "vi-VN", "localService": False, "default": False}
NEUTRAL = "<!doctype html><title>Weather</title><p>neutral page</p>"
NO_VOICE = {"vi": "Điện thoại chưa có giọng đọc tiếng Việt.", "en": "This phone has no English voice yet."}

# A stand-in for the Web Speech API: records every utterance, ends the current one when the test says so (firing
# onboundary, then onend), and, as browsers do, ends the current one on cancel() (onerror "interrupted", onend).
FAKE_SPEECH = """(() => {
  const VOICES = %s, LATE_MS = %s;
  const rec = window.__speech = { spoken: [], cancels: 0, current: null, listeners: [] };
  let ready = LATE_MS < 0;
  class Utterance {
    constructor(text) { this.text = text; this.lang = ''; this.rate = 1; this.voice = null; }
  }
  const finish = (u, how) => {
    if (how && u.onerror) u.onerror({ error: how });
    if (u.onend) u.onend({});
  };
  const synth = {
    getVoices: () => (ready ? VOICES : []),
    speak(u) {
      rec.spoken.push({ text: u.text, lang: u.lang, rate: u.rate, voice: u.voice && u.voice.name });
      rec.current = u;
      if (window.__report) window.__report('speak');
    },
    cancel() {
      rec.cancels += 1;
      if (window.__report) window.__report(window.__left ? 'cancel on pagehide' : 'cancel');
      const u = rec.current;
      rec.current = null;
      if (u) finish(u, 'interrupted');
    },
    pause() {}, resume() {},
    addEventListener(type, fn) { if (type === 'voiceschanged') rec.listeners.push(fn); },
    removeEventListener(type, fn) { rec.listeners = rec.listeners.filter((f) => f !== fn); },
  };
  rec.end = () => {
    const u = rec.current;
    if (!u) return false;
    rec.current = null;
    if (u.onboundary) u.onboundary({ name: 'word', charIndex: 0 });
    finish(u, '');
    return true;
  };
  if (LATE_MS >= 0) setTimeout(() => { ready = true; rec.listeners.slice().forEach((f) => f()); }, LATE_MS);
  window.addEventListener('pagehide', () => { window.__left = true; }, true);
  Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
  window.SpeechSynthesisUtterance = Utterance;
})();"""


@pytest.fixture(scope="module")
def site(mini_site):
    server, httpd = serve(mini_site.site)
    yield server
    httpd.shutdown()


def lesson_url(site, lang: str) -> str:
    return site.base + ("" if lang == "vi" else f"{lang}/") + "lessons/demo.html"


@pytest.fixture
def listening(open_page, site):
    """Open the demo lesson with the stand-in voices (`late_ms`: voices arrive after that long; -1 at once)."""
    def _open(lang="vi", voices=(VI, EN), late_ms=-1):
        page, watch = open_page("phone")
        page.context.route("https://www.google.com/**", lambda r: r.fulfill(body=NEUTRAL, content_type="text/html"))
        page.add_init_script(FAKE_SPEECH % (json.dumps(list(voices)), late_ms))
        page.goto(lesson_url(site, lang))
        return page, watch
    return _open


def spoken(page) -> list[dict]:
    return page.evaluate("window.__speech.spoken")


def wait_spoken(page, n: int) -> list[dict]:
    wait_js(page, "n => window.__speech.spoken.length >= n", n)
    return spoken(page)


def highlighted(page) -> str:
    """The highlighted text, without spaces (each text node read is its own range, trimmed)."""
    return page.evaluate("""() => {
        const h = CSS.highlights.get('cg-listen');
        return h ? [...h].map((r) => r.toString()).join('').replace(/\\s+/g, '') : '';
    }""")


def bare(text: str) -> str:
    return re.sub(r"\s+", "", text)


def end(page) -> None:
    assert page.evaluate("window.__speech.end()")


def button(page, name: str):
    return page.get_by_role("button", name=name, exact=True)


@pytest.mark.parametrize("lang, listen, first", [("vi", "Nghe bài", ["Bài 1", "Lao động và an toàn", "Bài thử."]),
                                                  ("en", "Listen", ["Lesson 1"])])
def test_it_reads_the_lesson_in_the_pages_language_sentence_by_sentence(listening, lang, listen, first):
    page, watch = listening(lang)
    button(page, listen).click()
    said = wait_spoken(page, 1)
    for i in range(12):
        assert highlighted(page) == bare(said[-1]["text"])     # the sentence being read is the one highlighted
        end(page)
        said = wait_spoken(page, i + 2)
    texts = [s["text"] for s in said]
    assert texts[:len(first)] == first
    voice = VI if lang == "vi" else EN
    assert {(s["lang"], s["voice"], s["rate"]) for s in said} == {(voice["lang"], voice["name"], 1)}
    assert not any("¶" in t or "BLHS" in t or "Article 150" in t for t in texts)  # no anchors, no source markers
    if lang == "vi":
        # a sentence with a source marker is read without it; the trainers' notes and the quiz are not read
        assert "Người mua bán người bị phạt tù từ 05 năm đến 10 năm." in texts
        assert not [t for t in texts if "Thời lượng" in t or "Gọi số nào" in t]
    assert watch.external() == [] and watch.errors == []


def test_sections_in_order_and_next_part_skips_to_the_next_heading(listening):
    page, _ = listening("vi")
    button(page, "Nghe bài").click()
    wait_spoken(page, 1)
    headings = page.eval_on_selector_all(
        "article h2", "hs => hs.filter((h) => !h.closest('details, .cg-lesson__sources'))"
        ".map((h) => h.firstChild.textContent.trim())")
    assert len(headings) >= 3    # the objectives, the lesson's parts, the quiz (the laws cited close the page unread)
    status = page.locator(".cg-tools__status")
    assert re.fullmatch(r"Đang đọc phần 1/\d+", status.text_content())
    for n, heading in enumerate(headings, start=2):
        button(page, "Phần sau").click()
        assert wait_spoken(page, n)[-1]["text"] == heading
        assert highlighted(page) == bare(heading)
        assert status.text_content().startswith(f"Đang đọc phần {n}/")
    button(page, "Phần sau").click()                        # after the last part: it stops
    wait_js(page, "!document.querySelector('.cg-tools__panel') || document.querySelector('.cg-tools__panel').hidden")
    assert button(page, "Nghe bài").is_visible() and highlighted(page) == ""


def test_pause_resume_and_slower(listening):
    page, _ = listening("vi")
    button(page, "Nghe bài").click()
    wait_spoken(page, 1)
    end(page)
    said = wait_spoken(page, 2)
    cancels = page.evaluate("window.__speech.cancels")
    button(page, "Tạm dừng").click()
    assert page.evaluate("window.__speech.cancels") > cancels
    assert page.evaluate("window.__speech.current") is None
    page.wait_for_timeout(300)
    assert len(spoken(page)) == 2                            # silent while paused
    assert highlighted(page) == bare(said[-1]["text"])      # the place is kept
    button(page, "Nghe tiếp").click()                        # the sentence again, from its start
    again = wait_spoken(page, 3)
    assert again[-1]["text"] == said[-1]["text"] and again[-1]["rate"] == 1
    slower = button(page, "Đọc chậm")
    assert slower.get_attribute("aria-pressed") == "false"
    slower.click()
    assert slower.get_attribute("aria-pressed") == "true"
    slow = wait_spoken(page, 4)
    assert slow[-1]["text"] == said[-1]["text"] and slow[-1]["rate"] < 1
    end(page)
    assert wait_spoken(page, 5)[-1]["rate"] < 1              # and it stays slower
    button(page, "Dừng nghe").click()
    assert highlighted(page) == "" and button(page, "Nghe bài").is_visible()
    assert page.evaluate("document.activeElement.dataset.tool") == "listen"


def test_the_quick_exit_silences_it(listening):
    page, _ = listening("vi")
    calls: list[str] = []   # what the page asked of the voice, as it happened (the page is gone afterwards)
    page.expose_function("__report", lambda kind: calls.append(kind))
    button(page, "Nghe bài").click()
    wait_spoken(page, 1)
    end(page)
    wait_spoken(page, 2)
    assert calls[-2:] == ["speak", "speak"]
    calls.clear()
    page.locator("#cg-quick-exit").click()
    page.wait_for_url("https://www.google.com/**")
    assert "neutral page" in page.content()
    # the exit cancelled the sentence being read at once (not only when the page went), and its end did not start
    # the next one
    assert calls[:1] == ["cancel"] and "speak" not in calls


def test_leaving_the_page_stops_and_hiding_it_pauses(listening):
    page, _ = listening("vi")
    button(page, "Nghe bài").click()
    wait_spoken(page, 1)
    page.evaluate("""() => {
        Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
        document.dispatchEvent(new Event('visibilitychange'));
    }""")
    assert button(page, "Nghe tiếp").is_visible()
    assert page.evaluate("window.__speech.current") is None
    page.evaluate("window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: true }))")
    assert button(page, "Nghe bài").is_visible() and highlighted(page) == ""


@pytest.mark.parametrize("lang, voices", [("vi", [EN]), ("vi", [REMOTE_VI, EN]), ("en", [VI]), ("vi", [])])
def test_without_a_voice_for_the_language_it_says_how_to_add_one(listening, lang, voices):
    page, watch = listening(lang, voices)
    button(page, "Nghe bài" if lang == "vi" else "Listen").click()
    status = page.locator(".cg-tools__status")
    status.filter(has_text=NO_VOICE[lang]).wait_for(timeout=5000)   # at most the wait for voices (2 s)
    text = status.text_content()
    assert ("Cài đặt" if lang == "vi" else "Settings") in text
    assert spoken(page) == [] and page.locator(".cg-tools__panel:visible").count() == 0
    assert watch.errors == []


def test_voices_that_arrive_late_are_waited_for(listening):
    page, _ = listening("vi", late_ms=400)
    button(page, "Nghe bài").click()
    assert wait_spoken(page, 1)[0]["voice"] == VI["name"]


def test_where_the_browser_cannot_speak_it_says_so(open_page, site):
    page, watch = open_page("phone")
    page.add_init_script("Object.defineProperty(window, 'speechSynthesis', { value: undefined })")
    page.goto(lesson_url(site, "vi"))
    button(page, "Nghe bài").click()
    page.locator(".cg-tools__status").filter(has_text=NO_VOICE["vi"]).wait_for()
    assert watch.errors == []


def test_the_module_is_loaded_only_when_pressed(listening):
    page, watch = listening("vi")
    page.wait_for_load_state("load")
    assert not [u for u in watch.requests if u.endswith(("/listen.js", "/share.js", "/tools.css"))]
    button(page, "Nghe bài").click()
    wait_spoken(page, 1)
    assert [u for u in watch.requests if u.endswith("/listen.js")]
    assert [u for u in watch.requests if u.endswith("/tools.css")]
    assert not [u for u in watch.requests if u.endswith("/share.js")]
