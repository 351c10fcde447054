"""Print the first-load weight of pages of a built site: the HTML plus everything it loads, gzip-compressed.

Usage: python scripts/bench_weight.py [SITE_DIR] (default: site). Build the site first (scripts/build).
The later page-weight budget is 60 KB gzip for a lesson page with its quiz.
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from sitecheck import parse, resolve  # noqa: E402  (the tests' HTML reader, reused)


def weight(site: Path, page: Path) -> tuple[int, list[tuple[str, int]]]:
    """Return the gzip bytes of a page and of each resource it loads."""
    files = [page] + [resolve(site, page, r)[0] for r in parse(page).resources]
    parts = [(f.relative_to(site).as_posix(), len(gzip.compress(f.read_bytes(), 9))) for f in files if f and f.is_file()]
    return sum(size for _, size in parts), parts


def main() -> None:
    """Print one line per lesson page and the largest one in detail."""
    site = Path(sys.argv[1] if len(sys.argv) > 1 else "site").resolve()
    rows = sorted(((weight(site, p), p) for p in site.glob("**/lessons/*.html")), key=lambda r: -r[0][0])
    if not rows:
        raise SystemExit(f"no lesson pages in {site}: build the site first")
    for (total, _), page in rows:
        print(f"{total:>7} B gzip  {page.relative_to(site)}")
    (total, parts), page = rows[0]
    print(f"\nheaviest: {page.relative_to(site)} = {total} B gzip on first load")
    for name, size in parts:
        print(f"{size:>7} B  {name}")


if __name__ == "__main__":
    main()
