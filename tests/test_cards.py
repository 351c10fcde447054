"""Card sets (```cards fences): parsed and checked in the content model, listed on the website."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_build
from test_bad_input import edit

from canhgiac.content.project import Paths, load_project
from canhgiac.errors import ContentError

LANGS = ["vi", "en"]


def problems(project: Path) -> str:
    with pytest.raises(ContentError) as err:
        load_project(Paths(project), LANGS)
    return str(err.value)


def line_of(path: Path, text: str) -> int:
    content = path.read_text(encoding="utf-8")
    return content[:content.index(text)].count("\n") + 1


def test_the_fixture_card_set_loads_in_both_languages(mini):
    project = load_project(Paths(mini), LANGS)
    vi, en = (project.lessons["demo"].versions[lang].card_sets for lang in LANGS)
    assert [s.id for s in vi] == [s.id for s in en] == ["job-offer-signs"]
    assert vi[0].groups == ("Đáng ngờ", "Có thể tin được")
    assert [c.group for c in vi[0].cards] == [c.group for c in en[0].cards] == [0, 0, 0, 1, 1, 1]
    assert vi[0].cards[0].cue == "LƯƠNG CAO"
    assert en[0].line == line_of(mini / "lessons/demo.en.md", "```cards") + 1


def test_card_count_differs_between_languages(mini):
    path = mini / "lessons/demo.en.md"
    edit(path, "  - text: You are asked to talk with your family before deciding\n    cue: ASK FAMILY\n"
               "    group: Can be trusted\n", "")
    line = line_of(path, "```cards") + 1
    assert problems(mini) == (
        "1 problem in the content:\n"
        f"lessons/demo.en.md:{line}: card set 'job-offer-signs' has 5 cards but lessons/demo.vi.md has 6\n"
        "    hint: card i must mean the same in both languages: translate card by card")


def test_unknown_group(mini):
    path = mini / "lessons/demo.vi.md"
    edit(path, "    cue: GIẤY PHÉP\n    group: Có thể tin được", "    cue: GIẤY PHÉP\n    group: Tin được")
    line = line_of(path, "group: Tin được")
    assert problems(mini) == (
        "1 problem in the content:\n"
        f"lessons/demo.vi.md:{line}: card 5 of 'job-offer-signs' names the group 'Tin được', which is not in 'groups'\n"
        "    hint: use one of: Đáng ngờ, Có thể tin được")


def test_missing_field(mini):
    path = mini / "lessons/demo.vi.md"
    edit(path, 'title: "Lời mời nào đáng ngờ?"\n', "")
    line = line_of(path, "```cards") + 1
    assert problems(mini) == (
        "1 problem in the content:\n"
        f"lessons/demo.vi.md:{line}: missing the required field 'title'\n"
        "    hint: add it; see the schema in canhgiac/schemas/")


def test_a_card_without_its_group(mini):
    path = mini / "lessons/demo.en.md"
    edit(path, "    cue: LEAVE NOW\n    group: Suspicious\n", "    cue: LEAVE NOW\n")
    line = line_of(path, "  - text: You must leave tonight")
    assert problems(mini) == (
        "1 problem in the content:\n"
        f"lessons/demo.en.md:{line}: card 3 of 'job-offer-signs' has no 'group'\n"
        "    hint: sort it into one of: Suspicious, Can be trusted")


def test_a_card_in_another_group_than_its_translation(mini):
    path = mini / "lessons/demo.en.md"
    edit(path, "    cue: CONTRACT\n    group: Can be trusted", "    cue: CONTRACT\n    group: Suspicious")
    assert "card 4 of 'job-offer-signs' is in group 1 ('Suspicious') but in group 2 in lessons/demo.vi.md" \
        in problems(mini)


def test_text_too_long_and_unknown_key(mini):
    path = mini / "lessons/demo.vi.md"
    edit(path, "    cue: LƯƠNG CAO\n", "    cue: LƯƠNG CAO BẤT THƯỜNG\n    colour: red\n")
    cue, colour = line_of(path, "cue: LƯƠNG CAO BẤT"), line_of(path, "colour: red")
    assert problems(mini) == (
        "2 problems in the content:\n"
        f"lessons/demo.vi.md:{colour}: unknown field 'colour'\n    hint: remove it or check its spelling\n"
        f"lessons/demo.vi.md:{cue}: 'cue' is too long (20 characters, at most 16)\n    hint: shorten it; the lesson "
        "text is the place for more (leaflet and poster texts are set in large type)")


def test_sets_differ_between_languages(mini):
    edit(mini / "lessons/demo.en.md", "id: job-offer-signs", "id: job-offers")
    assert "card sets ['job-offers'] differ from lessons/demo.vi.md: ['job-offer-signs']" in problems(mini)


def test_broken_yaml_in_a_card_set_fails_the_build_with_file_and_line(mini):
    path = mini / "lessons/demo.vi.md"
    edit(path, "groups:\n  - Đáng ngờ", "groups: [Đáng ngờ\n  - Đáng ngờ")
    build = run_build(mini)
    assert build.returncode == 1
    assert "Traceback" not in build.output
    assert f"lessons/demo.vi.md:{line_of(path, 'groups: [')}: card set: broken YAML" in build.output


# -- the website -------------------------------------------------------------------------------------


@pytest.mark.parametrize("page, lang", [("lessons/demo.html", "vi"), ("en/lessons/demo.html", "en")])
def test_the_website_lists_the_cards_with_the_answers_collapsed(mini_site, page, lang):
    html = (mini_site.site / page).read_text(encoding="utf-8")
    start = html.index('<div class="cg-cards" id="cards-job-offer-signs">')
    block = html[start:html.index("</div>", start)]
    cue, text = {"vi": ("LƯƠNG CAO", "Trả lương 30 triệu đồng một tháng"), "en": ("HIGH PAY", "Pays 30 million dong")}[lang]
    assert f"<strong class=cg-cards__cue>{cue}</strong> {text}" in block
    assert block.count('<li class="cg-cards__card">') == 6
    assert '<details class="cg-cards__answers"><summary>' in block  # closed: no 'open' attribute
    answers = block[block.index('<details class="cg-cards__answers">'):]
    assert {"vi": "Đáng ngờ", "en": "Suspicious"}[lang] in answers
