"""The purged stylesheet and the stripped scripts: what is kept, that nothing changes on screen or on paper, bytes.

The purge (canhgiac.styles) keeps a rule when a selector, its states taken away, matches an element of a built page
or of the safelist (what the scripts add). The proof that it keeps enough is visual: every page type at 360 px (and
an English lesson and home page), in every state the reader can put it in (quiz answered, menu open, language list
open, search open, printed), is opened with the purged files and with the original ones, and must lay out the same boxes with the
same computed style (every element, text and drawn ::before, ::after and ::marker: what decides every pixel), and show
the same pixels on screen (but for anti-aliasing noise, `same_pixels`).
"""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import PHONE, ROOT, answer_every_question, serve

from canhgiac import styles

ASSETS = ROOT / "canhgiac" / "assets"
NODE = shutil.which("node")


# -- units ---------------------------------------------------------------------------------------------------

def purged(css: str, html: str, ours: str = "") -> str:
    return styles.purge(css, [styles.page_tree(html)], keep_vars_of=ours)


def test_states_are_matched_as_if_on_and_unused_selectors_go():
    css = (".a:hover,.gone:focus{color:red}[data-t=drawer]:checked~.c .d{left:0}.x::before{content:''}"
           ".a:not(.b){margin:0}.nope .a{top:0}:root{--used:1px;--unused:2px;--chain:var(--used)}"
           ".a{padding:var(--chain)}@keyframes spin{to{top:0}}@keyframes idle{to{top:0}}.a{animation:spin 1s}"
           "@media print{.c{display:none}.gone{display:none}}@media screen{.gone{color:blue}}")
    html = '<html><body><input data-t="drawer" type="checkbox"><div class="c"><p class="d a x"></p></div></body></html>'
    out = purged(css, html)
    assert out.startswith(".a:hover{color:red}[data-t=drawer]:checked~.c .d{left:0}.x::before{content:\"\"}")
    assert ".a:not(.b){margin:0}" in out and ".nope" not in out and ".gone" not in out and "screen" not in out
    assert ":root{--used:1px;--chain:var(--used)}" in out and "--unused" not in out
    assert "@keyframes spin" in out and "idle" not in out
    assert "@media print{.c{display:none}}" in out


def test_variables_our_stylesheet_reads_are_kept():
    css = ":root{--md-a:1px;--md-b:2px}"
    html = "<html><body></body></html>"
    assert purged(css, html, ours=".cg{top:var(--md-b)}") == ":root{--md-b:2px}"


def test_what_scripts_add_is_kept_through_the_safelist():
    css = "dialog{border:0}dialog mark{background:yellow}.unused{top:0}"
    out = styles.purge(css, [styles.page_tree("<html><body></body></html>"), styles.page_tree(styles.SAFELIST_HTML)])
    assert out == "dialog{border:0}dialog mark{background:yellow}"
    assert styles.purge(css, [styles.page_tree("<html><body></body></html>")]) == ""


def test_the_purge_is_deterministic_and_a_selector_it_cannot_read_is_kept():
    css = ".a{top:0}.b %{top:1px}.c:unknown-state(3){top:2px}.gone{top:3px}"
    html = '<html><body><p class="a c"></p></body></html>'
    assert purged(css, html) == purged(css, html) == ".a{top:0}.b %{top:1px}.c:unknown-state(3){top:2px}"


def test_minified_stylesheet_keeps_every_rule_and_no_comment():
    source = (ASSETS / "canhgiac.css").read_text(encoding="utf-8")
    out = styles.minify_css(source)
    assert "/*" not in out and len(out) < 0.8 * len(source)
    import tinycss2

    def selectors(css):
        found = []
        for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
            if rule.type == "qualified-rule":
                found.append(" ".join(tinycss2.serialize(rule.prelude).split()).replace(", ", ","))
            elif rule.type == "at-rule" and rule.content:
                found.append("@" + rule.at_keyword + selectors(tinycss2.serialize(rule.content)).__repr__())
        return found
    assert len(selectors(out)) == len(selectors(source))


@pytest.mark.skipif(NODE is None, reason="node is not installed")
def test_stripped_scripts_parse_and_keep_strings_and_patterns():
    for source in sorted((ASSETS / "js").glob("*.js")):
        text = source.read_text(encoding="utf-8")
        out = styles.strip_js(text)
        assert "/*" not in out and len(out) < len(text), source.name
        check = subprocess.run([NODE, "--check", "--input-type=commonjs"], input=out, text=True, capture_output=True)
        assert check.returncode == 0, (source.name, check.stderr)
    sample = "const a = '// not a comment'; // a comment\nconst r = /\\/\\/[/*]/g; /* gone */ const b = `/* kept */`;\n"
    assert styles.strip_js(sample) == "const a = '// not a comment';\nconst r = /\\/\\/[/*]/g;  const b = `/* kept */`;\n"


# -- on screen and on paper --------------------------------------------------------------------------------------

