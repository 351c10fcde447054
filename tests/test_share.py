"""Share to a chat app: Open Graph tags on every page, and with site_url a share picture per lesson and language
(1200×630 PNG, at most 150 KB, the same bytes from two builds, the title drawn in the handbook's Noto faces)."""

from __future__ import annotations

import io
import json
import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, wait_js
from sharebuild import SITE_URL, build

from canhgiac.share import HEIGHT, MAX_BYTES, WIDTH, Card, og_locale, raqm, render

LANGS = ("vi", "en")
LESSONS = sorted(p.name.split(".")[0] for p in (FIXTURES / "mini" / "lessons").glob("*.vi.md"))
SITE_NAMES = {"vi": "Cảnh giác", "en": "Cảnh giác (Vigilance)"}


@pytest.fixture(scope="module")
def with_url(tmp_path_factory):
    """Built twice with site_url set (the second build only to compare bytes)."""
    first = build(tmp_path_factory.mktemp("share-a") / "p", SITE_URL)
    return first, build(tmp_path_factory.mktemp("share-b") / "p", SITE_URL)


@pytest.fixture(scope="module")
def no_url(tmp_path_factory):
    return build(tmp_path_factory.mktemp("share-none") / "p", None)


class _Head(HTMLParser):
    def __init__(self):
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.canonical = None
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and (a.get("property") or a.get("name", "")).startswith(("og:", "twitter:")):
            self.meta.setdefault(a.get("property") or a["name"], []).append(a["content"])
        if tag == "link" and a.get("rel") == "canonical":
            self.canonical = a["href"]
        self._in_title = tag == "title"

    def handle_data(self, data):
        if self._in_title:
            self.title += data

    def handle_endtag(self, tag):
        self._in_title = False


def head(path: Path) -> _Head:
    parser = _Head()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def front_matter(lesson: str, lang: str) -> dict:
    text = (FIXTURES / "mini" / "lessons" / f"{lesson}.{lang}.md").read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---")[1])


def page(site: Path, lang: str, rel: str) -> Path:
    return site / (rel if lang == "vi" else f"{lang}/{rel}")


def only(h: _Head, key: str) -> str:
    values = h.meta.get(key, [])
    assert len(values) == 1, (key, values)
    return values[0]


# -- Open Graph tags -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGS)
def test_a_lesson_page_says_what_a_chat_app_shows(with_url, lang):
    site = with_url[0].site
    for lesson in LESSONS:
        h = head(page(site, lang, f"lessons/{lesson}.html"))
        meta = front_matter(lesson, lang)
        assert only(h, "og:type") == "article"
        assert only(h, "og:title") == meta["title"]
        assert only(h, "og:description") == meta["summary"]
        assert only(h, "og:site_name") == SITE_NAMES[lang]
        assert only(h, "og:locale") == {"vi": "vi_VN", "en": "en_US"}[lang]
        assert h.meta["og:locale:alternate"] == [{"vi": "en_US", "en": "vi_VN"}[lang]]
        assert only(h, "og:url") == h.canonical == SITE_URL + ("" if lang == "vi" else f"{lang}/") + f"lessons/{lesson}.html"
        assert only(h, "og:image") == f"{SITE_URL}assets/share/{lang}/{lesson}.png"
        assert (only(h, "og:image:width"), only(h, "og:image:height")) == (str(WIDTH), str(HEIGHT))
        assert only(h, "twitter:card") == "summary_large_image"


@pytest.mark.parametrize("lang", LANGS)
def test_other_pages_are_websites_with_the_site_picture(with_url, lang):
    site = with_url[0].site
    for rel in ("index.html", "hotlines.html", "legal.html"):
        h = head(page(site, lang, rel))
        assert only(h, "og:type") == "website", rel
        assert only(h, "og:title") and only(h, "og:title") in h.title, rel
        assert only(h, "og:description"), rel
        assert only(h, "og:site_name") == SITE_NAMES[lang]
        assert only(h, "og:url") == h.canonical, rel
        assert only(h, "og:image") == f"{SITE_URL}assets/share/{lang}/site.png"


