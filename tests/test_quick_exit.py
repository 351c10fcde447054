"""The quick exit, in real Chromium: by click, by Shift×3, by touch; wiping storage, caches and service workers;
Back does not return; offline it lands on a blank page; always on top, on every page, 404 included."""

from __future__ import annotations

import re
import shutil

import pytest
from conftest import DESKTOP, PHONE, serve

pytestmark = pytest.mark.browser

TARGET = "https://www.google.com/search?q=th%E1%BB%9Di+ti%E1%BA%BFt+c%C3%A0+mau"  # the mini project's locality.yml
NEUTRAL = "<!doctype html><title>Weather</title><p>neutral page</p>"
# A service worker that does nothing: enough to check that the exit unregisters it.
DUMMY_SW = "self.addEventListener('fetch', () => {});\n"


@pytest.fixture(scope="module")
def site(mini_site, tmp_path_factory):
    """The mini site plus a dummy service worker, served over HTTP."""
    root = tmp_path_factory.mktemp("exit") / "site"
    shutil.copytree(mini_site.site, root)
    (root / "cg-test-sw.js").write_text(DUMMY_SW, encoding="utf-8")
    server, httpd = serve(root)
    yield server
    httpd.shutdown()


def _context(browser, **options):
    context = browser.new_context(**options)
    # The exit leaves for another site: answer it here, the tests never leave the machine.
    context.route("https://www.google.com/**", lambda route: route.fulfill(body=NEUTRAL, content_type="text/html"))
    # The site's own worker would tidy the seeded 'cg-test' cache away as an old version of its own: the tests seed
    # a worker of their own instead (the exit must remove whatever worker and caches there are).
    context.route(re.compile(r".*/sw\.js$"), lambda route: route.fulfill(status=404, body=""))
    return context


def _seed(page, base):
    """Store what the site and its service worker keep: progress, a session key, a cache, a service worker."""
    page.evaluate("""async (base) => {
        localStorage.setItem('cg:progress:demo', '{"best":1,"total":2}');
        localStorage.setItem('other', 'x');
        sessionStorage.setItem('cg:progress:demo', '{"best":1,"total":2}');
        const cache = await caches.open('cg-test');
        await cache.put('cg-test-entry', new Response('cached'));
        await navigator.serviceWorker.register(base + 'cg-test-sw.js', {scope: base});
        await navigator.serviceWorker.ready;
    }""", base)
    # the site's own worker may have made its cache too: everything starts with "cg-"
    assert "cg-test" in page.evaluate("caches.keys()")
    assert page.evaluate("navigator.serviceWorker.getRegistrations().then(r => r.length)") >= 1


def _left_and_wiped(page, site, lesson_url):
    """The tab shows the neutral page, Back does not return, and the site's storage is empty."""
    page.wait_for_url(TARGET)
    assert "neutral page" in page.content()
    page.go_back()
    assert page.url != lesson_url and not page.url.startswith(site.base)
    # Same tab, same origin again (a stylesheet: no script of the site runs to store anything).
    page.goto(site.base + "assets/canhgiac/canhgiac.css")
    state = page.evaluate("""async () => ({
        local: localStorage.length, session: sessionStorage.length, caches: await caches.keys(),
        workers: (await navigator.serviceWorker.getRegistrations()).length})""")
    assert state == {"local": 0, "session": 0, "caches": [], "workers": 0}


def test_click_blanks_wipes_and_leaves_without_a_way_back(browser, site):
    context = _context(browser, **DESKTOP)
    page = context.new_page()
    url = site.base + "lessons/demo.html"
    page.goto(url)
    _seed(page, site.base)
    page.reload()  # now controlled by the service worker, as a reader's page would be
    blanked = []
    page.locator("#cg-quick-exit").click(no_wait_after=True)
    # The page is blank before the next one arrives: nothing of it is displayed.
    try:
        blanked.append(page.evaluate("document.documentElement.classList.contains('cg-exiting') && "
                                     "getComputedStyle(document.querySelector('.md-content')).display"))
    except Exception:  # noqa: BLE001 - already gone: the navigation won the race, which is fine too
        pass
    assert blanked in ([], ["none"])
    _left_and_wiped(page, site, url)
    context.close()


def test_shift_three_times_leaves(browser, site):
    context = _context(browser, **DESKTOP)
    page = context.new_page()
    url = site.base + "en/lessons/demo.html"
    page.goto(url)
    _seed(page, site.base)
    # Shift used for capitals does not count, and any other key breaks the sequence.
    page.keyboard.press("Shift+A")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    assert page.locator(".cg-exit__light--on").count() == 2
    assert page.locator(".cg-exit-bar [role=status]").inner_text() == "Press Shift 1 more time for a quick exit."
    page.keyboard.press("a")
    assert page.locator(".cg-exit__light--on").count() == 0
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    _left_and_wiped(page, site, url)
    context.close()


