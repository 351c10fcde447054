"""What goes into site/download/: one list, used both by the Downloads page and by the writers."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from babel.numbers import format_decimal

from canhgiac.content.project import Project
from canhgiac.i18n import package_catalog

DOWNLOAD_DIR = "download"
KINDS = ("offline", "offline-handbook", "scorm-course", "scorm-lesson", "moodle")  # the order of the Downloads page
# The msgids of each kind's heading and purpose on the Downloads page, read as ui[f"download_{kind}"].
DOWNLOAD_STRINGS = ("download_offline", "download_offline_purpose", "download_offline-handbook",
                    "download_offline-handbook_purpose", "download_scorm-course", "download_scorm-course_purpose",
                    "download_scorm-lesson", "download_scorm-lesson_purpose", "download_moodle", "download_moodle_purpose")


@dataclass(frozen=True)
class Package:
    """One file in site/download/."""

    kind: str          # one of KINDS
    lang: str          # the language of its content
    path: str          # site path, 'download/...'
    title: str         # in its own language
    lesson: str = ""   # the lesson (per-lesson SCORM) or the lesson using the bank (Moodle)
    bank: str = ""     # Moodle: the bank id


def plan_packages(project: Project, prefix: str, handbook: bool, catalogs: Mapping | None = None) -> list[Package]:
    """Every package a build writes, in the order the Downloads page lists them.

    `prefix` starts every file name (a slug of the site name); `handbook` says whether the PDF handbooks are built;
    `catalogs` are the languages' interface strings (the package's by default).
    """
    def strings(lang: str):
        return catalogs[lang] if catalogs is not None else package_catalog(lang)

    packages: list[Package] = []
    lessons = project.ordered_lessons()
    for kind in KINDS:
        if kind == "offline-handbook" and not handbook:
            continue
        for lang in project.langs:
            base = f"{DOWNLOAD_DIR}/{prefix}-{lang}"
            if kind == "scorm-course":
                packages.append(Package(kind, lang, f"{base}-scorm12-course.zip", strings(lang)["download_whole_course"]))
            elif kind == "scorm-lesson":
                for n, lesson in enumerate(lessons, start=1):
                    packages.append(Package(kind, lang, f"{base}-scorm12-{n:02d}-{lesson.id}.zip",
                                            lesson.meta(lang)["title"], lesson=lesson.id))
            elif kind == "moodle":
                for n, lesson in enumerate(lessons, start=1):
                    bank_id = lesson.meta(lang).get("quiz")
                    if bank_id in project.banks:
                        packages.append(Package(kind, lang, f"{base}-moodle-{n:02d}-{bank_id}.xml",
                                                lesson.meta(lang)["title"], lesson=lesson.id, bank=bank_id))
            elif kind == "offline":
                packages.append(Package(kind, lang, f"{base}-offline.zip", strings(lang)["download_opens_in"]))
            else:
                packages.append(Package(kind, lang, f"{base}-offline-handbook.zip",
                                        strings(lang)["download_opens_in"]))
    return packages


def format_size(size: int, ui) -> str:
    """A file size as readers of the catalog `ui`'s language know it: '850 kB', '3.2 MB' ('3,2 MB' in Vietnamese)."""
    if size < 999_500:
        return ui["size_kb"].format(n=max(1, round(size / 1000)))
    # Rounded first as Python rounds the float, then written with the language's decimal sign (CLDR)
    return ui["size_mb"].format(n=format_decimal(Decimal(f"{size / 1_000_000:.1f}"), format="0.0", locale=ui.locale))


# The Downloads template writes each size as an empty marker; `fill_sizes` puts the real size in once the file exists.
SIZE_MARK = re.compile(r'(<span class="cg-size" data-size-of="([^"]+)">)[^<]*(</span>)')


def size_marker(path: str, pending: str) -> str:
    """The HTML the Downloads page shows until the size of `path` is known."""
    return f'<span class="cg-size" data-size-of="{path}">{pending}</span>'


def fill_sizes(html: str, sizes: dict[str, int], ui) -> str:
    """Put the size of every package listed in `sizes` into the markers of a Downloads page."""
    def sub(m: re.Match) -> str:
        size = sizes.get(m.group(2))
        return m.group(0) if size is None else f"{m.group(1)}{format_size(size, ui)}{m.group(3)}"

    return SIZE_MARK.sub(sub, html)
