"""The server configurations the build writes (canhgiac/serverconf/): their content, and a real nginx serving the site
under a sub-path with the generated snippet included: the 404 page styled, its script allowed, its links and icon
under the site; a lesson page with a quiz under the header policy without a single CSP error."""

from __future__ import annotations

import base64
import hashlib
import os
import re
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, copy_project, run_build

from canhgiac.offline import precache_list
from canhgiac.policy import CONTENT_SECURITY_POLICY, header_policy
from canhgiac.serverconf import server_files, sub_path

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
PREFIX = "camau"


@pytest.fixture(scope="module")
def camau_site(tmp_path_factory):
    """The mini project published at https://example.org/camau/ (no handbook, leaflets or packages: not needed)."""
    project = copy_project(FIXTURES / "mini", tmp_path_factory.mktemp("camau") / "p")
    locality = project / "locality.yml"
    text = locality.read_text(encoding="utf-8")
    locality.write_text(re.sub(r"(?m)^site_url: .*$", "site_url: https://example.org/camau/", text), encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  - canhgiac\n", "  - canhgiac:\n      handbook_enabled: false\n      outreach_enabled: false\n"
        "      packages_enabled: false\n"), encoding="utf-8")
    build = run_build(project)
    assert build.returncode == 0, build.output
    return build.site


def _hashes(html: str) -> dict[str, str]:
    return {tag: "'sha256-" + base64.b64encode(hashlib.sha256(
        re.search(rf"<{tag}>(.*?)</{tag}>", html, re.S).group(1).encode()).digest()).decode() + "'"
        for tag in ("style", "script")}


def test_every_server_gets_the_pages_policy_with_the_404_hashes_and_the_sub_path(camau_site):
    hashes = _hashes((camau_site / "404.html").read_text(encoding="utf-8"))
    policy = header_policy()
    directives = dict(d.split(" ", 1) for d in policy.split("; "))
    assert directives["script-src"] == "'self' " + hashes["script"]
    assert directives["style-src"] == "'self' " + hashes["style"]
    assert directives["frame-ancestors"] == "'none'"
    # the rest is the pages' own policy, word for word (and what every page carries in its <meta>)
    assert policy.replace(" " + hashes["script"], "").replace(" " + hashes["style"], "") == \
        CONTENT_SECURITY_POLICY + "; frame-ancestors 'none'"
    assert f'content="{CONTENT_SECURITY_POLICY}"' in (camau_site / "lessons" / "demo.html").read_text(encoding="utf-8")
    files = {rel: (camau_site / rel).read_text(encoding="utf-8") for rel in server_files("https://example.org/camau/")}
    assert set(files) == {".htaccess", "_headers", "_server/nginx.conf", "_server/Caddyfile"}
    for rel, text in files.items():
        assert text.count(policy) == (2 if rel.endswith("Caddyfile") else 1), rel   # Caddy: normal and error routes
        assert "no-referrer" in text and "nosniff" in text, rel
    assert 'add_header Content-Security-Policy "' + policy + '" always;' in files["_server/nginx.conf"]
    assert "error_page 404 /camau/404.html;" in files["_server/nginx.conf"]
    assert "ErrorDocument 404 /camau/404.html" in files[".htaccess"]
    assert "rewrite * /camau/404.html" in files["_server/Caddyfile"]
    assert files["_headers"].splitlines()[2:4] == ["/*", f"  Content-Security-Policy: {policy}"]
    # none of them is a page to read offline
    assert not [u for u in precache_list(camau_site, "vi", ["vi", "en"]) if u in files or u.startswith("_server/")]


def test_sub_path_comes_from_site_url():
    assert sub_path("https://example.org/camau") == "/camau/"
    assert sub_path("https://example.org/") == sub_path("") == "/"
    assert "error_page 404 /404.html;" in server_files("")["_server/nginx.conf"]


def test_readme_points_at_the_generated_files_instead_of_copies():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in ("_server/nginx.conf", "_server/Caddyfile", ".htaccess", "_headers"):
        assert name in readme, name
    assert "add_header Content-Security-Policy" not in readme and "script-src 'self'" not in readme


