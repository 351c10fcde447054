"""Quiz-design lints: patterns that let a bank be passed by spotting them instead of understanding.

Per bank: the right answer is usually the longest option, every multiple-answer question has the same number of
right answers, right answers sit in one position, an option points at other options ("all of the above"), a
true-false bank is all true or all false; across banks: two banks ask the same question, a named person turns up in
two banks, and the figures of `quiz_stats` (true-false balance, length rank of the right option, wrong-option
counts) stay within the thresholds below. `canhgiac.report` prints them.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from canhgiac.content.project import Project
from canhgiac.quiz.model import Bank, Question

CHOICE = ("single", "scenario")
# At most this share of a bank's single/scenario questions may have the right answer as the longest option.
LONGEST_SHARE = 1 / 3
# At most this share of them may have the right answer at the same position in the source.
POSITION_SHARE = 1 / 2
# Prompts (with their stories) this similar in two banks count as the same question.
SIMILAR = 0.85
# Options that refer to other options: they reward guessing, and break when options are shuffled.
REFERS_TO_OTHERS = re.compile(
    r"\b(tất cả (các )?(ý|đáp án|phương án|câu)|cả (hai|ba|a|b|c)\b|(cả )?[abcd] và [abcd]\b|"
    r"all of the above|none of the above|both [abcd]?\b|all the above)", re.I)
# A bank with this many true-false statements or more must not give them all the same answer.
TF_ALIKE_MIN = 2
# Over all banks, the share of true statements lies between these: answering "false" (or "true") to everything
# must not pass a quiz. Exactly half is not required; a third or two thirds would be a usable cue.
TF_TRUE_MIN, TF_TRUE_MAX = 0.40, 0.60
# Over all banks and per language, at most this share of the single/scenario questions with the same number of
# options may have the right option at one length rank (shortest, middle or longest of three; shortest or longest
# of four). By chance each rank of three comes up a third of the time; 40 % leaves room for a small sample.
RANK_SHARE = 0.40
# Length ranks are only judged over at least this many questions of one size.
RANK_MIN_QUESTIONS = 5
# Over all banks, at most this share of the multiple-answer questions may have the same number of wrong options.
WRONG_COUNT_SHARE = 0.60
# A person's name in a story: after a kinship word or form of address ("chị Thảo", "ông Sáu"), or before an age
# ("Vy, 16 tuổi"). Names are compared as written, accents included ("Tâm" and "Tám" are different people).
_UPPER = "A-ZÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
_NAME = rf"[{_UPPER}][^\W\d_]*"
ADDRESSED = re.compile(rf"\b(?:[Aa]nh|[Cc]hị|[Cc]ô|[Cc]hú|[Bb]ác|[Ôô]ng|[Bb]à|[Ee]m|[Bb]é|[Cc]háu|[Dd]ì|[Dd]ượng|"
                       rf"[Tt]hím|[Mm]ợ|[Cc]ậu|[Bb]ạn)\s+({_NAME})")
AGED = re.compile(rf"\b({_NAME}),\s*\d{{1,3}}\s*tuổi")
# Capitalised words after a form of address that are not people ("Bà Rịa", "Cô Tô", "Ông Đốc", the Front, the team).
NOT_NAMES = {"Rịa", "Tô", "Đốc", "Mặt", "Tổ", "Nhà", "Ủy", "Công", "Hội", "Đoàn", "Ban", "Ấp", "Xã"}


@dataclass
class Warning_:
    """One quiz-design warning, with the file and line it points at."""

    path: Path
    line: int
    message: str

    def format(self, root: Path) -> str:
        """The warning as `file:line: message`, relative to the project."""
        try:
            rel = self.path.relative_to(root)
        except ValueError:
            rel = self.path
        return f"{rel.as_posix()}:{self.line}: {self.message}"


def _norm(text: str) -> str:
    """Lower case, no accents, đ→d, single spaces: for comparing prompts."""
    text = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.findall(r"\w+", text))


def _length(text: str) -> int:
    return len(" ".join(text.split()))


def bank_warnings(bank: Bank, langs: list[str]) -> list[Warning_]:
    """Pattern cues inside one bank."""
    out: list[Warning_] = []
    choice = [q for q in bank.questions if q.kind in CHOICE]
    if choice:
        longest = [q for q in choice if any(_right_is_longest(q, lang) for lang in langs)]
        if len(longest) > LONGEST_SHARE * len(choice):
            ids = ", ".join(q.id for q in longest)
            out.append(Warning_(bank.path, longest[0].line,
                                f"the right answer is the longest option in {len(longest)} of {len(choice)} "
                                f"single/scenario questions ({ids}); make the wrong options as long and as plausible"))
        positions = Counter(next(i for i, o in enumerate(q.options) if o.correct) for q in choice)
        position, count = positions.most_common(1)[0]
        if len(choice) >= 3 and count > POSITION_SHARE * len(choice):
            out.append(Warning_(bank.path, choice[0].line,
                                f"the right answer is option {position + 1} in {count} of {len(choice)} "
                                "single/scenario questions; vary its position"))
    multiple = [q for q in bank.questions if q.kind == "multiple"]
    if len(multiple) >= 2:
        shapes = {(sum(o.correct for o in q.options), len(q.options)) for q in multiple}
        rights = {right for right, _ in shapes}
        if len(rights) == 1:
            out.append(Warning_(bank.path, multiple[0].line,
                                f"every multiple-answer question has {rights.pop()} right answers; vary the number"))
    for q in multiple:
        if len(q.options) >= 4 and sum(o.correct for o in q.options) == len(q.options) - 1:
            out.append(Warning_(bank.path, q.line,
                                f"question '{q.id}': all options but one are right, so the odd one out gives the "
                                "answer away; add plausible wrong options"))
    for q in bank.questions:
        for option in q.options:
            for lang in langs:
                if REFERS_TO_OTHERS.search(option.text.get(lang, "")):
                    out.append(Warning_(bank.path, q.line,
                                        f"question '{q.id}': the option \"{option.text[lang]}\" refers to other "
                                        "options; options are shuffled, write each one as a statement of its own"))
    tf = [q for q in bank.questions if q.kind == "true-false"]
    if len(tf) >= TF_ALIKE_MIN and len({q.answer for q in tf}) == 1:
        out.append(Warning_(bank.path, tf[0].line,
                            f"all {len(tf)} true-false questions are {str(tf[0].answer).lower()}; mix true and false"))
    return out


def _right_is_longest(q: Question, lang: str) -> bool:
    """True when a right option is strictly longer than every wrong one."""
    right = [_length(o.text.get(lang, "")) for o in q.options if o.correct]
    wrong = [_length(o.text.get(lang, "")) for o in q.options if not o.correct]
    return bool(right and wrong) and max(right) > max(wrong)


RANKS = {3: ("shortest", "middle", "longest"), 4: ("shortest", "inner", "longest")}
# The ranks that may not exceed RANK_SHARE: with four options the two inner ranks together come up half the time
# by chance, so only the ends are judged.
JUDGED_RANKS = {3: ("shortest", "middle", "longest"), 4: ("shortest", "longest")}


def length_rank(q: Question, lang: str) -> str | None:
    """Where the right option's length falls among the options of a single/scenario question with 3 or 4 options.

    Length is the number of characters of the option's text (spaces collapsed), as a reader sees it. "shortest"
    and "longest" mean strictly shorter or longer than every wrong option; anything else (including a tie with the
    shortest or longest wrong option) is "middle" (3 options) or "inner" (4 options), since a tie is no cue.
    """
    if q.kind not in CHOICE or len(q.options) not in RANKS:
        return None
    right = [_length(o.text.get(lang, "")) for o in q.options if o.correct]
    wrong = [_length(o.text.get(lang, "")) for o in q.options if not o.correct]
    if len(right) != 1 or not wrong:
        return None
    names = RANKS[len(q.options)]
    if right[0] < min(wrong):
        return names[0]
    if right[0] > max(wrong):
        return names[2]
    return names[1]


@dataclass
class QuizStats:
    """Figures over all banks: what a pattern-spotter could exploit."""

    true_false: Counter  # True/False -> count
    ranks: dict[tuple[str, int], Counter]  # (lang, options) -> rank -> count
    wrong_counts: Counter  # wrong options of a multiple-answer question -> how many questions

    def lines(self) -> list[str]:
        """The figures as report lines."""
        total = sum(self.true_false.values())
        share = self.true_false[True] / total if total else 0
        out = [f"  true-false: {self.true_false[True]} true, {self.true_false[False]} false of {total} "
               f"({share:.0%} true)"]
        for (lang, size), ranks in sorted(self.ranks.items()):
            n = sum(ranks.values())
            parts = ", ".join(f"{rank} {ranks[rank]} ({ranks[rank] / n:.0%})" for rank in RANKS[size])
            out.append(f"  right option by length, {size} options, {lang}: {parts} of {n}")
        dist = ", ".join(f"{k} wrong: {v}" for k, v in sorted(self.wrong_counts.items()))
        out.append(f"  multiple-answer questions by wrong options: {dist or 'none'}")
        return out


def quiz_stats(banks: list[Bank], langs: list[str]) -> QuizStats:
    """Count true-false answers, right-option length ranks and multiple-answer wrong-option counts."""
    questions = [q for bank in banks for q in bank.questions]
    ranks: dict[tuple[str, int], Counter] = {}
    for lang in langs:
        for q in questions:
            rank = length_rank(q, lang)
            if rank:
                ranks.setdefault((lang, len(q.options)), Counter())[rank] += 1
    return QuizStats(
        true_false=Counter(q.answer for q in questions if q.kind == "true-false"),
        ranks=ranks,
        wrong_counts=Counter(sum(not o.correct for o in q.options) for q in questions if q.kind == "multiple"),
    )


def balance_warnings(banks: list[Bank], langs: list[str]) -> list[Warning_]:
    """Patterns over all banks together: true-false share, length rank of the right option, wrong-option counts."""
    out: list[Warning_] = []
    questions = [(bank, q) for bank in banks for q in bank.questions]
    stats = quiz_stats(banks, langs)

    def at(pairs: list[tuple[Bank, Question]]) -> tuple[Path, int]:
        bank, q = _most(pairs)
        return bank.path, q.line

    tf = [(b, q) for b, q in questions if q.kind == "true-false"]
    total = len(tf)
    if total >= TF_ALIKE_MIN:
        share = stats.true_false[True] / total
        if not TF_TRUE_MIN <= share <= TF_TRUE_MAX:
            dominant = share > TF_TRUE_MAX  # the answer there is too much of
            path, line = at([(b, q) for b, q in tf if q.answer is dominant])
            more, fewer = ("true", "false") if dominant else ("false", "true")
            out.append(Warning_(path, line,
                                f"over all banks {stats.true_false[True]} of {total} true-false statements are true "
                                f"({share:.0%}); keep it between {TF_TRUE_MIN:.0%} and {TF_TRUE_MAX:.0%} by turning "
                                f"some {more} statements into {fewer} ones"))
    for (lang, size), ranks in sorted(stats.ranks.items()):
        n = sum(ranks.values())
        if n < RANK_MIN_QUESTIONS:
            continue
        for rank in JUDGED_RANKS[size]:
            if ranks[rank] > RANK_SHARE * n:
                pairs = [(b, q) for b, q in questions if len(q.options) == size and length_rank(q, lang) == rank]
                path, line = at(pairs)
                ids = ", ".join(q.id for _, q in pairs)
                out.append(Warning_(path, line,
                                    f"over all banks the right option is the {rank} of {size} ({lang}) in "
                                    f"{ranks[rank]} of {n} single/scenario questions ({ids}); at most "
                                    f"{RANK_SHARE:.0%}: vary the lengths of right and wrong options"))
    multiple = [(b, q) for b, q in questions if q.kind == "multiple"]
    if len(multiple) >= 2:
        count, n = stats.wrong_counts.most_common(1)[0]
        if n > WRONG_COUNT_SHARE * len(multiple):
            path, line = at([(b, q) for b, q in multiple if sum(not o.correct for o in q.options) == count])
            out.append(Warning_(path, line,
                                f"over all banks {n} of {len(multiple)} multiple-answer questions have {count} wrong "
                                f"option(s); at most {WRONG_COUNT_SHARE:.0%} may share a count: vary it"))
    for bank, q in multiple:
        if all(o.correct for o in q.options):
            out.append(Warning_(bank.path, q.line, f"question '{q.id}': every option is right; add wrong ones"))
    return out


def _most(pairs: list[tuple[Bank, Question]]) -> tuple[Bank, Question]:
    """The first question of the bank that has most of `pairs`: where a fix does most good."""
    counts = Counter(bank.id for bank, _ in pairs)
    top = counts.most_common(1)[0][0]
    return next(pair for pair in pairs if pair[0].id == top)


def characters(q: Question, lang: str = "vi") -> set[str]:
    """The named people of a question (story, prompt, options, steps): addressed ("chị Thảo") or aged ("Vy, 16 tuổi")."""
    texts = [(q.story or {}).get(lang, ""), q.prompt.get(lang, "")]
    texts += [o.text.get(lang, "") for o in q.options] + [step.get(lang, "") for step in q.steps]
    found: set[str] = set()
    for text in texts:
        found.update(m.group(1) for m in ADDRESSED.finditer(text))
        found.update(m.group(1) for m in AGED.finditer(text))
    return found - NOT_NAMES


def character_warnings(banks: list[Bank], lang: str = "vi") -> list[Warning_]:
    """The same named person in two banks: a reader takes it for the same story, or the banks for copies."""
    first: dict[str, tuple[Bank, Question]] = {}
    out: list[Warning_] = []
    for bank in banks:
        for q in bank.questions:
            for name in sorted(characters(q, lang)):
                other = first.setdefault(name, (bank, q))
                if other[0] is not bank:
                    out.append(Warning_(bank.path, q.line,
                                        f"question '{q.id}': the character '{name}' already appears in "
                                        f"{other[0].path.name} ('{other[1].id}', line {other[1].line}); "
                                        "give each bank its own people"))
    return out


def duplicate_warnings(banks: list[Bank], lang: str) -> list[Warning_]:
    """The same (or nearly the same) question asked in two banks."""
    seen: list[tuple[str, Bank, Question]] = []
    out: list[Warning_] = []
    for bank in banks:
        for q in bank.questions:
            text = _norm(" ".join(filter(None, [(q.story or {}).get(lang, ""), q.prompt.get(lang, "")])))
            for other_text, other_bank, other in seen:
                if other_bank is bank:
                    continue
                if difflib.SequenceMatcher(None, text, other_text, autojunk=False).ratio() >= SIMILAR:
                    out.append(Warning_(bank.path, q.line,
                                        f"question '{q.id}' repeats '{other.id}' of {other_bank.path.name} "
                                        f"(line {other.line}); ask something new or drop one"))
            seen.append((text, bank, q))
    return out


def quiz_warnings(project: Project) -> list[Warning_]:
    """Every quiz-design warning of the project, in bank order."""
    banks = [project.banks[k] for k in sorted(project.banks)]
    out: list[Warning_] = []
    for bank in banks:
        out += bank_warnings(bank, project.langs)
    out += duplicate_warnings(banks, project.langs[0])
    out += balance_warnings(banks, project.langs)
    out += character_warnings(banks, project.langs[0])
    return out


