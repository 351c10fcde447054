"""Keep pages from running nearly empty: after a first layout, move a little text onto pages that hold almost none.

A section of the handbook (chapter, worksheet, answer key…) starts on a new page; its last page, or a page left
short because a box that must stay whole jumped to the next one, can end up holding only a few lines. WeasyPrint
has no such rule, so the first layout is measured: for each such page, the block on the page before whose
start leaves enough for both pages gets `break-before: page`, and the document is laid out again. Sections start
on a new page, so the change stays inside its section. When nothing else can move (a chapter's last page holding
only its card-sorting answers after a trainer box kept whole), the page before may keep less (TARGET_FILL).
Deliberate short pages (cover, contents, cut-outs, forms, a section that fits on one page) are left alone. A heading
left at the foot of a page (see heading_at_end) starts the next page instead, in the same layout round.
"""

from __future__ import annotations

from collections.abc import Iterator

ROUNDS = 2  # layouts after the first, at most (each costs a full layout)
MIN_FILL = 0.25  # a page holds at least a quarter of its text area
TARGET_FILL = 0.32  # what a fixed page gets, with some margin
KEEP_BEFORE = 0.45  # what the page before keeps at least
PAGE_TALL = 0.9  # a box kept whole this tall fills its page: it may break inside to refill the next one
TALL_BOX = 0.6  # a box this tall (of the text area) that leaves a page short may split instead
DELIBERATE = {"cover", "contents", "cutout", "cutout-page", "form"}
# Blocks a page may start with: paragraphs, lists, tables, boxes, headings, questions, list items.
MOVABLE = {"p", "ul", "ol", "dl", "dt", "table", "h2", "h3", "h4", "blockquote", "figure", "div", "li"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def _descendants(box) -> Iterator:
    yield box
    for child in getattr(box, "children", None) or ():
        yield from _descendants(child)


def _flow(box, page_height: float, after_kept: bool = False) -> Iterator:
    """Blocks a page break may come before.

    Not after a block kept with the next one (a break before a first child is a break before its parent), not
    inside a table, a list item or a box kept whole (unless that box fills the page anyway).
    """
    for child in getattr(box, "children", None) or ():
        # Not right after a heading or a lead-in kept with what follows: the page would end with it.
        if not after_kept:
            yield child
        kept = child.style["break_inside"] in ("avoid", "avoid-page") and \
            child.margin_height() < PAGE_TALL * page_height
        if not kept and type(child).__name__ == "BlockBox" and getattr(child, "element", None) is not None \
                and child.element.tag not in ("li", "table", "p", "figure"):
            yield from _flow(child, page_height, after_kept)
        after_kept = child.style["break_after"] in ("avoid", "avoid-page")


def _bottom(box) -> float:
    return box.position_y + box.margin_height()


def _sections(page) -> list:
    """The body's children laid out on this page (the sections, or their continued parts)."""
    root = page._page_box.children[0]
    body = root.children[0] if root.children else None
    return list(body.children) if body is not None else []


def _area(page) -> tuple[float, float]:
    box = page._page_box
    top = box.content_box_y()
    return top, top + box.height


def fill(page) -> float:
    """How far down the text area the page's content reaches (0 to 1)."""
    top, bottom = _area(page)
    ink = [_bottom(b) for b in _descendants(page._page_box.children[0])
           if type(b).__name__ in ("LineBox", "InlineReplacedBox", "BlockReplacedBox") or
           (type(b).__name__ == "TableCellBox")]
    return max(0.0, (max(ink) - top) / (bottom - top)) if ink else 0.0


def _classes(element) -> set[str]:
    return set((element.get("class") or "").split())


def short_pages(document) -> list[int]:
    """Indexes of pages that continue a section and hold less than MIN_FILL of their text area."""
    found = []
    for i, page in enumerate(document.pages):
        sections = _sections(page)
        if i == 0 or not sections:
            continue
        previous = _sections(document.pages[i - 1])
        section = sections[0].element
        continues = bool(previous) and previous[-1].element is section
        if continues and not (_classes(section) & DELIBERATE) and fill(page) < MIN_FILL:
            found.append(i)
    return found


def break_before(document, index: int, keep: float = KEEP_BEFORE):
    """The element on the page before `index` to start a new page with, or None; the page before keeps `keep`."""
    page, before = document.pages[index], document.pages[index - 1]
    top, bottom = _area(before)
    height = bottom - top
    needed = (TARGET_FILL - fill(page)) * height  # what must move
    best = None
    for box in _flow(_sections(before)[-1], height):
        element = getattr(box, "element", None)
        if element is None or element.tag not in MOVABLE or type(box).__name__ not in ("BlockBox", "TableWrapperBox"):
            continue
        start = box.position_y
        if start - top < keep * height:
            continue  # the page before would run short itself
        if bottom - start >= needed and (best is None or start > best[0]):
            best = (start, element)
    return best[1] if best else None


def jumped_box(document, index: int):
    """The box kept whole that starts the next page of the same section, leaving page `index` short; or None."""
    if index + 1 >= len(document.pages):
        return None
    sections, after = _sections(document.pages[index]), _sections(document.pages[index + 1])
    if not after or after[0].element is not sections[-1].element:
        return None
    top, bottom = _area(document.pages[index + 1])
    for box in _descendants(after[0]):
        if getattr(box, "element", None) is None or box.position_y > top + 1:
            continue
        tall = box.margin_height() > TALL_BOX * (bottom - top)
        if box.style["break_inside"] in ("avoid", "avoid-page") and box.element.tag != "section" and tall:
            return box.element
    return None


def heading_at_end(page):
    """The heading whose line is the last of the page, when it is not also the page's first line; or None.

    `break-after: avoid` keeps a heading with what follows, but WeasyPrint gives up on it when what follows may
    break inside (a box that continues on the next page): the heading then ends the page. A box's title (an
    admonition's) counts as a heading; then the whole box is returned, to start the next page with it.
    """
    lines = []

    def walk(box, heading, container):
        element = getattr(box, "element", None)
        if type(box).__name__ == "BlockBox" and element is not None:
            if element.tag in HEADINGS:
                heading = element
            elif "admonition" in _classes(element):
                container = element
            elif "admonition-title" in _classes(element) and container is not None:
                heading = container
        if type(box).__name__ == "LineBox":
            lines.append((_bottom(box), box.position_y, heading))
            return
        for child in getattr(box, "children", None) or ():
            walk(child, heading, container)

    walk(page._page_box.children[0], None, None)
    if len(lines) < 2:
        return None
    lines.sort(key=lambda line: line[0])
    last = lines[-1][2]
    return last if last is not None and lines[0][2] is not last else None


def _add_style(element, declaration: str) -> None:
    element.set("style", f"{element.get('style') or ''};{declaration}".lstrip(";"))


def fit(html_document, render) -> object:
    """Lay out `html_document` with `render(html_document)`, fix it, lay it out again; return the final layout.

    Headings that end a page and short pages are fixed, in at most ROUNDS layouts more.

    A box kept whole that jumped to the next page and left this one short may split after all when it is
    nearly a page tall (TALL_BOX); otherwise the page before gives the short page its last blocks.
    """
    document = render(html_document)
    for _ in range(ROUNDS):
        changed = False
        for page in document.pages[1:-1]:
            heading = heading_at_end(page)
            if heading is not None:
                _add_style(heading, "break-before: page")
                changed = True
        for index in short_pages(document):
            element = jumped_box(document, index)
            if element is not None:
                _add_style(element, "break-inside: auto")
            else:
                # at worst the page before keeps a little less, rather than a box splitting
                element = break_before(document, index) or break_before(document, index, TARGET_FILL)
                if element is None:
                    continue
                _add_style(element, "break-before: page")
            changed = True
        if not changed:
            break
        document = render(html_document)
    return document
