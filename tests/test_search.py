"""The search index and the offline files, without a browser: folding, sections, per-language bytes."""

from __future__ import annotations

import json
import re

import pytest

from canhgiac.offline import CACHE_PREFIX, language_of, precache_list, site_version
from canhgiac.offline.output import Manifests, OfflineFiles
from canhgiac.outputs import BuiltSite, Language, Settings
from canhgiac.search import PageEntry, Section, fold, index_data, index_files, index_script, sections, text_of, words


def load_index(path) -> dict:
    """The data a search-index.<lang>.js file assigns."""
    text = path.read_text(encoding="utf-8")
    m = re.search(r"\]=(\{.*\});\n$", text, re.S)
    assert m, text[:200]
    return json.loads(m.group(1))


@pytest.mark.parametrize(("text", "folded"), [
    ("Đường dây nóng", "duong day nong"),
    ("MUA BÁN NGƯỜI", "mua ban nguoi"),
    ("Tố giác tội phạm", "to giac toi pham"),
    ("Lừa đảo", "lua dao"),
    ("Ma túy", "ma tuy"),
    ("Trẻ em", "tre em"),
    ("Đối tượng", "doi tuong"),
    ("ă â ê ô ơ ư ạ ả ã ậ ẵ ặ ở ữ ỳ ỵ ỷ ỹ", "a a e o o u a a a a a a o u y y y y"),
    ("plain ascii 113", "plain ascii 113"),
])
def test_fold_lowercases_strips_marks_and_d(text, folded):
    assert fold(text) == folded


def test_fold_keeps_length_of_composed_vietnamese():
    # the browser marks matches found in the folded text on the original text: one letter for one letter
    every = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ"
    for ch in every + every.upper():
        assert len(fold(ch)) == 1, ch


def test_sections_split_at_headings_with_anchors_and_skip_quizzes():
    html = """<p>Mở đầu <strong>bài</strong>.</p>
<h2 id="mua-ban-nguoi">Mua bán người<a class="headerlink" href="#mua-ban-nguoi" title="Permanent link">&para;</a></h2>
<p>Ba yếu tố &amp; dấu hiệu.</p><ul><li>Một</li><li>Hai</li></ul>
<h3 id="tre-em">Trẻ em</h3><p>Dưới 16 tuổi.</p>
<h2 id="kiem-tra">Kiểm tra</h2>
<div class="cg-quiz" data-module="cg-quiz"><div><p>Câu hỏi bí mật</p></div><p>Đáp án</p></div>
<p>Sau bài kiểm tra.</p>"""
    found = sections(html, intro="Tóm tắt.")
    assert found == [
        Section("", "", "Tóm tắt. Mở đầu bài."),
        Section("mua-ban-nguoi", "Mua bán người", "Ba yếu tố & dấu hiệu. Một Hai"),
        Section("tre-em", "Trẻ em", "Dưới 16 tuổi."),
        Section("kiem-tra", "Kiểm tra", "Sau bài kiểm tra."),
    ]


def test_glossary_terms_are_sections_titled_with_the_term_and_linked_to_it():
    import markdown

    from canhgiac.glossary import GlossaryExtension

    source = ("Mở đầu.\n\nẤp\n:   Khu dân cư ở xã.\n\nAn ninh\n:   Sự ổn định.\n\nBóc lột\n:   Ép buộc.\n\n"
              "Lương\n:   Tiền công.\n")
    page = markdown.markdown(source, extensions=["def_list", GlossaryExtension(lambda: "Chữ cái")])
    found = sections(page)
    assert [(s.title, s.text) for s in found] == [
        ("", "Mở đầu. A Â B L"),  # the jump list
        ("A", ""), ("An ninh", "Sự ổn định."), ("Â", ""), ("Ấp", "Khu dân cư ở xã."),
        ("B", ""), ("Bóc lột", "Ép buộc."), ("L", ""), ("Lương", "Tiền công."),
    ]
    terms = {s.title: s for s in found if s.text and s.title}
    assert set(terms) == {"An ninh", "Ấp", "Bóc lột", "Lương"}  # each term its own hit, not "Thuật ngữ › B"
    assert terms["Ấp"].text == "Khu dân cư ở xã."
    for term in terms.values():  # and its link lands on the term
        assert f'<dt id="{term.anchor}">' in page and term.anchor.startswith("cg-term-")
    # a lesson's definition list (no glossary label: no anchors) stays in its heading's section
    lesson = markdown.markdown("## Từ ngữ\n\nẤp\n:   Khu dân cư.\n", extensions=["def_list", "toc",
                                                                              GlossaryExtension(lambda: None)])
    assert [(s.title, s.text) for s in sections(lesson)] == [("Từ ngữ", "Ấp Khu dân cư.")]