@pytest.mark.parametrize("lang", LANGS)
def test_without_site_url_the_tags_say_no_address_and_no_picture_is_made(no_url, lang):
    site = no_url.site
    for rel in ("index.html", *(f"lessons/{lesson}.html" for lesson in LESSONS)):
        h = head(page(site, lang, rel))
        assert only(h, "og:title") and only(h, "og:locale") and only(h, "og:type"), rel
        for key in ("og:url", "og:image", "twitter:card"):
            assert key not in h.meta, (rel, key)
    assert not (site / "assets" / "share").exists()
    assert (site / "assets" / "canhgiac" / f"tools.{lang}.js").is_file()   # the buttons' strings are there still


def test_og_locale_comes_from_babel_for_any_language():
    assert [og_locale(code) for code in ("vi", "en", "km", "fr")] == ["vi_VN", "en_US", "km_KH", "fr_FR"]


# -- The pictures ----------------------------------------------------------------------------------------------
def pictures(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted((site / "assets" / "share").rglob("*")) if p.is_file()}


def test_a_picture_per_lesson_and_language_and_the_same_bytes_twice(with_url):
    first, second = with_url
    found = pictures(first.site)
    assert set(found) == {f"assets/share/{lang}/{name}.png" for lang in LANGS for name in (*LESSONS, "site")}
    assert found == pictures(second.site)


def test_pictures_are_1200_by_630_small_and_carry_no_metadata(with_url):
    from PIL import Image

    for name, data in pictures(with_url[0].site).items():
        assert len(data) <= MAX_BYTES, name
        image = Image.open(io.BytesIO(data))
        assert (image.format, image.size) == ("PNG", (WIDTH, HEIGHT)), name
        chunks = set(re.findall(rb"(tEXt|zTXt|iTXt|tIME|eXIf)", data))
        assert not chunks, (name, chunks)


def dark_columns(image, box) -> int:
    """How many pixel columns of `box` hold a dark (ink) pixel."""
    crop = image.convert("L").crop(box)
    width, height = crop.size
    px = crop.load()
    return sum(any(px[x, y] < 80 for y in range(height)) for x in range(width))


@pytest.mark.parametrize("lang", LANGS)
def test_the_title_is_drawn_where_the_title_goes(with_url, lang):
    from PIL import Image

    site = with_url[0].site
    for lesson in LESSONS:
        image = Image.open(site / "assets" / "share" / lang / f"{lesson}.png")
        title = front_matter(lesson, lang)["title"]
        inked = dark_columns(image, (0, 200, WIDTH, 520))
        assert inked > 12 * len(title), (lesson, inked)        # a bold 76 px letter is well over 12 px wide
        assert dark_columns(image, (0, 0, WIDTH, 112)) == 0    # the band is indigo with white letters


def test_the_picture_is_the_text_itself_diacritics_and_all():
    card = Card("Cảnh giác", "Bài 1", "Lao động và an toàn", "example.org")
    same = render(card)
    assert render(Card(*(unicodedata.normalize("NFD", s) for s in (card.site_name, card.kicker, card.title,
                                                                    card.footer)))) == same
    assert render(Card("Cảnh giác", "Bài 1", "Lao đông và an toàn", "example.org")) != same   # the dot below
    assert render(Card("Cảnh giác", "Bài 1", "Lao dộng và an toàn", "example.org")) != same   # đ, not d


def test_text_is_shaped_by_raqm_here():
    assert raqm()  # Debian's Pillow wheel finds libraqm: the shaping Vietnamese and Khmer titles need


def test_pictures_stay_out_of_the_offline_lists(with_url):
    site = with_url[0].site
    for lang in LANGS:
        urls = json.loads((site / "assets" / "canhgiac" / f"offline.{lang}.json").read_text())["urls"]
        assert urls and not [u for u in urls if u.startswith("assets/share/")]
        assert "assets/canhgiac/listen.js" in urls and "assets/canhgiac/share.js" in urls


# -- The Share button, in Chromium ---------------------------------------------------------------------------
AXE = Path(__file__).resolve().parent / "js" / "node_modules" / "axe-core" / "axe.min.js"
STUB_SHARE = "navigator.share = (data) => { window.__shared = data; return Promise.resolve(); };"
NO_SHARE = "Object.defineProperty(Navigator.prototype, 'share', { value: undefined, configurable: true });"
STUB_CLIPBOARD = NO_SHARE + """
Object.defineProperty(navigator, 'clipboard', { value: { writeText: (text) => {
  window.__copied = text; return Promise.resolve(); } }, configurable: true });"""
NO_CLIPBOARD = NO_SHARE + "Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true });"


