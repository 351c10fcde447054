"""Read content files as text (UTF-8, any line ending) and YAML files into Located data, recording problems."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

from canhgiac.errors import Collector
from canhgiac.yamlsrc import Located, YamlProblem, load

SAVE_AS_UTF8 = ("save it as UTF-8 (VS Code: 'Save with Encoding' > UTF-8; Notepad: Save as > Encoding: UTF-8; "
                "LibreOffice: Save as > Text, character set Unicode (UTF-8))")


def read_text(path: Path, out: Collector) -> str | None:
    """Return the text of a UTF-8 file (a BOM is dropped, CRLF and CR become LF); record a problem and return None.

    A file in another encoding (Windows-1258, Latin-1, UTF-16) is reported with the line of its first byte that is
    not UTF-8, rather than guessed: a wrong guess would publish garbled Vietnamese.
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        if path.is_symlink():
            out.add(path, None, f"the link points to '{os.readlink(path)}', which does not exist",
                    "remove the link or point it at the real file")
        else:
            out.add(path, None, "file not found", "create it, or fix the path in mkdocs.yml")
        return None
    except IsADirectoryError:
        out.add(path, None, "a folder where a file is expected", "rename the folder or fix the path in mkdocs.yml")
        return None
    except OSError as exc:
        if path.is_symlink():
            out.add(path, None, "the file is a symbolic link that leads back to itself (a link loop)",
                    "remove the link, or make it point at a real file")
        else:
            out.add(path, None, f"the file cannot be read: {exc.strerror or exc}", "check that it exists and is readable")
        return None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or (len(data) > 1 and b"\x00" in data[:200]):
        out.add(path, 1, "the file is saved as UTF-16 (or another two-byte encoding), not UTF-8", SAVE_AS_UTF8)
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        out.add(path, line, f"the file is not UTF-8 text: byte 0x{data[exc.start]:02x} on this line cannot be read "
                "(it looks like Windows-1258, Latin-1 or another old encoding)", SAVE_AS_UTF8)
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_yaml(path: Path, out: Collector) -> Located | None:
    """Load a YAML file; on a syntax error record it and return None."""
    if not path.exists() and not path.is_symlink():
        out.add(path, None, "file not found", "create it, or fix the path in mkdocs.yml")
        return None
    text = read_text(path, out)
    if text is None:
        return None
    if not text.strip() or all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()):
        out.add(path, 1, "the file is empty", "write its content (see docs/readme/editing.md), or restore it from a backup")
        return None
    try:
        return load(text)
    except YamlProblem as exc:
        out.add(path, exc.line, exc.message, exc.hint or "check indentation, colons and quotes on this line or the one before")
        return None


def check_links(folder: Path, out: Collector) -> None:
    """Report symbolic links under `folder` that loop or lead back to a folder containing them.

    MkDocs follows links while it lists pages: such a link would list the same pages again and again.
    """
    if not folder.is_dir():
        return
    for parent, dirs, names in os.walk(folder):
        for name in sorted(dirs + names):
            path = Path(parent) / name
            if not path.is_symlink():
                continue
            try:
                target = path.resolve(strict=True)
            except FileNotFoundError:
                continue  # a dangling link: reported where it is read
            except (OSError, RuntimeError):
                out.add(path, None, f"the symbolic link '{name}' leads back to itself (a link loop)",
                        "remove the link, or make it point at a real file or folder")
                continue
            if target.is_dir() and (path.parent.resolve() == target or target in path.parent.resolve().parents):
                out.add(path, None, f"the symbolic link '{name}' points to '{os.readlink(path)}', a folder that contains "
                        "it, so the pages would be listed again and again", "remove the link")
