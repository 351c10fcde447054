"""The built site: both languages, hreflang, the switcher, links, anchors and no third-party resources."""

from __future__ import annotations

import re

import pytest
from sitecheck import external_css, pages, resolve

# Material's bundle names these hosts, but only loads them in cases this project never has: a Mermaid diagram
# (no content uses one), a browser without ResizeObserver (Chrome < 64), or repo_url pointing at GitHub/GitLab
# (not set). The browser tests prove no request leaves the site.
MATERIAL_CONDITIONAL = ("unpkg.com/mermaid", "unpkg.com/resize-observer-polyfill", "api.github.com",
                        "/api/v4/projects/", "clipboardjs.com")


@pytest.fixture(scope="module", params=["mini_site", "real_site"])
def built(request):
    return request.getfixturevalue(request.param)


def test_both_languages_have_the_same_pages(built):
    site = built.site
    vi = {p.relative_to(site) for p in site.rglob("*.html") if p.relative_to(site).parts[0] not in ("en", "assets")}
    en = {p.relative_to(site / "en") for p in (site / "en").rglob("*.html")}
    assert vi - {__import__("pathlib").Path("404.html")} == en - {__import__("pathlib").Path("404.html")}
    assert any(p.parts[0] == "lessons" for p in vi)


def test_lang_attribute_and_hreflang_pairs(built):
    site = built.site
    for path, page in pages(site).items():
        if path.name == "404.html":
            continue
        lang = "en" if path.relative_to(site).parts[0] == "en" else "vi"
        assert page.lang == lang, path
        assert set(page.alternates) == {"vi", "en"}, path
        for hreflang, href in page.alternates.items():
            target, _ = resolve(site, path, href)
            assert target.is_file(), (path, href)
            # the alternate is the same page in the other language
            rel = target.relative_to(site)
            twin = rel.relative_to("en") if rel.parts[0] == "en" else rel
            own = path.relative_to(site)
            own = own.relative_to("en") if own.parts[0] == "en" else own
            assert twin == own, (path, href)
            assert (rel.parts[0] == "en") == (hreflang == "en")


def test_language_switcher_lands_on_the_same_page(built):
    site = built.site
    for path, page in pages(site).items():
        # The switcher: Material's language list on the site's pages, the bar's language links on a presentation.
        switch = [href for href, a in page.links if {"md-select__link", "cg-bar__lang"} & set(a.get("class", "").split())]
        if path.name == "404.html":
            continue
        assert len(switch) == 2, path
        for href in switch:
            target, _ = resolve(site, path, href)
            assert target.is_file(), (path, href)
            assert target.name == path.name


def test_every_internal_link_and_anchor_resolves(built):
    site = built.site
    parsed = pages(site)
    checked = 0
    for path, page in parsed.items():
        for href, _ in page.links:
            if href.startswith(("mailto:", "tel:", "sms:")):
                continue
            target, fragment = resolve(site, path, href)
            if target is None:
                continue
            assert target.exists(), f"{path.relative_to(site)}: {href}"
            if fragment and target.suffix == ".html":
                assert fragment in parsed[target].ids, f"{path.relative_to(site)}: {href}"
            checked += 1
    assert checked > 50


def test_no_resource_is_fetched_from_another_host(built):
    site = built.site
    for path, page in pages(site).items():
        assert not [r for r in page.resources if re.match(r"(https?:)?//", r)], path
        assert not page.inline_handlers, path
    for css in site.rglob("*.css"):
        assert external_css(css.read_text(encoding="utf-8")) == [], css
    loaded = {resolve(site, path, r)[0] for path, page in pages(site).items() for r in page.resources}
    scripts = [p for p in loaded if p and p.suffix == ".js"]
    assert scripts
    for js in scripts:  # Material also ships lunr's unused files, which no page loads
        text = js.read_text(encoding="utf-8")
        urls = set(re.findall(r"https?://[^\s\"'`)]+", text))
        unexpected = {u for u in urls if not any(a in u for a in MATERIAL_CONDITIONAL)
                      and "www.w3.org" not in u}
        assert not unexpected, (js, unexpected)


def test_lesson_page_shows_objectives_duration_laws_and_review_date(mini_site):
    html = (mini_site.site / "lessons" / "demo.html").read_text(encoding="utf-8")
    assert "Học xong bài này, bạn có thể" in html and "Biết gọi 111" in html
    assert "30 phút" in html
    assert 'href="../legal.html#penal-code"' in html
    assert '<time datetime="2026-11-29">29/11/2026</time>' in html
    en = (mini_site.site / "en" / "lessons" / "demo.html").read_text(encoding="utf-8")
    assert '<time datetime="2026-11-29">29 November 2026</time>' in en
    assert "After this lesson you can" in en and "30 minutes" in en


def test_hotlines_are_tel_links_from_the_settings_file(mini_site):
    html = (mini_site.site / "hotlines.html").read_text(encoding="utf-8")
    assert 'href="tel:111"' in html and 'href="tel:113"' in html


def test_headings_fold_vietnamese_accents(mini_site):
    page = pages(mini_site.site)[mini_site.site / "lessons" / "demo.html"]
    assert "lao-dong-xa-que" in page.ids


def test_a_shared_image_serves_both_languages(mini):
    from conftest import run_build
    from PIL import Image

    (mini / "docs" / "img").mkdir()
    Image.new("RGB", (40, 20), (200, 30, 30)).save(mini / "docs" / "img" / "chart.png")
    for lang, heading in (("vi", "## Lao động xa quê"), ("en", "## Working far from home")):
        path = mini / "lessons" / f"demo.{lang}.md"
        path.write_text(path.read_text(encoding="utf-8").replace(heading, f"![chart](../img/chart.png)\n\n{heading}"),
                        encoding="utf-8")
    build = run_build(mini)
    assert build.returncode == 0, build.output
    for page in ("lessons/demo.html", "en/lessons/demo.html"):
        parsed = pages(build.site)[build.site / page]
        img = [r for r in parsed.resources if r.endswith("chart.png")]
        assert img and resolve(build.site, build.site / page, img[0])[0].is_file(), page


def test_editor_text_is_escaped_in_templates(mini):
    from conftest import run_build

    for lang in ("vi", "en"):
        path = mini / "lessons" / f"demo.{lang}.md"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("summary: ", "summary: <Lan & Tí> ", 1), encoding="utf-8")
    build = run_build(mini)
    assert build.returncode == 0, build.output
    home = (build.site / "index.html").read_text(encoding="utf-8")
    assert "&lt;Lan &amp; Tí&gt;" in home and "<Lan & Tí>" not in home


def test_lessons_section_is_named_in_each_language(mini_site):
    vi = (mini_site.site / "index.html").read_text(encoding="utf-8")
    en = (mini_site.site / "en" / "index.html").read_text(encoding="utf-8")
    assert "Các bài học" in vi and ">\n    Lessons\n" not in vi
    assert "Lessons" in en
