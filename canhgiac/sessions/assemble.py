"""Put a session pack together from PDF pages (pypdf), and impose it as a booklet: no layout happens here."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from canhgiac.sessions.plan import Slot, booklet_order

A4_LANDSCAPE = (841.8898, 595.2756)  # points


@dataclass(frozen=True)
class Info:
    """The document information of a pack: its title, author, language and date."""

    title: str
    author: str
    lang: str
    date: dt.datetime | None


def _stamp(writer, info: Info) -> None:
    from pypdf.generic import NameObject, TextStringObject

    meta = {"/Title": info.title, "/Author": info.author, "/Producer": "canhgiac (pypdf)"}
    if info.date is not None:
        stamp = info.date.astimezone(dt.UTC).strftime("D:%Y%m%d%H%M%SZ")
        meta.update({"/CreationDate": stamp, "/ModDate": stamp})
    writer.add_metadata(meta)
    writer._root_object[NameObject("/Lang")] = TextStringObject(info.lang)


def _bytes(writer) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _fitted(page, size: tuple[float, float]):
    """A copy of `page` scaled (keeping its proportions) and centred on a page of `size` (the leaflet in an A4 pack)."""
    from pypdf import PageObject, Transformation

    width, height = float(page.mediabox.width), float(page.mediabox.height)
    if abs(width - size[0]) < 1 and abs(height - size[1]) < 1:
        return page
    scale = min(size[0] / width, size[1] / height)
    blank = PageObject.create_blank_page(width=size[0], height=size[1])
    move = Transformation().scale(scale).translate((size[0] - width * scale) / 2, (size[1] - height * scale) / 2)
    blank.merge_transformed_page(page, move)
    return blank


def pack_pdf(slots: list[Slot], book, dests: dict[str, int], cover, notes, leaflet, info: Info,
             outline: list[tuple[str, int]]) -> bytes:
    """The pack as PDF bytes.

    `book`, `leaflet`: pypdf readers (the handbook, the lesson's leaflet or None); `cover`, `notes`: pages;
    `dests`: the handbook's named destinations (name -> page), kept for the pages the pack holds so the links
    between them still work (links to pages left out are dropped); `outline`: bookmarks (title, pack page index).
    """
    from pypdf import PdfWriter
    from pypdf.generic import ArrayObject, NameObject

    size = (float(book.pages[0].mediabox.width), float(book.pages[0].mediabox.height))
    writer = PdfWriter()
    where: dict[int, int] = {}
    for n, slot in enumerate(slots):
        if slot.kind == "book":
            writer.add_page(book.pages[slot.index])
            where[slot.index] = n
        elif slot.kind == "leaflet":
            writer.add_page(_fitted(leaflet.pages[slot.index], size))
        elif slot.kind == "blank":
            writer.add_blank_page(*size)
        else:
            writer.add_page(cover if slot.kind == "cover" else notes)
    kept = {name: where[page] for name, page in dests.items() if page in where}
    for name in sorted(kept):
        writer.add_named_destination(name, kept[name])
    for page in writer.pages:
        if "/Annots" not in page:
            continue
        links = [a for a in page["/Annots"] if not isinstance(a.get_object().get("/Dest"), str)
                 or a.get_object()["/Dest"] in kept]
        page[NameObject("/Annots")] = ArrayObject(links)
    for title, index in outline:
        writer.add_outline_item(title=title, page_number=index)
    _stamp(writer, info)
    return _bytes(writer)


def _form(writer, page):
    """A page of the pack as a form XObject of `writer`: drawn as it is, without parsing its content."""
    from pypdf.generic import ArrayObject, DecodedStreamObject, FloatObject, NameObject

    form = DecodedStreamObject()
    contents = page.get_contents()
    form.set_data(contents.get_data() if contents is not None else b"")
    form = form.flate_encode()
    form[NameObject("/Type")] = NameObject("/XObject")
    form[NameObject("/Subtype")] = NameObject("/Form")
    form[NameObject("/BBox")] = ArrayObject(FloatObject(v) for v in page.mediabox)
    if "/Resources" in page:
        form[NameObject("/Resources")] = page["/Resources"].get_object().clone(writer)
    return writer._add_object(form)


def booklet_pdf(pack: bytes, info: Info) -> bytes:
    """The pack imposed two pages per side of A4 landscape sheets, in booklet order (A4 pages scaled to A5 halves).

    Each page is placed whole as a form XObject (merging content streams page by page is ~50 times slower).
    """
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    reader = PdfReader(io.BytesIO(pack))
    width, height = A4_LANDSCAPE
    half = width / 2
    writer = PdfWriter()
    forms = [_form(writer, page) for page in reader.pages]
    for left, right in booklet_order(len(reader.pages)):
        side = writer.add_blank_page(width, height)
        drawing, names = [], DictionaryObject()
        for slot, number in enumerate((left, right)):
            page = reader.pages[number - 1]
            w, h = float(page.mediabox.width), float(page.mediabox.height)
            scale = min(half / w, height / h, 1.0)
            x, y = slot * half + (half - w * scale) / 2, (height - h * scale) / 2
            names[NameObject(f"/P{number}")] = forms[number - 1]
            drawing.append(f"q {scale:.6f} 0 0 {scale:.6f} {x:.4f} {y:.4f} cm /P{number} Do Q")
        content = DecodedStreamObject()
        content.set_data("\n".join(drawing).encode("ascii"))
        side[NameObject("/Resources")] = DictionaryObject({NameObject("/XObject"): names})
        side[NameObject("/Contents")] = writer._add_object(content.flate_encode())
    _stamp(writer, info)
    return _bytes(writer)
