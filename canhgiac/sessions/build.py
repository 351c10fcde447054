"""Make the session packs of one language from its rendered handbook: find the pages, render the covers, assemble."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from canhgiac.outputs import BuiltSite, Language, OutputError
from canhgiac.sessions.assemble import Info, booklet_pdf, pack_pdf
from canhgiac.sessions.output import pack_path, presentation_path
from canhgiac.sessions.plan import MAX_PAGES, LessonPages, Slot, layout, lesson_pages
from canhgiac.sessions.render import Cover, render_covers

# What the cover and the bookmarks call the parts of a pack (read as ui[key] below).
PART_STRINGS = ("session_part_text", "worksheet", "session_part_cards", "answer_key")
PARTS = tuple(zip(("chapter", "worksheet", "cards", "answers"), PART_STRINGS, strict=True))


def _parts(ui, found: LessonPages, slots: list[Slot]) -> list[tuple[str, int | None]]:
    """What the cover lists: each part and the handbook page number it starts on."""
    parts = [(ui[key], found.starts[part] + 1) for part, key in PARTS if part in found.starts]
    if any(s.kind == "leaflet" for s in slots):
        parts.append((ui["session_part_leaflet"], None))
    if any(s.kind == "notes" for s in slots):
        parts.append((ui["session_notes"], None))
    return parts


def _outline(ui, found: LessonPages, slots: list[Slot]) -> list[tuple[str, int]]:
    """The pack's bookmarks: the cover and the first page of each part."""
    at = {slot.index: n for n, slot in enumerate(slots) if slot.kind == "book"}
    marks = [(ui["session_pack"], 0)]
    marks += [(ui[key], at[found.starts[part]]) for part, key in PARTS if found.starts.get(part) in at]
    leaflet = next((n for n, slot in enumerate(slots) if slot.kind == "leaflet"), None)
    if leaflet is not None:
        marks.append((ui["session_part_leaflet"], leaflet))
    return sorted(marks, key=lambda mark: mark[1])


def build_language(site: BuiltSite, lang: Language, book_path: Path) -> Iterator[tuple[str, bytes, int]]:
    """Yield (site path, PDF bytes, pages) of every lesson's pack and booklet in `lang`."""
    from pypdf import PdfReader

    project, ui, code = site.project, lang.ui, lang.code
    book = PdfReader(book_path)
    dests = {name: book.get_destination_page_number(dest) for name, dest in book.named_destinations.items()}
    empty: dict[int, bool] = {}

    def blank(index: int) -> bool:
        """Whether a page draws no text and no picture (read from its content stream: extracting text is slow)."""
        if index not in empty:
            page = book.pages[index]
            contents = page.get("/Contents")
            streams = contents.get_object() if contents is not None else []
            streams = streams if isinstance(streams, list) else [streams]
            data = b"".join(s.get_object().get_data() for s in streams)
            empty[index] = not any(op in data for op in (b"Tj", b"TJ", b" Do", b"BI")) and not page.get("/Annots")
        return empty[index]

    site_url = site.settings.site_url.rstrip("/") + "/" if site.settings.site_url else ""
    plans = []
    for lesson in project.ordered_lessons():
        version = lesson.versions[code]
        meta = lesson.meta(code)
        bank = project.banks.get(meta.get("quiz") or "")
        answers = [f"answer-{bank.id}-{q.id}" for q in bank.questions] if bank else []
        found = lesson_pages(dests, len(book.pages), lesson.id, [s.id for s in version.card_sets], answers)
        if found is None:
            raise OutputError(f"session packs: the lesson '{lesson.id}' is not in {book_path.name}")
        leaflet_file = site.folder / f"print/{code}/{lesson.id}-leaflet.pdf"
        leaflet = PdfReader(leaflet_file) if leaflet_file.is_file() else None
        slots = layout(found, blank, len(leaflet.pages) if leaflet else 0)
        if len(slots) > MAX_PAGES:
            where = Path(version.path).resolve().relative_to(project.paths.root.resolve()).as_posix()
            raise OutputError(f"{where}: the session pack of this lesson would have {len(slots)} pages, more than "
                              f"{MAX_PAGES} (one session): shorten the lesson, its cards or its worksheet, or split it into "
                              "two lessons (or turn the packs off: sessions_enabled: false under the canhgiac plugin in "
                              "mkdocs.yml)")
        address = site_url + presentation_path(lang, lesson.id) if site_url else ""
        source = Path(version.path)
        try:
            source = source.resolve().relative_to(project.paths.root.resolve())
        except ValueError:
            pass
        plans.append((lesson, found, slots, leaflet,
                      Cover(lesson.id, source.as_posix(), meta, _parts(ui, found, slots), address)))
    covers = render_covers([plan[-1] for plan in plans], code, ui, project.locality, project.locality.page_size,
                           project.paths.root)
    notes = covers.pages[len(plans)]
    author = project.locality.organisation[code]
    for n, (lesson, found, slots, leaflet, _) in enumerate(plans):
        info = Info(f"{ui['session_pack']}: {lesson.meta(code)['title']}", author, code, site.date)
        pack = pack_pdf(slots, book, dests, covers.pages[n], notes, leaflet, info, _outline(ui, found, slots))
        yield pack_path(code, lesson.id), pack, len(slots)
        yield pack_path(code, lesson.id, booklet=True), booklet_pdf(pack, info), len(slots) // 2