def unpurged_copy(site: Path, dest: Path) -> Path:
    """The built site with Material's stylesheet, ours and our scripts as shipped in their packages."""
    import material

    big = ("download", "handbook")   # files the pages list (and check), not styled: linked, not copied
    shutil.copytree(site, dest, ignore=lambda folder, names: [n for n in names if Path(folder) == site and n in big])
    for name in big:
        if (site / name).exists():
            (dest / name).symlink_to(site / name, target_is_directory=True)
    theme = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
    for css in dest.glob("assets/stylesheets/main.*.min.css"):
        shutil.copy(theme / css.name, css)
    shutil.copy(ASSETS / "canhgiac.css", dest / "assets" / "canhgiac" / "canhgiac.css")
    for script in (dest / "assets" / "canhgiac").glob("*.js"):
        if (ASSETS / "js" / script.name).exists():
            shutil.copy(ASSETS / "js" / script.name, script)
    return dest


STATES = {
    "plain": lambda page: None,
    "quiz answered": answer_every_question,
    "menu open": lambda page: page.locator(".cg-menu").click(),
    "language list open": lambda page: page.locator(".cg-lang__button").focus(),
    "search open": lambda page: page.locator(".cg-search-button").click(),
}


SEEDED_RANDOM = "(() => { let s = 42; Math.random = () => (s = (s * 16807) % 2147483647) / 2147483647; })();"


# Every CSS property but custom ones (those keep their source text, which minifying changes).
PROPERTIES = "() => Array.from(getComputedStyle(document.documentElement)).filter((k) => !k.startsWith('--'))"


def computed(page) -> list[tuple]:
    """Every box Chromium lays out (elements, text, and the ::before, ::after and ::marker they draw): its node, its
    place and size, and its computed style. Taken by DevTools' DOMSnapshot in one call (reading them from a script,
    property by property, takes seconds a page)."""
    cdp = page.context.new_cdp_session(page)
    snap = cdp.send("DOMSnapshot.captureSnapshot", {"computedStyles": page.evaluate(PROPERTIES)})
    cdp.detach()
    strings, doc = snap["strings"], snap["documents"][0]
    nodes, layout = doc["nodes"], doc["layout"]
    pseudo = dict(zip(nodes.get("pseudoType", {}).get("index", []), nodes.get("pseudoType", {}).get("value", []),
                      strict=True))

    def text(i: int) -> str:
        return strings[i] if i >= 0 else ""

    def classes(node: int) -> str:
        pairs = nodes["attributes"][node]
        return next((text(v) for k, v in zip(pairs[::2], pairs[1::2], strict=True) if text(k) == "class"), "")

    return [(text(nodes["nodeName"][node]), text(pseudo[node]) if node in pseudo else "", classes(node),
             ",".join(f"{v:.2f}" for v in bounds), ";".join(map(text, style)))
            for node, bounds, style in zip(layout["nodeIndex"], layout["bounds"], layout["styles"], strict=True)]


def same_pixels(a: bytes, b: bytes) -> bool:
    """The same picture, but for drawing noise. With the same boxes and styles, Chromium may draw text half a device
    pixel lower, or a dotted underline a dot further along, from one load to the next (seen under load: up to 2 % of
    the pixels, by up to 222 of 255). Averaged over 4 × 4 device pixels that noise stays under 72 of 255; a font the
    purge lost, an image or a colour does not. (Styles and boxes themselves are compared exactly: `computed`.)"""
    from PIL import Image, ImageChops

    if a == b:
        return True
    one, two = Image.open(io.BytesIO(a)).convert("L"), Image.open(io.BytesIO(b)).convert("L")
    if one.size != two.size:
        return False
    return ImageChops.difference(one.reduce(4), two.reduce(4)).getextrema()[1] <= 80


# Lazy images loaded and every image decoded, fonts ready, and two frames drawn since.
SETTLED = """async () => {
  for (const img of document.images) img.loading = 'eager';
  await Promise.all(Array.from(document.images, (img) => img.decode().catch(() => null)));
  await document.fonts.ready;
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
}"""


def loading(page) -> set:
    """The requests of `page` not yet answered, kept up to date."""
    pending = set()
    page.on("request", lambda request: pending.add(request))
    page.on("requestfinished", lambda request: pending.discard(request))
    page.on("requestfailed", lambda request: pending.discard(request))
    return pending


def settle(page, pending: set, quiet: float = 500, timeout: float = 10_000):
    """Wait until nothing the state asked for is still loading (the menu's lesson list, the search index) for
    `quiet` ms, then for images, fonts and a drawn frame."""
    waited = still = 0
    while still < quiet:
        assert waited < timeout, f"still loading after {timeout} ms: {sorted(r.url for r in pending)}"
        page.wait_for_timeout(50)
        waited += 50
        still = 0 if pending else still + 50
    page.evaluate(SETTLED)


