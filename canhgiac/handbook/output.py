"""The trainer handbooks as an output: composed and checked per language, rendered in worker processes."""

from __future__ import annotations

from markupsafe import Markup

from canhgiac.outputs import BuiltSite, Language, Output, Written, relative_url
from canhgiac.outputs.facts import facts_marker, fill_facts


def handbook_filename(site: BuiltSite, lang: str) -> str:
    """The handbook's file name in site/handbook/: the one `handbook_filenames` gives, else `handbook-<lang>.pdf`."""
    return site.settings.handbook_filenames.get(lang) or f"handbook-{lang}.pdf"


class Handbooks(Output):
    """Write `site/handbook/<name>.pdf` per language; the slow render runs while the build goes on."""

    name = "handbook"
    title = "handbook"
    on_serve = False   # about 10 s per rebuild

    def __init__(self):
        self.builder = None

    def language(self, site: BuiltSite, lang: Language) -> list[Written]:
        """Compose and check this language's handbook now, and start its render in a worker."""
        # Imported here: WeasyPrint and its libraries cost ~10 MB, only worth paying when a handbook is built.
        from canhgiac.handbook.build import HandbookBuilder
        from canhgiac.handbook.compose import SourcePage

        if self.builder is None:
            self.builder = HandbookBuilder()
        pages = {key: SourcePage(page.title, page.content, page.url, page.source_file)
                 for key, page in lang.pages.items()}
        target = site.folder / "handbook" / handbook_filename(site, lang.code)
        self.builder.submit(site.project, lang.code, pages, target, legal_page=site.settings.legal_page,
                            lessons_dir=site.settings.lessons_dir, site_dir=site.folder,
                            site_url=site.settings.site_url, date=site.date, ui=lang.ui)
        site.products.setdefault(self.name, {})[lang.code] = target.relative_to(site.folder).as_posix()
        return []

    def finish(self, site: BuiltSite) -> list[Written]:
        """Wait for every render (the packages carry the PDFs)."""
        if self.builder is None or not self.builder.pending:
            return []
        written = [Written(r.path, r.size, r.pages) for r in self.builder.results()]
        fill_facts(site, {w.path.relative_to(site.folder).as_posix(): (w.pages, w.size) for w in written})
        return written

    def template_data(self, site: BuiltSite, lang: Language, template: str, page_url: str) -> dict:
        """Where the handbook of the page's language is, for the links on the home and lesson pages."""
        path = f"handbook/{handbook_filename(site, lang.code)}"
        return {"handbook_url": relative_url(path, page_url), "handbook_facts": Markup(facts_marker(path))}

    def close(self) -> None:
        """Stop a render still running."""
        if self.builder is not None:
            self.builder.close()
