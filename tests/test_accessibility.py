"""WCAG 2.1 AA and the Content-Security-Policy, in real Chromium.

axe-core (tests/js, pinned in package-lock.json, installed by scripts/setup --test) runs on every page of both
languages at a phone and a desktop size, before and after answering the quizzes and opening every <details>;
the menu is walked by keyboard; every focus stop shows a ring; no page breaks its own policy.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from conftest import ROOT, answer_every_question, serve
from playwright.sync_api import expect

from canhgiac.plugin.pages import CONTENT_SECURITY_POLICY

AXE = ROOT / "tests" / "js" / "node_modules" / "axe-core" / "axe.min.js"
SIZES = {"360x740": {"width": 360, "height": 740}, "1280x800": {"width": 1280, "height": 800}}
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def _pages(site) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                  if "assets" not in p.parts and p.name != "404.html")


# -- The built HTML: the policy is on every page, and nothing inline needs an exception to it --------------------
class _Inline(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.csp: list[str] = []
        self.referrer: list[str] = []
        self.problems: list[str] = []
        self.in_inline_script = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and (a.get("http-equiv") or "").lower() == "content-security-policy":
            self.csp.append(a.get("content") or "")
        if tag == "meta" and a.get("name") == "referrer":
            self.referrer.append(a.get("content") or "")
        if tag == "script" and not a.get("src") and a.get("type") != "application/json":
            self.problems.append(f"inline <script> {a}")
        if tag == "style":
            self.problems.append("<style> element")
        for name, _ in attrs:
            if name == "style" or name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...>")
        if tag == "input" and a.get("type") == "checkbox" and "autocomplete" in a:
            self.problems.append(f"autocomplete on checkbox {a.get('id')}")
        if tag == "a" and (a.get("href") or "").lower().startswith("javascript:"):
            self.problems.append("javascript: link")


def _check_html(site):
    pages = sorted(p for p in site.rglob("*.html") if "assets" not in p.parts)
    assert pages
    for path in pages:
        parser = _Inline()
        parser.feed(path.read_text(encoding="utf-8"))
        name = path.relative_to(site).as_posix()
        assert parser.referrer == ["no-referrer"], name
        if name == "404.html":
            # The one exception: served at any depth under an unknown root, the 404 page cannot point at the site's
            # files, so it carries its style and one small script inline, each allowed by its hash in its own
            # stricter policy (tests/test_search.py checks the hashes); still nothing else, and nothing unsafe.
            (policy,) = parser.csp
            assert "unsafe" not in policy and policy.startswith("default-src 'none'"), policy
            assert all(p.startswith(("inline <script>", "<style> element")) for p in parser.problems), parser.problems
            continue
        assert parser.csp == [CONTENT_SECURITY_POLICY], name
        assert parser.problems == [], name


def test_every_page_has_the_policy_and_nothing_inline(mini_site):
    _check_html(mini_site.site)


@pytest.mark.slow
def test_every_page_of_the_real_site_has_the_policy_and_nothing_inline(real_site):
    _check_html(real_site.site)


def test_the_policy_allows_only_the_site_itself():
    directives = dict(d.split(" ", 1) for d in CONTENT_SECURITY_POLICY.split("; "))
    assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'" and directives["base-uri"] == "'self'"
    assert "unsafe" not in CONTENT_SECURITY_POLICY and "http" not in CONTENT_SECURITY_POLICY


def test_wide_tables_are_labelled_focusable_regions(mini):
    """Wrapped at build time (no script needed): a keyboard can scroll them."""
    page = mini / "docs" / "index.vi.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n\n| Tội danh | Hình phạt | Điều |\n|---|---|---|\n"
                    "| Mua bán người | 5 đến 10 năm | 150 |\n", encoding="utf-8")
    from conftest import run_build

    build = run_build(mini)
    assert build.returncode == 0, build.output
    html = (build.site / "index.html").read_text(encoding="utf-8")
    assert ('<div class="md-typeset__scrollwrap cg-table" tabindex="0" role="region" '
            'aria-label="Bảng: Tội danh, Hình phạt, Điều"><div class="md-typeset__table"><table>') in html


# -- In the browser -----------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def mini_server(mini_site):
    server, httpd = serve(mini_site.site)
    yield server
    httpd.shutdown()


def _interact(page):
    """Open every <details> and answer every quiz question (the first option, or the given order)."""
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    answer_every_question(page)


def axe_violations(page) -> list[str]:
    """Run axe-core (WCAG 2.0/2.1 A and AA) on the page; one line per failing element."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("o => axe.run(document, o)", {"runOnly": WCAG, "resultTypes": ["violations"]})
    return [f"{v['id']}: {n['target']} {n['failureSummary'].splitlines()[-1].strip()}"
            for v in result["violations"] for n in v["nodes"]]


