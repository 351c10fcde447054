"""Page counts and sizes of the PDFs an output wrote, put into the pages that list them once the files exist.

The pages are written before the outputs run, so a template writes an empty marker,
`<span class="cg-facts" data-facts-of="handbook/x.pdf"></span>`, and the output that wrote the file fills it in
("(152 pages, 2.3 MB)") in its `finish()`, before the packages copy the pages into the offline bundles.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from canhgiac.outputs import BuiltSite

FACTS_MARK = re.compile(r'(<span class="cg-facts" data-facts-of="([^"]+)">)[^<]*(</span>)')


def facts_marker(path: str) -> str:
    """The marker a template writes for the site file `path` (empty until filled)."""
    return f'<span class="cg-facts" data-facts-of="{path}"></span>'


def fill_facts(site: BuiltSite, facts: Mapping[str, tuple[int, int]]) -> None:
    """Put '(pages, size)' of each site file in `facts` (path -> (pages, bytes)) into every page that lists it."""
    from canhgiac.packages.plan import format_size

    def sub(m: re.Match, ui) -> str:
        known = facts.get(m.group(2))
        if known is None:
            return m.group(0)
        text = ui["file_facts"].format(pages=known[0], size=format_size(known[1], ui))
        return f"{m.group(1)}{text}{m.group(3)}"

    for lang in site.languages.values():
        for page in lang.pages.values():
            path = site.folder / page.dest
            if not path.is_file():
                continue
            html = path.read_text(encoding="utf-8")
            if "data-facts-of=" in html:
                filled = FACTS_MARK.sub(lambda m, ui=lang.ui: sub(m, ui), html)
                if filled != html:
                    path.write_text(filled, encoding="utf-8")
