"""The site's Content-Security-Policy: the pages' own (in a <meta>), the 404 page's, and the one servers send as a header.

No MkDocs here: the pages (canhgiac.plugin.pages), the outputs that write pages of their own (the presentations,
the offline pages) and the server configurations (canhgiac.serverconf) all read the policy from this one place, so
a header never blocks what a page's own policy allows. The quick exit's strings are here too: every page carries it.
"""

from __future__ import annotations

import base64
import hashlib
from importlib import resources

# The interface strings the quick-exit script reads from its element (data-i18n).
EXIT_STRINGS = ("exit_activated", "exit_press_two", "exit_press_one", "exit_timed_out")

# Content-Security-Policy of every page, in a <meta http-equiv> (overrides/main.html; the presentations' own
# template): everything from the site itself, nothing inline. The built HTML has no inline script, no event-handler
# attribute, no style attribute and no <style> element (tests/test_accessibility.py checks every page), so style-src
# needs no 'unsafe-inline' either: Material writes <style> only for custom theme.icon admonition/annotation/tag
# icons, which this site draws with data: URIs in canhgiac.css instead, and scripts set styles through the CSSOM,
# which CSP allows. data: images are those URIs. 'self' also covers the site opened from a folder (file://) in
# Chromium (tests/test_site_browser.py). frame-ancestors, report-uri and sandbox are ignored in a <meta>: servers
# send them as headers (canhgiac.serverconf).
CONTENT_SECURITY_POLICY = "; ".join((
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "manifest-src 'self'",
    "worker-src 'self'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
))
# The headers every response of the site may carry besides the policy (none of them has a <meta> form).
OTHER_HEADERS = (
    ("Referrer-Policy", "no-referrer"),
    ("X-Content-Type-Options", "nosniff"),
    ("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()"),
)


def not_found_inline(name: str) -> tuple[str, str]:
    """An inline source of the 404 page (canhgiac/assets/notfound/<name>) and its CSP hash source ('sha256-…')."""
    text = (resources.files("canhgiac") / "assets" / "notfound" / name).read_text(encoding="utf-8").strip()
    return text, "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def not_found_policy() -> str:
    """The 404 page's own policy: nothing but its hashed style and script, connections and images from the site."""
    style = not_found_inline("notfound.css")[1]
    script = not_found_inline("notfound.js")[1]
    return (f"default-src 'none'; style-src {style}; script-src {script}; connect-src 'self'; "
            "img-src 'self'; base-uri 'none'; form-action 'none'")


def header_policy(frame_ancestors: str = "'none'") -> str:
    """The policy a server sends with every response: the pages' own, the 404 page's hashes, `frame-ancestors`.

    A header applies to the 404 page too, on top of its <meta>: without its two hashes the page would show unstyled.
    """
    hashes = {"style-src": not_found_inline("notfound.css")[1], "script-src": not_found_inline("notfound.js")[1]}
    directives = []
    for directive in CONTENT_SECURITY_POLICY.split("; "):
        name = directive.split(" ", 1)[0]
        directives.append(f"{directive} {hashes[name]}" if name in hashes else directive)
    return "; ".join((*directives, f"frame-ancestors {frame_ancestors}"))
