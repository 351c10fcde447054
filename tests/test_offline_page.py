"""Never a dead page offline: the service worker answers a page not saved with the offline page of its language
(hotlines, home, the pages saved on this phone, "Save for offline" once online again), and the search says offline
what it can search. Real Chromium, the mini site served under a sub-path, the network cut after a first visit."""

from __future__ import annotations

import re

import pytest
from conftest import PHONE, serve, wait_js

from canhgiac.i18n import PACKAGE_CATALOGS as STRINGS
from canhgiac.offline.page import page_filename
from canhgiac.policy import CONTENT_SECURITY_POLICY

pytestmark = pytest.mark.browser
HOTLINES = 4   # tel: links the mini project's locality.yml gives (one per hotline)


@pytest.fixture(scope="module")
def served(mini_site):
    server, httpd = serve(mini_site.site, prefix="camau")
    yield server
    httpd.shutdown()


def test_offline_pages_are_written_with_the_policy_and_nothing_inline(mini_site):
    for lang in ("vi", "en"):
        html = (mini_site.site / "assets" / "canhgiac" / page_filename(lang)).read_text(encoding="utf-8")
        assert f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">' in html
        assert not re.search(r"<script>|<style|\sstyle=|\son\w+=", html)
        assert f'<html lang="{lang}">' in html and STRINGS[lang]["offline_title"] in html
        assert len(re.findall(r'href="tel:', html)) == HOTLINES
    sw = (mini_site.site / "sw.js").read_text(encoding="utf-8")
    assert '"offline":{"vi":"assets/canhgiac/offline.vi.html","en":"assets/canhgiac/offline.en.html"}' in sw


def _first_visit(context, url):
    """Open a page online and wait until the worker controls it and has kept what it keeps at install."""
    page = context.new_page()
    page.goto(url)
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    page.wait_for_function("""async () => (await Promise.all((await caches.keys()).map(async k =>
        (await (await caches.open(k)).keys()).map(r => r.url)))).flat().some(u => u.endsWith('offline.en.html'))""")
    return page


def _csp_errors(watch_errors):
    return [e for e in watch_errors if "Content Security Policy" in e or "Refused" in e]


def test_unvisited_page_offline_shows_the_offline_page_of_its_language(browser, served):
    context = browser.new_context(**PHONE)
    errors = []
    page = _first_visit(context, served.base + "en/index.html")
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    context.set_offline(True)
    for lang, url in (("en", "en/lessons/demo.html"), ("vi", "lessons/demo.html")):
        page.goto(served.base + url)
        assert page.url == served.base + url                     # the address asked for stays
        assert page.evaluate("document.documentElement.lang") == lang
        assert page.locator("h1").inner_text() == STRINGS[lang]["offline_title"]
        tel = page.locator("a[href^='tel:']")
        assert tel.count() == HOTLINES and tel.first.is_visible()
        home = page.locator(".cg-nf-links a")
        assert home.evaluate("a => a.href") == served.base + ("en/index.html" if lang == "en" else "index.html")
        # styled by its own stylesheet (kept at install), the quick exit in place
        assert page.evaluate("getComputedStyle(document.querySelector('.cg-nf-header')).backgroundColor") == \
            "rgb(64, 81, 181)"
        assert page.locator("#cg-quick-exit").is_visible()
        # the pages saved on this phone: the home pages the worker kept, by title; not the lesson
        saved = page.locator(".cg-saved__list li:not([hidden]) a")
        saved.first.wait_for()
        hrefs = saved.evaluate_all("els => els.map(a => a.href)")
        assert served.base + ("en/index.html" if lang == "en" else "index.html") in hrefs
        assert not [h for h in hrefs if "lessons/" in h]
        assert page.locator(".cg-saved__none").is_hidden()
        # nothing to save while offline
        assert page.locator("[data-module='cg-offline']").is_hidden()
    # back online: "Save for offline" appears, and saving works from the offline page
    context.set_offline(False)
    page.locator("[data-module='cg-offline'] button").wait_for(state="visible")
    page.locator("[data-module='cg-offline'] button").click()
    status = page.locator(".cg-offline__status")
    expected = STRINGS["vi"]["save_offline_done"].split("{total}")[0]
    page.wait_for_function("([el, text]) => el.textContent.startsWith(text)", arg=[status.element_handle(), expected])
    # a saved lesson now opens offline
    context.set_offline(True)
    page.goto(served.base + "lessons/demo.html")
    assert page.locator(".cg-saved__list").count() == 0 and page.locator("article, .md-content").count() > 0
    assert _csp_errors(errors) == []
    context.close()


def test_offline_search_says_what_it_can_search(browser, served):
    context = browser.new_context(**PHONE)
    page = _first_visit(context, served.base + "en/index.html")
    # the search used once online: its files and the English index are kept with the pages
    page.locator(".cg-search-button").click()
    page.locator("#cg-search-input").fill("111")
    page.locator(".cg-search__result").first.wait_for()
    page.keyboard.press("Escape")
    context.set_offline(True)
    page.goto(served.base + "en/index.html")
    page.locator(".cg-search-button").click()
    note = page.locator(".cg-search__note")
    note.wait_for(state="visible")
    kept = page.evaluate("""async () => (await Promise.all((await caches.keys()).map(async k =>
        (await (await caches.open(k)).keys()).map(r => r.url)))).flat()
        .filter(u => u.endsWith('.html') && u.includes('/camau/en/') && !u.includes('/assets/')).length""")
    assert kept >= 1
    said = STRINGS["en"]["search_offline_one" if kept == 1 else "search_offline_other"].replace("{n}", str(kept))
    wait_js(page, "([el, text]) => el.textContent === text", [note.element_handle(), said])
    page.locator("#cg-search-input").fill("111")
    page.locator(".cg-search__result").first.wait_for()   # the kept index answers
    # the Vietnamese index was never used: offline, the Vietnamese search says it is not saved yet
    page.goto(served.base + "index.html")
    page.locator(".cg-search-button").click()
    status = page.locator(".cg-search__status")
    wait_js(page, "([el, text]) => el.textContent === text", [status.element_handle(), STRINGS["vi"]["search_offline_none"]])
    context.close()


def test_offline_the_magnifier_says_what_it_can_search_though_never_used(browser, served):
    # The search dialog's script is kept at install: offline, a reader who never searched still gets the dialog,
    # which says the index is not saved yet (not a link that leads nowhere).
    context = browser.new_context(**PHONE)
    page = _first_visit(context, served.base + "en/index.html")
    context.set_offline(True)
    page.reload()
    page.locator(".cg-search-button").click()
    status = page.locator(".cg-search__status")
    wait_js(page, "([el, text]) => el.textContent === text", [status.element_handle(), STRINGS["en"]["search_offline_none"]])
    assert page.url.endswith("en/index.html")   # still on the page: the dialog opened, the fallback link was not followed
    context.close()
