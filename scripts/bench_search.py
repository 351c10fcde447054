"""Benchmark: the site search (MiniSearch, the one used) against Pagefind, side by side, in Debian's Chromium.

For the real site and for a synthetic site of 500 lessons per language, and for each language, prints:
  - the bytes a first search transfers (gzip, beyond the page) and what a second search adds,
  - the index size on disk,
  - the first result of each accent-free query, and whether it is the right page (real site only).
Pagefind runs on the same pages (its index restricted to the <article>, as ours is).

Needs the site built (scripts/build) and Pagefind: .venv/bin/pip install 'pagefind[extended]==1.5.2'.
Run: .venv/bin/python scripts/bench_search.py [SITE_DIR]     (--lessons 500 to change the synthetic size)
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from canhgiac.search import PageEntry, Section, index_files  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
QUERIES = {
    "vi": {"mua ban nguoi": "lessons/trafficking-signs.html", "to giac toi pham": "lessons/crime-prevention-law.html",
           "duong day nong": "hotlines.html", "lua dao": "lessons/online-scams.html",
           "ma tuy": "lessons/social-evils.html", "tre em": "lessons/trafficking-prevention-skills.html",
           "doi tuong": None, "mua bán người": "lessons/trafficking-signs.html"},
    "en": {"human trafficking": "en/lessons/trafficking-signs.html", "report a crime": "en/lessons/crime-prevention-law.html",
           "hotline": "en/hotlines.html", "scam": "en/lessons/online-scams.html", "drugs": "en/lessons/social-evils.html",
           "children": "en/lessons/trafficking-prevention-skills.html"},
}
ALSO_RIGHT = {"tre em": "lessons/trafficking-signs.html", "children": "en/lessons/trafficking-signs.html"}
HOME = {"vi": "index.html", "en": "en/index.html"}

PAGEFIND_SEARCH = """async ([base, query]) => {
  if (!window.__pf) { window.__pf = await import(base + 'pagefind/pagefind.js'); await window.__pf.init(); }
  const found = await window.__pf.search(query);
  const shown = await Promise.all(found.results.slice(0, 5).map(r => r.data()));
  return shown.map(d => d.url);
}"""


class Quiet(http.server.SimpleHTTPRequestHandler):
    """A static server that keeps quiet and knows .pf_* and .wasm types."""

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm",
                      ".js": "text/javascript"}

    def log_message(self, *args):
        """Keep quiet."""


def served(folder: Path):
    """Serve a folder on 127.0.0.1; returns (base URL, server)."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{httpd.server_address[1]}/", httpd


def gz(data: bytes) -> int:
    """Bytes on the wire with gzip (already-compressed files are sent as they are)."""
    return min(len(data), len(gzip.compress(data, 9)))


def pagefind(site: Path) -> float:
    """Index a site with Pagefind (content of <article> only); return the bundle's size in KB."""
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--root-selector", "article",
                    "--output-subdir", "pagefind", "--quiet"], check=True)
    return sum(f.stat().st_size for f in (site / "pagefind").rglob("*") if f.is_file()) / 1024


# -- a synthetic site of N lessons per language, made from the real lessons' sentences ----------------------

def real_sections(site: Path, lang: str) -> list[tuple[str, str]]:
    """(section title, text) of every lesson section of the real site's index."""
    found = []
    for path in sorted((site / "assets" / "canhgiac").glob(f"search-index.{lang}.*js")):
        data = json.loads(re.search(r"\]=(\{.*\});\n$", path.read_text(encoding="utf-8"), re.S).group(1))
        found += [(s[2], s[3]) for s in data.get("sections", []) if "lessons/" in data["pages"][s[0]][0] and s[2] and s[3]]
    return found


PAGE = """<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title></head>
<body><a class="cg-search-button" href="#" data-module="cg-search" data-i18n="{{}}">search</a>
<article><h1>{title}</h1>{body}</article>
<script src="{up}assets/canhgiac/search.js" defer></script></body></html>
"""


def synthetic_site(real: Path, out: Path, lessons: int) -> None:
    """Write N lessons per language (HTML), reshuffling the real sentences, and our index for them."""
    rng = random.Random(500)
    shutil.copytree(real / "assets", out / "assets")
    for lang in ("vi", "en"):
        pool = real_sections(real, lang)
        prefix = "" if lang == "vi" else "en/"
        (out / prefix / "lessons").mkdir(parents=True, exist_ok=True)
        pages = []
        for i in range(1, lessons + 1):
            title = f"{'Bài' if lang == 'vi' else 'Lesson'} {i}: {rng.choice(pool)[0]}"
            sections, body = [], []
            for k in range(6):
                head, text = rng.choice(pool)
                sentences = re.split(r"(?<=[.!?])\s+", text)
                rng.shuffle(sentences)
                text = " ".join(sentences)
                anchor = f"s{k}"
                sections.append(Section(anchor, head, text))
                body.append(f'<h2 id="{anchor}">{head}</h2><p>{text}</p>')
            url = f"{prefix}lessons/l{i:03d}.html"
            up = "../../" if prefix else "../"
            (out / url).write_text(PAGE.format(lang=lang, title=title, body="".join(body), up=up), encoding="utf-8")
            pages.append(PageEntry(url, title, sections))
        home = PAGE.format(lang=lang, title="Home", body="<p>home</p>", up="../" if prefix else "")
        (out / HOME[lang]).write_text(home, encoding="utf-8")
        for old in (out / "assets" / "canhgiac").glob(f"search-index.{lang}.*"):
            old.unlink()
        for name, data in index_files(lang, pages).items():
            (out / "assets" / "canhgiac" / name).write_bytes(data)


