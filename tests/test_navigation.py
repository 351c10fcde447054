"""Navigation and page cost: reading order, the pruned menu, lesson layout, glossary A–Z, page weight and unit size."""

from __future__ import annotations

import gzip
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from conftest import DESKTOP, PHONE, ROOT, PageWatch, run_build, serve
from playwright.sync_api import expect
from sitecheck import unit_size

from canhgiac.glossary import anchor, collation_key, initial
from canhgiac.i18n import PACKAGE_CATALOGS as STRINGS

sys.path.insert(0, str(ROOT / "scripts"))
from bench_build import make_project  # noqa: E402  (the benchmark's synthetic curriculum, reused)

FIRST_LOAD_BUDGET = 50_000  # gzip bytes: a lesson page and everything it loads, on a first visit
# gzip bytes: the next lesson, with the browser's cache warm. 16 KB since every legal statement carries its source
# marker (the densest lesson has 44, about 0.8 KB gzip of the page).
NEXT_PAGE_BUDGET = 16_000
# After the lessons: the reader's progress, then the reference pages; never "About" straight after a lesson.
AFTER_LESSONS = ["progress.html", "hotlines.html", "safety.html", "glossary.html", "legal.html", "guide.html",
                 "programme.html", "print.html", "downloads.html", "about.html"]


def curriculum(lang: str) -> list[str]:
    """Lesson pages in curriculum order, read from the lessons' own front matter."""
    lessons = []
    for path in (ROOT / "lessons").glob(f"*.{lang}.md"):
        meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
        lessons.append((meta["order"], f"lessons/{meta['id']}.html"))
    return [page for _, page in sorted(lessons)]


def prefix(lang: str) -> str:
    return "" if lang == "vi" else f"{lang}/"


# -- collation (no build) --------------------------------------------------------------------------------

def test_vietnamese_collation_letters_first_then_tones():
    terms = ["Đường dây nóng", "Dạ", "Dân quân", "Ăn ở", "An ninh", "Ấp", "Bạ", "Bá", "Ba", "Bà", "Bả", "Bã",
             "Ơn", "Ông", "Oán", "Ưu tiên", "Uy tín", "Tổng đài 111", "Tố giác", "Tổ chức", "111"]
    assert sorted(terms, key=collation_key) == [
        "111", "An ninh", "Ăn ở", "Ấp", "Ba", "Bà", "Bả", "Bã", "Bá", "Bạ", "Dạ", "Dân quân", "Đường dây nóng",
        "Oán", "Ông", "Ơn", "Tổ chức", "Tố giác", "Tổng đài 111", "Uy tín", "Ưu tiên"]
    assert [initial(t) for t in ("Đường", "đi", "Ấp", "ăn", "Ưu", "ông", "111", "OTP")] == \
        ["Đ", "Đ", "Â", "Ă", "Ư", "Ô", "#", "O"]
    assert [anchor(x) for x in ("Đ", "D", "Ă", "Â", "#")] == ["cg-az-dd", "cg-az-d", "cg-az-aw", "cg-az-aa", "cg-az-0"]


# -- the built site ----------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    """The benchmark's synthetic curriculum at two sizes, built (handbook off)."""
    built = {}
    for n in (4, 40):
        folder = tmp_path_factory.mktemp(f"synthetic{n}")
        make_project(folder, n, plain=False)
        build = run_build(folder)
        assert build.returncode == 0, build.output
        built[n] = build.site
    return built


def test_a_lesson_page_costs_the_same_with_4_or_40_lessons(synthetic):
    for page in ("lessons/l002.html", "en/lessons/l002.html"):
        few_bytes, few_elements = unit_size(synthetic[4] / page)
        many_bytes, many_elements = unit_size(synthetic[40] / page)
        assert abs(many_elements - few_elements) <= 2, (page, few_elements, many_elements)
        assert abs(many_bytes - few_bytes) <= 0.005 * few_bytes, (page, few_bytes, many_bytes)
    # ... nor do other pages (the lists that name lessons do grow: home, progress, the laws' "cited in")
    for page in ("hotlines.html", "en/hotlines.html", "404.html"):
        few, many = unit_size(synthetic[4] / page)[1], unit_size(synthetic[40] / page)[1]
        assert abs(many - few) <= 2, (page, few, many)


