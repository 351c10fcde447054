"""The client assets: size budget, nothing remote, no unsafe code, strings supplied by the page."""

from __future__ import annotations

import gzip
import json
import re
from html.parser import HTMLParser

import pytest
from conftest import ROOT

from canhgiac.i18n import PACKAGE_CATALOGS as STRINGS
from canhgiac.plugin.pages import EXIT_STRINGS
from canhgiac.quiz.render import CLIENT_STRINGS

ASSETS = ROOT / "canhgiac" / "assets"
MODULES = sorted((ASSETS / "js").glob("*.js"))
CSS = ASSETS / "canhgiac.css"
BUDGET = 8 * 1024  # bytes of gzip the quiz (core.js + quiz.js) may add to a lesson page
PROGRESS_STRINGS = ("progress_none", "clear_progress", "cleared")


def _code(*names: str) -> str:
    return "\n".join((ASSETS / "js" / f"{name}.js").read_text(encoding="utf-8") for name in names)


def test_quiz_scripts_fit_the_size_budget():
    size = len(gzip.compress(_code("core", "quiz").encode(), compresslevel=9))
    assert 0 < size <= BUDGET, f"core.js + quiz.js are {size} bytes gzip, over the {BUDGET} byte budget"


@pytest.mark.parametrize("path", [*MODULES, CSS], ids=lambda p: p.name)
def test_no_remote_url_of_any_kind(path):
    text = path.read_text(encoding="utf-8")
    # Strict: not even an SVG namespace in clear (the data: URIs percent-encode it).
    assert not re.search(r"https?://|url\(\s*['\"]?//", text, re.I), re.search(r".{40}https?://.{40}", text)


def test_stylesheet_uses_only_system_fonts_and_data_uris():
    text = CSS.read_text(encoding="utf-8")
    assert "@import" not in text and "@font-face" not in text
    urls = re.findall(r"url\(\s*['\"]?([^'\")]*)", text)
    assert urls and all(u.startswith("data:image/svg+xml") for u in urls), urls


# The modules that request anything themselves, each only the site's own files: "Save for offline" (into its own
# cache) and the search offline (the list of this language's pages, to count those kept on the phone).
FETCHES = {"offline.js": ["fetch(new URL('assets/canhgiac/offline.' + LANG + '.json', ROOT)", "fetch(url"],
           "search-ui.js": ["fetch(new URL('offline.' + LANG + '.json', ASSETS).href)"]}


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_script_has_no_eval_network_or_cookies(path):
    code = path.read_text(encoding="utf-8")
    for call in FETCHES.get(path.name, []):
        assert call in code, call
        code = code.replace(call, "")
    for forbidden in ("eval(", "new Function", "innerHTML", "outerHTML", "document.write", "fetch(", "XMLHttpRequest",
                      "sendBeacon", "WebSocket", "document.cookie", "import(", "setAttribute('on"):
        assert forbidden not in code, forbidden


def test_every_storage_key_has_the_cg_prefix():
    code = _code("core")
    assert "const PREFIX = 'cg:';" in code
    assert "key: (id) => PREFIX + " in code
    # Store.get/set/remove go through Store.key; clear() removes only keys that start with the prefix.
    assert re.findall(r"\.(?:set|get|remove)Item\(([^,)]*)", code) == ["Store.key(id", "Store.key(id", "Store.key(id", "key"]
    assert "key.indexOf(PREFIX) === 0) s.removeItem(key)" in code


def test_script_has_no_hard_coded_interface_text():
    """Every string the reader sees comes from data-i18n: the script names keys, never words."""
    code = re.sub(r"/\*.*?\*/|(?<![:'\"])//[^\n]*", "", _code("core", "quiz", "progress", "exit", "menu"),
                  flags=re.S)  # drop comments
    literals = re.findall(r"'((?:[^'\\\n]|\\.)*)'|\"((?:[^\"\\\n]|\\.)*)\"|`([^`]*)`", code)
    literals = [part for parts in literals for part in parts if part]
    assert "cg-quiz" in literals and "data-i18n" in literals  # the pattern does find the literals
    for lang in STRINGS.values():
        for key in (*CLIENT_STRINGS, *PROGRESS_STRINGS, *EXIT_STRINGS, "quick_exit", "menu"):
            assert not [lit for lit in literals if lang[key] in lit], (key, lang[key])


@pytest.mark.parametrize("lang", sorted(STRINGS))
def test_client_strings_exist_in_every_language(lang):
    for key in (*CLIENT_STRINGS, *PROGRESS_STRINGS, *EXIT_STRINGS):
        assert STRINGS[lang].get(key), (lang, key)
    assert "{right}" in STRINGS[lang]["score"] and "{total}" in STRINGS[lang]["score"]


class _Modules(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.modules: dict[str, dict[str, str]] = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("data-module"):
            self.modules[a["data-module"]] = a


def _modules(path):
    parser = _Modules()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.modules


@pytest.mark.parametrize("prefix,lang", [("", "vi"), ("en/", "en")])
def test_pages_hand_the_script_its_strings(mini_site, prefix, lang):
    quiz = _modules(mini_site.site / prefix / "lessons" / "demo.html")["cg-quiz"]
    assert quiz["data-lesson"] == "demo"
    assert json.loads(quiz["data-i18n"]) == {k: STRINGS[lang][k] for k in CLIENT_STRINGS}
    progress = _modules(mini_site.site / prefix / "progress.html")["cg-progress"]
    assert json.loads(progress["data-i18n"]) == {k: STRINGS[lang][k] for k in PROGRESS_STRINGS}
    assert progress["data-lessons"] == "demo"
    quick_exit = _modules(mini_site.site / prefix / "hotlines.html")["cg-exit"]
    assert json.loads(quick_exit["data-i18n"]) == {k: STRINGS[lang][k] for k in EXIT_STRINGS}


def test_built_site_ships_the_assets_as_written_less_comments(mini_site):
    # The styles output ships our scripts without comments and our stylesheet minified (canhgiac/styles/): nothing else.
    from canhgiac.styles import minify_css, strip_js

    for path in MODULES:
        shipped = (mini_site.site / "assets" / "canhgiac" / path.name).read_text(encoding="utf-8")
        assert shipped == strip_js(path.read_text(encoding="utf-8")), path.name
    assert (mini_site.site / "assets" / "canhgiac" / CSS.name).read_text(encoding="utf-8") == minify_css(
        CSS.read_text(encoding="utf-8"))


def _scripts(path) -> list[str]:
    return re.findall(r'<script src="[^"]*assets/canhgiac/([\w-]+)\.js" defer>', path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_each_page_loads_only_the_modules_it_uses(mini_site, prefix):
    # The quick exit and the menu first on every page, the header's search control and offline reading; then what
    # the page uses.
    every = ["exit", "menu", "search", "sw-register"]
    assert _scripts(mini_site.site / prefix / "lessons" / "demo.html") == [*every, "core", "quiz"]
    assert _scripts(mini_site.site / prefix / "progress.html") == [*every, "core", "progress", "offline"]
    assert _scripts(mini_site.site / prefix / "hotlines.html") == every
    assert _scripts(mini_site.site / prefix / "index.html") == [*every, "offline"]
