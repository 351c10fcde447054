"""Small things a phone shows (issue 20, "Smaller"): the mini site at 360 px in Debian's Chromium, over HTTP."""

from __future__ import annotations

import pytest
from conftest import serve
from playwright.sync_api import expect

from canhgiac.i18n import PACKAGE_CATALOGS as STRINGS

pytestmark = pytest.mark.browser
PREFIX = {"vi": "", "en": "en/"}


@pytest.fixture(scope="module")
def mini_served(mini_site):
    server, httpd = serve(mini_site.site)
    yield server
    httpd.shutdown()


@pytest.fixture
def phone(open_page):
    return lambda: open_page("phone", timeout=10000)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_result_count_takes_the_languages_plural_form(phone, mini_served, lang):
    page, watch = phone()
    page.goto(mini_served.base + PREFIX[lang] + "index.html")
    page.locator(".cg-search-button").click()
    forms = STRINGS[lang].plural("search_results")
    # one word found in a single section; then a word found in several
    for query in ({"vi": "doanh", "en": "brokers"}[lang], {"vi": "lao", "en": "call"}[lang]):
        page.locator("#cg-search-input").fill(query)
        page.locator(f".cg-search__results[data-query='{query}']").wait_for(state="attached")
        n = page.locator(".cg-search__link").count()
        category = page.evaluate("([lang, n]) => new Intl.PluralRules(lang).select(n)", [lang, n])
        expected = forms.get(category, forms["other"]).replace("{n}", str(n))
        expect(page.locator("#cg-search-status")).to_have_text(expected)
        assert (n == 1) == (query != {"vi": "lao", "en": "call"}[lang]), (query, n)
    if lang == "en":  # "1 result", not "1 results"
        assert forms["one"] != forms["other"]
    assert watch.errors == []


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_search_placeholder_fits_its_box(phone, mini_served, lang):
    page, _ = phone()
    page.goto(mini_served.base + PREFIX[lang] + "index.html")
    page.locator(".cg-search-button").click()
    expect(page.locator("#cg-search-input")).to_be_visible()
    text, needed, room = page.evaluate("""() => {
      const input = document.querySelector('#cg-search-input');
      const style = getComputedStyle(input);
      const context = document.createElement('canvas').getContext('2d');
      context.font = style.font;
      return [input.placeholder, context.measureText(input.placeholder).width,
              input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)];
    }""")
    assert text == STRINGS[lang]["search_placeholder"]
    assert needed <= room, (text, needed, room)


@pytest.mark.parametrize("url", ["hotlines.html", "index.html"])
def test_every_hotline_card_has_the_same_layout(phone, mini_served, url):
    page, _ = phone()
    page.goto(mini_served.base + url)
    cards = page.evaluate("""() => [...document.querySelectorAll('.cg-hotline')].map(a => {
      const box = a.getBoundingClientRect();
      const number = a.querySelector('.cg-hotline__number').getBoundingClientRect();
      const name = a.querySelector('.cg-hotline__name').getBoundingClientRect();
      return {children: [...a.children].map(c => c.className).join(' '), width: Math.round(box.width),
              number: [Math.round(number.left - box.left), Math.round(number.top - box.top)],
              nameBelow: name.top >= number.bottom - 1, nameLeft: Math.round(name.left - box.left)};
    })""")
    assert len(cards) >= 4  # 113, 111, 114, 115: long and short names
    first = cards[0]
    assert first["children"] == "cg-hotline__number cg-hotline__name"
    for card in cards:
        assert card == {**first, "nameBelow": True}, cards


def _dashed(page) -> list:
    return page.evaluate("""() => [...document.querySelectorAll('#cg-lessons ~ ol, #cg-lessons ~ ol *')]
      .map(e => [e.className, getComputedStyle(e)])
      .filter(([, s]) => ['Top', 'Right', 'Bottom', 'Left'].some(side => s['border' + side + 'Style'] === 'dashed'
        && parseFloat(s['border' + side + 'Width']) > 0) || (s.outlineStyle === 'dashed' && parseFloat(s.outlineWidth) > 0))
      .map(([name]) => name)""")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_home_lesson_list_has_no_dashed_frame(phone, mini_served, lang):
    page, _ = phone()
    page.goto(mini_served.base + PREFIX[lang] + "index.html")
    assert page.locator("#cg-lessons ~ ol .cg-card").count() >= 1
    assert _dashed(page) == []
    page.goto(mini_served.base + PREFIX[lang] + "index.html#cg-lessons")  # the "All lessons" link's target
    assert _dashed(page) == []


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_previous_and_next_are_both_visible_and_named_on_a_phone(phone, mini_served, lang):
    page, _ = phone()
    page.goto(mini_served.base + PREFIX[lang] + "lessons/demo.html")
    width = page.evaluate("innerWidth")
    for kind in ("prev", "next"):
        link = page.locator(f".md-footer__link--{kind}")
        expect(link).to_be_visible()
        box = link.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width and box["width"] >= width / 3, (kind, box)
        name = link.locator(".md-ellipsis")
        expect(name).to_be_visible()
        assert name.bounding_box()["width"] > 40  # the page's name shows (cut with … when long)
        assert name.evaluate("e => getComputedStyle(e).textOverflow") == "ellipsis"
        expect(link.locator(".md-footer__direction")).to_be_visible()
    page.locator(".md-footer__link--next").click()  # what the page-weight test does on every lesson
    page.wait_for_url("**/progress.html")