def test_menu_holds_neighbours_and_a_link_to_the_full_list(synthetic):
    html = (synthetic[40] / "lessons" / "l020.html").read_text(encoding="utf-8")
    menu = html[html.index("md-nav--primary"):html.index("md-sidebar--secondary")]
    assert [n for n in range(1, 41) if f'href="l{n:03d}.html"' in menu] == [19, 20, 21]
    assert 'href="../index.html#cg-lessons"' in menu and "Tất cả 40 bài học" in menu
    assert "Bài 19: Bài học 19" in menu and "Bài 21: Bài học 21" in menu
    en = (synthetic[40] / "en" / "lessons" / "l001.html").read_text(encoding="utf-8")
    menu = en[en.index("md-nav--primary"):en.index("md-sidebar--secondary")]
    assert [n for n in range(1, 41) if f'href="l{n:03d}.html"' in menu] == [1, 2]
    assert "All 40 lessons" in menu and "Lesson 2: Lesson 2" in menu
    assert 'href="../index.html#cg-lessons"' in menu   # the English home page's list, not the Vietnamese one


def test_glossary_is_sorted_under_letters_with_a_jump_list(mini):
    terms = {"vi": ["Đường dây nóng", "Ấp", "Dân quân", "An ninh", "Ăn chia", "Bà con"],
             "en": ["Hotline", "Hamlet", "Militia", "Authorities"]}
    for lang, words in terms.items():
        body = "".join(f"{w}\n:   Giải thích {i}.\n\n" for i, w in enumerate(words))
        (mini / "docs" / f"glossary.{lang}.md").write_text(f"---\ntitle: G\n---\n\nIntro.\n\n{body}", encoding="utf-8")
    build = run_build(mini)
    assert build.returncode == 0, build.output
    from sitecheck import pages

    for lang, words in terms.items():
        path = build.site / prefix(lang) / "glossary.html"
        html = path.read_text(encoding="utf-8")
        order = sorted(words, key=collation_key)
        at = [re.search(rf"<dt[^>]*>{re.escape(w)}</dt>", html).start() for w in order]   # each term has its own anchor
        assert at == sorted(at)
        letters = list(dict.fromkeys(initial(w) for w in order))
        nav = html[html.index('class="cg-az"'):]
        nav = nav[:nav.index("</nav>")]
        jump = [part.split('"', 1)[0] for part in nav.split('href="')[1:]]
        assert jump == [f"#{anchor(x)}" for x in letters]
        assert all(href[1:] in pages(build.site)[path].ids for href in jump)
    assert letters_in(build.site / "glossary.html") == ["A", "Ă", "Â", "B", "D", "Đ"]


def letters_in(path: Path) -> list[str]:
    html = path.read_text(encoding="utf-8")
    return [part.split(">", 1)[1].split("<", 1)[0] for part in html.split('class="cg-az__letter"')[1:]]


# -- in the browser ---------------------------------------------------------------------------------------

def follow(page, base: str, start: str, direction: str) -> list[str]:
    """Follow the footer's Next (or Previous) link from `start` until there is none; return the pages seen."""
    page.goto(base + start)
    seen = [start]
    for _ in range(40):
        link = page.locator(f".md-footer__link--{direction}")
        if link.count() == 0:
            return seen
        link.click()
        page.wait_for_load_state()
        seen.append(page.url.removeprefix(base))
    raise AssertionError(f"no end to the {direction} links: {seen}")


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_next_and_previous_follow_the_curriculum(browser, real_server, lang):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    watch = PageWatch(page)
    p = prefix(lang)
    expected = [f"{p}index.html"] + [p + x for x in curriculum(lang)] + [p + x for x in AFTER_LESSONS]
    assert follow(page, real_server.base, expected[0], "next") == expected
    assert follow(page, real_server.base, expected[-1], "prev") == expected[::-1]
    # Each lesson says its number, and the menu names it the same way.
    word = STRINGS[lang]["lesson"]
    for n, lesson in enumerate(curriculum(lang), start=1):
        page.goto(real_server.base + p + lesson)
        expect(page.locator(".cg-lesson__number")).to_have_text(f"{word} {n}", ignore_case=True)
        expect(page.locator(".md-nav--primary .md-nav__link--active").first).to_contain_text(f"{word} {n}:")
    assert watch.errors == [] and watch.external() == []
    context.close()


