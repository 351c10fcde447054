"""Property-based: whatever an editor writes in front matter or a quiz bank, the loaders answer with ContentError only.

Hypothesis writes lessons and banks three ways: valid content with random values swapped in (to get past the schema
into the cross-checks and the quiz renderer), random YAML documents, and random bytes (encodings, BOMs, NULs).
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path

import yaml
from conftest import FIXTURES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from canhgiac.content.project import Paths, load_project
from canhgiac.errors import ContentError
from canhgiac.i18n import package_catalog as strings
from canhgiac.quiz.render import render_bank

MINI = FIXTURES / "mini"
LESSON = yaml.safe_load((MINI / "lessons/demo.vi.md").read_text(encoding="utf-8").split("---")[1])
BODY = (MINI / "lessons/demo.vi.md").read_text(encoding="utf-8").split("---", 2)[2]
BANK = yaml.safe_load((MINI / "quizzes/demo.yml").read_text(encoding="utf-8"))
NASTY = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "penal-code", "demo", "q1", "single", "order",
         "true-false", "scenario", "multiple", "", " ", "\t", "---", "a: b", "đ", "\ufeff", "\u0000", "\x85", "1e999",
         "2026-02-30", "*alias", "&anchor", "!!python/object", "vi", "en", "id", "text", "correct"]
scalars = (st.none() | st.booleans() | st.integers(-10**20, 10**20) | st.floats() | st.dates()
           | st.text(max_size=30) | st.sampled_from(NASTY))
values = st.recursive(scalars, lambda children: st.lists(children, max_size=4)
                      | st.dictionaries(st.sampled_from(NASTY) | st.text(max_size=8), children, max_size=4), max_leaves=12)


def mutated(valid, depth: int = 0):
    """`valid` with any part possibly replaced by a random value (deeper parts mutated in turn)."""
    if isinstance(valid, dict) and depth < 4:
        inner = st.fixed_dictionaries({k: mutated(v, depth + 1) for k, v in valid.items()},
                                      optional={k: values for k in ("extra", "shuffle", "answer", "story") if k not in valid})
    elif isinstance(valid, list) and depth < 4:
        inner = st.tuples(*(mutated(v, depth + 1) for v in valid)).map(list) if valid else st.just([])
    else:
        inner = st.just(valid)
    return st.one_of(inner, inner, inner, values)  # mostly keep the structure


def as_file(strategy, front_matter: bool):
    """Content as bytes: the YAML dump of generated data, or random text or bytes."""
    def dump(data) -> bytes:
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        return (f"---\n{text}---\n{BODY}" if front_matter else text).encode("utf-8")
    return st.one_of(strategy.map(dump), strategy.map(dump), st.text(max_size=300).map(str.encode), st.binary(max_size=300))


def load(vi: bytes, en: bytes, bank: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for name in ("laws.yml", "locality.yml"):
            shutil.copy(MINI / name, root / name)
        (root / "lessons").mkdir()
        (root / "quizzes").mkdir()
        (root / "lessons/demo.vi.md").write_bytes(vi)
        (root / "lessons/demo.en.md").write_bytes(en)
        (root / "quizzes/demo.yml").write_bytes(bank)
        try:
            project = load_project(Paths(root), ["vi", "en"], today=dt.date(2026, 12, 1))
        except ContentError as exc:
            assert exc.problems and all(p.message for p in exc.problems)
            return
        for lang in ("vi", "en"):  # valid content must also render
            for b in project.banks.values():
                render_bank(b, lang, strings(lang), project.laws, "../legal.html", "demo")


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
VALID_EN = f"---\n{yaml.safe_dump(LESSON, allow_unicode=True)}---\n{BODY}".encode()
VALID_BANK = (MINI / "quizzes/demo.yml").read_bytes()


@SETTINGS
@given(as_file(mutated(LESSON), front_matter=True))
def test_random_front_matter_gives_only_content_errors(vi):
    load(vi, VALID_EN, VALID_BANK)


@SETTINGS
@given(as_file(mutated(BANK), front_matter=False))
def test_random_quiz_banks_give_only_content_errors(bank):
    load(VALID_EN, VALID_EN, bank)