def test_shift_presses_expire_after_five_seconds(browser, site):
    context = _context(browser, **DESKTOP)
    page = context.new_page()
    page.clock.install()
    page.goto(site.base + "index.html")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.clock.run_for(5100)
    page.keyboard.press("Shift")
    assert page.url == site.base + "index.html"
    assert page.locator(".cg-exit__light--on").count() == 1
    context.close()


def test_tap_on_a_phone_leaves(browser, site):
    context = _context(browser, **PHONE)
    page = context.new_page()
    url = site.base + "lessons/demo.html"
    page.goto(url)
    _seed(page, site.base)
    page.locator("#cg-quick-exit").tap()
    _left_and_wiped(page, site, url)
    context.close()


def test_offline_it_lands_on_a_blank_page(browser, site):
    context = _context(browser, **PHONE)
    page = context.new_page()
    page.goto(site.base + "lessons/demo.html")
    page.evaluate("sessionStorage.setItem('cg:x', '1')")
    context.set_offline(True)
    page.locator("#cg-quick-exit").tap()
    page.wait_for_url("about:blank")
    assert page.evaluate("document.body ? document.body.innerText : ''") == ""
    assert page.title() == ""
    context.close()


def test_without_javascript_it_is_a_plain_same_tab_link(browser, site):
    context = _context(browser, java_script_enabled=False, **PHONE)
    page = context.new_page()
    page.goto(site.base + "lessons/demo.html")
    link = page.locator("#cg-quick-exit")
    assert link.get_attribute("href") == TARGET
    assert link.get_attribute("rel") == "noreferrer"
    assert link.get_attribute("target") == "_top"   # same tab; the whole window when framed
    link.tap()
    page.wait_for_url(TARGET)
    assert len(context.pages) == 1
    context.close()


def test_inside_a_frame_it_leaves_the_whole_window(browser, site):
    """As in an LMS: the lesson in an <iframe> of another page; the exit replaces the top window."""
    context = _context(browser, **DESKTOP)
    page = context.new_page()
    page.goto(site.base + "index.html")
    page.evaluate("""url => { document.body.innerHTML = '';
        const f = document.createElement('iframe'); f.src = url; f.style.width = '1000px'; f.style.height = '600px';
        document.body.append(f); }""", site.base + "lessons/demo.html")
    frame = page.frame_locator("iframe")
    frame.locator("#cg-quick-exit").click()
    page.wait_for_url(TARGET)
    context.close()


# -- Sharing an origin: an LMS that frames the site, another site under the same domain ------------------------------

HOST_PAGE = "<!doctype html><title>LMS</title><p>course page</p>"
HOST_SW = "self.addEventListener('fetch', () => {});\n"
STATE = """async () => ({
    local: Object.keys(localStorage).sort(), session: Object.keys(sessionStorage).sort(),
    caches: (await caches.keys()).sort(),
    workers: (await navigator.serviceWorker.getRegistrations()).map(r => new URL(r.scope).pathname).sort()})"""


@pytest.fixture(scope="module")
def shared_origin(mini_site, tmp_path_factory):
    """The mini site at /camau/ of an origin whose root is another site's (an LMS's page, and its worker at /lms/)."""
    folder = tmp_path_factory.mktemp("shared") / "site"
    shutil.copytree(mini_site.site, folder)
    (folder / "cg-test-sw.js").write_text(DUMMY_SW, encoding="utf-8")
    server, httpd = serve(folder, prefix="camau")
    (server.root / "host.html").write_text(HOST_PAGE, encoding="utf-8")
    (server.root / "lms").mkdir()
    (server.root / "lms" / "worker.js").write_text(HOST_SW, encoding="utf-8")
    yield server
    httpd.shutdown()


def _seed_host(page, origin):
    """What an LMS keeps on the origin (Moodle keeps dozens of keys): storage, a cache and a worker of its own."""
    page.evaluate("""async (origin) => {
        localStorage.setItem('core_user/repository', '1');
        localStorage.setItem('M.cfg', 'x');
        sessionStorage.setItem('core_filepicker', '1');
        await (await caches.open('lms-cache')).put('lms-entry', new Response('lms'));
        await navigator.serviceWorker.register(origin + 'lms/worker.js', {scope: origin + 'lms/'});
    }""", origin)


