"""What the benchmarks share: build a throw-away copy of a project with some of the plugin's options set."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from conftest import copy_project  # noqa: E402  (the tests' project copy, reused)

ROOT = Path(__file__).resolve().parent.parent


def build_copy(project: Path, prefix: str, **options: bool) -> tuple[float, Path, str]:
    """Copy `project` to a temporary folder, set the canhgiac plugin's `options` in its mkdocs.yml and build it.

    Return the wall-clock seconds, the site folder (its parent is the copy, for the caller to remove) and the
    build's log. A failed build ends the benchmark with the log.
    """
    dest = Path(tempfile.mkdtemp(prefix=f"bench-{prefix}-"))
    copy_project(project, dest)
    if options:
        config = dest / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        if "  - canhgiac\n" not in text:
            sys.exit("mkdocs.yml: expected a plain '  - canhgiac' plugin entry to set the benchmark's options on")
        lines = "".join(f"      {name}: {str(value).lower()}\n" for name, value in options.items())
        config.write_text(text.replace("  - canhgiac\n", "  - canhgiac:\n" + lines), encoding="utf-8")
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=dest,
                          capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    seconds = time.perf_counter() - start
    if proc.returncode:
        sys.exit(f"the build failed:\n{proc.stdout}{proc.stderr}")
    return seconds, dest / "site", proc.stdout + proc.stderr
