"""Session packs: per lesson and language a pack of the handbook's pages and an A4 booklet of it, read back.

Also: the home, Print, Downloads and guide pages link the handbook of their own language, with its figures.
"""

from __future__ import annotations

import re
import urllib.request
from pathlib import Path
from urllib.parse import urljoin

import pdfplumber
import pytest
import yaml
from conftest import FIXTURES, copy_project, run_build, serve
from pypdf import PdfReader

from canhgiac.i18n import package_catalog
from canhgiac.sessions.plan import MAX_PAGES, booklet_order

A4_LANDSCAPE = (841.9, 595.3)
PAGE = {"A5": (419.5, 595.3), "A4": (595.3, 841.9)}


def lessons(project: Path) -> dict[str, dict[str, dict]]:
    """lesson id -> language -> front matter, from the project's lesson files."""
    found: dict[str, dict[str, dict]] = {}
    for path in sorted((project / "lessons").glob("*.*.md")):
        lesson_id, lang, _ = path.name.split(".")
        meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
        found.setdefault(lesson_id, {})[lang] = meta
    return found


def words(text: str) -> str:
    return " ".join(text.split())


def page_texts(pdf: Path) -> list[str]:
    with pdfplumber.open(pdf) as doc:
        return [words(page.extract_text() or "") for page in doc.pages]


def half_texts(pdf: Path) -> list[tuple[list[str], list[str]]]:
    """The letters of the left and right half of each side of a booklet, sorted."""
    with pdfplumber.open(pdf) as doc:
        out = []
        for page in doc.pages:
            mid = page.width / 2
            out.append(tuple(sorted("".join((page.crop(box).extract_text() or "").split()))
                             for box in ((0, 0, mid, page.height), (mid, 0, page.width, page.height))))
        return out


