"""The search index as an output: one per language, written into the plugin's asset folder."""

from __future__ import annotations

from canhgiac.outputs import BuiltSite, Language, Output, Written
from canhgiac.search import PageEntry, index_files, sections


class SearchIndex(Output):
    """Write a language's search index from its rendered pages; a lesson's summary and objectives come first."""

    name = "search"
    title = "search index"

    def language(self, site: BuiltSite, lang: Language) -> list[Written]:
        """Write `search-index.<lang>.js` (and its shards, for a large curriculum)."""
        entries = []
        for page in lang.pages.values():
            if page.lesson is None:
                entries.append(PageEntry(page.url, page.title, sections(page.content)))
                continue
            meta = site.project.lessons[page.lesson].meta(lang.code)
            intro = " ".join([meta["summary"], *meta["objectives"]])
            entries.append(PageEntry(page.url, meta["title"], sections(page.content, intro)))
        folder = site.folder / site.settings.asset_dir
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob(f"search-index.{lang.code}.*"):  # a smaller curriculum may need fewer shards
            old.unlink()
        written = []
        for name, data in index_files(lang.code, entries).items():
            (folder / name).write_bytes(data)
            written.append(Written(folder / name, len(data)))
        return written
