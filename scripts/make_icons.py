"""Draw the home-screen icons (a white shield with a check mark on indigo) into canhgiac/assets/icons/.

The PNGs are committed; run this only to change them: .venv/bin/python scripts/make_icons.py
They are reproducible: with the locked Pillow the script writes the committed bytes again, which
tests/test_setup.py checks (a Pillow upgrade that changes them fails it: look at the new icons, then commit them).
"maskable" icons keep the drawing inside the central 80 % safe zone, since launchers crop them to any shape.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parent.parent / "canhgiac" / "assets" / "icons"
INDIGO = (64, 81, 181)
WHITE = (255, 255, 255)


def icon(size: int, scale: float, rounded: bool) -> Image.Image:
    """One icon: the shield takes `scale` of the square, drawn at 4x and reduced for smooth edges."""
    big = size * 4
    img = Image.new("RGB", (big, big), INDIGO) if not rounded else Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    if rounded:
        draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=big // 5, fill=INDIGO)
    s = big * scale
    ox, oy = (big - s) / 2, (big - s) / 2
    pts = [(0.5, 0.0), (0.92, 0.16), (0.92, 0.46), (0.86, 0.66), (0.72, 0.84), (0.5, 1.0), (0.28, 0.84),
           (0.14, 0.66), (0.08, 0.46), (0.08, 0.16)]
    draw.polygon([(ox + x * s, oy + y * s) for x, y in pts], fill=WHITE)
    tick = [(0.28, 0.50), (0.44, 0.66), (0.74, 0.34)]
    draw.line([(ox + x * s, oy + y * s) for x, y in tick], fill=INDIGO, width=max(1, int(s * 0.09)), joint="curve")
    return img.resize((size, size), Image.LANCZOS)


def write(out: Path) -> list[Path]:
    """Write the three icons into `out`; returns their paths."""
    out.mkdir(parents=True, exist_ok=True)
    icon(192, 0.72, True).save(out / "icon-192.png", optimize=True)
    icon(512, 0.72, True).save(out / "icon-512.png", optimize=True)
    icon(512, 0.56, False).save(out / "icon-maskable-512.png", optimize=True)
    return [out / name for name in ("icon-192.png", "icon-512.png", "icon-maskable-512.png")]


def main() -> None:
    """Write the three icons into canhgiac/assets/icons/."""
    for f in write(OUT):
        print(f"{f.stat().st_size:>7} B  {f.name}")


if __name__ == "__main__":
    main()
