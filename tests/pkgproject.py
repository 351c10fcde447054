"""A fixture project for the package tests: the mini project, a lesson without a quiz, the Downloads pages."""

from __future__ import annotations

from pathlib import Path

from conftest import FIXTURES, ROOT, copy_project

# A lesson without a quiz, long enough that its end is below the fold of a phone.
NOTES = """---
id: notes
order: 2
title: {title}
summary: {summary}
objectives: [{objective}]
duration: 20
audience: [{audience}]
laws: [penal-code]
reviewed: 2026-11-29
---

{body}
"""
NOTES_TEXT = {
    "vi": {"title": "Ghi nhớ", "summary": "Bài đọc thêm.", "objective": "Nhớ số 111", "audience": "Người dân",
           "para": "Khi nghi ngờ có người bị lừa đi làm xa, hãy gọi 111 hoặc báo công an xã."},
    "en": {"title": "Remember", "summary": "Extra reading.", "objective": "Remember 111", "audience": "Residents",
           "para": "If you suspect someone is being lured into work far away, call 111 or tell the commune police."},
}


def make_project(dest: Path, pass_mark: int | None = None) -> Path:
    """The mini project with a second lesson (no quiz) and the real Downloads pages."""
    project = copy_project(FIXTURES / "mini", dest)
    for lang, t in NOTES_TEXT.items():
        body = "\n\n".join(f"## {t['title']} {n}\n\n{t['para']}" for n in range(1, 13))
        (project / "lessons" / f"notes.{lang}.md").write_text(
            NOTES.format(body=body, **{k: t[k] for k in ("title", "summary", "objective", "audience")}), encoding="utf-8")
        (project / "docs" / f"downloads.{lang}.md").write_text(
            (ROOT / "docs" / f"downloads.{lang}.md").read_text(encoding="utf-8"), encoding="utf-8")
    if pass_mark is not None:
        locality = project / "locality.yml"
        locality.write_text(locality.read_text(encoding="utf-8").replace(
            "handbook:\n", f"scorm:\n  pass_mark: {pass_mark}\n\nhandbook:\n", 1), encoding="utf-8")
    return project
