"""Reproducible zip files: entries in sorted order, one fixed timestamp, fixed permissions.

Written here rather than with zipfile so that a file that goes into many packages (Material's stylesheet goes
into every SCORM package and every bundle) is compressed once per build: `Deflated` keeps what was compressed.
The result is an ordinary zip (no zip64: every package is far below 4 GB), read by any unzip tool.
"""

from __future__ import annotations

import hashlib
import struct
import zlib

# The earliest date a zip entry can hold (1980-01-01 00:00:00): the same for every entry and every build.
FIXED_DATE = (1980, 1, 1, 0, 0, 0)
_DOS_DATE, _DOS_TIME = (0 << 9) | (1 << 5) | 1, 0
# Already compressed: stored as they are (deflating them again costs time and saves nothing).
STORED = (".pdf", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".woff", ".woff2", ".zip", ".gz")
_VERSION = 20  # deflate
_MADE_BY = (3 << 8) | _VERSION  # Unix, whatever machine builds it
_MODE = 0o100644 << 16  # a regular file, rw-r--r--


class Deflated:
    """Compressed contents by digest, shared by all the zips of one build."""

    def __init__(self):
        self.known: dict[bytes, tuple[int, int, bytes]] = {}

    def get(self, data: bytes, stored: bool) -> tuple[int, int, bytes]:
        """(method, crc32, compressed bytes) of `data`."""
        key = hashlib.sha1(data).digest() + (b"s" if stored else b"d")
        if key not in self.known:
            if stored:
                self.known[key] = (0, zlib.crc32(data), data)
            else:
                packer = zlib.compressobj(6, zlib.DEFLATED, -15)  # zlib's default: level 9 saves < 1 % here, at 1.6x the time
                self.known[key] = (8, zlib.crc32(data), packer.compress(data) + packer.flush())
        return self.known[key]


def zip_bytes(entries: dict[str, bytes], cache: Deflated | None = None) -> bytes:
    """Return the bytes of a zip holding `entries` (name -> content), the same bytes for the same entries."""
    cache = cache or Deflated()
    body, directory = bytearray(), bytearray()
    names = sorted(entries)
    for name in names:
        data = entries[name]
        method, crc, packed = cache.get(data, name.lower().endswith(STORED))
        raw = name.encode("utf-8")
        flags = 0 if raw.isascii() else 0x800  # UTF-8 names
        offset = len(body)
        body += struct.pack("<IHHHHHIIIHH", 0x04034B50, _VERSION, flags, method, _DOS_TIME, _DOS_DATE, crc,
                            len(packed), len(data), len(raw), 0) + raw + packed
        directory += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, _MADE_BY, _VERSION, flags, method, _DOS_TIME,
                                 _DOS_DATE, crc, len(packed), len(data), len(raw), 0, 0, 0, 0, _MODE, offset) + raw
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(names), len(names), len(directory), len(body), 0)
    return bytes(body + directory + end)
