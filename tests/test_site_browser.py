"""The site served over HTTP (at the root and under a sub-path) and opened from file://, in real Chromium."""

from __future__ import annotations

import pytest
from conftest import DESKTOP, PHONE, PageWatch, serve

pytestmark = pytest.mark.browser

PAGES = ("index.html", "lessons/trafficking-signs.html", "legal.html", "hotlines.html", "glossary.html",
         "en/index.html", "en/lessons/victim-support.html", "en/legal.html")


@pytest.fixture(scope="module", params=["", "camau"], ids=["root", "sub-path"])
def served(request, real_site):
    server, httpd = serve(real_site.site, request.param)
    yield server
    httpd.shutdown()


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_with_no_error_and_no_request_off_the_machine(browser, served, path):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    watch = PageWatch(page)
    response = page.goto(served.base + path)
    page.wait_for_load_state("networkidle")
    assert response.ok
    assert watch.errors == []
    assert watch.external() == []
    assert len(watch.requests) > 2  # stylesheets and scripts came from the same server
    # readable at 360 px: nothing wider than the screen
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()


def test_language_switcher_goes_to_the_same_lesson(browser, served):
    context = browser.new_context(**DESKTOP)
    page = context.new_page()
    page.goto(served.base + "lessons/online-scams.html")
    page.locator(".md-select").first.hover()
    page.get_by_role("link", name="English").click()
    assert page.url == served.base + "en/lessons/online-scams.html"
    assert page.locator("html").get_attribute("lang") == "en"
    page.locator(".md-select").first.hover()
    page.get_by_role("link", name="Tiếng Việt").click()
    assert page.url == served.base + "lessons/online-scams.html"
    context.close()


def test_home_lists_every_lesson_in_order_and_links_work(browser, served, real_site):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(served.base + "index.html")
    cards = page.locator(".cg-card__title")
    assert cards.count() == 10
    first = cards.first.inner_text()
    page.locator(".cg-card__link").first.tap()
    page.wait_for_load_state()
    assert page.locator("h1").first.inner_text() == first
    assert page.url.endswith("lessons/program-and-front.html")
    context.close()


def test_hotline_is_a_tel_link(browser, served):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(served.base + "hotlines.html")
    link = page.get_by_role("link", name="111").first
    assert link.get_attribute("href") == "tel:111"
    context.close()


def test_page_opens_from_file_url(browser, real_site):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    watch = PageWatch(page)
    page.goto((real_site.site / "lessons" / "trafficking-signs.html").as_uri())
    assert page.locator("h1").first.inner_text() == "Nhận diện mua bán người"
    # the stylesheet applied (Material's header is fixed-height and coloured)
    assert page.locator(".md-header").evaluate("e => getComputedStyle(e).position") in ("sticky", "fixed")
    page.locator(".cg-lesson__laws a").first.tap()
    page.wait_for_url("**/legal.html#anti-trafficking-2024")
    assert page.locator("#anti-trafficking-2024 h2").inner_text() == "Luật Phòng, chống mua bán người"
    assert watch.errors == []
    assert watch.external() == []
    context.close()