def _axe_site(browser, base, pages, size):
    # bypass_csp: axe is injected as a script the page's own policy would (rightly) refuse.
    context = browser.new_context(viewport=SIZES[size], bypass_csp=True)
    found = {}
    for path in pages:
        page = context.new_page()
        page.goto(base + path)
        before = axe_violations(page)
        _interact(page)
        after = axe_violations(page)
        if before or after:
            found[path] = {"before": before, "after": after}
        page.close()
    context.close()
    return found


@pytest.mark.browser
@pytest.mark.parametrize("size", SIZES)
def test_axe_finds_nothing_on_any_page(browser, mini_site, mini_server, size):
    pages = _pages(mini_site.site)
    assert "lessons/demo.html" in pages and "en/progress.html" in pages
    assert _axe_site(browser, mini_server.base, pages, size) == {}


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize("size", SIZES)
def test_axe_finds_nothing_on_any_page_of_the_real_site(browser, real_site, real_server, size):
    pages = _pages(real_site.site)
    assert len(pages) >= 36
    if size == "360x740":
        # The presentations are made for a hall's 16:9 screen; test_present.py runs axe on them at 1280x720 and
        # 1920x1080. On a phone a long real slide scrolls inside itself (a known limit, noted in the developers' notes).
        pages = [p for p in pages if "/present/" not in f"/{p}"]
    else:
        # Every page is checked on a phone; on a wide screen, where only the layout differs, every page but one lesson
        # and one presentation of each language (the others are the same templates with other words).
        pages = _one_lesson_and_presentation_per_language(pages)
    assert _axe_site(browser, real_server.base, pages, size) == {}


def _one_lesson_and_presentation_per_language(pages: list[str]) -> list[str]:
    kept, seen = [], set()
    for path in pages:
        parts = path.split("/")
        kind = next((k for k in ("lessons", "present") if k in parts[:-1]), None)
        key = (parts[0] if parts[0] != kind else "", kind)
        if kind is None or key not in seen:
            kept.append(path)
            seen.add(key)
    return kept


@pytest.mark.browser
def test_no_policy_violation_while_using_the_quiz_and_the_progress_page(browser, mini_server):
    context = browser.new_context(viewport=SIZES["360x740"])
    context.add_init_script("""window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(
            e.violatedDirective + ' ' + e.blockedURI));""")
    messages = []
    page = context.new_page()
    page.on("console", lambda m: messages.append(m.text))
    page.on("pageerror", lambda e: messages.append(str(e)))
    page.goto(mini_server.base + "lessons/demo.html")
    assert page.locator(".cg-quiz--ready").count() == 1   # the scripts ran under the policy
    _interact(page)
    page.locator(".cg-quiz__remember input").check()
    assert page.locator(".cg-quiz__score").inner_text()
    assert page.evaluate("window.__cspViolations") == []
    page.goto(mini_server.base + "progress.html")
    assert page.locator(".cg-progress--ready").count() == 1
    page.locator(".cg-progress__clear").click()
    page.keyboard.press("Shift")   # the exit's indicator and status line
    assert page.evaluate("window.__cspViolations") == []
    assert [m for m in messages if re.search(r"Content.Security.Policy|Refused", m)] == []
    context.close()


def _tab_stops(page, limit=120):
    """Press Tab until focus comes back round; the focused elements, in order, with their geometry and ring."""
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        info = page.evaluate("""() => { const e = document.activeElement;
            if (!e || e === document.body) return null;
            const s = getComputedStyle(e);
            // A radio or checkbox is pressed through its label too: the bigger of the two is the target.
            const r = [e, ...(e.labels || [])].map(x => x.getBoundingClientRect())
                .reduce((a, b) => (b.width * b.height > a.width * a.height ? b : a));
            return {key: e.outerHTML.slice(0, 90), cls: e.className && String(e.className), tag: e.tagName,
                    inDrawer: !!e.closest('.md-sidebar--primary'), width: r.width, height: r.height,
                    outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2}; }""")
        if info is None or (stops and info["key"] == stops[0]["key"]):
            break
        stops.append(info)
    return stops