def check_packs(build, page_size: str = "A5", halves: int | None = None) -> dict[str, tuple[int, int]]:
    """Every lesson has a pack and a booklet in every language, laid out right; return path -> (pages, bytes).

    Each booklet's halves are read back and matched with the pack's pages, or only the first `halves` lessons'
    (the imposition is the same code for every lesson; reading half pages back is the slow part)."""
    figures = {}
    for number, (lesson_id, versions) in enumerate(lessons(build.project).items()):
        for lang, meta in versions.items():
            ui = package_catalog(lang)
            pack = build.site / f"print/{lang}/{lesson_id}-session.pdf"
            booklet = build.site / f"print/{lang}/{lesson_id}-session-booklet.pdf"
            assert pack.is_file() and booklet.is_file(), f"missing session pack of {lesson_id} ({lang})"
            reader = PdfReader(pack)
            n = len(reader.pages)
            assert n <= MAX_PAGES and n % 4 == 0, f"{pack.name} ({lang}): {n} pages"
            assert {(round(float(p.mediabox.width), 1), round(float(p.mediabox.height), 1))
                    for p in reader.pages} == {PAGE[page_size]}
            texts = page_texts(pack)
            everything = " ".join(texts)
            title = words(meta["title"])
            # (a title may break after a hyphen: compare the letters)
            assert "".join(title.split()) in "".join(texts[0].split()), f"the cover of {pack} does not name the lesson"
            assert words(ui["session_pack"]) in texts[0]
            assert ui["worksheet"].upper() in everything.upper(), f"{pack}: no worksheet"
            assert ui["answer_key"] in everything, f"{pack}: no answer key"
            assert re.search(r"\b\d+\. " + re.escape(title[:20]), everything), f"{pack}: no key entry of the lesson"
            other = [m["title"] for code, m in versions.items() if code != lang and m["title"] != meta["title"]]
            assert not any(words(t) in everything for t in other), f"{pack} holds another language's title"
            # lined notes pages fill the pack to a multiple of 4 (none when the leaflet's back ends it just so);
            # the cover lists them only when there are some
            leaflet = build.site / f"print/{lang}/{lesson_id}-leaflet.pdf"
            ends = {ui["session_notes"]} | ({page_texts(leaflet)[-1][:60]} if leaflet.is_file() else set())
            assert any(texts[-1].startswith(end) for end in ends), f"{pack.name}: ends with neither notes nor the leaflet"
            has_notes = any(t.startswith(ui["session_notes"]) for t in texts[1:])
            assert (ui["session_notes"] in texts[0]) == has_notes, f"{pack.name}: the cover and the notes disagree"
            # the booklet: A4 landscape, half as many sides, each half the right page of the pack
            sides = PdfReader(booklet).pages
            assert len(sides) == n // 2
            assert {(round(float(p.mediabox.width), 1), round(float(p.mediabox.height), 1)) for p in sides} == {A4_LANDSCAPE}
            read = half_texts(booklet) if halves is None or number < halves else []
            for (left, right), got in zip(booklet_order(n)[:len(read)], read, strict=True):
                # the letters of each half (scaled down, words and lines may be read in another order)
                assert got == (sorted("".join(texts[left - 1].split())), sorted("".join(texts[right - 1].split()))), \
                    f"{booklet.name}: pages {left} and {right}"
            figures[pack.relative_to(build.site).as_posix()] = (n, pack.stat().st_size)
            figures[booklet.relative_to(build.site).as_posix()] = (n // 2, booklet.stat().st_size)
    return figures


def test_booklet_order_puts_the_last_page_beside_the_first():
    assert booklet_order(8) == [(8, 1), (2, 7), (6, 3), (4, 5)]
    assert sorted(p for side in booklet_order(16) for p in side) == list(range(1, 17))
    with pytest.raises(ValueError):
        booklet_order(6)


def test_every_lesson_has_a_pack_and_a_booklet_in_every_language(mini_site):
    figures = check_packs(mini_site)
    assert len(figures) == 2 * 2 * len(lessons(mini_site.project))


def test_pack_keeps_the_handbook_pages_parity_and_the_cut_outs_backs_blank(mini_site):
    book = page_texts(mini_site.site / "handbook/trainer-handbook.pdf")
    pack = page_texts(mini_site.site / "print/en/demo-session.pdf")
    taken = [(i, book.index(t)) for i, t in enumerate(pack) if t and t in book and "Notes" not in t[:6]]
    assert len(taken) >= 5
    assert all(i % 2 == j % 2 for i, j in taken), f"pack page / handbook page: {taken}"
    cards = [i for i, t in enumerate(pack) if "Cut along the dashed lines" in t]
    assert cards and all(i % 2 == 0 and pack[i + 1] == "" for i in cards)  # right-hand, back left empty
    assert pack[0].count("p. ") >= 3  # the cover gives the handbook pages of the parts


def test_the_packs_own_pages_survive_a_photocopier(mini_site):
    from photocopy import SMALLEST, read_copy

    pack = mini_site.site / "print/en/demo-session.pdf"
    texts = page_texts(pack)
    own = [i + 1 for i, t in enumerate(texts) if i == 0 or t.startswith("Notes")]   # the cover and notes pages
    assert len(own) >= 2
    copy = read_copy(pack, own)
    assert copy.small_share() == 0 and copy.smallest() >= SMALLEST   # the handbook's rule: only running heads under 9 pt
    assert (copy.pale_text, copy.thin_rules, copy.tints) == ([], [], [])
    assert [line.text for line in copy.lines if not line.reads] == []


def test_session_packs_are_listed_and_the_figures_filled_in(mini_site):
    html = (mini_site.site / "en/print.html").read_text(encoding="utf-8")
    assert 'href="../print/en/demo-session.pdf"' in html and 'href="../print/en/demo-session-booklet.pdf"' in html
    pages = len(PdfReader(mini_site.site / "print/en/demo-session.pdf").pages)
    assert re.search(rf'data-facts-of="print/en/demo-session.pdf">\({pages} pages, \d+ kB\)<', html)
    assert "print/vi/" not in html
    assert re.search(r'<img class="cg-fold" src="../assets/canhgiac/booklet-fold.svg" alt="[^"]{20,}"', html)
    assert (mini_site.site / "assets/canhgiac/booklet-fold.svg").read_text().startswith("<svg")
    vi = (mini_site.site / "print.html").read_text(encoding="utf-8")
    assert re.search(r'data-facts-of="print/vi/demo-session-booklet.pdf">\(\d+ trang, \d+ kB\)<', vi)


def pdf_links(url: str) -> list[str]:
    """The PDFs a page served over HTTP links to, as full addresses."""
    html = urllib.request.urlopen(url).read().decode("utf-8")
    return [urljoin(url, href) for href in re.findall(r'href="([^"]*\.pdf)"', html)]


def test_home_print_and_downloads_link_the_handbook_of_their_language(pkg_site):
    server, httpd = serve(pkg_site.site)
    try:
        for lang, prefix, book in (("vi", "", "so-tay-tuyen-truyen-vien.pdf"), ("en", "en/", "trainer-handbook.pdf")):
            other_book = "trainer-handbook.pdf" if lang == "vi" else "so-tay-tuyen-truyen-vien.pdf"
            other_print = f"/print/{'en' if lang == 'vi' else 'vi'}/"
            for page in ("index.html", "print.html", "downloads.html"):
                links = pdf_links(f"{server.base}{prefix}{page}")
                mine = [link for link in links if link == f"{server.base}handbook/{book}"]
                assert mine, f"{prefix}{page}: no link to the handbook of its language"
                assert not [link for link in links if other_book in link or other_print in link], \
                    f"{prefix}{page} links another language's PDF"
                with urllib.request.urlopen(mine[0]) as pdf:
                    assert pdf.read(5) == b"%PDF-"
            home = urllib.request.urlopen(f"{server.base}{prefix}index.html").read().decode("utf-8")
            assert 'id="cg-trainers-title"' in home
            assert re.search(rf'handbook/{book}">\(\d+ (trang|pages), [\d,.]+ (kB|MB)\)<', home)
            assert home.index("cg-trainers") < home.index('id="cg-lessons"')  # near the top
    finally:
        httpd.shutdown()


def test_the_offline_bundle_with_the_handbook_carries_the_packs_of_its_language_only(pkg_site):
    import zipfile

    for path in sorted((pkg_site.site / "download").glob("*-offline*.zip")):
        lang = re.search(r"-(vi|en)-offline", path.name).group(1)
        names = zipfile.ZipFile(path).namelist()
        packs = {n.split("/", 1)[1] for n in names if n.endswith("-session.pdf") or n.endswith("-session-booklet.pdf")}
        if "handbook" in path.name:
            assert packs and all(p.startswith(f"print/{lang}/") for p in packs), (path.name, packs)
        else:
            assert packs == set(), path.name


@pytest.fixture(scope="module")
def a4_site(tmp_path_factory):
    project = copy_project(FIXTURES / "mini", tmp_path_factory.mktemp("a4") / "mini")
    locality = project / "locality.yml"
    text = locality.read_text(encoding="utf-8").replace("page_size: A5", "page_size: A4").replace(
        "site_url: https://example.org/canh-giac/", "site_url:")
    locality.write_text(text, encoding="utf-8")
    build = run_build(project)
    assert build.returncode == 0, build.output
    return build


def test_an_a4_handbook_gives_a4_packs_scaled_to_a5_halves_and_no_address_without_site_url(a4_site):
    check_packs(a4_site, "A4")
    cover = page_texts(a4_site.site / "print/en/demo-session.pdf")[0]
    assert "http" not in cover and words(package_catalog("en")["session_presentation_offline"]) in cover
    assert not PdfReader(a4_site.site / "print/en/demo-session.pdf").pages[0].images  # no QR code promised


@pytest.mark.slow
def test_real_curriculum_packs(real_site):
    figures = check_packs(real_site, halves=2)
    for path, (pages, size) in sorted(figures.items()):
        print(f"{path}: {pages} pages, {size / 1000:.0f} kB")  # noqa: T201
    cover = page_texts(real_site.site / "print/vi/trafficking-signs-session.pdf")[0]
    assert "present/trafficking-signs.html" in cover or "http" not in cover
