"""Benchmark: site build time and peak memory, this project against plain mkdocs-material + static-i18n.

Generates N synthetic bilingual lessons (default N = 10, 100, 500) with quiz banks, builds them with the
canhgiac plugin (handbook off: it has its own benchmark) and without it (the same Markdown, plain Material and
static-i18n), and prints seconds, peak memory and their ratios. Run: .venv/bin/python scripts/bench_build.py
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNNER = """
import json, resource, sys, time
from mkdocs.commands.build import build
from mkdocs.config import load_config
start = time.perf_counter()
build(load_config(sys.argv[1]))
print(json.dumps({"seconds": time.perf_counter() - start,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""
WORDS = ("Bà con cần cảnh giác với những lời mời làm việc nhẹ lương cao trên mạng xã hội. Hãy hỏi công an xã "
         "và kiểm tra giấy phép của doanh nghiệp trước khi đi. ")

# Short enough for the poster (at most 90 characters each), as the real lessons' key messages are.
KEY_MESSAGES = ("Lương cao bất thường, không cần kinh nghiệm: hãy dừng lại và hỏi người thân.",
                "Không đưa giấy tờ tùy thân cho người môi giới giữ hộ.",
                "Nghi ngờ thì gọi 111 hoặc báo công an xã ngay.")


def lesson(i: int, lang: str) -> str:
    """Return one synthetic lesson of about 900 words."""
    title = f"Bài học {i}" if lang == "vi" else f"Lesson {i}"
    sections = "".join(f"\n## Phần {s} của bài {i}\n\n{WORDS * 12}\n" for s in range(1, 5))
    return f"""---
id: l{i:03d}
order: {i}
title: {title}
summary: {WORDS[:80]}
objectives: [Nêu được ba dấu hiệu]
duration: 45
audience: [Người dân]
laws: [penal-code]
quiz: l{i:03d}
reviewed: 2026-11-29
---

{WORDS * 3}
{sections}
!!! key-messages "Thông điệp"
    - {KEY_MESSAGES[0]}
    - {KEY_MESSAGES[1]}
    - {KEY_MESSAGES[2]}

## Kiểm tra

```quiz
l{i:03d}
```
"""


def bank(i: int) -> str:
    """Return a synthetic quiz bank of ten questions."""
    qs = "".join(f"""
  - id: q{q}
    kind: single
    prompt: {{vi: "Câu hỏi {q}?", en: "Question {q}?"}}
    options:
      - text: {{vi: Gọi 111, en: Call 111}}
        correct: true
      - text: {{vi: Im lặng, en: Stay silent}}
    explanation: {{vi: "{WORDS}", en: "Because."}}
    cite: {{law: penal-code, article: "150"}}""" for q in range(10))
    return f"id: l{i:03d}\ntitle: {{vi: Kiểm tra, en: Check}}\nquestions:{qs}\n"


def make_project(folder: Path, n: int, plain: bool) -> Path:
    """Write a project with n lessons; `plain` drops the canhgiac plugin and templates."""
    for name in ("laws.yml", "locality.yml"):
        shutil.copy(ROOT / name, folder / name)
    shutil.copytree(ROOT / "overrides", folder / "overrides")
    (folder / "docs").mkdir()
    for page in ("index", "legal", "hotlines", "progress"):
        for lang in ("vi", "en"):
            text = (ROOT / "docs" / f"{page}.{lang}.md").read_text(encoding="utf-8")
            if plain:
                text = "\n".join(line for line in text.splitlines() if not line.startswith("template:"))
            (folder / "docs" / f"{page}.{lang}.md").write_text(text, encoding="utf-8")
    (folder / "lessons").mkdir()
    (folder / "quizzes").mkdir()
    for i in range(1, n + 1):
        for lang in ("vi", "en"):
            (folder / "lessons" / f"l{i:03d}.{lang}.md").write_text(lesson(i, lang), encoding="utf-8")
        (folder / "quizzes" / f"l{i:03d}.yml").write_text(bank(i), encoding="utf-8")
    (folder / "docs" / "lessons").symlink_to("../lessons", target_is_directory=True)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    if plain:
        config = config.replace("  - canhgiac\n", "").replace("  custom_dir: overrides\n", "")
        config = config.replace("      slugify: !!python/name:canhgiac.slug.slugify\n", "")
    else:
        # The site alone: the handbook, leaflets and packages have benchmarks of their own.
        config = config.replace("  - canhgiac\n", "  - canhgiac:\n      handbook_enabled: false\n"
                                "      outreach_enabled: false\n      packages_enabled: false\n")
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
    return folder / "mkdocs.yml"


def build_once(config: Path) -> dict:
    """Build once in a fresh interpreter; return seconds and peak memory."""
    out = subprocess.run([sys.executable, "-c", RUNNER, str(config)], capture_output=True, text=True,
                         env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
    if out.returncode:
        raise SystemExit(out.stderr[-3000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure(configs: dict[str, Path], runs: int) -> dict[str, dict]:
    """Build each project `runs` times, taking turns, so both see the same machine load.

    Keep the best time and the largest peak memory of each.
    """
    results: dict[str, list[dict]] = {name: [] for name in configs}
    for _ in range(runs):
        for name, config in configs.items():
            results[name].append(build_once(config))
    return {name: {"seconds": min(r["seconds"] for r in rs), "peak_mb": max(r["peak_mb"] for r in rs)}
            for name, rs in results.items()}


def main() -> None:
    """Print one row per N, then N=largest / N=second-largest for our build."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[10, 100, 500])
    parser.add_argument("--runs", type=int, default=3, help="builds per measurement; the fastest counts")
    args = parser.parse_args()
    print(f"best of {args.runs} builds each, ours and plain taking turns; handbook off (scripts/bench_handbook.py "
          f"measures it); load average at start {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(f"{'lessons':>7} {'ours s':>8} {'plain s':>8} {'ratio':>6} {'ours MB':>8} {'plain MB':>9} {'ratio':>6} "
          f"{'ms/lesson':>9}")
    seconds = {}
    for n in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            folders = {name: Path(tmp, name) for name in ("ours", "plain")}
            for folder in folders.values():
                folder.mkdir()
            found = measure({"ours": make_project(folders["ours"], n, plain=False),
                             "plain": make_project(folders["plain"], n, plain=True)}, args.runs)
        ours, plain = found["ours"], found["plain"]
        seconds[n] = (ours["seconds"], plain["seconds"])
        print(f"{n:>7} {ours['seconds']:>8.2f} {plain['seconds']:>8.2f} {ours['seconds'] / plain['seconds']:>6.2f} "
              f"{ours['peak_mb']:>8.0f} {plain['peak_mb']:>9.0f} {ours['peak_mb'] / plain['peak_mb']:>6.2f} "
              f"{1000 * ours['seconds'] / n:>9.1f}", flush=True)
    sizes = sorted(seconds)
    if len(sizes) >= 2:
        big, small = sizes[-1], sizes[-2]
        print(f"N={big} / N={small}: ours {seconds[big][0] / seconds[small][0]:.2f}x, "
              f"plain {seconds[big][1] / seconds[small][1]:.2f}x")
    print(f"load average at end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