def network_log(context, page):
    """Record what the page fetched over the network (not from the browser cache), through the DevTools protocol."""
    cdp = context.new_cdp_session(page)
    log: dict[str, dict] = {}
    cdp.on("Network.responseReceived", lambda e: log.setdefault(e["requestId"], {}).update(e["response"]))
    cdp.on("Network.requestServedFromCache", lambda e: log.setdefault(e["requestId"], {}).update(memory=True))
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": False})
    return log


def transferred(log: dict, site: Path, base: str) -> list[tuple[str, int]]:
    """(path, gzip bytes) of every body that came over the network: 200 responses not served from a cache."""
    out = []
    for r in list(log.values()):
        if r.get("memory") or r.get("fromDiskCache") or r.get("fromServiceWorker") or r.get("status") != 200:
            continue
        path = urlsplit(r["url"]).path.removeprefix(urlsplit(base).path)
        file = site / (path or "index.html")
        out.append((path, len(gzip.compress(file.read_bytes(), 9))))
    return out


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_page_weight_budget_from_the_network_log(browser, real_site, real_server, lang):
    heaviest = (0, "")
    for lesson in curriculum(lang):
        # No service worker: what it serves (even fresh from the network) would not show as transferred here.
        context = browser.new_context(**PHONE, service_workers="block")
        page = context.new_page()
        log = network_log(context, page)
        page.goto(real_server.base + prefix(lang) + lesson)
        page.wait_for_load_state("networkidle")
        first = transferred(log, real_site.site, real_server.base)
        total = sum(size for _, size in first)
        assert any(path.endswith(".css") for path, _ in first) and any(path.endswith(".js") for path, _ in first)
        assert total <= FIRST_LOAD_BUDGET, (lesson, total, sorted(first, key=lambda f: -f[1]))
        heaviest = max(heaviest, (total, lesson))
        log.clear()
        page.locator(".md-footer__link--next").click()
        page.wait_for_load_state("networkidle")
        following = transferred(log, real_site.site, real_server.base)
        assert following, lesson  # at least the next page's HTML came over the network
        assert sum(size for _, size in following) <= NEXT_PAGE_BUDGET, (lesson, following)
        context.close()
    assert heaviest[0] > 20_000  # the log did see the stylesheets and scripts, not only the HTML


@pytest.mark.browser
def test_a_lesson_opens_on_what_residents_need(browser, real_server):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(real_server.base + "lessons/trafficking-signs.html")
    in_view = "(el) => el.getBoundingClientRect().top < window.innerHeight"
    for selector in ("h1", ".cg-lesson__summary", "#cg-objectives"):
        assert page.locator(selector).first.evaluate(in_view), selector
    session = page.locator(".cg-lesson__session")
    expect(session).not_to_have_attribute("open", "")
    expect(session.locator(".cg-facts")).to_be_hidden()  # duration, audience, materials: one closed line
    expect(session.locator("summary")).to_contain_text(STRINGS["vi"]["for_trainers"])
    session.locator("summary").tap()
    expect(session.locator(".cg-facts")).to_contain_text(STRINGS["vi"]["audience"])
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("javascript", [True, False])
def test_progress_notice_shows_only_without_javascript(browser, real_server, javascript):
    context = browser.new_context(**PHONE, java_script_enabled=javascript)
    page = context.new_page()
    page.goto(real_server.base + "progress.html")
    notice = page.get_by_text(STRINGS["vi"]["progress_no_js"])
    if javascript:
        expect(page.locator(".cg-progress__clear")).to_be_visible()
        expect(notice).to_be_hidden()
    else:
        expect(notice).to_be_visible()
    context.close()


@pytest.mark.browser
def test_start_again_keeps_its_contrast_on_hover(browser, mini_site):
    from test_quiz_browser import CONTRAST, PLANS, Reader, answer_for

    server, httpd = serve(mini_site.site)
    context = browser.new_context(**DESKTOP)
    page = context.new_page()
    page.goto(server.base + "lessons/demo.html")
    reader = Reader(page, "vi", "click")
    for qid, verdict in PLANS["pointer"].items():
        reader.answer(qid, answer_for(qid, "vi", verdict))
    for name in (STRINGS["vi"]["retry_all"], STRINGS["vi"]["retry_missed"]):
        button = page.get_by_role("button", name=name)
        button.hover()
        [(_, ratio)] = button.evaluate_all(CONTRAST)
        assert ratio >= 4.5, (name, ratio)
    context.close()
    httpd.shutdown()


