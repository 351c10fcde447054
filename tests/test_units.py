"""Pure parts, without MkDocs: slugs, YAML line numbers, the quiz renderer against golden HTML."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES

from canhgiac.content.laws import load_laws
from canhgiac.errors import Collector
from canhgiac.i18n import package_catalog as strings
from canhgiac.quiz.model import load_bank
from canhgiac.quiz.render import render_bank
from canhgiac.slug import fold, slugify
from canhgiac.yamlsrc import YamlProblem, load, split_front_matter

GOLDEN = Path(__file__).parent / "golden"


@pytest.mark.parametrize("heading,slug", [
    ("Lao động xa quê", "lao-dong-xa-que"),
    ("Đường dây nóng 111", "duong-day-nong-111"),
    ("Tố giác, che giấu và không tố giác tội phạm", "to-giac-che-giau-va-khong-to-giac-toi-pham"),
    ("Working far from home", "working-far-from-home"),
    ("ĐIỀU 150: Mua bán người", "dieu-150-mua-ban-nguoi"),
])
def test_slugify_keeps_vietnamese_readable(heading, slug):
    assert slugify(heading) == slug


def test_fold_maps_d_with_stroke():
    assert fold("Đà Nẵng, đường") == "Da Nang, duong"


def test_yaml_lines_point_at_the_value():
    located = load("a: 1\nb:\n  - x\n  - y: 2\n", offset=10)
    assert located.line("b", 1, "y") == 14
    assert located.line("b", 0) == 13
    assert located.line("missing") == 11  # falls back to the document


def test_yaml_duplicate_key_is_an_error():
    with pytest.raises(YamlProblem) as exc:
        load("id: a\nid: b\n")
    assert (exc.value.line, exc.value.message) == (2, "the key 'id' appears twice")


def test_front_matter_split_reports_where_the_body_starts():
    raw, body, line = split_front_matter("---\nid: x\n---\nHello\n")
    assert (raw, body, line) == ("id: x\n", "Hello\n", 4)


def test_dates_read_as_each_language_writes_them():
    assert strings("vi").format_date("2025-07-01") == "01/07/2025"
    assert strings("en").format_date("2025-07-01") == "1 July 2025"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_quiz_html_matches_golden_file(lang, request):
    out = Collector(FIXTURES / "mini")
    bank = load_bank(FIXTURES / "mini" / "quizzes" / "demo.yml", out)
    laws = load_laws(FIXTURES / "mini" / "laws.yml", out)
    assert out.problems == []
    # one tag per line, so a change reads as a small diff
    html = render_bank(bank, lang, strings(lang), laws, "../legal.html", "demo").replace("><", ">\n<")
    golden = GOLDEN / f"quiz-demo.{lang}.html"
    if request.config.getoption("--update-golden"):
        golden.write_text(html + "\n", encoding="utf-8")
    assert html + "\n" == golden.read_text(encoding="utf-8"), "run pytest --update-golden after a deliberate change"