def _seed_site(frame_or_page, base):
    frame_or_page.evaluate("""async (base) => {
        localStorage.setItem('cg:progress:demo', '{"best":1,"total":2}');
        sessionStorage.setItem('cg:quiz:demo', '1');
        await (await caches.open('cg-test')).put('cg-test-entry', new Response('cached'));
        await navigator.serviceWorker.register(base + 'cg-test-sw.js', {scope: base});
    }""", base)   # (not .ready: from the host page, outside the scope, it would never resolve)


def _state_after_exit(page, origin):
    page.wait_for_url(TARGET)
    page.goto(origin + "host.html")
    return page.evaluate(STATE)


HOST_LEFT = {"local": ["M.cfg", "core_user/repository"], "session": ["core_filepicker"], "caches": ["lms-cache"],
             "workers": ["/lms/"]}


def test_inside_a_frame_it_erases_only_the_sites_own_data(browser, shared_origin):
    """An LMS page on the same origin frames a lesson: the exit leaves, and the LMS's storage, cache and worker stay."""
    origin = shared_origin.base.removesuffix("camau/")
    context = _context(browser, **DESKTOP)
    page = context.new_page()
    page.goto(origin + "host.html")
    _seed_host(page, origin)
    _seed_site(page, shared_origin.base)   # the site's own data, as a reader's earlier visit left it
    before = page.evaluate(STATE)
    assert before["workers"] == ["/camau/", "/lms/"] and "cg-test" in before["caches"]
    page.evaluate("""url => { const f = document.createElement('iframe'); f.src = url; f.width = 1000; f.height = 600;
        document.body.append(f); }""", shared_origin.base + "lessons/demo.html")
    frame = page.frame_locator("iframe")
    frame.locator("#cg-quick-exit").click()
    assert _state_after_exit(page, origin) == HOST_LEFT
    context.close()


def test_under_a_sub_path_it_leaves_other_sites_of_the_origin_alone(browser, shared_origin):
    """Not framed, but another site shares the domain: the same, only the site's own data goes."""
    origin = shared_origin.base.removesuffix("camau/")
    context = _context(browser, **PHONE)
    page = context.new_page()
    page.goto(origin + "host.html")
    _seed_host(page, origin)
    page.goto(shared_origin.base + "lessons/demo.html")
    _seed_site(page, shared_origin.base)
    page.locator("#cg-quick-exit").tap()
    assert _state_after_exit(page, origin) == HOST_LEFT
    context.close()


@pytest.mark.parametrize("options", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_always_on_top_big_enough_and_over_an_open_menu(browser, site, options):
    context = _context(browser, **options)
    page = context.new_page()
    page.goto(site.base + "lessons/demo.html")
    link = page.locator("#cg-quick-exit")
    box = link.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44
    assert box["y"] < 8 and box["x"] + box["width"] > options["viewport"]["width"] - 12  # the top right corner

    def on_top():
        b = link.bounding_box()
        return page.evaluate("([x, y]) => document.elementFromPoint(x, y).closest('#cg-quick-exit') !== null",
                             [b["x"] + b["width"] / 2, b["y"] + b["height"] / 2])

    page.mouse.wheel(0, 5000)
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    assert page.evaluate("window.scrollY") > 0
    assert on_top() and link.bounding_box()["y"] < 8
    if options is PHONE:
        page.locator(".cg-menu").tap()
        page.wait_for_timeout(300)
        assert page.locator("#__drawer").is_checked()
        assert on_top()
    context.close()


def test_it_is_on_the_404_page_too(browser, site):
    context = _context(browser, **PHONE)
    page = context.new_page()
    page.goto(site.base + "404.html")
    link = page.locator("#cg-quick-exit")
    assert link.is_visible()
    assert link.get_attribute("href") == TARGET
    context.close()


@pytest.mark.slow
def test_browsing_safely_page_exists_in_both_languages_and_every_footer_links_it(real_site):
    import re

    site = real_site.site
    for prefix, title, words in (("", "Đọc an toàn", ("ẩn danh", "Xóa lịch sử", "dùng chung", "Shift")),
                                 ("en/", "Browsing safely", ("Incognito", "Clear the history", "shared phone", "Shift"))):
        html = (site / prefix / "safety.html").read_text(encoding="utf-8")
        assert f"<title>{title} - " in html
        assert all(w in html for w in words), prefix
    # The presentations fill a hall's screen, with no footer (their quick exit is tested in test_present.py).
    pages = [p for p in site.rglob("*.html") if "assets" not in p.parts and "present" not in p.parts]
    assert len(pages) > 30
    for path in pages:
        html = path.read_text(encoding="utf-8")
        assert re.search(r'<p class="cg-footer-safety"><a href="[^"]*safety\.html"[^>]*>', html), path
        assert 'id="cg-quick-exit"' in html, path
