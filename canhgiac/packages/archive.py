"""Reproducible zip files: entries in sorted order, one fixed timestamp, fixed permissions."""

from __future__ import annotations

import io
import zipfile

# The earliest date a zip entry can hold; the same for every entry and every build.
FIXED_DATE = (1980, 1, 1, 0, 0, 0)
# Already compressed: stored as they are (deflating them again costs time and saves nothing).
STORED = (".pdf", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".woff", ".woff2", ".zip", ".gz")


def zip_bytes(entries: dict[str, bytes]) -> bytes:
    """Return the bytes of a zip holding `entries` (name -> content), the same bytes for the same entries."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name in sorted(entries):
            info = zipfile.ZipInfo(name, date_time=FIXED_DATE)
            info.create_system = 3  # Unix, whatever machine builds it
            info.external_attr = 0o644 << 16
            stored = name.lower().endswith(STORED)
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            zf.writestr(info, entries[name], compresslevel=None if stored else 9)
    return buffer.getvalue()
