"""The server configurations as an output: written once, after the packages (which must not carry them)."""

from __future__ import annotations

from canhgiac.outputs import BuiltSite, Output, Written
from canhgiac.serverconf import server_files


class ServerConfig(Output):
    """`.htaccess`, `_headers` and `_server/` (nginx, Caddy) with the site's policy and 404 handling."""

    name = "serverconf"
    title = "server configurations"

    def finish(self, site: BuiltSite) -> list[Written]:
        """Write each server's file; the sub-path comes from site_url."""
        written = []
        for rel, text in server_files(site.settings.site_url).items():
            target = site.folder / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            written.append(Written(target, target.stat().st_size))
        return written
