"""What mkdocs-static-i18n forces on the plugin: one MkDocs build per language, and a staged site folder.

static-i18n runs the default language's build, then, from inside that build's `on_post_build`, one nested build
per other language with the same config. So every event fires once per language, the other languages' builds
start and end before the default one ends, and `on_post_build` of the default language runs last of all
(`@event_priority(-1000)` on ours keeps it after static-i18n's). `LanguageBuilds` keeps a stack of the languages
being built, so an event knows which language it belongs to, and remembers which ones got to their end.

A clean `mkdocs build` writes into a staging folder beside site/ (`StagedDir`) and swaps it in only when every
language got to its end; a failed build leaves site/ exactly as it was. static-i18n's nested builds reuse the
config, so redirecting `site_dir` once, on the first `on_config`, lands every language in the staging folder.
"""

from __future__ import annotations

import os
from pathlib import Path

from canhgiac.content.project import Project, source_date
from canhgiac.staging import StagedDir


class LanguageBuilds:
    """The languages being built (a stack: nested builds) and those finished; the staged site folder."""

    def __init__(self, stage: bool):
        self.stage = stage
        self.staged: StagedDir | None = None
        self.config = None
        self.stack: list[str] = []
        self.finished: set[str] = set()
        self.failed = False

    def redirect(self, config) -> None:
        """On the first build, point the config's site folder at a new staging folder."""
        if self.stage and self.staged is None:
            self.staged = StagedDir(Path(config.site_dir))
            self.config = config
            config.site_dir = str(self.staged.path)

    def start(self, lang: str) -> None:
        """A language's build began (its navigation is being made)."""
        self.stack.append(lang)

    @property
    def current(self) -> str:
        """The language being built."""
        return self.stack[-1]

    def end(self) -> None:
        """The current language's build got to its end."""
        if self.stack:
            self.finished.add(self.stack.pop())

    def fail(self) -> None:
        """A build failed: static-i18n's nested builds end here too, so the next build starts afresh."""
        self.failed = True
        self.stack.clear()

    def shown(self, path: Path) -> Path:
        """A path in the site as the user will find it: under site/, not the staging folder it is written to."""
        if self.staged is not None and path.is_relative_to(self.staged.path):
            return self.staged.final / path.relative_to(self.staged.path)
        return path

    def close(self, langs: list[str]) -> str | None:
        """Swap the staged site in if every language got to its end, else discard it; say what happened."""
        staged, self.staged = self.staged, None
        if staged is None:
            return None
        self.config.site_dir = str(staged.final)  # gh-deploy, which runs after this, reads the real folder
        if self.failed or not langs or not self.finished.issuperset(langs):
            staged.discard()
            return f"the build failed: {staged.final.name}/ was left as it was" if staged.final.exists() else None
        staged.commit()
        return f"every language and output built: {staged.final.name}/ now holds the new site"


def site_languages(config) -> dict[str, str]:
    """The site languages, the default first, with their site names: static-i18n's, or the theme's language."""
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return {config.theme.get("language") or "en": config.site_name}
    langs = sorted((lg for lg in i18n.config.languages if lg.build or lg.default), key=lambda lg: not lg.default)
    return {lg.locale: lg.site_name or config.site_name for lg in langs}


def date_by_content(project: Project, own: bool) -> bool:
    """Date the build by its content, not the clock: MkDocs' sitemap reads SOURCE_DATE_EPOCH.

    Unless the publisher set SOURCE_DATE_EPOCH (`own` is false then), it becomes the newest lesson review date, so
    two builds of the same sources write the same bytes on any day. Returns whether the date is the plugin's own.
    """
    if os.environ.get("SOURCE_DATE_EPOCH") is not None and not own:
        return False
    os.environ["SOURCE_DATE_EPOCH"] = str(int(source_date(project, use_env=False).timestamp()))
    return True
