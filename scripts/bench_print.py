"""Time the leaflets and posters: the site build without and with them (handbooks off); print seconds and sizes.

Usage: python scripts/bench_print.py [PROJECT] [--runs N]
The project (default: this repository) is copied to a temporary folder, so nothing in it is written.
"""

from __future__ import annotations

import argparse
import os
import shutil
from pathlib import Path

from benchcopy import ROOT, build_copy


def build(project: Path, outreach: bool) -> tuple[float, Path]:
    """Build a fresh copy with the handbooks off and the leaflets on or off; return seconds and the site."""
    options = {"handbook_enabled": False} | ({} if outreach else {"outreach_enabled": False})
    seconds, site, _ = build_copy(project, "print", **options)
    return seconds, site


def main() -> None:
    """Run the benchmark and print a small table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", nargs="?", type=Path, default=ROOT)
    parser.add_argument("--runs", type=int, default=2, help="builds of each kind; the fastest counts")
    args = parser.parse_args()
    without = [build(args.project, outreach=False) for _ in range(args.runs)]
    with_ = [build(args.project, outreach=True) for _ in range(args.runs)]
    base = min(seconds for seconds, _ in without)
    seconds, site = min(with_)
    pdfs = sorted((site / "print").rglob("*.pdf"))
    pngs = sorted((site / "print").rglob("*.png"))
    print(f"cores: {os.cpu_count()}")
    print(f"site without leaflets and posters: {base:6.1f} s")
    print(f"site with them:                    {seconds:6.1f} s  (added {seconds - base:.1f} s)")
    for kind in ("leaflet", "poster", "hotlines-poster"):
        sizes = [p.stat().st_size for p in pdfs
                 if p.stem.endswith(kind) and (kind.startswith("hotlines") or not p.stem.startswith("hotlines"))]
        if sizes:
            print(f"  {kind:16} {len(sizes):3d} PDFs  {sum(sizes) / 1e3:8.0f} KB in all, "
                  f"largest {max(sizes) / 1e3:5.0f} KB")
    print(f"  thumbnails       {len(pngs):3d} PNGs  {sum(p.stat().st_size for p in pngs) / 1e3:8.0f} KB in all")
    for _, folder in without + with_:
        shutil.rmtree(folder.parent, ignore_errors=True)


if __name__ == "__main__":
    main()
