"""Print that survives a black-and-white photocopier, and what the handbook may promise.

The handbooks (real curriculum, both languages), a leaflet and a poster are photocopied in simulation
(tests/photocopy.py: greyscale render, thresholded at half grey) and their text, rules and fills read back. Card
sets are shown in a shuffled order that does not give the sorting away; the bilingual poster tags its languages.
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
from pdflayout import structure_texts
from photocopy import GREY, MAX_INK, MIN_INK, RULE, SMALL, SMALLEST, read_copy
from pypdf import PdfReader
from test_handbook import NAMES

from canhgiac.content.project import Paths, load_project
from canhgiac.i18n import PACKAGE_CATALOGS as STRINGS


def check_copy(path: Path, *, text_area_only: bool = True) -> dict:
    """Every photocopy rule on one PDF; returns the figures."""
    copy = read_copy(path)
    share = copy.small_share(text_area_only)
    assert share <= 0.05, f"{share:.1%} of the characters under {SMALL} pt"
    assert copy.smallest() >= SMALLEST - 0.05, copy.smallest()
    assert copy.pale_text == [], f"text lighter than #555 (luma {GREY:.2f}): {copy.pale_text[:5]}"
    assert copy.thin_rules == [], f"rules under {RULE} pt or lighter than #555: {copy.thin_rules[:5]}"
    assert copy.tints == [], f"tinted fills over large areas: {copy.tints[:5]}"
    unread = [(line.page, line.text, round(line.ink, 3), line.strokes) for line in copy.lines if not line.reads]
    assert unread == [], f"lines lost or blotted (ink outside {MIN_INK}-{MAX_INK}, or too few strokes): {unread[:5]}"
    return {"small": share, "smallest": copy.smallest(), "dark": copy.dark}


@pytest.mark.parametrize("lang", NAMES)
def test_the_handbook_survives_a_photocopier(real_site, lang):
    figures = check_copy(real_site.site / "handbook" / NAMES[lang])
    assert figures["dark"][1] <= 1 / 3, f"the cover prints {figures['dark'][1]:.0%} dark"


@pytest.mark.parametrize("sheet", ["print/vi/trafficking-signs-leaflet.pdf", "print/en/online-scams-poster.pdf",
                                   "print/hotlines-poster-vi-en.pdf"])
def test_a_leaflet_and_posters_survive_a_photocopier(real_site, sheet):
    figures = check_copy(real_site.site / sheet, text_area_only=False)
    assert max(figures["dark"].values()) <= 1 / 3


def test_the_simulated_copier_loses_pale_small_and_white_on_dark_text(tmp_path):
    """The measure can fail: pale grey text vanishes, white text on a solid fill is not text on white."""
    from weasyprint import HTML

    path = tmp_path / "bad.pdf"
    HTML(string='<html lang="en"><body style="margin:0"><p style="color:#aaa;font-size:8pt">Pale small text</p>'
                '<p style="background:#1f3a6e;color:#fff;font-size:12pt">White on navy</p>'
                '<p style="border-top:0.3pt solid #999">Fine text, thin rule</p></body></html>').write_pdf(path)
    copy = read_copy(path)
    reads = {line.text.strip(): line.reads for line in copy.lines}
    assert reads == {"Pale small text": False, "White on navy": False, "Fine text, thin rule": True}
    assert copy.smallest() == 8 and [t for _, t, _ in copy.pale_text] == ["Pale small text", "White on navy"]
    assert [(w, c) for _, w, c in copy.thin_rules] == [(0.3, 0.6)]


@pytest.mark.parametrize("lang", NAMES)
def test_the_handbook_promises_no_qr_code_or_address_it_does_not_print(real_site, lang):
    assert "site_url:" in (real_site.project / "locality.yml").read_text(encoding="utf-8")
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(real_site.site / "handbook" / NAMES[lang]).pages)
    assert "QR" not in text
    assert {"vi": "Trên trang web, bài này", "en": "On the website, this lesson"}[lang] not in text


def listed_cards(html: str, set_id: str) -> tuple[list[str], dict[int, str]]:
    """The cards of a set as the lesson page lists them, and the answers' numbered lines (number -> text)."""
    start = html.index(f'<div class="cg-cards" id="cards-{set_id}">')
    block = html[start:html.index("</details>", start)] if "<details" in html[start:] else html[start:]
    cards = [unescape(re.sub(r"<strong class=cg-cards__cue>.*?</strong> ", "", m))
             for m in re.findall(r'<li class="cg-cards__card">(.*?)</li>', block)]
    answers = {int(n): unescape(text) for n, text in re.findall(r"<li>(\d+)\. ([^<]*?)(?: <span|</li>)", block)}
    return cards, answers


@pytest.mark.parametrize("which", ["mini", "real"])
def test_cards_are_listed_shuffled_and_the_answers_number_them_as_listed(which, mini_site, request):
    build = mini_site if which == "mini" else request.getfixturevalue("real_site")
    project = load_project(Paths(build.project), ["vi", "en"])
    checked = 0
    for lesson in project.ordered_lessons():
        for lang in ("vi", "en"):
            page = ("" if lang == "vi" else "en/") + f"lessons/{lesson.id}.html"
            html = (build.site / page).read_text(encoding="utf-8")
            for card_set in lesson.versions[lang].card_sets:
                group = {c.text: c.group for c in card_set.cards}
                cards, answers = listed_cards(html, card_set.id)
                assert sorted(cards) == sorted(group), (page, cards)
                for n, text in answers.items():
                    assert cards[n - 1] == text, (page, n, text)
                if len(set(group.values()) - {None}) >= 2:
                    shown = [group[t] for t in cards]
                    runs = 1 + sum(a != b for a, b in zip(shown, shown[1:], strict=False))
                    assert runs > len(set(shown)), f"{page}: the cards of '{card_set.id}' are listed by group"
                    checked += 1
    assert checked >= (2 if which == "mini" else 8)


def test_the_bilingual_hotline_poster_tags_its_english(real_site):
    path = real_site.site / "print" / "hotlines-poster-vi-en.pdf"
    english = [" ".join(text.split()) for text in structure_texts(path, lambda el: el.get("lang") == "en")]
    locality = load_project(Paths(real_site.project), ["vi", "en"]).locality
    text = " | ".join(english).casefold()  # headings are upper-cased by the stylesheet
    assert STRINGS["en"]["hotlines_title"].casefold() in text and STRINGS["en"]["local"].casefold() in text, english
    for h in locality.hotlines:
        assert h["name"]["en"].casefold() in text and h["name"]["vi"].casefold() not in text, (h["name"], english)


@pytest.mark.parametrize("per_page, dense", [(4, 6), (8, 10)])
def test_a_card_sheet_never_holds_one_card_alone(per_page, dense):
    from canhgiac.handbook.compose import card_pages

    for n in range(1, 30):
        pages, smaller = card_pages(list(range(n)), per_page, dense)
        assert [card for page in pages for card in page] == list(range(n))
        assert all(len(page) <= (dense if smaller else per_page) for page in pages)
        assert n == 1 or min(len(page) for page in pages) >= 2, (n, pages)
        assert smaller == (n > 1 and n % per_page == 1)
