"""QR codes made at build time (no web service), as SVG data URIs."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from functools import cache

import qrcode
from qrcode.constants import ERROR_CORRECT_M


@cache
def qr_svg(data: str, border: int = 2) -> str:
    """Return an SVG drawing of the QR code for `data`, one path of merged horizontal runs (no seams in print)."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=border)
    code.add_data(data)
    code.make(fit=True)
    matrix = code.get_matrix()
    size = len(matrix)
    runs = []
    for y, row in enumerate(matrix):
        x = 0
        while x < size:
            if row[x]:
                start = x
                while x < size and row[x]:
                    x += 1
                runs.append(f"M{start} {y}h{x - start}v1h-{x - start}z")
            else:
                x += 1
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" width="{size}" height="{size}" '
            f'shape-rendering="crispEdges"><rect width="{size}" height="{size}" fill="#fff"/>'
            f'<path fill="#000" d="{"".join(runs)}"/></svg>')


def qr_data_uri(data: str) -> str:
    """Return the QR code for `data` as a data: URI, for an <img src>."""
    return "data:image/svg+xml;base64," + base64.b64encode(qr_svg(data).encode()).decode("ascii")


# Reliable after photocopying and with a cheap phone camera: at least 20 mm, and modules of 0.5 mm or more.
MIN_WIDTH_MM, MIN_MODULE_MM = 20.0, 0.5  # the symbol, without its quiet zone
BORDER = 2  # modules of quiet zone drawn around the symbol (the page margin adds more white)


@dataclass(frozen=True)
class QrCode:
    """A QR code ready to print: its image, its printed width and what it says."""

    data: str
    src: str
    width_mm: float


def qr_code(data: str) -> QrCode | None:
    """The printable QR code of an address (None for no address): wide enough for modules of MIN_MODULE_MM."""
    if not data:
        return None
    svg = qr_svg(data, border=BORDER)
    modules = int(svg.split('viewBox="0 0 ', 1)[1].split()[0])  # the quiet zone included
    symbol = modules - 2 * BORDER
    module_mm = max(MIN_MODULE_MM * 1.1, MIN_WIDTH_MM * 1.05 / symbol)  # 5–10 % to spare for print rounding
    return QrCode(data, qr_data_uri(data), round(modules * module_mm, 1))
