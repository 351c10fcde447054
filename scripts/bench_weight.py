"""Page weight and speed: what a lesson page costs a phone, for the real site and for 10 and 500 synthetic lessons.

1. For a built site (default: site/), the first-load weight of every lesson page: the HTML plus everything it
   loads, gzip-compressed, the heaviest in detail.
2. For synthetic curricula of N lessons (default N = 10 and 500, from scripts/bench_build.py), built with the
   canhgiac plugin (and with --plain, stock Material + static-i18n too): a middle lesson page's HTML bytes,
   element count and gzip first load; its largest contentful paint in Debian's Chromium (Playwright) with the
   network and CPU throttled as Lighthouse's mobile profile assumes (150 ms round trip, 1.6 Mbps down, 750 kbps up,
   4x slower CPU), median of --runs loads; and Lighthouse mobile scores (performance, accessibility, best
   practices) from the pinned Lighthouse in scripts/bench-tools/ (`npm ci` there once).
   Sites are served over HTTP with gzip, as a static host would serve them.
   The search has its own benchmark: scripts/bench_search.py.

Usage: .venv/bin/python scripts/bench_weight.py [SITE_DIR] [--sizes 10 500] [--runs 3] [--plain] [--no-lighthouse]
Timings depend on the machine's load: run it on a quiet machine and say how loaded it was.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "scripts"))
from bench_build import make_project  # noqa: E402  (the build benchmark's synthetic curriculum)
from sitecheck import parse, resolve, unit_size  # noqa: E402  (the tests' HTML reader, reused)

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LIGHTHOUSE = ROOT / "scripts" / "bench-tools" / "node_modules" / ".bin" / "lighthouse"
# Lighthouse's mobile profile: 150 ms RTT, 1.6 Mbps down, 750 kbps up, 4x CPU slowdown.
NETWORK = {"offline": False, "latency": 150, "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 750e3 / 8}
CPU_SLOWDOWN = 4
PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}
LCP = """() => new Promise((done) => {
  new PerformanceObserver((list) => { const e = list.getEntries(); done(e[e.length - 1].startTime); })
    .observe({type: 'largest-contentful-paint', buffered: true});
})"""
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".webmanifest")


# -- weight ---------------------------------------------------------------------------------------------------

def weight(site: Path, page: Path) -> tuple[int, list[tuple[str, int]]]:
    """Return the gzip bytes of a page and of each resource it loads."""
    files = [page] + [resolve(site, page, r)[0] for r in parse(page).resources]
    parts = [(f.relative_to(site).as_posix(), len(gzip.compress(f.read_bytes(), 9))) for f in files if f and f.is_file()]
    return sum(size for _, size in parts), parts


def real_site_weights(site: Path) -> None:
    """Print one line per lesson page of a built site and the heaviest one in detail."""
    rows = sorted(((weight(site, p), p) for p in site.glob("**/lessons/*.html")), key=lambda r: -r[0][0])
    if not rows:
        print(f"no lesson pages in {site}: build the site first (scripts/build)")
        return
    for (total, _), page in rows:
        print(f"{total:>7} B gzip  {page.relative_to(site)}")
    (total, parts), page = rows[0]
    print(f"\nheaviest: {page.relative_to(site)} = {total} B gzip on first load")
    for name, size in parts:
        print(f"{size:>7} B  {name}")


# -- serving and measuring ------------------------------------------------------------------------------------

class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serve files as a static host does: text compressed with gzip when the browser accepts it."""

    def log_message(self, *args):
        """Keep the report clean."""

    def send_head(self):
        """Compressed text files; anything else as SimpleHTTPRequestHandler sends it."""
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (path.suffix not in COMPRESSIBLE or "gzip" not in self.headers.get("Accept-Encoding", "")
                or not path.is_file()):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def serve(folder: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    """Serve a folder on 127.0.0.1; return its base URL and the server."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(folder)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{httpd.server_address[1]}/", httpd


def throttled_lcp(browser, url: str, runs: int) -> float:
    """Median largest contentful paint (ms) of `url` on a fresh phone profile, network and CPU throttled."""
    times = []
    for _ in range(runs):
        context = browser.new_context(**PHONE)
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", NETWORK)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        page.goto(url, wait_until="load")
        times.append(page.evaluate(LCP))
        context.close()
    return statistics.median(times)


def lighthouse(url: str) -> dict[str, int] | None:
    """Lighthouse mobile scores (0-100) of `url`, or None when Lighthouse is not installed."""
    if not LIGHTHOUSE.exists():
        return None
    out = subprocess.run(
        [str(LIGHTHOUSE), url, "--only-categories=performance,accessibility,best-practices", "--output=json",
         "--output-path=stdout", "--quiet", "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
        capture_output=True, text=True, env={**os.environ, "CHROME_PATH": CHROMIUM}, timeout=300,
    )
    if out.returncode:
        print(f"lighthouse failed on {url}: {out.stderr[-500:]}", file=sys.stderr)
        return None
    categories = json.loads(out.stdout)["categories"]
    return {name: round(100 * categories[name]["score"]) for name in ("performance", "accessibility", "best-practices")}


def build(folder: Path) -> Path:
    """Build a project folder with mkdocs; return its site folder."""
    out = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=folder, capture_output=True,
                         text=True, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
    if out.returncode:
        raise SystemExit(out.stdout[-2000:] + out.stderr[-2000:])
    return folder / "site"


# -- report ---------------------------------------------------------------------------------------------------

def main() -> None:
    """Print the real site's lesson weights, then one row per synthetic site."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", default="site", help="a built site (default: site)")
    parser.add_argument("--sizes", nargs="*", type=int, default=[10, 500], help="synthetic lesson counts")
    parser.add_argument("--runs", type=int, default=3, help="throttled loads per page; the median counts")
    parser.add_argument("--plain", action="store_true", help="also measure stock Material + static-i18n")
    parser.add_argument("--no-lighthouse", action="store_true", help="skip Lighthouse")
    args = parser.parse_args()

    site = Path(args.site).resolve()
    if site.is_dir():
        real_site_weights(site)
    else:
        print(f"{site} is not built: only the synthetic sites are measured")
    if not args.sizes:
        return
    if not args.no_lighthouse and not LIGHTHOUSE.exists():
        print("Lighthouse is not installed: run `npm ci --ignore-scripts` in scripts/bench-tools/ (skipped)")

    from playwright.sync_api import sync_playwright

    print(f"\nlesson page of synthetic sites; LCP = median of {args.runs} loads, 360x740 phone, "
          f"{NETWORK['latency']} ms RTT, 1.6 Mbps, {CPU_SLOWDOWN}x CPU; Lighthouse mobile")
    print(f"{'build':<6} {'lessons':>7} {'page':<22} {'HTML B':>8} {'elements':>8} {'gzip 1st':>9} {'LCP ms':>7} "
          f"{'LH perf':>7} {'a11y':>5} {'b.p.':>5}")
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                    args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
        for n in args.sizes:
            for plain in ([False, True] if args.plain else [False]):
                folder = Path(tmp, f"{'plain' if plain else 'ours'}{n}")
                folder.mkdir()
                built = build(make_project(folder, n, plain).parent)
                page = f"lessons/l{max(n // 2, 1):03d}.html"
                html_bytes, elements = unit_size(built / page)
                first, _ = weight(built, built / page)
                base, httpd = serve(built)
                try:
                    lcp = throttled_lcp(browser, base + page, args.runs)
                    scores = None if args.no_lighthouse else lighthouse(base + page)
                finally:
                    httpd.shutdown()
                lh = [str(scores[k]) if scores else "-" for k in ("performance", "accessibility", "best-practices")]
                print(f"{'plain' if plain else 'ours':<6} {n:>7} {page:<22} {html_bytes:>8} {elements:>8} {first:>9} "
                      f"{lcp:>7.0f} {lh[0]:>7} {lh[1]:>5} {lh[2]:>5}", flush=True)
                shutil.rmtree(folder)
        browser.close()


if __name__ == "__main__":
    main()