def test_text_of_unescapes_and_drops_scripts():
    assert text_of("<p>a&nbsp;b</p><script>var x = 1;</script><p>c&lt;d</p>") == "a b c<d"  # no-break spaces fold into plain ones


def test_index_is_sorted_and_byte_identical_for_the_same_pages():
    a = PageEntry("lessons/b.html", "Bài B", [Section("", "", "chữ")])
    b = PageEntry("index.html", "Trang chủ", [Section("x", "Tiêu đề", "nội dung </script>")])
    one, two = index_script("vi", [a, b]), index_script("vi", [b, a])
    assert one == two
    assert b"<\\/script>" in one and b"</script>" not in one
    data = index_data([a, b])
    assert data["pages"] == [["index.html", "Trang chủ"], ["lessons/b.html", "Bài B"]]
    assert data["sections"] == [[0, "x", "Tiêu đề", "nội dung </script>"], [1, "", "", "chữ"]]
    assert one.decode().startswith("/* Cảnh giác search index (vi)")


def test_a_large_index_is_cut_into_shards_of_whole_pages_with_a_word_directory():
    pages = [PageEntry(f"lessons/l{i:02d}.html", f"Bài {i}", [Section("a", "Phần", f"Lừa đảo số {i} " + "chữ " * 40)])
             for i in range(12)]
    pages.append(PageEntry("hotlines.html", "Đường dây nóng", [Section("", "", "Gọi 111")]))
    files = index_files("vi", pages, shard_bytes=1000, one_file_bytes=2000)
    assert files == index_files("vi", list(reversed(pages)), shard_bytes=1000, one_file_bytes=2000)  # deterministic
    directory = load_index_bytes(files.pop("search-index.vi.js"))
    assert directory["shards"] == len(files) > 2
    shards = [load_index_bytes(files[f"search-index.vi.{k}.js"]) for k in range(len(files))]
    # every page in exactly one shard, in URL order
    urls = [url for shard in shards for url, _ in shard["pages"]]
    assert urls == sorted(p.url for p in pages)
    # the directory says which shards hold a word, folded
    for word, mask in directory["words"].items():
        holders = {k for k in range(len(shards)) if int(mask, 16) >> k & 1}
        assert holders == {k for k, shard in enumerate(shards)
                           if any(word in words(" ".join([shard["pages"][s[0]][1], s[2], s[3]])) for s in shard["sections"])}
    assert "duong" in directory["words"] and "dao" in directory["words"] and "111" in directory["words"]
    # a small language stays one file
    assert list(index_files("vi", pages[:2])) == ["search-index.vi.js"]


def load_index_bytes(data: bytes) -> dict:
    return json.loads(re.search(rb"\]=(\{.*\});\n$", data, re.S).group(1))


# -- the built site ---------------------------------------------------------------------------------------

def test_each_language_index_holds_only_its_pages(real_site):
    assets = real_site.site / "assets" / "canhgiac"
    vi, en = load_index(assets / "search-index.vi.js"), load_index(assets / "search-index.en.js")
    assert all(not url.startswith("en/") for url, _ in vi["pages"])
    assert all(url.startswith("en/") for url, _ in en["pages"])
    assert len(vi["pages"]) == len(en["pages"]) > 10
    titles = {url: title for url, title in vi["pages"]}
    assert titles["lessons/trafficking-signs.html"] == "Nhận diện mua bán người"
    anchors = {(vi["pages"][p][0], a) for p, a, _, _ in vi["sections"]}
    assert ("lessons/online-scams.html", "lua-dao-la-toi-pham") in anchors
    # the hotlines page's numbers and contacts (from locality.yml) are found, each under its own anchor
    assert {("hotlines.html", "cg-hotline-113"), ("hotlines.html", "cg-contact-1")} <= anchors
    # every section anchor exists in its page
    for url, anchor in anchors:
        if anchor:
            assert f'id="{anchor}"' in (real_site.site / url).read_text(encoding="utf-8"), (url, anchor)


