"""Time the site build alone and with the trainer handbooks; print seconds, pages and PDF sizes.

Usage: python scripts/bench_handbook.py [PROJECT] [--runs N]
The project (default: this repository) is copied to a temporary folder, so nothing in it is written.
Target (issue 12): building both handbooks of the real curriculum adds under 30 s to the build on 2 cores, each
PDF is under 3 MB, and no letter carries more than 40 % of the right answers on the printed worksheets. The whole
build (site, handbooks, leaflets, packages) is printed too.
"""

from __future__ import annotations

import argparse
import os
import shutil
from collections import Counter
from pathlib import Path

from benchcopy import ROOT, build_copy
from pypdf import PdfReader

TARGET_SECONDS, TARGET_BYTES, TARGET_LETTER = 30.0, 3_000_000, 0.40


def build(project: Path, handbook: bool) -> tuple[float, Path]:
    """Build a fresh copy of `project`, with or without its handbooks; return the seconds and the site folder."""
    seconds, site, _ = build_copy(project, "handbook", **({} if handbook else {"handbook_enabled": False}))
    return seconds, site


def right_letters(project: Path) -> Counter:
    """How many right answers the printed worksheets put under each letter (the same in every language)."""
    from canhgiac.errors import Collector
    from canhgiac.quiz import order
    from canhgiac.quiz.model import load_banks

    banks = load_banks(project / "quizzes", Collector(project))
    return Counter(letter for bank in banks.values() for q in bank.questions
                   for letter, option in order.options(bank.id, q) if option.correct)


def main() -> None:
    """Run the benchmark and print a small table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", nargs="?", type=Path, default=ROOT)
    parser.add_argument("--runs", type=int, default=1, help="builds of each kind; the fastest counts")
    args = parser.parse_args()
    alone = [build(args.project, handbook=False) for _ in range(args.runs)]
    runs = [build(args.project, handbook=True) for _ in range(args.runs)]
    site_alone = min(seconds for seconds, _ in alone)
    with_handbook, site = min(runs)
    pdfs = sorted((site / "handbook").glob("*.pdf"))
    print(f"cores: {os.cpu_count()}")
    handbooks = with_handbook - site_alone
    print(f"build without handbooks: {site_alone:6.1f} s")
    print(f"build with handbooks:    {with_handbook:6.1f} s")
    print(f"handbooks, both languages: {handbooks:4.1f} s  (target < {TARGET_SECONDS:.0f} s)")
    for pdf in pdfs:
        size = pdf.stat().st_size
        print(f"  {pdf.name:32} {len(PdfReader(pdf).pages):4d} pages  {size / 1e6:5.2f} MB"
              f"{'' if size < TARGET_BYTES else '  OVER 3 MB'}")
    letters = right_letters(args.project)
    total = sum(letters.values()) or 1
    print("right answers by printed letter: " + ", ".join(
        f"{letter.upper()} {n} ({n / total:.0%})" for letter, n in sorted(letters.items()))
        + f"  (target: none over {TARGET_LETTER:.0%})")
    ok = handbooks < TARGET_SECONDS and all(pdf.stat().st_size < TARGET_BYTES for pdf in pdfs) \
        and max(letters.values(), default=0) <= TARGET_LETTER * total
    print("within target" if ok else "OVER TARGET")
    for _, folder in alone + runs:
        shutil.rmtree(folder.parent, ignore_errors=True)


if __name__ == "__main__":
    main()
