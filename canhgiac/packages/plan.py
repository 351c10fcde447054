"""What goes into site/download/: one list, used both by the Downloads page and by the writers."""

from __future__ import annotations

import re
from dataclasses import dataclass

from canhgiac.content.project import Project

DOWNLOAD_DIR = "download"
KINDS = ("offline", "offline-handbook", "scorm-course", "scorm-lesson", "moodle")  # the order of the Downloads page

# Interface text of the Downloads page, per language of the page.
LABELS: dict[str, dict[str, str]] = {
    "vi": {
        "scorm-course": "Gói SCORM 1.2 cả khóa học",
        "scorm-course_purpose": "Tải lên Moodle hoặc LMS khác: mỗi bài học là một phần riêng, theo thứ tự chương trình; "
                                "điểm kiểm tra và tiến độ được ghi lại.",
        "scorm-lesson": "Gói SCORM 1.2 từng bài",
        "scorm-lesson_purpose": "Một bài học với bài kiểm tra, để đưa vào một khóa học có sẵn trên LMS.",
        "moodle": "Ngân hàng câu hỏi Moodle (XML)",
        "moodle_purpose": "Nhập vào ngân hàng câu hỏi của Moodle để tạo bài kiểm tra có chấm điểm.",
        "offline": "Bản ngoại tuyến",
        "offline_purpose": "Toàn bộ trang web (hai ngôn ngữ) trong một tệp .zip: giải nén trên điện thoại hoặc "
                           "máy tính rồi mở, không cần Internet.",
        "offline-handbook": "Bản ngoại tuyến kèm sổ tay PDF",
        "offline-handbook_purpose": "Như bản ngoại tuyến, thêm sổ tay tuyên truyền viên (PDF) để in.",
        "file": "Tệp",
        "language": "Ngôn ngữ",
        "size": "Dung lượng",
        "size_pending": "chưa có",
        "whole_course": "Cả khóa học",
        "opens_in": "Mở ra bằng tiếng Việt",
        "start_file": "bat-dau.html",
        "start_title": "Mở trang web ngoại tuyến",
        "start_link": "Bấm vào đây nếu trang không tự mở.",
    },
    "en": {
        "scorm-course": "SCORM 1.2 package of the whole course",
        "scorm-course_purpose": "Upload to Moodle or another LMS: every lesson is its own part, in curriculum order; "
                                "quiz scores and progress are recorded.",
        "scorm-lesson": "SCORM 1.2 package per lesson",
        "scorm-lesson_purpose": "One lesson with its quiz, to add to a course you already run in an LMS.",
        "moodle": "Moodle question bank (XML)",
        "moodle_purpose": "Import into Moodle's question bank to build graded quizzes.",
        "offline": "Offline copy",
        "offline_purpose": "The whole website (both languages) in one .zip file: unzip it on a phone or computer "
                           "and open it, no internet needed.",
        "offline-handbook": "Offline copy with the PDF handbook",
        "offline-handbook_purpose": "The offline copy plus the outreach worker handbook (PDF) for printing.",
        "file": "File",
        "language": "Language",
        "size": "Size",
        "size_pending": "not built",
        "whole_course": "Whole course",
        "opens_in": "Opens in English",
        "start_file": "start.html",
        "start_title": "Open the offline website",
        "start_link": "Tap here if the page does not open by itself.",
    },
}
LANGUAGE_NAMES = {"vi": "Tiếng Việt", "en": "English"}


@dataclass(frozen=True)
class Package:
    """One file in site/download/."""

    kind: str          # one of KINDS
    lang: str          # the language of its content
    path: str          # site path, 'download/...'
    title: str         # in its own language
    lesson: str = ""   # the lesson (per-lesson SCORM) or the lesson using the bank (Moodle)
    bank: str = ""     # Moodle: the bank id


def plan_packages(project: Project, prefix: str, handbook: bool) -> list[Package]:
    """Every package a build writes, in the order the Downloads page lists them.

    `prefix` starts every file name (a slug of the site name); `handbook` says whether the PDF handbooks are built.
    """
    packages: list[Package] = []
    lessons = project.ordered_lessons()
    for kind in KINDS:
        if kind == "offline-handbook" and not handbook:
            continue
        for lang in project.langs:
            base = f"{DOWNLOAD_DIR}/{prefix}-{lang}"
            if kind == "scorm-course":
                packages.append(Package(kind, lang, f"{base}-scorm12-course.zip", LABELS.get(lang, LABELS["en"])
                                        ["whole_course"]))
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
                packages.append(Package(kind, lang, f"{base}-offline.zip", LABELS.get(lang, LABELS["en"])["opens_in"]))
            else:
                packages.append(Package(kind, lang, f"{base}-offline-handbook.zip",
                                        LABELS.get(lang, LABELS["en"])["opens_in"]))
    return packages


def format_size(size: int, lang: str) -> str:
    """A file size as readers know it: '850 kB', '3.2 MB' ('3,2 MB' in Vietnamese)."""
    if size < 999_500:
        text = f"{max(1, round(size / 1000))} kB"
    else:
        text = f"{size / 1_000_000:.1f} MB"
    return text.replace(".", ",") if lang == "vi" else text


# The Downloads template writes each size as an empty marker; `fill_sizes` puts the real size in once the file exists.
SIZE_MARK = re.compile(r'(<span class="cg-size" data-size-of="([^"]+)">)[^<]*(</span>)')


def size_marker(path: str, pending: str) -> str:
    """The HTML the Downloads page shows until the size of `path` is known."""
    return f'<span class="cg-size" data-size-of="{path}">{pending}</span>'


def fill_sizes(html: str, sizes: dict[str, int], lang: str) -> str:
    """Put the size of every package listed in `sizes` into the markers of a Downloads page."""
    def sub(m: re.Match) -> str:
        size = sizes.get(m.group(2))
        return m.group(0) if size is None else f"{m.group(1)}{format_size(size, lang)}{m.group(3)}"

    return SIZE_MARK.sub(sub, html)
