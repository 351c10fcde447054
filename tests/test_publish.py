"""Nothing half-published: a failed build leaves the previous site/ as it was; two builds give the same bytes."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import FIXTURES, copy_project, run_build, tree_bytes
from pypdf import PdfReader


def leftovers(project: Path) -> list[str]:
    """Staging folders left next to site/."""
    return sorted(p.name for p in project.iterdir() if p.name.startswith(".site"))


def test_a_failed_build_leaves_the_previous_site_exactly_as_it_was(mini):
    first = run_build(mini)
    assert first.returncode == 0, first.output
    published = tree_bytes(first.site)
    assert "handbook/trainer-handbook.pdf" in published and "en/lessons/demo.html" in published
    lesson = mini / "lessons" / "demo.en.md"
    good = lesson.read_text(encoding="utf-8")
    # an early failure (content check, before anything is written) and a late one: the English handbook fails its
    # font check after the Vietnamese site, its handbook and the English pages were all written
    for broken, message in [
        (good.replace("duration: 30", "duration: thirty"), "lessons/demo.en.md:7: expected a whole number"),
        (good + "\nAn Egyptian hieroglyph: \U00013000.\n", "lessons/demo.en.md"),
    ]:
        lesson.write_text(broken, encoding="utf-8")
        failed = run_build(mini)
        assert failed.returncode != 0, failed.output
        assert message in failed.output, failed.output
        assert "Traceback" not in failed.output, failed.output
        assert "site/ was left as it was" in failed.output
        assert tree_bytes(mini / "site") == published
        assert leftovers(mini) == []
    lesson.write_text(good.replace("title: Labour and safety", "title: Work and safety"), encoding="utf-8")
    fixed = run_build(mini)
    assert fixed.returncode == 0, fixed.output
    assert "Work and safety" in (mini / "site/en/lessons/demo.html").read_text(encoding="utf-8")
    assert leftovers(mini) == []


def test_an_abandoned_staging_folder_is_cleaned_up(mini):
    (mini / "site").mkdir()
    (mini / "site" / "old.html").write_text("old", encoding="utf-8")
    dead = mini / ".site.building-999999999-x"  # a build that was killed: no such process
    dead.mkdir()
    (mini / "locality.yml").write_text("year: [", encoding="utf-8")
    failed = run_build(mini)
    assert failed.returncode != 0
    assert leftovers(mini) == []
    assert tree_bytes(mini / "site") == {"old.html": b"old"}


def test_two_builds_of_the_same_sources_are_byte_identical(mini_site, tmp_path):
    # another folder, another time zone, another day for all the build knows: the output must not change
    again = run_build(copy_project(FIXTURES / "mini", tmp_path / "elsewhere"), env={"TZ": "Pacific/Kiritimati"})
    assert again.returncode == 0, again.output
    first, second = tree_bytes(mini_site.site), tree_bytes(again.site)
    assert sorted(first) == sorted(second)
    differ = [name for name in first if first[name] != second[name]]
    assert differ == [], f"differ between two builds: {differ}"
    # dated by the content (the newest 'reviewed'), not by the clock
    assert set(re.findall(r"<lastmod>(.*?)</lastmod>", first["sitemap.xml"].decode())) == {"2026-11-29"}
    assert any(name.startswith("print/") for name in first)  # the leaflets and posters are compared too
    assert "print/vi/demo-session.pdf" in first and "print/en/demo-session-booklet.pdf" in first  # session packs too
    for name in ("handbook/so-tay-tuyen-truyen-vien.pdf", "handbook/trainer-handbook.pdf", "print/vi/demo-leaflet.pdf",
                 "print/vi/demo-session.pdf", "print/en/demo-session-booklet.pdf"):
        info = PdfReader(mini_site.site / name).metadata
        assert info["/CreationDate"].startswith("D:20261129") and info["/ModDate"] == info["/CreationDate"]


def test_source_date_epoch_dates_the_build(mini):
    build = run_build(mini, env={"SOURCE_DATE_EPOCH": "1767225600"})  # 2026-01-01T00:00:00Z
    assert build.returncode == 0, build.output
    assert "<lastmod>2026-01-01</lastmod>" in (build.site / "sitemap.xml").read_text(encoding="utf-8")
    assert PdfReader(build.site / "handbook/trainer-handbook.pdf").metadata["/CreationDate"].startswith("D:20260101")
