"""Small builds of the mini project for the Listen and Share tests: the slow outputs off, site_url set or not."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import FIXTURES, Build, copy_project, run_build

SITE_URL = "https://example.org/canh-giac/"
FAST = "  - canhgiac:\n      handbook_enabled: false\n      outreach_enabled: false\n      packages_enabled: false\n"


def build(folder: Path, site_url: str | None) -> Build:
    """The mini project without handbook, leaflets and packages, with `site_url` (or none) in locality.yml."""
    project = copy_project(FIXTURES / "mini", folder)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - canhgiac\n", FAST), encoding="utf-8")
    locality = project / "locality.yml"
    text = re.sub(r"(?m)^site_url:.*$", f"site_url: {site_url}" if site_url else "site_url:",
                  locality.read_text(encoding="utf-8"))
    locality.write_text(text, encoding="utf-8")
    result = run_build(project)
    assert result.returncode == 0, result.output
    return result
