"""Add a language to a copy of a project exactly as the README's "Add a language" says, and nothing more.

The steps: (a) one more entry in the i18n plugin's `languages:` in mkdocs.yml; (b) a `<name>.<lang>.md` beside every
`<name>.en.md` in docs/ and lessons/; (c) a `<lang>:` text beside `vi:` and `en:` in every quiz bank, laws.yml and
locality.yml; (d) a catalog `locales/<lang>/LC_MESSAGES/canhgiac.po` (here in the project's own locales/ folder,
where a province puts its catalogs, since a test must not write into the installed package).

The Khmer texts are real Khmer: the title and the first sentence of the preamble of the Universal Declaration of
Human Rights in the translation published by the Office of the United Nations High Commissioner for Human Rights
(the "UDHR in Unicode" edition, unicode.org/udhr, document udhr_khm), and the language's own name.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

KHMER = {
    "name": "ភាសាខ្មែរ",                                    # "Khmer language"
    "title": "សេចក្ដីប្រកាសជាសកលស្ដីពីសិទ្ធិមនុស្ស",          # "Universal Declaration of Human Rights"
    "rights": "សិទ្ធិមនុស្ស",                                 # "human rights"
    "sentence": ("ដោយយល់ឃើញថា ការទទួលស្គាល់សេចក្ដីថ្លៃថ្នូរជាប់ពីកំណើត និងសិទ្ធិស្មើភាពគ្នា និងសិទ្ធិមិនអាច លក់ ដូរ ផ្ទេរ "
                 "ឬដកហូតបានរបស់សមាជិកទាំងអស់នៃគ្រួសារមនុស្ស គឺជាគ្រឹះនៃសេរីភាព យុត្ដិធម៌ និងសន្ដិភាពក្នុងពិភពលោក។"),
}


def _texts(node, lang: str, text: str):
    """Give every {vi, en} text of a YAML tree a `lang` version: the English with the Khmer text before it."""
    if isinstance(node, dict):
        if {"vi", "en"} <= set(node) and all(isinstance(node[k], str) for k in ("vi", "en")):
            node[lang] = f"{text} {node['en']}" if len(node["en"]) > 40 else f"{text} ({node['en']})"
        for value in node.values():
            _texts(value, lang, text)
    elif isinstance(node, list):
        for value in node:
            _texts(value, lang, text)


def add_language(project: Path, lang: str = "km", texts: dict[str, str] = KHMER,
                 catalog_from: Path | None = None) -> None:
    """Add `lang` to the project at `project` by steps a–d."""
    # (a) the language entry, like the `en` one
    config = project / "mkdocs.yml"
    source = config.read_text(encoding="utf-8")
    entry = (f"        - locale: {lang}\n          name: {texts['name']}\n          build: true\n"
             f"          site_name: Cảnh giác ({texts['rights']})\n")
    source = re.sub(r"(\n        - locale: en\n(?:          .*\n)+)", lambda m: m.group(1) + entry, source, count=1)
    config.write_text(source, encoding="utf-8")
    # (b) every page, with Khmer in its title and body
    for english in [*project.glob("docs/**/*.en.md"), *project.glob("lessons/**/*.en.md")]:
        page = english.read_text(encoding="utf-8")
        page = re.sub(r"^(title|summary): (.+)$", lambda m: f"{m.group(1)}: {texts['title']}", page, count=2,
                      flags=re.M)
        front = re.match(r"---\n.*?\n---\n", page, re.S)  # the Khmer sentence opens the body
        at = front.end() if front else 0
        page = f"{page[:at]}\n{texts['sentence']}\n{page[at:]}"
        english.with_name(english.name.replace(".en.md", f".{lang}.md")).write_text(page, encoding="utf-8")
    # (c) every text of the quiz banks, the laws and the locality
    for path in [*project.glob("quizzes/*.yml"), project / "laws.yml", project / "locality.yml"]:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        _texts(data, lang, texts["rights"])
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    # (d) the catalog: every message of the English one; the language's own name and code in Khmer
    if catalog_from is not None:
        target = project / "locales" / lang / "LC_MESSAGES" / "canhgiac.po"
        target.parent.mkdir(parents=True, exist_ok=True)
        po = catalog_from.read_text(encoding="utf-8")
        po = re.sub(r'"Language: [^\\]*\\n"', f'"Language: {lang}\\\\n"', po, count=1)
        for msgid, text in (("language_name", texts["name"]), ("language_short", lang.upper())):
            po = re.sub(rf'(msgid "{msgid}"\nmsgstr )".*"', lambda m, t=text: f'{m.group(1)}"{t}"', po, count=1)
        target.write_text(po, encoding="utf-8")