# -- measuring in the browser ---------------------------------------------------------------------------------

def measure(browser, base: str, lang: str, queries: list[str]) -> dict:
    """Bytes of the first and second search with each library, and the first result of every query."""
    out: dict = {}
    for lib in ("minisearch", "pagefind"):
        context = browser.new_context(viewport={"width": 360, "height": 740})
        page = context.new_page()
        page.goto(base + HOME[lang])
        page.wait_for_load_state("networkidle")
        sizes: list[int] = []

        def count(response, sizes: list[int] = sizes) -> None:
            try:
                if response.ok:
                    sizes.append(gz(response.body()))
            except PlaywrightError:  # a response still arriving when the page closes: not part of a search
                pass

        page.on("response", count)
        tops, per_query = [], []
        for i, query in enumerate(queries):
            before = len(sizes)
            if lib == "minisearch":
                if i == 0:
                    page.click(".cg-search-button")
                page.fill("#cg-search-input", query)
                page.locator(f".cg-search__results[data-query='{query}']").wait_for(state="attached")
                found = page.locator(".cg-search__link").evaluate_all("els => els.map(e => e.href)")
            else:
                found = page.evaluate(PAGEFIND_SEARCH, [base, query])
            page.wait_for_load_state("networkidle")
            per_query.append(sum(sizes[before:]))
            top = found[0].removeprefix(base).split("#")[0] if found else ""
            top = top.removeprefix("/")
            tops.append(top if not top.endswith("/") else top + "index.html")
        out[lib] = {"first": per_query[0], "second": per_query[1], "tops": tops}
        context.close()
    return out


def report(name: str, site: Path, lessons_note: str, browser, check: bool) -> None:
    """Index a site with Pagefind, measure both libraries in both languages and print the figures."""
    bundle = pagefind(site)
    base, httpd = served(site)
    try:
        for lang in ("vi", "en"):
            ours = sorted((site / "assets" / "canhgiac").glob(f"search-index.{lang}.*"))
            main_file = site / "assets" / "canhgiac" / f"search-index.{lang}.js"
            queries = list(QUERIES[lang])
            m = measure(browser, base, lang, queries)
            print(f"\n{name} ({lessons_note}), {lang}: index {sum(f.stat().st_size for f in ours) / 1024:.0f} KB in "
                  f"{len(ours)} file(s), {sum(gz(f.read_bytes()) for f in ours) / 1024:.1f} KB gzip in all, the first "
                  f"{gz(main_file.read_bytes()) / 1024:.1f} KB; Pagefind bundle {bundle:.0f} KB (both languages)")
            print(f"  {'':22} {'MiniSearch':>12} {'Pagefind':>12}")
            for key in ("first", "second"):
                print(f"  {key + ' search, KB gzip':22} {m['minisearch'][key] / 1024:>12.1f} {m['pagefind'][key] / 1024:>12.1f}")
            if check:
                for query, a, b in zip(queries, m["minisearch"]["tops"], m["pagefind"]["tops"], strict=True):
                    want = QUERIES[lang][query]
                    ok = {want, ALSO_RIGHT.get(query)} - {None}

                    def mark(top: str, ok: set = ok, want: str | None = want) -> str:
                        if want is None:
                            return top or "(nothing)"
                        return ("right " if top in ok else "WRONG ") + (top or "(nothing)")

                    print(f"  {query!r:22} {mark(a):48} {mark(b)}")
    finally:
        httpd.shutdown()


def main() -> None:
    """Measure the real site, then the synthetic one."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site", nargs="?", default="site")
    parser.add_argument("--lessons", type=int, default=500)
    args = parser.parse_args()
    real = Path(args.site).resolve()
    if not (real / "assets" / "canhgiac" / "search-index.vi.js").is_file():
        raise SystemExit(f"no search index in {real}: build the site first (scripts/build)")
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        site = Path(tmp) / "real"
        shutil.copytree(real, site, ignore=shutil.ignore_patterns("handbook", "pagefind"))
        report("real site", site, "10 lessons", browser, check=True)
        synth = Path(tmp) / "synthetic"
        synthetic_site(real, synth, args.lessons)
        report("synthetic site", synth, f"{args.lessons} lessons", browser, check=False)
        browser.close()


if __name__ == "__main__":
    main()
