"""Options of the canhgiac MkDocs plugin."""

from mkdocs.config import base
from mkdocs.config import config_options as c


class CanhGiacConfig(base.Config):
    """Options, in the style of Material's plugins: `enabled` first, related options share a prefix."""

    enabled = c.Type(bool, default=True)
    # Content folders and files, relative to mkdocs.yml.
    lessons_dir = c.Type(str, default="lessons")
    quizzes_dir = c.Type(str, default="quizzes")
    laws_file = c.Type(str, default="laws.yml")
    locality_file = c.Type(str, default="locality.yml")
    # The Markdown page that renders the law registry (lessons and quizzes link to it).
    legal_page = c.Type(str, default="legal.md")
    # The page whose definition list is the glossary: sorted, grouped by first letter, with a jump list.
    glossary_page = c.Type(str, default="glossary.md")
    # Order of top-level navigation entries (pages and the lessons folder); others follow. It is also the reading
    # order of Next / Previous: home, the lessons, the reader's progress, then the reference pages.
    nav_order = c.Type(list, default=["index.md", "lessons", "progress.md", "hotlines.md", "safety.md", "glossary.md",
                                      "legal.md", "guide.md", "programme.md", "print.md", "downloads.md", "about.md"])
    # The trainer handbook (PDF), written to site/handbook/.
    handbook_enabled = c.Type(bool, default=True)
    # `mkdocs serve` skips the handbook (about 10 s per rebuild) unless this is true.
    handbook_on_serve = c.Type(bool, default=False)
    # Leaflets and posters (PDF) for residents, written to site/print/ with thumbnails for the print page.
    outreach_enabled = c.Type(bool, default=True)
    # `mkdocs serve` skips them (a few seconds per rebuild) unless this is true.
    outreach_on_serve = c.Type(bool, default=False)
    # Session packs (a pack and a booklet per lesson, pages of the handbook) into site/print/<lang>/; need the handbook.
    sessions_enabled = c.Type(bool, default=True)
    sessions_on_serve = c.Type(bool, default=False)
    handbook_filenames = c.Type(dict, default={"vi": "so-tay-tuyen-truyen-vien.pdf", "en": "trainer-handbook.pdf"})
    # E-learning packages (SCORM 1.2, Moodle XML, offline bundles), written to site/download/ after the last language.
    packages_enabled = c.Type(bool, default=True)
    # `mkdocs serve` skips them unless this is true.
    packages_on_serve = c.Type(bool, default=False)
    # A presentation of each lesson for a TV or projector, in each language: site/present/, site/<lang>/present/.
    present_enabled = c.Type(bool, default=True)
    # The other outputs (canhgiac.outputs.OUTPUTS): every output can be turned off by `<name>_enabled`.
    search_enabled = c.Type(bool, default=True)
    manifests_enabled = c.Type(bool, default=True)
    offline_enabled = c.Type(bool, default=True)
    # Open Graph tags on every page and, with site_url set, share pictures (assets/share/) for chat apps.
    share_enabled = c.Type(bool, default=True)
    menu_enabled = c.Type(bool, default=True)
    styles_enabled = c.Type(bool, default=True)