@pytest.mark.browser
def test_keyboard_walk_of_the_menu_on_a_phone(browser, mini_server):
    context = browser.new_context(viewport=SIZES["360x740"])
    page = context.new_page()
    page.goto(mini_server.base + "lessons/demo.html")
    # Closed: Tab never stops on one of the drawer's (invisible) links.
    stops = _tab_stops(page)
    assert stops and not [s for s in stops if s["inDrawer"]]
    assert any("cg-menu" in s["cls"] for s in stops)
    assert "cg-exit" in stops[0]["cls"] or "cg-exit" in stops[1]["cls"]   # the exit comes first (after "skip")
    # Tab reaches the menu button; Enter opens the drawer and moves focus into it.
    page.goto(mini_server.base + "index.html")
    button = page.locator(".cg-menu")

    def tab_to_button():
        for _ in range(10):
            page.keyboard.press("Tab")
            if button.evaluate("b => b === document.activeElement"):
                return True
        return False

    assert tab_to_button()
    page.keyboard.press("Enter")
    page.wait_for_timeout(400)
    assert page.locator("#__drawer").is_checked() and button.get_attribute("aria-expanded") == "true"
    # Its links are reachable, each visible.
    reached = []
    for _ in range(6):  # home, the lessons, my progress, then the hotlines (the reading order)
        assert page.evaluate("!!document.activeElement.closest('.md-sidebar--primary')")
        assert page.evaluate("document.activeElement.getBoundingClientRect().left >= 0")
        reached.append(page.evaluate("document.activeElement.textContent.trim()"))
        page.keyboard.press("Tab")
    assert "Đường dây nóng và nơi liên hệ" in reached, reached
    # Escape closes it and gives focus back to the button; the links leave the tab order again.
    page.keyboard.press("Escape")
    page.wait_for_timeout(400)
    assert not page.locator("#__drawer").is_checked() and button.get_attribute("aria-expanded") == "false"
    assert button.evaluate("b => b === document.activeElement")
    assert page.locator(".md-sidebar--primary").evaluate("e => getComputedStyle(e).visibility") == "hidden"
    # Enter on the button toggles: open, then closed again.
    page.keyboard.press("Enter")
    page.wait_for_timeout(400)
    assert page.locator("#__drawer").is_checked()
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_timeout(400)
    assert not page.locator("#__drawer").is_checked()
    # Tabbing out of the open drawer closes it: focus never wanders behind the overlay.
    page.keyboard.press("Enter")
    page.wait_for_timeout(400)
    for _ in range(30):
        page.keyboard.press("Tab")
        if not page.evaluate("!!document.activeElement.closest('.md-sidebar--primary')"):
            break
    page.wait_for_timeout(400)
    assert not page.locator("#__drawer").is_checked()
    context.close()


