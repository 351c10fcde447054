"""Compose the whole handbook of one language as one HTML document (print template + CSS Paged Media)."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from xml.etree import ElementTree as ET

import jinja2
from markupsafe import Markup

from canhgiac.cite import anchor, replace_html
from canhgiac.content.cards import answers_html, printed
from canhgiac.content.project import Project
from canhgiac.errors import ContentError, Problem
from canhgiac.handbook.qr import qr_code
from canhgiac.i18n import Catalog, package_catalog
from canhgiac.lessonparts import is_cite, is_key_messages, is_trainer
from canhgiac.pagehtml import PageDoc, classes, keep_last_words, open_details, to_html
from canhgiac.quiz import order
from canhgiac.quiz.render import md_block, md_inline

TEMPLATES = resources.files("canhgiac.handbook") / "templates"
# What fits in the text area of a page: hotline cards (105 × 74 mm) and attendance rows.
# The attendance sheet has at least 20 rows: two pages on A5 (the header row repeats), one on A4.
# Activity cards per cut-out page: 2 × 2 on A5, 2 × 4 on A4; a row more of smaller cards ("dense") rather than a
# sheet with one card alone.
FITS = {"A5": {"cards": 2, "rows": 26, "activity_cards": 4, "dense_cards": 6},
        "A4": {"cards": 3, "rows": 22, "activity_cards": 8, "dense_cards": 10}}


def card_pages(numbered: list, per_page: int, dense: int) -> tuple[list[list], bool]:
    """The cards of a set per cut-out page, and whether they are the smaller (dense) cards.

    A sheet of paper with one card alone wastes a page: then the set is spread evenly over the fewest pages of
    dense cards.
    """
    if len(numbered) < 2 or len(numbered) % per_page != 1:
        return [numbered[i:i + per_page] for i in range(0, len(numbered), per_page)], False
    count = -(-len(numbered) // dense)
    size, extra = divmod(len(numbered), count)
    pages, at = [], 0
    for i in range(count):
        pages.append(numbered[at:at + size + (i < extra)])
        at += size + (i < extra)
    return pages, True


def balanced(title: str) -> Markup:
    """Keep the last two words of a title together, so it never ends with one word alone on a line."""
    parts = keep_last_words(title)
    if parts is None:
        return Markup.escape(title)
    return Markup('{}<span class="nowrap">{}</span>').format(*parts)


@dataclass(frozen=True)
class SourcePage:
    """A page of the site as rendered for one language."""

    title: str
    html: str  # page.content: the Markdown rendered to HTML, without the theme
    url: str  # the page's URL relative to the site root, e.g. 'en/lessons/demo.html'
    path: str  # the source file as editors see it, e.g. 'docs/guide.vi.md'


def _env(ui: Catalog) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined,
                             extensions=["jinja2.ext.i18n"])
    env.install_gettext_translations(ui.translations, newstyle=True)  # _("key") in the template
    env.filters["md"] = lambda text: Markup(md_block(text))
    env.filters["mdi"] = lambda text: Markup(md_inline(text))
    env.filters["balanced"] = balanced
    # Source markers of quiz texts, linked to the legal references section.
    env.filters["cite"] = lambda html, laws, lang: Markup(replace_html(html, laws, lang, ui, "", "legal--"))
    env.globals["printed_options"] = order.options  # the same order as the website's worksheet
    env.globals["printed_steps"] = order.steps
    return env


class Composer:
    """Gather what the handbook template needs for one language."""

    def __init__(self, project: Project, lang: str, pages: dict[str, SourcePage], *, ui: Catalog, legal_page: str = "legal.md",
                 lessons_dir: str = "lessons", site_dir: Path | None = None, site_url: str | None = None):
        self.project, self.lang, self.pages, self.ui = project, lang, pages, ui
        self.lessons_dir, self.site_dir = lessons_dir, site_dir
        # Empty until the site is published: then no QR codes and no addresses of the site are printed.
        address = project.locality.site_url if site_url is None else site_url
        self.site_url = address.rstrip("/") + "/" if address else ""
        self.docs: dict[str, PageDoc] = {}
        missing = [Problem(self._rel(lesson.versions[lang].path), None,
                           f"the lesson '{lesson.id}' was not rendered, so the handbook cannot include it",
                           "check that docs/ links to the lessons folder and the page is not excluded")
                   for lesson in project.ordered_lessons() if self.lesson_key(lesson.id) not in pages]
        if missing:
            raise ContentError(missing)
        for lesson in project.ordered_lessons():
            self._doc(self.lesson_key(lesson.id), f"lesson-{lesson.id}")
        for key, prefix in (("guide.md", "guide"), ("glossary.md", "glossary")):
            if key in pages:
                self._doc(key, prefix)
        self.targets = {doc.url: (doc.prefix, doc.ids) for doc in self.docs.values()}
        if legal_page in pages:  # the legal references section: a law's id, and its articles' (canhgiac.cite)
            self.targets[pages[legal_page].url] = ("legal", set(project.laws) | {
                anchor(law.id, a) for law in project.laws.values() for a in law.articles})
        for doc in self.docs.values():
            doc.drop_quiz()
            doc.finish(self.link, self.image)
            doc.balance_headings()
            doc.mark_leads()
        self.cited = self.citations()

    def citations(self) -> dict[str, list[str]]:
        """Give each source marker of the text an id; return, per cited law or article, the ids that cite it.

        The legal references section lists them as page numbers ("cited on p. 12, 30"), the first of each chapter.
        """
        cited: dict[str, list[str]] = {}
        seen: set[tuple[str, str]] = set()
        for doc in self.docs.values():
            for n, sup in enumerate(doc.find(is_cite), start=1):
                sup.set("id", f"{doc.prefix}--cite-{n}")
                for link in sup.iter("a"):
                    target = (link.get("href") or "").removeprefix("#legal--")
                    if (target, doc.prefix) not in seen:  # the first marker of each page (lesson, guide) is listed
                        seen.add((target, doc.prefix))
                        cited.setdefault(target, []).append(sup.get("id"))
        return cited

    def lesson_key(self, lesson_id: str) -> str:
        """The normalised source path of a lesson page."""
        return f"{self.lessons_dir}/{lesson_id}.md"

    def _doc(self, key: str, prefix: str) -> None:
        self.docs[key] = PageDoc(self.pages[key].html, prefix, self.pages[key].url)

    def link(self, page_url: str, href: str) -> str:
        """Point a link between site pages at the handbook's own section, or else at the published site.

        Returns '' while the site's address is not known: the link is printed as plain text.
        """
        path, _, frag = href.partition("#")
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page_url), path)) if path else page_url
        if target in self.targets:
            prefix, ids = self.targets[target]
            return f"#{prefix}--{frag}" if frag in ids else f"#{prefix}"
        if not self.site_url:
            return ""
        return self.site_url + target + (f"#{frag}" if frag else "")

    def address(self, page: SourcePage) -> str:
        """The published address of a page, or '' while site_url is not set."""
        return self.site_url + page.url if self.site_url else ""

    def image(self, page_url: str, src: str) -> str:
        """Make an image path absolute: the file the site build copied."""
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page_url), src))
        return (self.site_dir / target).resolve().as_uri() if self.site_dir else target

    def chapter(self, lesson) -> dict:
        """A lesson as a session plan: facts, key messages, text, trainer notes, worksheet."""
        doc = self.docs[self.lesson_key(lesson.id)]
        key_messages = doc.take(is_key_messages)
        trainer = doc.take(is_trainer)
        card_sets = self.card_sets(lesson, doc)
        for el in [doc.root, *trainer]:
            open_details(el)
        meta = lesson.meta(self.lang)
        page = self.pages[self.lesson_key(lesson.id)]
        lf = lesson.versions[self.lang]
        bank = self.project.banks.get(meta.get("quiz") or "")
        return {
            "id": lesson.id, "meta": meta, "url": self.address(page), "qr": qr_code(self.address(page)),
            "source": self._rel(lf.path), "bank_source": self._rel(bank.path) if bank else "",
            "key_messages": Markup("".join(to_html(el) for el in key_messages)),
            "trainer": Markup("".join(to_html(el) for el in trainer)),
            "text": Markup(doc.html()), "bank": bank,
            "laws": [self.project.laws[law_id] for law_id in meta.get("laws", [])],
            "card_sets": card_sets,
        }

    def card_sets(self, lesson, doc: PageDoc) -> list[dict]:
        """Replace each card list in the text by a pointer to its cut-out pages; return the sets to print."""
        sets = lesson.versions[self.lang].card_sets
        fits = FITS[self.project.locality.page_size]
        ui = self.ui
        found = []
        for el, card_set in zip(doc.find(lambda el: el.tag == "div" and "cg-cards" in classes(el)), sets, strict=False):
            card_set = printed(card_set)  # the order of the website's list: the answers' numbers are the same
            anchor = f"cards-{lesson.id}-{card_set.id}"
            for child in list(el):
                el.remove(child)
            el.attrib.pop("id", None)
            el.set("class", "cards-ref")
            p = ET.SubElement(el, "p")
            title = card_set.title if card_set.title[-1:] in "?!." else f"{card_set.title}."  # no "?." after a question
            ET.SubElement(p, "strong").text = f"{ui['cards']}: {title}"
            p[-1].tail = f" {card_set.instructions} " if card_set.instructions else " "
            ET.SubElement(p, "a", {"href": f"#{anchor}"}).text = ui["cards_ref"].format(count=len(card_set.cards))
            numbered = list(enumerate(card_set.cards, start=1))  # the numbers the answers refer to
            pages, dense = card_pages(numbered, fits["activity_cards"], fits["dense_cards"])
            # a set without groups or reasons has no answers: no box with a title and nothing under it
            answers = answers_html(card_set) if card_set.groups or any(c.why for c in card_set.cards) else ""
            found.append({"set": card_set, "anchor": anchor, "pages": pages, "dense": dense, "answers": Markup(answers)})
        return found

    def _rel(self, path: Path) -> str:
        root = self.project.paths.root.resolve()
        try:
            return Path(path).resolve().relative_to(root).as_posix()
        except ValueError:
            return Path(path).as_posix()

    def section(self, key: str) -> dict | None:
        """A docs page (guide, glossary) ready to print, or None when the project has none."""
        if key not in self.docs:
            return None
        doc = self.docs[key]
        open_details(doc.root)
        page = self.pages[key]
        return {"id": doc.prefix, "title": page.title, "html": Markup(doc.html()), "source": page.path}

    def context(self) -> dict:
        """Everything the template needs."""
        lang, loc = self.lang, self.project.locality
        home = self.pages.get("index.md")
        home_url = self.address(home) if home else self.site_url
        return {
            "lang": lang, "ui": self.ui, "loc": loc, "laws": self.project.laws,
            "date": self.ui.format_date,
            "home_url": home_url, "home_qr": qr_code(home_url),
            "guide": self.section("guide.md"), "glossary": self.section("glossary.md"),
            "chapters": [self.chapter(lesson) for lesson in self.project.ordered_lessons()],
            "cards": range(FITS[loc.page_size]["cards"]), "rows": FITS[loc.page_size]["rows"],
            "page_size": loc.page_size,
            "locality_source": self._rel(self.project.paths["locality"]),
            "laws_source": self._rel(self.project.paths["laws"]),
            "cited": self.cited,
        }


def compose(project: Project, lang: str, pages: dict[str, SourcePage], font_css: str, ui: Catalog | None = None,
            **options) -> str:
    """Return the handbook of one language as one HTML document, in the catalog `ui` (the package's by default)."""
    ui = ui if ui is not None else package_catalog(lang)
    composer = Composer(project, lang, pages, ui=ui, **options)
    return _env(ui).get_template("handbook.html.j2").render(
        **composer.context(), font_css=Markup(font_css), css=Markup(stylesheet()))


def stylesheet() -> str:
    """The handbook's CSS (its characters are checked against the fonts too)."""
    return (TEMPLATES / "handbook.css").read_text(encoding="utf-8")