@pytest.fixture(scope="module")
def served(with_url, no_url):
    from conftest import serve

    servers = [serve(with_url[0].site), serve(no_url.site)]
    yield {"url": servers[0][0], "none": servers[1][0]}
    for _, httpd in servers:
        httpd.shutdown()


def open_lesson(open_page, served, which: str, lang: str, script: str, **options):
    page, watch = open_page("phone", **options)
    page.add_init_script(script)
    url = served[which].base + ("" if lang == "vi" else f"{lang}/") + "lessons/demo.html"
    page.goto(url)
    return page, watch, url


@pytest.mark.browser
@pytest.mark.parametrize("which", ["url", "none"])
@pytest.mark.parametrize("lang, label", [("vi", "Chia sẻ"), ("en", "Share")])
def test_share_opens_the_phones_share_sheet_with_the_page(open_page, served, which, lang, label):
    page, watch, url = open_lesson(open_page, served, which, lang, STUB_SHARE)
    page.get_by_role("button", name=label, exact=True).click()
    wait_js(page, "window.__shared")
    shared = page.evaluate("window.__shared")
    published = SITE_URL + ("" if lang == "vi" else f"{lang}/") + "lessons/demo.html"
    assert shared["url"] == (published if which == "url" else url)   # the published address when there is one
    meta = front_matter("demo", lang)
    assert (shared["title"], shared["text"]) == (meta["title"], meta["summary"])
    assert watch.external() == [] and watch.errors == []
    assert [u for u in watch.requests if u.endswith("/share.js")]     # loaded on the press


@pytest.mark.browser
@pytest.mark.parametrize("lang, label, said", [("vi", "Chia sẻ", "Đã chép liên kết"), ("en", "Share", "Link copied")])
def test_without_a_share_sheet_it_copies_the_link_and_says_so(open_page, served, lang, label, said):
    page, watch, url = open_lesson(open_page, served, "none", lang, STUB_CLIPBOARD)
    page.get_by_role("button", name=label, exact=True).click()
    status = page.get_by_role("status").filter(has_text=said)
    status.wait_for()
    assert page.evaluate("window.__copied") == url
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0   # nothing kept: nothing to wipe
    assert watch.external() == [] and watch.errors == []


@pytest.mark.browser
def test_without_a_clipboard_the_link_is_shown_selected(open_page, served):
    page, _, url = open_lesson(open_page, served, "none", "vi", NO_CLIPBOARD)
    page.get_by_role("button", name="Chia sẻ", exact=True).click()
    field = page.get_by_role("textbox", name="Liên kết của bài: chọn và chép")
    field.wait_for()
    assert field.input_value() == url
    assert page.evaluate("[document.activeElement.selectionStart, document.activeElement.selectionEnd]") == [0, len(url)]


@pytest.mark.browser
@pytest.mark.parametrize("lang, names", [("vi", ("Nghe bài", "Chia sẻ")), ("en", ("Listen", "Share"))])
def test_the_buttons_are_named_big_enough_and_axe_clean(open_page, served, lang, names):
    voice = "[{name: 'v', lang: '%s', localService: true, default: true}]" % ("vi-VN" if lang == "vi" else "en-US")
    fake = ("Object.defineProperty(window, 'speechSynthesis', { value: { getVoices: () => " + voice + ", speak() {},"
            " cancel() {}, addEventListener() {}, removeEventListener() {} } });"
            "window.SpeechSynthesisUtterance = class { constructor(t) { this.text = t; } };")
    page, _, _ = open_lesson(open_page, served, "url", lang, fake + NO_CLIPBOARD, bypass_csp=True)
    for name in names:
        box = page.get_by_role("button", name=name, exact=True).bounding_box()
        assert box["width"] >= 48 and box["height"] >= 48, (name, box)
    page.get_by_role("button", name=names[0], exact=True).click()       # the Listen panel opens
    page.locator(".cg-tools__panel").wait_for()
    for button in page.locator(".cg-tools__panel button").all():
        box = button.bounding_box()
        assert box["width"] >= 48 and box["height"] >= 48, (button.text_content(), box)
    page.get_by_role("button", name=names[1], exact=True).click()       # the link field shows
    page.locator(".cg-tools__link").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("o => axe.run(document, o)", {"runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"],
                                                        "resultTypes": ["violations"]})
    assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in result["violations"]] == []
