"""What every HTML file the build writes carries: its security policy and the quick exit's strings.

No MkDocs here: the site's pages (canhgiac.plugin.pages) and the outputs that write pages of their own (the
presentations) read the same policy.
"""

# The interface strings the quick-exit script reads from its element (data-i18n).
EXIT_STRINGS = ("exit_activated", "exit_press_two", "exit_press_one", "exit_timed_out")

# Content-Security-Policy of every page, in a <meta http-equiv> (overrides/main.html; the presentations' own
# template): everything from the site itself, nothing inline. The built HTML has no inline script, no event-handler
# attribute, no style attribute and no <style> element (tests/test_accessibility.py checks every page), so style-src
# needs no 'unsafe-inline' either: Material writes <style> only for custom theme.icon admonition/annotation/tag icons,
# which this site draws with data: URIs in canhgiac.css instead, and scripts set styles through the CSSOM, which CSP
# allows. data: images are those URIs. 'self' also covers the site opened from a folder (file://) in Chromium
# (tests/test_site_browser.py). frame-ancestors, report-uri and sandbox are ignored in a <meta>: publishers set them
# as headers (README).
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
