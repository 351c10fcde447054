"""Turn a page's rendered content (page.content) into HTML for print and presentation, with an HTML parser (no regexes)."""

from __future__ import annotations

from collections.abc import Callable
from xml.etree import ElementTree as ET

import tinyhtml5

EXTERNAL = ("http:", "https:", "mailto:", "tel:", "data:", "file:")


def classes(el: ET.Element) -> set[str]:
    """The classes of an element."""
    return set((el.get("class") or "").split())


def to_html(el: ET.Element | None, inner: bool = False) -> str:
    """Serialise an element (or only its content) as HTML."""
    if el is None:
        return ""
    if not inner:
        return ET.tostring(el, method="html", encoding="unicode")
    return (el.text or "").replace("&", "&amp;").replace("<", "&lt;") + "".join(
        ET.tostring(child, method="html", encoding="unicode") for child in el)


def open_details(root: ET.Element) -> None:
    """Print collapsible blocks open: each <details> becomes a box whose <summary> is its title."""
    for details in [el for el in root.iter() if el.tag == "details"]:
        details.tag = "div"
        details.set("class", " ".join(["admonition", *sorted(classes(details))]))
        details.attrib.pop("open", None)
        summary = details.find("summary")
        if summary is not None:
            summary.tag = "p"
            summary.set("class", "admonition-title")


def keep_last_words(title: str) -> tuple[str, str] | None:
    """Split a title of 2+ words for a no-wrap span that keeps its last two words on one line, or None.

    The span holds the space before the last word, not the last two words: WeasyPrint (70) breaks a line at its
    first opportunity instead of its last when a no-wrap span that does not fit follows text (its issues #1614
    and #2025), which left "Hướng" alone on a line. A no-wrap span, not a no-break space, keeps bookmarks and copied text plain.
    """
    words = str(title).split()
    if len(words) < 2:
        return None
    return " ".join(words[:-1]), " " + words[-1]


class PageDoc:
    """The content of one page, parsed; ids are prefixed so pages can share one document."""

    def __init__(self, html: str, prefix: str, url: str):
        self.prefix, self.url = prefix, url
        self.root = tinyhtml5.parse(f"<div>{html}</div>", namespace_html_elements=False).find("body")[0]
        self.parents = {child: parent for parent in self.root.iter() for child in parent}
        self.ids = {el.get("id") for el in self.root.iter() if el.get("id")}

    def find(self, test: Callable[[ET.Element], bool]) -> list[ET.Element]:
        """Elements (in document order) for which `test` is true."""
        return [el for el in self.root.iter() if isinstance(el.tag, str) and test(el)]

    def remove(self, el: ET.Element) -> None:
        """Remove an element, keeping the text that follows it."""
        parent = self.parents[el]
        index = list(parent).index(el)
        if el.tail:
            if index:
                parent[index - 1].tail = (parent[index - 1].tail or "") + el.tail
            else:
                parent.text = (parent.text or "") + el.tail
        parent.remove(el)

    def previous_element(self, el: ET.Element) -> ET.Element | None:
        """The sibling element just before `el`, if only whitespace separates them."""
        parent = self.parents[el]
        index = list(parent).index(el)
        if index == 0:
            return None
        before = parent[index - 1]
        return before if not (before.tail or "").strip() else None

    def drop_quiz(self) -> None:
        """Remove the interactive quiz (the worksheet replaces it) and the heading that introduces it."""
        for quiz in self.find(lambda el: "cg-quiz" in classes(el) and el.tag == "div"):
            heading = self.previous_element(quiz)
            if heading is not None and heading.tag == "h2":
                after = list(self.parents[heading])
                rest = after[after.index(quiz) + 1:]
                if not rest or rest[0].tag in ("h1", "h2"):  # the heading introduces nothing but the quiz
                    self.remove(heading)
            self.remove(quiz)

    def take(self, test: Callable[[ET.Element], bool]) -> list[ET.Element]:
        """Remove and return the elements for which `test` is true."""
        found = self.find(test)
        for el in found:
            self.remove(el)
        return found

    def finish(self, link: Callable[[str, str], str], image: Callable[[str, str], str]) -> None:
        """Drop permalinks; prefix ids; rewrite links with `link(page_url, href)` and images with `image`."""
        for el in self.find(lambda el: el.tag == "a" and "headerlink" in classes(el)):
            self.remove(el)
        for el in self.root.iter():
            if not isinstance(el.tag, str):
                continue
            if el.get("id"):
                el.set("id", f"{self.prefix}--{el.get('id')}")
            href = el.get("href")
            if el.tag == "a" and href is not None:
                if href.startswith("#"):
                    el.set("href", f"#{self.prefix}--{href[1:]}" if href[1:] in self.ids else f"#{self.prefix}")
                elif href.startswith(EXTERNAL):
                    if href.startswith(("http:", "https:")) and (el.text or "").strip() != href:
                        el.set("class", " ".join([*classes(el), "cg-url"]))
                else:
                    target = link(self.url, href)
                    if not target:  # a page of the site whose address is not known yet: plain text
                        del el.attrib["href"]
                    else:
                        el.set("href", target)
                        if not target.startswith("#"):
                            el.set("class", " ".join([*classes(el), "cg-url"]))
            if el.tag == "img" and el.get("src") and not el.get("src").startswith(EXTERNAL):
                el.set("src", image(self.url, el.get("src")))

    def balance_headings(self) -> None:
        """Keep the last two words of each plain-text heading together (no single word on the last line)."""
        for h in self.find(lambda el: el.tag in ("h1", "h2", "h3") and len(el) == 0 and el.text):
            parts = keep_last_words(h.text)
            if parts:
                h.text = parts[0]
                ET.SubElement(h, "span", {"class": "nowrap"}).text = parts[1]

    def mark_leads(self) -> None:
        """Mark paragraphs that introduce what follows ('…:' before a list or table), to keep them together in print."""
        for p in self.find(lambda el: el.tag == "p"):
            text = "".join(p.itertext()).strip()
            parent = self.parents.get(p)
            siblings = list(parent) if parent is not None else []
            following = siblings[siblings.index(p) + 1] if p in siblings[:-1] else None
            if text.endswith(":") and following is not None and following.tag in ("ul", "ol", "table", "dl", "div"):
                p.set("class", " ".join([*classes(p), "cg-lead"]))

    def html(self) -> str:
        """The page content as HTML."""
        return to_html(self.root, inner=True)