# -- a real nginx ---------------------------------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def nginx(camau_site, tmp_path_factory):
    """Debian's nginx, as the current user, serving the site at /camau/ with the generated snippet included."""
    if not Path(NGINX).exists():
        pytest.fail("nginx is missing: scripts/setup --test installs it")
    prefix = tmp_path_factory.mktemp("nginx")
    (prefix / "logs").mkdir()
    port = _free_port()
    user = "user root;\n" if os.geteuid() == 0 else ""   # root's workers would otherwise run as nobody
    (prefix / "nginx.conf").write_text(f"""{user}worker_processes 1;
events {{ worker_connections 64; }}
http {{
  include /etc/nginx/mime.types;
  types {{ application/manifest+json webmanifest; }}
  access_log off;
  server {{
    listen 127.0.0.1:{port};
    location /{PREFIX}/ {{
      alias {camau_site}/;
      include {camau_site}/_server/nginx.conf;
    }}
  }}
}}
""", encoding="utf-8")
    proc = subprocess.Popen([NGINX, "-p", str(prefix), "-c", str(prefix / "nginx.conf"),
                             "-g", f"daemon off; pid {prefix}/nginx.pid; error_log stderr;"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}/{PREFIX}/"
    for _ in range(100):
        if proc.poll() is not None:
            pytest.fail("nginx did not start: " + proc.stdout.read().decode())
        try:
            urllib.request.urlopen(base + "index.html", timeout=1).close()
            break
        except OSError:
            time.sleep(0.05)
    yield base
    proc.terminate()
    proc.wait(timeout=10)


def test_nginx_sends_the_header_and_the_404_page(nginx):
    with urllib.request.urlopen(nginx + "index.html") as response:
        assert response.headers["Content-Security-Policy"] == header_policy()
    with pytest.raises(urllib.error.HTTPError) as missing:
        urllib.request.urlopen(nginx + "lessons/gone/old-page.html")
    assert missing.value.code == 404
    assert missing.value.headers["Content-Security-Policy"] == header_policy()
    assert 'data-cg-marker="manifest.vi.webmanifest"' in missing.value.read().decode()


def _csp_errors(watch) -> list[str]:
    return [e for e in watch.errors if "Content Security Policy" in e or "Refused" in e]


@pytest.mark.browser
def test_404_page_under_nginx_is_styled_and_its_links_stay_under_the_site(open_page, nginx):
    page, watch = open_page("phone")
    response = page.goto(nginx + "lessons/gone/old-page.html")
    assert response.status == 404
    assert response.headers["content-security-policy"] == header_policy()
    # its inline style applies (an unstyled page has a transparent header and serif text)
    assert page.evaluate("getComputedStyle(document.querySelector('.cg-nf-header')).backgroundColor") == \
        "rgb(64, 81, 181)"
    assert page.evaluate("getComputedStyle(document.querySelector('.cg-exit')).backgroundColor") == "rgb(183, 28, 28)"
    # its script ran: every link and the icon point at the site's root, /camau/, not at the domain's
    page.wait_for_function("""base => [...document.querySelectorAll('[data-cg-path]')]
        .every(el => el.href === base + el.getAttribute('data-cg-path'))""", arg=nginx)
    links = page.eval_on_selector_all("a[data-cg-path]", "els => els.map(a => a.href)")
    assert links and all(href.startswith(nginx) for href in links)
    icon = page.eval_on_selector("link[rel=icon]", "el => el.href")
    assert icon.startswith(nginx) and urllib.request.urlopen(icon).status == 200
    assert not [u for u in watch.requests if u.endswith("/favicon.ico")]
    page.locator("a[data-cg-path]").first.click()
    page.wait_for_url(nginx + "index.html")
    assert _csp_errors(watch) == []
    # the page itself and the script's look-ups in the folders above the missing one answer 404, nothing else fails
    assert [e for e in watch.errors if "status of 404" not in e] == []


@pytest.mark.browser
def test_lesson_with_a_quiz_works_under_the_header_policy(open_page, nginx):
    page, watch = open_page("desktop")
    response = page.goto(nginx + "lessons/demo.html")
    assert response.headers["content-security-policy"] == header_policy()
    question = page.locator(".cg-quiz__question").first
    question.locator("input").first.check()
    question.locator("button").first.click()
    feedback = question.locator(".cg-quiz__feedback")
    feedback.wait_for()
    assert feedback.inner_text().strip()
    assert page.evaluate("navigator.serviceWorker.ready.then(r => !!r.active)")  # the worker is allowed too
    assert watch.errors == [] and watch.external() == []
