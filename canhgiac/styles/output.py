"""Stylesheets and scripts made small once every page is written (canhgiac.styles says how)."""

from __future__ import annotations

from canhgiac.outputs import BuiltSite, Output, Written
from canhgiac.styles import SAFELIST_HTML, minify_css, page_tree, purge, read_page, strip_js

THEME_CSS = "assets/stylesheets/main.*.min.css"   # Material's stylesheet, as MkDocs copies it from the theme
OURS_CSS = "canhgiac.css"


class Styles(Output):
    """Purge Material's stylesheet against every page that loads it; strip our own stylesheet and scripts.

    The pages are those of the site folder that link the stylesheet, in every language (a page with a stylesheet
    of its own only is not read, and its stylesheet is not touched). It runs after the pages and the outputs that
    write pages (`finish`), before the packages copy the files and the offline lists hash them.
    """

    name = "styles"
    title = "stylesheets and scripts"

    def finish(self, site: BuiltSite) -> list[Written]:
        """Rewrite the stylesheets and the client modules in place."""
        written = []
        assets = site.folder / site.settings.asset_dir
        ours = assets / OURS_CSS
        our_css = ours.read_text(encoding="utf-8") if ours.is_file() else ""
        for theme in sorted(site.folder.glob(THEME_CSS)):
            name = theme.name
            pages = sorted(p for p in site.folder.rglob("*.html")
                           if p.relative_to(site.folder).parts[0] != "download"
                           and f"/{name}\"" in p.read_text(encoding="utf-8"))
            if not pages:
                continue
            trees = [read_page(p) for p in pages] + [page_tree(SAFELIST_HTML)]
            text = purge(theme.read_text(encoding="utf-8"), trees, keep_vars_of=our_css)
            theme.write_text(text, encoding="utf-8")
            written.append(Written(theme, len(text.encode()), len(pages)))
            source_map = theme.with_name(name + ".map")   # describes the whole stylesheet, no longer there
            if source_map.exists():
                source_map.unlink()
        if our_css:
            text = minify_css(our_css)
            ours.write_text(text, encoding="utf-8")
            written.append(Written(ours, len(text.encode())))
        for script in sorted(assets.glob("*.js")):
            if script.name.startswith(("search-index.", "lessons.")):   # data the build wrote, already compact
                continue
            text = strip_js(script.read_text(encoding="utf-8"))
            script.write_text(text, encoding="utf-8")
            written.append(Written(script, len(text.encode())))
        return written