def test_last_lesson_never_leads_to_about(mini_site):
    for lang in ("vi", "en"):
        html = (mini_site.site / prefix(lang) / "lessons" / "demo.html").read_text(encoding="utf-8")
        nxt = html.split("md-footer__link--next", 1)[0].rsplit("<a href=", 1)[1]
        assert nxt.startswith('"../progress.html"'), nxt



# -- one language's pages lead only into that language ------------------------------------------------------------

def language_tree(site: Path, file: Path, langs: list[str]) -> str:
    """The language a page of the site belongs to: its first folder when that is a language, else the default."""
    first = file.relative_to(site).parts[0]
    return first if first in langs[1:] else langs[0]


def test_no_page_links_into_another_languages_site(real_site):
    from sitecheck import pages, resolve

    langs = ["vi", "en"]
    site = real_site.site.resolve()
    wrong = []
    for path, parsed in pages(site).items():
        if path.relative_to(site).parts[0] in ("download", "assets"):
            continue
        own = language_tree(site, path, langs)
        for href, attrs in parsed.links:
            if "hreflang" in attrs:   # the language switcher: the one way into another language
                continue
            target, _ = resolve(site, path, href)
            if target is None or target.suffix != ".html" or not target.is_relative_to(site):
                continue
            if language_tree(site, target, langs) != own:
                wrong.append((path.relative_to(site).as_posix(), href))
    assert wrong == []


# -- the menu in the browser: every lesson, and a tapped link closes it --------------------------------------------

@pytest.mark.browser
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_menu_lists_every_lesson_and_closes_on_any_link(browser, synthetic, lang):
    server, httpd = serve(synthetic[40])
    try:
        context = browser.new_context(**PHONE)
        page = context.new_page()
        watch = PageWatch(page)
        page.goto(server.base + prefix(lang) + "lessons/l020.html")
        page.wait_for_load_state("networkidle")
        assert not [u for u in watch.requests if "lessons." in u.rsplit("/", 1)[-1]]   # not before the menu opens
        page.locator(".cg-menu").click()
        lessons = page.locator(".md-sidebar--primary a.md-nav__link[href*='/l0'], "
                               ".md-sidebar--primary a.md-nav__link[href^='l0']")
        expect(lessons).to_have_count(40)
        hrefs = lessons.evaluate_all("as => as.map(a => a.href.split('/').pop())")
        assert hrefs == [f"l{n:03d}.html" for n in range(1, 41)]
        word = "Bài" if lang == "vi" else "Lesson"
        assert lessons.nth(0).inner_text().startswith(f"{word} 1:")
        assert lessons.nth(39).inner_text().startswith(f"{word} 40:")
        assert [u for u in watch.requests if u.endswith(f"lessons.{lang}.js")]
        assert not page.locator(".md-sidebar--primary a[href$='#cg-lessons']").is_visible()
        assert not watch.errors, watch.errors
        # A section of this page: the drawer closes, the page has scrolled to it.
        page.locator(".md-sidebar--primary label.md-nav__link[for='__toc']").click()   # its contents
        section = page.locator(".md-sidebar--primary .md-nav--secondary a.md-nav__link[href^='#']").last
        expect(section).to_be_visible()
        section.click()
        expect(page.locator("#__drawer")).not_to_be_checked()
        assert page.evaluate("window.scrollY") > 0
        assert page.locator(".cg-menu").get_attribute("aria-expanded") == "false"
        # Another lesson from the full list: the drawer closes, the page goes there.
        page.locator(".cg-menu").click()
        expect(page.locator("#__drawer")).to_be_checked()
        page.locator(".md-sidebar--primary label.md-nav__title[for='__toc']").click()   # back from the contents
        target = lessons.nth(2)
        target.scroll_into_view_if_needed()
        target.click()
        page.wait_for_url("**/l003.html")
        expect(page.locator("#__drawer")).not_to_be_checked()
        context.close()
    finally:
        httpd.shutdown()