def test_offline_files_are_written_and_deterministic(mini_site, tmp_path):
    site = mini_site.site
    sw = (site / "sw.js").read_text(encoding="utf-8")
    version = json.loads(sw.split("\n", 1)[0].removeprefix("const BUILD = ").removesuffix(";"))["version"]
    assert version == site_version(site)
    assert "CACHE_PREFIX = 'cg-'" in sw and CACHE_PREFIX == "cg-"
    for lang, home in (("vi", "index.html"), ("en", "en/index.html")):
        listed = json.loads((site / "assets" / "canhgiac" / f"offline.{lang}.json").read_text(encoding="utf-8"))
        assert listed["cache"] == f"cg-{version}"
        urls = listed["urls"]
        assert home in urls and f"assets/canhgiac/search-index.{lang}.js" in urls
        assert "assets/canhgiac/quiz.js" in urls and "assets/canhgiac/vendor/minisearch.min.js" in urls
        assert all((site / u).is_file() for u in urls)
        assert not any(u.startswith("handbook/") or u.endswith(".map") or u == "404.html" for u in urls)
        other = "en" if lang == "vi" else "vi"
        assert all(language_of(u, ["vi", "en"]) in (lang, None) for u in urls), other
        manifest = json.loads((site / f"manifest.{lang}.webmanifest").read_text(encoding="utf-8"))
        assert manifest["start_url"] == home and manifest["scope"] == "./" and manifest["lang"] == lang
        assert {i["purpose"] for i in manifest["icons"]} == {"any", "maskable"}
        assert all((site / i["src"]).is_file() for i in manifest["icons"])
    # each page links its language's manifest, relative to where it is
    for page, href in (("index.html", "manifest.vi.webmanifest"), ("lessons/demo.html", "../manifest.vi.webmanifest"),
                       ("en/lessons/demo.html", "../../manifest.en.webmanifest")):
        assert f'<link rel="manifest" href="{href}">' in (site / page).read_text(encoding="utf-8"), page
    # the same files give the same version; any change gives a new one
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(site, copy)

    def write_offline(folder) -> str:  # the two offline outputs, as a build runs them; returns the cache version
        from types import SimpleNamespace

        from canhgiac.i18n import PACKAGE_CATALOGS

        langs = {code: Language(code, "Cảnh giác", PACKAGE_CATALOGS[code]) for code in ("vi", "en")}
        locality = SimpleNamespace(hotlines=[{"number": "111", "name": {"vi": "Đường dây 111", "en": "Hotline 111"}}],
                                   tel=lambda number: f"tel:{number}", quick_exit_url="https://example.org/")
        site = BuiltSite(folder, SimpleNamespace(locality=locality), Settings(), langs)
        for output in (Manifests(), OfflineFiles()):
            output.finish(site)
        return site.products["offline"]["version"]

    first = write_offline(copy)
    assert write_offline(copy) == first
    page = copy / "lessons" / "demo.html"
    page.write_text(page.read_text(encoding="utf-8") + "<!-- changed -->", encoding="utf-8")
    assert write_offline(copy) != first
    assert precache_list(copy, "vi", ["vi", "en"]) == json.loads(
        (copy / "assets" / "canhgiac" / "offline.vi.json").read_text(encoding="utf-8"))["urls"]


def test_404_page_stands_alone_with_hashed_inline_style_and_script(real_site):
    import base64
    import hashlib

    html = (real_site.site / "404.html").read_text(encoding="utf-8")
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    assert "unsafe-inline" not in csp
    for tag in ("style", "script"):
        body = re.search(rf"<{tag}>(.*?)</{tag}>", html, re.S).group(1)
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp, tag
    # nothing it would have to find, but its icon, which its script points at the site's root as its links
    import yaml

    site_url = yaml.safe_load((real_site.project / "locality.yml").read_text(encoding="utf-8"))["site_url"] or ""
    start = re.sub(r"^https?://[^/]+", "", site_url)   # site_url's path, or relative to the page without one
    assert re.findall(r'<(?:link|script)\b[^>]*(?:href|src)=[^>]*>', html) == [
        f'<link rel="icon" href="{start}assets/images/favicon.png" data-cg-path="assets/images/favicon.png">']
    assert 'href="tel:111"' in html and 'id="cg-quick-exit"' in html
    assert "Không tìm thấy trang" in html and "Page not found" in html


def test_vendored_minisearch_is_the_pinned_build():
    import hashlib

    from conftest import ROOT

    script = (ROOT / "scripts" / "vendor").read_text(encoding="utf-8")
    pinned = re.search(r"^OUT_SHA256=([0-9a-f]{64})$", script, re.M).group(1)
    vendored = ROOT / "canhgiac" / "assets" / "vendor" / "minisearch.min.js"
    assert hashlib.sha256(vendored.read_bytes()).hexdigest() == pinned  # scripts/vendor re-checks it against npm
    assert vendored.read_text(encoding="utf-8").startswith("/*! MiniSearch 7.2.0 | MIT License")
    assert "Permission is hereby granted" in (vendored.parent / "minisearch.LICENSE.txt").read_text(encoding="utf-8")
