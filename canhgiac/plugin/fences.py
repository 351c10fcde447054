"""The Markdown the plugin adds: ```quiz and ```cards fences (pymdown-extensions' custom fences), the glossary."""

from __future__ import annotations

import posixpath

import yaml
from mkdocs.utils import get_relative_url
from pymdownx.superfences import SuperFencesException

from canhgiac.content.cards import render_card_set
from canhgiac.plugin.checks import norm
from canhgiac.quiz.render import render_bank


class Fences:
    """Formatters for the plugin's fences, mixed into the plugin: they render in the language being built.

    pymdown swallows a formatter's ordinary exception and renders a code block; SuperFencesException stops it.
    """

    def register_markdown(self, config) -> None:
        """Add the quiz and cards fences, the glossary and the source markers to the config's Markdown."""
        from canhgiac import cite
        from canhgiac.content.cards import CARDS_FENCE
        from canhgiac.content.project import QUIZ_FENCE
        from canhgiac.glossary import GlossaryExtension

        if "pymdownx.superfences" not in config.markdown_extensions:
            config.markdown_extensions.append("pymdownx.superfences")
        fences = config.mdx_configs.setdefault("pymdownx.superfences", {}).setdefault("custom_fences", [])
        fences[:] = [f for f in fences if f.get("name") not in (QUIZ_FENCE, CARDS_FENCE)]
        fences.append({"name": QUIZ_FENCE, "class": "cg-quiz", "format": self.format_quiz})
        fences.append({"name": CARDS_FENCE, "class": "cg-cards", "format": self.format_cards})
        kinds = (GlossaryExtension, cite.CiteExtension)  # a rebuild (mkdocs serve) replaces the earlier instances
        config.markdown_extensions[:] = [e for e in config.markdown_extensions if not isinstance(e, kinds)]
        config.markdown_extensions += [GlossaryExtension(self.glossary_label), cite.CiteExtension(self.cite_context)]

    def glossary_label(self) -> str | None:
        """The glossary's jump-list label while the glossary page renders, None on every other page."""
        if self.page is None or norm(self.page.file.src_uri) != norm(self.config.glossary_page):
            return None
        return self.language().ui["glossary_jump"]

    def format_quiz(self, source, language, class_name, options, md, **kwargs):
        """Superfences formatter for ```quiz fences: the body is a bank id."""
        bank = self.project.banks.get(source.strip()) if self.project else None
        if bank is None:
            raise SuperFencesException(f"unknown quiz bank '{source.strip()}'")
        lang = self.language()
        legal_url = get_relative_url(lang.url(norm(self.config.legal_page)) or "", self.page.url)
        lesson = self.lesson_of(self.page)
        self.page_uses.setdefault(self.page.file.src_uri, set()).add("quiz")
        return render_bank(bank, lang.code, lang.ui, self.project.laws, legal_url, lesson.id if lesson else "")

    def format_cards(self, source, language, class_name, options, md, **kwargs):
        """Superfences formatter for ```cards fences: the set, checked when the project loaded, as a list."""
        lesson = self.lesson_of(self.page)
        try:
            card_id = (yaml.safe_load(source) or {}).get("id")
        except (yaml.YAMLError, AttributeError):
            card_id = None
        lang = self.language()
        found = [s for s in lesson.versions[lang.code].card_sets if s.id == card_id] if lesson else []
        if not found:
            raise SuperFencesException("a cards fence belongs in a lesson, with a valid body (see docs/readme/editing.md)")
        return render_card_set(found[0], lang.ui)


    def cite_context(self):
        """What the source markers of the page being rendered need (canhgiac.cite)."""
        from canhgiac import cite

        if self.page is None or self.project is None:
            return None
        lang = self.language()  # a link to the Markdown source: MkDocs checks it and gives each language its own
        legal = posixpath.relpath(norm(self.config.legal_page), posixpath.dirname(self.page.file.src_uri) or ".")
        return cite.PageContext(self.project.laws, lang.code, lang.ui, legal)
