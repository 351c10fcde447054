"""Search, offline reading and the 404 page in Debian's Chromium at a phone's size, the site served over HTTP."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from pathlib import Path

import pytest
from conftest import FIXTURES, copy_project, run_build, serve
from playwright.sync_api import expect

from canhgiac.i18n import PACKAGE_CATALOGS as STRINGS
from canhgiac.search import fold

pytestmark = pytest.mark.browser

# Accent-free queries and the pages that must come first (any of them), per language.
QUERIES = {
    "vi": {
        "mua ban nguoi": {"lessons/trafficking-signs.html"},
        "to giac toi pham": {"lessons/crime-prevention-law.html"},
        "duong day nong": {"hotlines.html"},
        "113": {"hotlines.html"},  # the numbers come from locality.yml, not the page's Markdown
        "xe cap cuu": {"hotlines.html"},
        "lua dao": {"lessons/online-scams.html"},
        "ma tuy": {"lessons/social-evils.html"},
        "tre em": {"lessons/trafficking-prevention-skills.html", "lessons/trafficking-signs.html"},
    },
    "en": {
        "human trafficking": {"en/lessons/trafficking-signs.html"},
        "report a crime": {"en/lessons/crime-prevention-law.html"},
        "hotline": {"en/hotlines.html"},
        "113": {"en/hotlines.html"},
        "police": {"en/hotlines.html", "en/lessons/online-scams.html"},
        "ambulance": {"en/hotlines.html"},
        "scam": {"en/lessons/online-scams.html"},
        "drugs": {"en/lessons/social-evils.html"},
        "children": {"en/lessons/trafficking-prevention-skills.html", "en/lessons/trafficking-signs.html"},
        "mua ban nguoi": {"en/glossary.html"},  # the English glossary gives the Vietnamese terms
    },
}
HOME = {"vi": "index.html", "en": "en/index.html"}
AXE = Path(__file__).resolve().parent / "js" / "node_modules" / "axe-core" / "axe.min.js"
AXE_RUN = """el => axe.run(el, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']})
  .then(r => r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', ')))"""
SEARCH_FILES = ("search-index.", "minisearch", "search-ui")


@pytest.fixture(scope="module")
def served(real_site):
    server, httpd = serve(real_site.site)
    yield server
    httpd.shutdown()


@pytest.fixture
def phone(open_page):
    """Open a page on a phone, in a fresh context: `phone(**context options)` gives the page and its PageWatch."""
    return lambda **options: open_page("phone", timeout=10000, **options)


def open_search(page):
    page.locator(".cg-search-button").click()
    expect(page.locator("dialog.cg-search")).to_be_visible()


def results(page, query: str) -> list[str]:
    """Search and return the result links (page path and anchor, from the site root)."""
    page.locator("#cg-search-input").fill(query)
    page.locator(".cg-search__results").and_(page.locator(f"[data-query='{query}']")).wait_for(state="attached")
    return page.locator(".cg-search__link").evaluate_all("els => els.map(e => e.href)")




@pytest.mark.parametrize("lang", ["vi", "en"])
def test_accent_free_queries_find_their_page_in_the_right_language_only(phone, served, lang):
    page, watch = phone()
    page.goto(served.base + HOME[lang])
    page.wait_for_load_state("networkidle")
    assert not [u for u in watch.requests if any(s in u for s in SEARCH_FILES)]  # nothing before the search opens
    open_search(page)
    for query, expected in QUERIES[lang].items():
        found = [u.removeprefix(served.base) for u in results(page, query)]
        assert found, query
        assert found[0].split("#")[0] in expected, (query, found[:3])
        assert all(u.startswith("en/") == (lang == "en") for u in found), (query, found)
    fetched = [u for u in watch.requests if any(s in u for s in SEARCH_FILES)]
    assert sorted(u.rsplit("/", 1)[-1] for u in fetched) == ["minisearch.min.js", f"search-index.{lang}.js", "search-ui.js"]
    assert watch.errors == [] and watch.external() == []


def test_exact_spelling_ranks_first_and_matches_are_marked_as_text(phone, served):
    page, _ = phone(bypass_csp=True)  # axe-core is injected as an inline script
    page.goto(served.base + "hotlines.html")
    open_search(page)
    found = results(page, "đường dây nóng")
    assert found[0] == served.base + "hotlines.html"
    first = page.locator(".cg-search__result").first
    expect(first.locator("mark").first).to_have_text("Đường dây nóng")
    # the browser folds as the build does
    sample = "Đường dây nóng, TỐ GIÁC tội phạm; ẵ ặ ở ữ ỳ ỵ — Đối tượng 113"
    assert page.evaluate("s => CanhGiacSearch.fold(s)", sample) == fold(sample)
    # no accessibility violation in the open dialog with its results (axe-core)
    page.add_script_tag(path=str(AXE))
    assert page.locator("dialog.cg-search").evaluate(AXE_RUN) == []
    # page text goes in as text: markup in a query is never parsed
    results(page, "<img src=x onerror=alert(1)>")
    assert page.locator(".cg-search__results img").count() == 0


def test_search_by_keyboard_and_screen_reader_names(phone, served):
    page, _ = phone()
    page.goto(served.base + "lessons/online-scams.html")
    button = page.locator(".cg-search-button")
    button.focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name=STRINGS["vi"]["search_label"])
    expect(dialog).to_be_visible()
    box = page.get_by_role("searchbox", name=STRINGS["vi"]["search_label"])
    expect(box).to_be_focused()
    page.keyboard.type("ma tuy")
    status = page.get_by_role("status").filter(has_text=STRINGS["vi"]["search_results_other"].split(" ", 1)[1])
    expect(status).to_be_visible()
    page.keyboard.press("ArrowDown")
    expect(page.locator(".cg-search__link").first).to_be_focused()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(button).to_be_focused()
    # Enter in the box opens the first result, at its section
    page.keyboard.press("Enter")
    page.locator("#cg-search-input").fill("lua dao la toi pham")
    expect(page.locator(".cg-search__link").first).to_be_visible()
    page.keyboard.press("Enter")
    page.wait_for_url("**/lessons/online-scams.html#lua-dao-la-toi-pham")
    expect(dialog).to_be_hidden()


def test_search_works_from_file_url(phone, real_site):
    page, watch = phone()
    page.goto((real_site.site / "en" / "lessons" / "victim-support.html").as_uri())
    open_search(page)
    found = results(page, "scam")
    assert found and found[0].startswith("file://") and "/en/lessons/online-scams.html" in found[0]
    page.locator(".cg-search__link").first.click()
    page.wait_for_load_state()
    assert page.locator("h1").first.inner_text() == "Staying alert to online scams"
    assert watch.errors == [] and watch.external() == []


def test_a_sharded_index_loads_only_what_a_search_needs(phone, mini_site, tmp_path):
    """A large curriculum's index comes in shards: here the small site's, cut small on purpose."""
    import re as _re

    from canhgiac.search import PageEntry, Section, index_files

    site = tmp_path / "site"
    shutil.copytree(mini_site.site, site)
    assets = site / "assets" / "canhgiac"
    for old in assets.glob("search-index.vi.*"):
        old.unlink()
    pages = [PageEntry(f"lessons/x{i:02d}.html", f"Bài {i}", [Section("s", "Mua bán người", "Lừa đảo qua mạng " * 20)])
             for i in range(40)]
    pages.append(PageEntry("hotlines.html", "Đường dây nóng", [Section("", "", "Gọi ngay khi khẩn cấp")]))
    holder = ""
    for name, data in index_files("vi", pages, shard_bytes=2000, one_file_bytes=4000).items():
        (assets / name).write_bytes(data)
        holder = name.removeprefix("search-index.") if b"hotlines.html" in data else holder
    shards = len(list(assets.glob("search-index.vi.*.js")))
    assert shards > 4
    server, httpd = serve(site)
    try:
        page, watch = phone()
        page.goto(server.base + "index.html")
        open_search(page)
        found = results(page, "duong day nong")   # in one shard only: the directory sends the search there
        assert found == [server.base + "hotlines.html"]
        loaded = sorted(_re.sub(r".*search-index\.", "", u) for u in watch.requests if "search-index." in u)
        assert loaded == sorted(["vi.js", holder])
        found = results(page, "lua dao")          # in every shard: one, then three, until there is a screenful
        assert 10 <= len(found) < 30
        assert page.get_by_role("button", name=STRINGS["vi"]["search_more"]).is_visible()
        page.get_by_role("button", name=STRINGS["vi"]["search_more"]).click()
        expect(page.get_by_role("button", name=STRINGS["vi"]["search_more"])).to_have_count(0)
        assert len([u for u in watch.requests if "search-index.vi." in u]) == shards + 1  # now every shard
        expect(page.locator(".cg-search__link")).to_have_count(30)              # the best 30 of all of them
        assert watch.errors == []
    finally:
        httpd.shutdown()


# -- offline ------------------------------------------------------------------------------------------------

def build_mini(tmp_path: Path, title: str | None = None) -> Path:
    """Build the small project (its demo lesson titled `title` when given) and return its site folder."""
    project = copy_project(FIXTURES / "mini", tmp_path / "project")
    if title:
        for lang in ("vi", "en"):
            lesson = project / "lessons" / f"demo.{lang}.md"
            text = lesson.read_text(encoding="utf-8")
            lesson.write_text(text.replace("\ntitle: ", f"\ntitle: {title} ", 1), encoding="utf-8")
    build = run_build(project)
    assert build.returncode == 0, build.output
    return build.site


def controlled(page) -> None:
    """Wait until the service worker controls the page (Playwright evaluates the predicate as a string: the page's
    policy forbids that, so the tests that wait open their pages with the policy bypassed)."""
    page.wait_for_function("navigator.serviceWorker && navigator.serviceWorker.controller !== null")


def test_offline_after_a_visit_and_after_save(phone, mini_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(mini_site.site, site)
    server, httpd = serve(site)
    try:
        page, watch = phone(bypass_csp=True)
        page.goto(server.base + "index.html")
        controlled(page)
        page.goto(server.base + "hotlines.html")          # visited: kept as it is read
        page.goto(server.base + "index.html")
        save = page.get_by_role("button", name=STRINGS["vi"]["save_offline"])
        save.click()
        expect(page.locator(".cg-offline__status")).to_contain_text(STRINGS["vi"]["save_offline_done"].split("{")[0])
        assert page.locator(".cg-offline progress").evaluate("p => p.value === p.max")

        page.context.set_offline(True)
        page.goto(server.base + "hotlines.html")
        expect(page.locator("h1").first).to_be_visible()
        page.goto(server.base + "lessons/demo.html")      # never opened: saved
        question = page.locator('.cg-quiz__question[data-question="q1"]')
        question.get_by_role("radio", name="111").click()
        question.get_by_role("button", name=STRINGS["vi"]["check"]).click()
        expect(question).to_contain_text(STRINGS["vi"]["correct"])
        # the search index was saved too
        open_search(page)
        assert results(page, "thu")                       # "Thử", the quiz title
        # English pages were not saved with the Vietnamese ones: the worker answers with the English offline page
        page.goto(server.base + "en/lessons/demo.html")
        assert page.locator("html").get_attribute("lang") == "en"
        assert page.locator('a[href^="tel:"]').count() >= 1 and page.locator(".cg-quiz").count() == 0
        page.context.set_offline(False)
        page.goto(server.base + "index.html")
        assert watch.external() == []
        # every cache is named with the prefix the quick exit deletes
        keys = page.evaluate("caches.keys()")
        assert keys and all(k.startswith("cg-") for k in keys)
    finally:
        httpd.shutdown()


def test_a_new_build_is_picked_up_on_the_next_visit(phone, mini_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(mini_site.site, site)
    server, httpd = serve(site)
    try:
        page, _ = phone(bypass_csp=True)
        page.goto(server.base + "lessons/demo.html")
        controlled(page)
        page.goto(server.base + "lessons/demo.html")
        old = page.locator("h1").first.inner_text()
        old_keys = page.evaluate("caches.keys()")
        # publish a new build over the old one
        new = build_mini(tmp_path / "new", title="Mới")
        shutil.rmtree(site)
        shutil.copytree(new, site)
        page.goto(server.base + "lessons/demo.html")
        expect(page.locator("h1").first).to_have_text("Mới " + old)
        # the new worker takes over and drops the old cache, keeping the pages the reader had
        page.wait_for_function("keys => caches.keys().then(k => k.length === 1 && k[0] !== keys[0])", arg=old_keys)
        page.context.set_offline(True)
        page.goto(server.base + "lessons/demo.html")
        expect(page.locator("h1").first).to_have_text("Mới " + old)
        page.context.set_offline(False)
    finally:
        httpd.shutdown()


# -- 404 ----------------------------------------------------------------------------------------------------

class _NotFound(http.server.SimpleHTTPRequestHandler):
    """A static server that answers a missing address with the site's 404.html, as GitHub Pages or an
    `ErrorDocument 404 /<prefix>/404.html` line does."""

    prefix = ""

    def log_message(self, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / self.prefix / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@pytest.mark.parametrize("prefix", ["", "camau"], ids=["root", "sub-path"])
def test_404_page_is_styled_and_its_links_work_at_any_depth(phone, real_site, tmp_path, prefix):
    root = real_site.site
    if prefix:
        root = tmp_path / "www"
        root.mkdir()
        (root / prefix).symlink_to(real_site.site, target_is_directory=True)
    handler = functools.partial(type("H", (_NotFound,), {"prefix": prefix}), directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    path = f"/{prefix}/" if prefix else "/"
    base = f"http://127.0.0.1:{httpd.server_address[1]}{path}"
    try:
        page, watch = phone()
        response = page.goto(base + "lessons/old/gone/page.html")
        assert response.status == 404
        expect(page.locator("h1")).to_have_text(STRINGS["vi"]["not_found"])
        # styled by its own inline stylesheet
        assert page.locator(".cg-nf-header").evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(64, 81, 181)"
        assert page.locator("#cg-quick-exit").is_visible()
        assert page.get_by_role("link", name="111").get_attribute("href") == "tel:111"
        home = page.get_by_role("link", name=STRINGS["vi"]["home"])
        expect(home).to_have_attribute("href", path + "index.html")  # found by looking for the site's manifest
        home.click()
        page.wait_for_url(base + "index.html")
        assert page.locator(".cg-card").count() == 10
        page.goto(base + "en/nothing-here.html")
        page.get_by_role("link", name=STRINGS["en"]["hotlines"]).click()
        page.wait_for_url(base + "en/hotlines.html")
        assert [e for e in watch.errors if "404" not in e] == []  # no CSP refusal either
        # no accessibility violation (axe-core, added to a page that is allowed to take it)
        checked, _ = phone(bypass_csp=True)
        checked.goto(base + "lessons/old/gone/page.html")
        checked.add_script_tag(path=str(AXE))
        assert checked.locator("html").evaluate(AXE_RUN) == []
    finally:
        httpd.shutdown()