def picture(page) -> list[bytes]:
    """What the reader sees first (the viewport): below it, the computed styles and boxes speak for the pixels.

    (Full-page pictures of a long lesson cost minutes and are not drawn the same way every run: past Chromium's
    16,384-pixel texture limit text may land a subpixel further along, on either site.)"""
    return [page.screenshot(animations="disabled", caret="hide")]


def screenshots(browser, base: str, pages: dict[str, list[str]], batch: int = 4) -> dict[tuple[str, str], tuple]:
    """Each page in each state named for it, at 360 px, with animations off; and each printed as PNG.

    `batch` pages load at once in their own tabs (one waits for its quiet moment while the next ones load)."""
    context = browser.new_context(**PHONE, reduced_motion="reduce", service_workers="block")
    context.add_init_script(SEEDED_RANDOM)   # the quiz shuffles its options: the same order in both
    wanted = [(path, state) for path, states in pages.items() for state in states]
    shots = {}
    for start in range(0, len(wanted), batch):
        opened = []
        for path, state in wanted[start:start + batch]:
            page = context.new_page()
            pending = loading(page)
            page.goto(base + path, wait_until="commit")
            opened.append((path, state, page, pending))
        for path, state, page, pending in opened:
            page.wait_for_load_state("load")
            if state == "print":
                page.emulate_media(media="print")
            else:
                page.bring_to_front()
                STATES[state](page)
            settle(page, pending)
            shots[(path, state)] = (picture(page), computed(page))
            page.close()
    context.close()
    return shots


def page_types(site: Path) -> dict[str, list[str]]:
    """One page of each type, with the states it can be in; in the second language (the same templates and styles,
    other words), a lesson and the home page as they open."""
    lessons = sorted(p.relative_to(site).as_posix() for p in site.glob("lessons/*.html"))
    lesson = lessons[0] if lessons else "index.html"
    chosen = {lesson: ["plain", "quiz answered", "menu open", "language list open", "search open", "print"],
              "index.html": ["plain", "menu open"]}
    for name in ("glossary", "legal", "hotlines", "print", "downloads", "progress", "safety", "about"):
        if (site / f"{name}.html").exists():
            chosen[f"{name}.html"] = ["plain"]
    chosen["404.html"] = ["plain"]
    chosen.update({f"en/{lesson}": ["plain"], "en/index.html": ["plain"]})
    return chosen


def differs(after: tuple, before: tuple) -> bool:
    (one, computed), (two, computed_before) = after, before
    return computed != computed_before or len(one) != len(two) or not all(map(same_pixels, one, two))


def compare(browser, site: Path, tmp: Path, tries: int = 3) -> list[tuple[str, str]]:
    """The (page, state) pairs whose screenshots differ between the purged site and the original files.

    Now and then (1 page in 8 on a long lesson) Chromium draws all text below some point half a device pixel
    lower, on either site, with the same styles and boxes: a pair that differs is shot again on both sites, and
    counts as different only if it differs every time (a purge mistake does, every time)."""
    before = unpurged_copy(site, tmp / "unpurged")
    pages = page_types(site)
    server_after, httpd_after = serve(site)
    server_before, httpd_before = serve(before)
    try:
        after_shots = screenshots(browser, server_after.base, pages)
        before_shots = screenshots(browser, server_before.base, pages)
        differ = [key for key in after_shots if differs(after_shots[key], before_shots[key])]
        for _ in range(tries - 1):
            again = {path: [state for p, state in differ if p == path] for path, _state in differ}
            after_shots.update(screenshots(browser, server_after.base, again))
            before_shots.update(screenshots(browser, server_before.base, again))
            differ = [key for key in differ if differs(after_shots[key], before_shots[key])]
    finally:
        httpd_after.shutdown()
        httpd_before.shutdown()
    for key in differ:
        name = f"{key[0].replace('/', '_')}-{key[1].replace(' ', '_')}"
        boxes = [f"after:  {one}\nbefore: {two}\n" for one, two in zip(after_shots[key][1], before_shots[key][1],
                                                                    strict=False) if one != two]
        (tmp / f"{name}-boxes.txt").write_text("\n".join(boxes[:20]), encoding="utf-8")
        for band, (one, two) in enumerate(zip(after_shots[key][0], before_shots[key][0], strict=False)):
            (tmp / f"{name}-{band}-after.png").write_bytes(one)
            (tmp / f"{name}-{band}-before.png").write_bytes(two)
    return differ


@pytest.mark.browser
def test_purged_pages_look_the_same_at_360_px(browser, real_site, tmp_path):
    assert compare(browser, real_site.site, tmp_path) == []


def test_the_purge_ships_much_less_of_materials_stylesheet(real_site):
    import gzip

    import material

    theme = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
    for css in real_site.site.glob("assets/stylesheets/main.*.min.css"):
        original = len(gzip.compress((theme / css.name).read_bytes(), 9))
        now = len(gzip.compress(css.read_bytes(), 9))
        assert now < original / 2, (original, now)
    assert not list(real_site.site.glob("assets/stylesheets/main.*.min.css.map"))
