"""Find the handbook's fonts and prove they cover every character the text uses."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from xml.etree import ElementTree

from fontTools.ttLib import TTFont

from canhgiac.errors import ContentError, Problem

FONT_DIRS = (Path("/usr/share/fonts/truetype/noto"), Path("/usr/share/fonts/noto"), Path("/usr/share/fonts/truetype"))
INSTALL_HINT = "install Debian's fonts-noto-core (apt-get install fonts-noto-core)"
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z0-9])")
SKIP_TAGS = {"style", "script", "head", "title", "img", "svg"}


@dataclass(frozen=True)
class Face:
    """One font file and the CSS family, weight and style it is declared as."""

    family: str
    file: str
    weight: str = "normal"
    style: str = "normal"
    script: str = ""  # a script's own face (Khmer…), in the family "<text family> Script <n>"


# Text faces first in each stack; the symbol families only fill the gaps (arrows, ticks) and are named in the CSS
# font-family lists, so nothing is left to the system's silent fallback.
FACES = (
    Face("CG Serif", "NotoSerif-Regular.ttf"), Face("CG Serif", "NotoSerif-Bold.ttf", "bold"),
    Face("CG Serif", "NotoSerif-Italic.ttf", style="italic"),
    Face("CG Serif", "NotoSerif-BoldItalic.ttf", "bold", "italic"),
    Face("CG Sans", "NotoSans-Regular.ttf"), Face("CG Sans", "NotoSans-Bold.ttf", "bold"),
    Face("CG Sans", "NotoSans-Italic.ttf", style="italic"), Face("CG Sans", "NotoSans-BoldItalic.ttf", "bold", "italic"),
    Face("CG Symbols", "NotoSansSymbols-Regular.ttf"), Face("CG Symbols", "NotoSansSymbols-Bold.ttf", "bold"),
    Face("CG Symbols 2", "NotoSansSymbols2-Regular.ttf"),
)
TEXT_FAMILIES = ("CG Serif", "CG Sans")
FALLBACK_FAMILIES = ("CG Symbols", "CG Symbols 2")
# Scripts the build does not look for a font of (Noto ships them as collections, and no lesson needs them).
NO_SCRIPT_FONT = {"", "Cjk", "Hangul", "Hiragana", "Katakana"}
MAX_SCRIPTS = 2  # scripts other than Latin in one document: the stylesheets name "CG Serif Script 1" and "… 2"


def _fc_match(file_name: str) -> Path | None:
    """Ask fontconfig for a font file by name; fc-match answers with *some* font, so check the file name."""
    if not shutil.which("fc-match"):
        return None
    family, _, style = (_CAMEL.sub(" ", part) for part in Path(file_name).stem.partition("-"))  # NotoSans → Noto Sans
    proc = subprocess.run(["fc-match", "-f", "%{file}", f"{family}:style={style}"], capture_output=True, text=True)
    found = Path(proc.stdout.strip())
    return found if proc.returncode == 0 and found.name == file_name and found.is_file() else None


@cache
def find_font(file_name: str) -> Path | None:
    """Return the installed path of a font file, or None."""
    for folder in FONT_DIRS:
        if (folder / file_name).is_file():
            return folder / file_name
    return _fc_match(file_name)


def find_faces() -> dict[Face, Path]:
    """Locate every face; raise ContentError naming each missing file."""
    found = {face: find_font(face.file) for face in FACES}
    missing = [face.file for face, path in found.items() if path is None]
    if missing:
        raise ContentError([Problem("handbook", None, f"font file not found: {name}", INSTALL_HINT)
                            for name in missing])
    return found  # type: ignore[return-value]


def font_face_css(faces: dict[Face, Path]) -> str:
    """Return @font-face rules pointing at the installed files (file:// URLs)."""
    return "\n".join(
        f'@font-face {{ font-family: "{f.family}"; font-weight: {f.weight}; font-style: {f.style}; '
        f'src: url("{path.resolve().as_uri()}"); }}'
        for f, path in faces.items()
    )


def _script(ch: str) -> str:
    """The script a character belongs to, as Unicode names it: 'KHMER LETTER KA' -> 'Khmer'."""
    return unicodedata.name(ch, "").split(" ")[0].title()


def script_faces(chars: set[str], faces: dict[Face, Path]) -> dict[Face, Path]:
    """Faces for the scripts the text faces lack (Khmer, Lao, Myanmar…): Noto's per-script files, when installed.

    Each script gets the families "CG Serif Script <n>" and "CG Sans Script <n>" (n = 1…MAX_SCRIPTS), which the
    stylesheets name right after the text families: the text keeps its own face, the script's letters come from
    the script's font, in regular and bold.
    """
    missing = set(gaps(chars, faces))
    extra: dict[Face, Path] = {}
    scripts = sorted({_script(ch) for ch in missing} - NO_SCRIPT_FONT)[:MAX_SCRIPTS]
    for n, script in enumerate(scripts, start=1):
        for family, prefix in (("CG Serif", "NotoSerif"), ("CG Sans", "NotoSans")):
            for weight, suffix in (("normal", "Regular"), ("bold", "Bold")):
                path = find_font(f"{prefix}{script}-{suffix}.ttf")
                if path is not None:
                    extra[Face(f"{family} Script {n}", path.name, weight, script=script)] = path
    return extra


@cache
def _cmap(path: Path) -> frozenset[int]:
    with TTFont(path, lazy=True) as font:
        return frozenset(font.getBestCmap())


def gaps(chars: set[str], faces: dict[Face, Path]) -> dict[str, list[str]]:
    """Return {character: [font files lacking it]} for characters a text face lacks and no fallback face has."""
    fallback: set[int] = set()
    scripts: dict[str, set[int]] = {}  # a text family's script faces (Khmer…) and what they draw
    for face, path in faces.items():
        if face.family in FALLBACK_FAMILIES:
            fallback |= _cmap(path)
        elif face.script:
            scripts.setdefault(face.family.partition(" Script")[0], set()).update(_cmap(path))
    missing: dict[str, list[str]] = {}
    for ch in sorted(chars):
        if ord(ch) in fallback:
            continue
        lacking = [f.file for f, path in faces.items() if f.family in TEXT_FAMILIES
                   and ord(ch) not in _cmap(path) and ord(ch) not in scripts.get(f.family, ())]
        if lacking:
            missing[ch] = lacking
    return missing


def _font_hint(ch: str, files: list[str]) -> str:
    """What to do about a character no font draws: for a script of its own, the font package to install."""
    script = _script(ch)
    if ord(ch) > 0x24F and script not in NO_SCRIPT_FONT and unicodedata.category(ch)[0] in "LM":
        return (f"no installed font draws the {script} script: install Debian's fonts-noto-core (Noto Sans and Noto "
                f"Serif for most scripts, Khmer among them; apt-get install fonts-noto-core), or fonts-noto-extra "
                f"for rarer ones; the build looks for Noto{{Serif,Sans}}{script}-{{Regular,Bold}}.ttf")
    return (f"missing from {', '.join(files)}; replace the character or add a font that has it "
            "(canhgiac/handbook/fonts.py)")


def _printable(ch: str) -> bool:
    return not (ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp"))


def text_by_source(root: ElementTree.Element, source: str = "handbook") -> dict[str, str]:
    """Collect the text of an element tree per `data-source` (the nearest ancestor's), skipping style and script."""
    found: dict[str, list[str]] = {}

    def walk(el: ElementTree.Element, src: str) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag.rpartition("}")[2] in SKIP_TAGS:
            return
        src = el.get("data-source", src)
        found.setdefault(src, []).append(el.text or "")
        for child in el:
            walk(child, src)
            found.setdefault(src, []).append(child.tail or "")

    walk(root, source)
    return {src: "".join(parts) for src, parts in found.items()}


def _line(root: Path | None, src: str, ch: str) -> int | None:
    """The first line of the source file that holds `ch`, when the source is a file of the project."""
    path = root / src if root else None
    if path is None or not path.is_file():
        return None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if ch in line:
            return number
    return None


def check_coverage(texts: dict[str, str], faces: dict[Face, Path], extra: str = "", root: Path | None = None) -> None:
    """Raise ContentError for each character a font cannot draw, naming where it occurs (file and line)."""
    chars = {ch for text in (*texts.values(), extra) for ch in text if _printable(ch)}
    missing = gaps(chars, faces)
    if not missing:
        return
    problems = []
    for ch, files in missing.items():
        name = unicodedata.name(ch, "unnamed character")
        for src, text in texts.items():
            at = text.find(ch)
            if at < 0:
                continue
            context = " ".join(text[max(0, at - 30):at + 30].split())
            problems.append(Problem(
                src, _line(root, src, ch), f"the handbook fonts cannot draw '{ch}' (U+{ord(ch):04X} {name}), used in “{context}”",
                _font_hint(ch, files),
            ))
        if not any(ch in text for text in texts.values()):
            problems.append(Problem("canhgiac/handbook/templates/handbook.css", None,
                                    f"the handbook fonts cannot draw '{ch}' (U+{ord(ch):04X} {name})",
                                    f"missing from {', '.join(files)}; use another character"))
    raise ContentError(problems)


def fit_fonts(make_html: Callable[[str], str], source: str = "handbook") -> tuple[str, dict[str, str], dict[Face, Path]]:
    """Make a document's HTML with the fonts its text needs; return the HTML, its text by source, the faces.

    `make_html(font_css)` is called once, or twice when the text has a script the text faces lack.
    """
    import tinyhtml5

    faces = find_faces()
    html = make_html(font_face_css(faces))
    texts = text_by_source(tinyhtml5.parse(html, namespace_html_elements=False), source)
    extra = script_faces({ch for text in texts.values() for ch in text if _printable(ch)}, faces)
    if extra:
        faces = {**faces, **extra}
        html = make_html(font_face_css(faces))
        texts = text_by_source(tinyhtml5.parse(html, namespace_html_elements=False), source)
    return html, texts, faces
