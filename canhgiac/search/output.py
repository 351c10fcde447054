"""The search index as an output: one per language, written into the plugin's asset folder."""

from __future__ import annotations

from canhgiac.outputs import BuiltSite, Language, Output, Written
from canhgiac.search import PageEntry, Section, index_files, sections

HOTLINES_TEMPLATE = "hotlines.html"  # the page that lists locality.yml's hotlines and contacts (overrides/hotlines.html)


def hotline_sections(site: BuiltSite, lang: Language) -> list[Section]:
    """The hotlines and contacts the hotlines page draws from locality.yml, with the anchors its template gives them.

    They are not in the page's Markdown, yet they are what a reader searching "113" or "police" is looking for.
    """
    loc, code = site.project.locality, lang.code
    found = [Section(loc.hotline_id(h["number"]), f"{h['number']} {h['name'][code]}",
                     f"{h['answers'][code]}. {h['hours'][code]}.") for h in loc.hotlines]
    found += [Section(loc.contact_id(i), c["name"][code],
                      " ".join(t for t in (c.get("number", ""), c["note"][code] if c.get("note") else "") if t))
              for i, c in enumerate(loc.contacts, 1)]
    return found


class SearchIndex(Output):
    """Write a language's search index from its rendered pages; a lesson's summary and objectives come first."""

    name = "search"
    title = "search index"

    def language(self, site: BuiltSite, lang: Language) -> list[Written]:
        """Write `search-index.<lang>.js` (and its shards, for a large curriculum)."""
        entries = []
        for page in lang.pages.values():
            if page.lesson is None:
                found = sections(page.content)
                if page.template == HOTLINES_TEMPLATE:
                    found += hotline_sections(site, lang)
                entries.append(PageEntry(page.url, page.title, found))
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
