"""Read a YAML file into Located data, recording syntax errors as problems."""

from __future__ import annotations

from pathlib import Path

from canhgiac.errors import Collector
from canhgiac.yamlsrc import Located, YamlProblem, load


def read_yaml(path: Path, out: Collector) -> Located | None:
    """Load a YAML file; on a syntax error record it and return None."""
    if not path.is_file():
        out.add(path, None, "file not found", "create it, or fix the path in mkdocs.yml")
        return None
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        out.add(path, None, "the file is not UTF-8 text", "save it as UTF-8")
        return None
    try:
        return load(text)
    except YamlProblem as exc:
        out.add(path, exc.line, exc.message, "check indentation, colons and quotes on this line or the one before")
        return None
