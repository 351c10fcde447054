"""Build into a staging folder next to the site folder; swap it in only when the whole build succeeded."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

_MARK = ".building-"


class StagedDir:
    """A fresh folder beside `final` (same file system, so the swap is two renames, never a copy).

    `commit()` puts it in place of `final` and removes the previous content; `discard()` removes it and leaves
    `final` exactly as it was.
    """

    def __init__(self, final: Path):
        final = Path(final)
        if final.is_symlink():  # a published folder behind a link: swap the real one, keep the link
            final = final.resolve()
        self.final = final
        final.parent.mkdir(parents=True, exist_ok=True)
        remove_abandoned(final)
        self.path = Path(tempfile.mkdtemp(prefix=f".{final.name}{_MARK}{os.getpid()}-", dir=final.parent))
        os.chmod(self.path, 0o755)  # mkdtemp makes it private; a published folder is readable (like mkdir's default)

    def commit(self) -> None:
        """Replace `final` with the staged folder; the previous `final` is removed afterwards."""
        old = None
        if self.final.exists() or self.final.is_symlink():
            old = Path(tempfile.mkdtemp(prefix=f".{self.final.name}.old-{os.getpid()}-", dir=self.final.parent))
            old.rmdir()  # only its unique name is wanted
            os.rename(self.final, old)
        os.rename(self.path, self.final)
        if old is not None:
            if old.is_dir() and not old.is_symlink():
                shutil.rmtree(old, ignore_errors=True)
            else:
                old.unlink()

    def discard(self) -> None:
        """Remove the staged folder; `final` is untouched."""
        shutil.rmtree(self.path, ignore_errors=True)


def remove_abandoned(final: Path) -> None:
    """Remove staging folders of earlier builds that were killed (their process no longer runs)."""
    pattern = re.compile(rf"^\.{re.escape(final.name)}(?:{re.escape(_MARK)}|\.old-)(\d+)-")
    for entry in final.parent.iterdir() if final.parent.is_dir() else ():
        m = pattern.match(entry.name)
        if m and entry.is_dir() and not _running(int(m.group(1))):
            shutil.rmtree(entry, ignore_errors=True)


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
