"""Time what the e-learning packages add to a build, and print the size of every package.

Usage: python scripts/bench_packages.py [PROJECT] [--runs N] [--no-handbook]
The project (default: this repository) is copied to a temporary folder, so nothing in it is written. The site is
built without the handbook, with and without the packages (the fastest of N runs of each counts); one more build
with the handbook gives the sizes of the offline bundles that carry it (skip it with --no-handbook).
Targets: the packages add at most 20 % to the site build without the handbook; an offline bundle without the
handbook is at most 10 MB. The share is taken within each build (the package step against the rest of the same
build), so that other work on a shared machine slows both sides alike; the best and the median are printed.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
from pathlib import Path

from benchcopy import ROOT, build_copy

TARGET_SHARE, TARGET_BUNDLE = 0.20, 10_000_000
STEP = re.compile(r"packages: .* in ([0-9.]+) s")


def build(project: Path, *, packages: bool, handbook: bool) -> tuple[float, float | None, Path]:
    """Build a fresh copy; return wall-clock seconds, the seconds the package step logged, and the site folder."""
    seconds, site, log = build_copy(project, "packages", handbook_enabled=handbook, packages_enabled=packages)
    step = STEP.search(log)
    return seconds, float(step.group(1)) if step else None, site


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", nargs="?", type=Path, default=ROOT)
    parser.add_argument("--runs", type=int, default=2, help="builds of each kind; the fastest counts")
    parser.add_argument("--no-handbook", action="store_true", help="skip the build that sizes the handbook bundles")
    args = parser.parse_args()
    plain = [build(args.project, packages=False, handbook=False) for _ in range(args.runs)]
    full = [build(args.project, packages=True, handbook=False) for _ in range(args.runs)]
    site_alone = min(seconds for seconds, _, _ in plain)
    with_packages, _, site = min(full)
    step = min(s for _, s, _ in full if s is not None)
    folders = [folder for _, _, folder in plain + full]
    sizes = {p.name: p.stat().st_size for p in sorted((site / "download").iterdir())}
    if not args.no_handbook:
        _, _, with_handbook = build(args.project, packages=True, handbook=True)
        folders.append(with_handbook)
        sizes.update({p.name: p.stat().st_size for p in (with_handbook / "download").glob("*-offline-handbook.zip")})

    shares = sorted(s / (seconds - s) for seconds, s, _ in full if s is not None)
    share = shares[0]
    print(f"cores: {os.cpu_count()}, load average {os.getloadavg()[0]:.1f}, {args.runs} runs of each, handbook off")
    print(f"site alone:           {site_alone:6.2f} s (fastest)")
    print(f"site + packages:      {with_packages:6.2f} s (fastest)")
    print(f"package step:         {step:6.2f} s (fastest); within a build {share:.0%} of the rest "
          f"(median {statistics.median(shares):.0%}; target <= {TARGET_SHARE:.0%})")
    print(f"{len(sizes)} packages, {sum(sizes.values()) / 1e6:.1f} MB in all:")
    for name, size in sizes.items():
        over = "  OVER 10 MB" if name.endswith("-offline.zip") and size > TARGET_BUNDLE else ""
        print(f"  {name:58} {size / 1e3:9.1f} kB{over}")
    bundles_ok = all(size <= TARGET_BUNDLE for name, size in sizes.items() if name.endswith("-offline.zip"))
    print("within target" if share <= TARGET_SHARE and bundles_ok else "OVER TARGET")
    for folder in folders:
        shutil.rmtree(folder.parent, ignore_errors=True)


if __name__ == "__main__":
    main()