@pytest.mark.browser
def test_lessons_section_opens_with_enter_and_space(browser, mini_server):
    context = browser.new_context(viewport=SIZES["1280x800"])
    page = context.new_page()
    page.goto(mini_server.base + "index.html")
    section = page.locator(".md-sidebar--primary label.md-nav__link[for^='__nav_']").first
    toggle = page.locator("#" + section.get_attribute("for"))
    link = page.locator(".md-sidebar--primary a[href$='lessons/demo.html']")
    assert not toggle.is_checked() and not link.is_visible()
    section.focus()
    page.keyboard.press("Enter")
    page.wait_for_timeout(400)
    assert toggle.is_checked() and link.is_visible()
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press(" ")
    page.wait_for_timeout(400)
    assert not toggle.is_checked()
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("size", SIZES)
def test_every_focus_stop_shows_a_ring_and_is_big_enough(browser, mini_server, size):
    context = browser.new_context(viewport=SIZES[size])
    page = context.new_page()
    page.goto(mini_server.base + "lessons/demo.html")
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    stops = _tab_stops(page)
    assert len(stops) > 10
    assert [s["key"] for s in stops if not s["outline"]] == []
    assert [s["key"] for s in stops if s["width"] == 0 or s["height"] == 0] == []  # no invisible stop
    if size == "360x740":
        # Touch targets: 44 px, except links inside running text (WCAG's inline exception).
        small = [s["key"] for s in stops if min(s["width"], s["height"]) < 44 and s["tag"] != "A"]
        assert small == []
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("width", [320, 640])
def test_text_at_200_percent_loses_nothing(browser, mini_server, width):
    """A 1280 px window at 200 % (640 CSS px) and at 400 % (320): no sideways scrolling, the exit still there."""
    context = browser.new_context(viewport={"width": width, "height": 400})
    page = context.new_page()
    for path in ("index.html", "lessons/demo.html", "en/hotlines.html", "legal.html"):
        page.goto(mini_server.base + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path
        assert page.locator("#cg-quick-exit").is_visible()
    context.close()


@pytest.mark.browser
def test_contrast_holds_in_print(browser, mini_site, mini_server):
    """Printed from the browser, text and links stay readable (the print styles change colours)."""
    context = browser.new_context(viewport={"width": 800, "height": 1100}, bypass_csp=True)
    found = {}
    for path in _pages(mini_site.site):
        page = context.new_page()
        page.emulate_media(media="print")
        page.goto(mini_server.base + path)
        page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("o => axe.run(document, o)", {
            "runOnly": {"type": "rule", "values": ["color-contrast", "link-in-text-block"]},
            "resultTypes": ["violations"]})
        if result["violations"]:
            found[path] = [(v["id"], n["target"]) for v in result["violations"] for n in v["nodes"]]
        page.close()
    context.close()
    assert found == {}


@pytest.mark.browser
def test_text_at_200_percent_on_a_phone_loses_nothing(browser, mini_server):
    """Text-only zoom (the browser's font size setting at 200 %): still no sideways scrolling, every control visible."""
    context = browser.new_context(viewport=SIZES["360x740"], bypass_csp=True)   # the test's own <style>
    page = context.new_page()
    for path in ("index.html", "lessons/demo.html", "en/progress.html"):
        page.goto(mini_server.base + path)
        page.add_style_tag(content="html { font-size: 250% !important; }")   # Material's 125 %, doubled
        page.wait_for_timeout(100)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, path
        exit_box = page.locator("#cg-quick-exit").bounding_box()
        assert exit_box["x"] >= 0 and exit_box["x"] + exit_box["width"] <= 360, path
        for control in (".cg-menu", ".cg-lang__button"):   # the exit covers no header control
            box = page.locator(control).bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= exit_box["x"], (path, control)
    context.close()


# -- the header and the menu on a phone: the whole name, a named language button, contrast, axe with things open --

LESSON_PAGES = {"vi": "lessons/demo.html", "en": "en/lessons/demo.html"}
PHONE_SIZE = {"viewport": SIZES["360x740"], "is_mobile": True, "has_touch": True, "device_scale_factor": 2}


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_phone_header_shows_the_whole_site_name_and_names_the_language(browser, mini_server, lang):
    from test_quiz_browser import CONTRAST

    from canhgiac.i18n import PACKAGE_CATALOGS as STRINGS

    context = browser.new_context(**PHONE_SIZE)
    page = context.new_page()
    page.goto(mini_server.base + LESSON_PAGES[lang])
    fits = "(el) => el.scrollWidth <= el.clientWidth && el.getBoundingClientRect().width > 20"
    for part in (".md-header__title", ".md-header__title .md-header__topic:first-child .md-ellipsis"):
        assert page.locator(part).evaluate(fits), part
    button = page.get_by_role("button", name=STRINGS[lang]["language_button"], exact=True)
    expect(button).to_be_visible()
    expect(button.locator("svg")).to_be_visible()   # the translate icon, beside the code
    expect(button).to_contain_text(STRINGS[lang]["language_short"])
    button.hover()   # the state a tap leaves behind: the code keeps its contrast
    assert button.evaluate("(el) => getComputedStyle(el).opacity") == "1"
    [(_, ratio)] = button.locator(".cg-lang__code").evaluate_all(CONTRAST)
    assert ratio >= 4.5, ratio
    # The language list by keyboard: a ring that shows on its white (3:1 for a non-text indicator).
    page.mouse.click(5, 400)
    button.focus()
    page.keyboard.press("Tab")
    link = page.locator(".md-select__link:focus-visible")
    expect(link).to_have_count(1)
    ring = link.evaluate("(el) => getComputedStyle(el).outlineColor")
    [(_, ring_ratio)] = page.evaluate(f"""() => {{ const el = document.createElement('span');
        el.style.color = '{ring}'; el.style.background = 'white'; document.body.append(el);
        return ({CONTRAST})([el]); }}""")
    assert ring_ratio >= 3, (ring, ring_ratio)
    # The menu's section title over its grey band.
    page.locator(".cg-menu").click()
    title = page.locator(".md-sidebar--primary .md-nav__title:not([for='__drawer']):visible").first
    expect(title).to_be_visible()
    [(_, ratio)] = title.evaluate_all(CONTRAST)
    assert ratio >= 4.5, ratio
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_axe_finds_nothing_with_the_menu_or_the_language_list_open_on_a_phone(browser, mini_server, lang):
    context = browser.new_context(**PHONE_SIZE, bypass_csp=True)
    found = {}
    for state in ("menu", "languages"):
        page = context.new_page()
        page.goto(mini_server.base + LESSON_PAGES[lang])
        if state == "menu":
            page.locator(".cg-menu").click()
            expect(page.locator("#__drawer")).to_be_checked()
        else:
            page.locator(".cg-lang__button").focus()
        expect(page.locator(".md-sidebar--primary" if state == "menu" else ".md-select__link").first).to_be_visible()
        page.wait_for_timeout(400)   # the drawer has slid in
        if violations := axe_violations(page):
            found[state] = violations
        page.close()
    context.close()
    assert found == {}
