"""YAML loading that remembers the line of every value, for error messages."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

Path_ = tuple  # a path into the data: keys and list indexes


@dataclass
class Located:
    """Data loaded from YAML, with the 1-based line of each path in it."""

    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)
    offset: int = 0

    def line(self, *path: Any) -> int:
        """Return the line of the deepest known part of `path`."""
        path = tuple(path)
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path, 1) + self.offset


class YamlProblem(Exception):
    """A YAML syntax error, with its line and a plain-language message."""

    def __init__(self, line: int, message: str, hint: str = ""):
        super().__init__(message)
        self.line = line
        self.message = message
        self.hint = hint


# libyaml (C) parses when PyYAML was built with it: several times faster on a large curriculum.
_Composer = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# Values a file may expand to: aliases (*name) can make a few lines expand to billions of values.
MAX_VALUES = 200_000
PLAIN_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("map", "seq", "str", "int", "float", "bool", "null", "timestamp")}
TAB_HINT = "YAML does not allow tabs for indentation: indent with spaces (set your editor to insert spaces)"


def _walk(loader: yaml.constructor.SafeConstructor, node: yaml.Node, path: Path_, lines: dict, budget: list) -> Any:
    budget[0] -= 1
    if budget[0] < 0:
        raise YamlProblem(node.start_mark.line + 1, f"the file expands to more than {MAX_VALUES} values",
                          "do not use YAML anchors and aliases (&name, *name): write each value out")
    lines[path] = node.start_mark.line + 1
    if node.tag not in PLAIN_TAGS:
        raise YamlProblem(node.start_mark.line + 1, f"cannot read a value: the tag '{node.tag}' is not allowed",
                          "YAML tags (words starting with '!') are not allowed in content: write plain values")
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)
        out: dict = {}
        for key_node, value_node in node.value:
            key = _scalar(loader, key_node)
            try:
                hash(key)
            except TypeError:
                raise YamlProblem(key_node.start_mark.line + 1, "a list or mapping is used as a field name",
                                  "a field name is plain text followed by ': '") from None
            if key in out:
                raise YamlProblem(key_node.start_mark.line + 1, f"the key '{key}' appears twice")
            out[key] = _walk(loader, value_node, (*path, key), lines, budget)
            lines[(*path, key)] = key_node.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_walk(loader, item, (*path, i), lines, budget) for i, item in enumerate(node.value)]
    return _scalar(loader, node)


def _scalar(loader: yaml.constructor.SafeConstructor, node: yaml.Node) -> Any:
    try:
        return loader.construct_object(node, deep=True)
    except (ValueError, OverflowError) as exc:  # a date YAML's pattern accepts but the calendar does not: 2026-02-30
        raise YamlProblem(node.start_mark.line + 1, f"cannot read the value '{node.value}': {exc}",
                          "a date must exist and be written YYYY-MM-DD") from None


def load(text: str, offset: int = 0) -> Located:
    """Parse YAML text; `offset` is added to every line (front matter starts after '---')."""
    loader = yaml.constructor.SafeConstructor()
    try:
        node = yaml.compose(text, Loader=_Composer)
        lines: dict = {}
        data = None if node is None else _walk(loader, node, (), lines, [MAX_VALUES])
    except YamlProblem as exc:
        raise YamlProblem(exc.line + offset, exc.message, exc.hint) from None
    except yaml.reader.ReaderError as exc:  # a control character (pasted from a PDF or a word processor)
        line = text[: max(exc.position, 0)].count("\n") + 1 + offset
        raise YamlProblem(line, f"the text contains an invisible control character (U+{exc.character:04X})",
                          "delete it: retype the text around it, or paste as plain text") from None
    except yaml.constructor.ConstructorError as exc:  # e.g. a tag such as !!python/object
        mark = exc.problem_mark or exc.context_mark
        raise YamlProblem((mark.line + 1 if mark else 1) + offset, f"cannot read a value: {exc.problem}",
                          "YAML tags (words starting with '!') are not allowed in content: write plain values") from None
    except yaml.MarkedYAMLError as exc:
        what = exc.problem or "invalid YAML"
        if exc.context and exc.context_mark and exc.problem_mark and exc.context_mark.line != exc.problem_mark.line:
            # an unclosed bracket or quote: the editor's mistake is where it opened, not where YAML gave up
            line = exc.context_mark.line + 1 + offset
            noticed = exc.problem_mark.line + 1 + offset
            message = f"broken YAML: {exc.context} that starts here: {what} (noticed at line {noticed})"
        else:
            mark = exc.problem_mark or exc.context_mark
            line = (mark.line + 1 if mark else 1) + offset
            message = f"broken YAML: {what}"
        source_line = text.splitlines()[line - offset - 1] if 0 < line - offset <= len(text.splitlines()) else ""
        tab = "\t" in what or "tab" in what or "\t" in source_line[: len(source_line) - len(source_line.lstrip(" \t"))]
        raise YamlProblem(line, message, TAB_HINT if tab else "") from None
    return Located(data, lines, offset)


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Split Markdown into (front matter, body, line where the body starts), 1-based."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return None, text, 1
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            return "".join(lines[1:i]), "".join(lines[i + 1 :]), i + 2
    return "".join(lines[1:]), "", len(lines) + 1
