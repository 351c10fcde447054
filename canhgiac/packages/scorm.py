"""SCORM 1.2 packages: a lesson (or the whole course) as built pages, their files and an imsmanifest.xml."""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from canhgiac.packages.archive import Deflated, zip_bytes
from canhgiac.packages.links import PackageError, SiteFiles, loads_closure, relative, relink

# What only the website needs: the service worker (a package has no sw.js, and an LMS serves it), the site-wide
# search (its index is not in the package) and the web app manifest.
SITE_ONLY = re.compile(r'<script src="[^"]*/(?:sw-register|search)\.js" defer></script>\s*|<link rel="manifest"[^>]*>\s*')
BODY_END = re.compile(r"</body>", re.I)
QUICK_EXIT = re.compile(r'(<a\b[^>]*\bid="cg-quick-exit")')
NAMESPACES = (
    'xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2" '
    'xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd '
    'http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd"'
)


@dataclass(frozen=True)
class Sco:
    """One lesson as a SCO: its id, title (in the package's language) and built page (site path)."""

    id: str
    title: str
    page: str
    has_quiz: bool


def sco_page(html: str, page: str, adapter: str, pass_mark: int, public: str | None) -> tuple[str, set[str]]:
    """Adapt a built lesson page for a package: only its own files, other pages on the public site, the adapter.

    Returns the page and the site paths of the files it loads.
    """
    html = SITE_ONLY.sub("", html)
    rewritten = relink(html, page, keep=lambda target: False, public=public)
    src = relative(page, adapter)
    script = f'<script src="{src}" data-pass-mark="{pass_mark}" defer></script>\n'
    text, found = BODY_END.subn(lambda m: script + m.group(0), rewritten.html, count=1)
    if not found:
        raise PackageError(f"{page}: no </body> to add the SCORM adapter to")
    # The page's quick exit already leaves the whole LMS window (target="_top", even before any script runs); in a
    # package it erases only the site's own data, never the LMS's (data-cg-own, exit.js).
    text = QUICK_EXIT.sub(r'\1 data-cg-own=""', text)
    return text, rewritten.loads


def manifest(identifier: str, title: str, scos: list[Sco], shared: list[str], pass_mark: int) -> str:
    """The imsmanifest.xml of a package: one organisation, one item and one resource per SCO, the shared files."""
    items, res = [], []
    for sco in scos:
        mastery = f"\n        <adlcp:masteryscore>{pass_mark}</adlcp:masteryscore>" if sco.has_quiz else ""
        items.append(
            f'      <item identifier="ITEM-{sco.id}" identifierref="RES-{sco.id}" isvisible="true">\n'
            f"        <title>{escape(sco.title)}</title>{mastery}\n      </item>"
        )
        res.append(
            f'    <resource identifier="RES-{sco.id}" type="webcontent" adlcp:scormtype="sco" href={quoteattr(sco.page)}>\n'
            f"      <file href={quoteattr(sco.page)}/>\n"
            f'      <dependency identifierref="RES-shared"/>\n    </resource>'
        )
    files = "\n".join(f"      <file href={quoteattr(path)}/>" for path in shared)
    res.append(f'    <resource identifier="RES-shared" type="webcontent" adlcp:scormtype="asset">\n{files}\n    </resource>')
    nl = "\n"
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<manifest identifier="{identifier}" version="1.0" {NAMESPACES}>\n'
        "  <metadata>\n    <schema>ADL SCORM</schema>\n    <schemaversion>1.2</schemaversion>\n  </metadata>\n"
        '  <organizations default="ORG">\n'
        f'    <organization identifier="ORG">\n      <title>{escape(title)}</title>\n{nl.join(items)}\n'
        "    </organization>\n  </organizations>\n"
        f"  <resources>\n{nl.join(res)}\n  </resources>\n</manifest>\n"
    )


def scorm_package(site: SiteFiles, identifier: str, title: str, scos: list[Sco], *, pass_mark: int, public: str | None,
                  adapter_path: str, cache: Deflated | None = None, memo: dict | None = None) -> bytes:
    """The bytes of a SCORM 1.2 zip holding `scos` (pages of the built site at `site`), reproducibly.

    `memo` keeps the adapted pages (a lesson goes into its own package and into the course package).
    """
    memo = {} if memo is None else memo
    entries: dict[str, bytes] = {}
    loads: set[str] = set()
    for sco in scos:
        if sco.page not in memo:
            memo[sco.page] = sco_page(site.text(sco.page), sco.page, adapter_path, pass_mark,
                                      public)
        html, found = memo[sco.page]
        entries[sco.page] = html.encode("utf-8")
        loads |= found
    pages = {sco.page for sco in scos}
    for path in sorted(loads_closure(site, loads) - pages):
        entries[path] = site.bytes(path)
    if not site.exists(adapter_path):
        raise PackageError(f"{adapter_path}: the SCORM adapter is missing from the built site")
    entries[adapter_path] = site.bytes(adapter_path)
    shared = sorted(set(entries) - pages)
    entries["imsmanifest.xml"] = manifest(identifier, title, scos, shared, pass_mark).encode("utf-8")
    return zip_bytes(entries, cache)


def sco_id(text: str) -> str:
    """An XML ID (NCName) from a lesson id."""
    clean = re.sub(r"[^A-Za-z0-9._-]", "-", text)
    return clean if re.match(r"[A-Za-z_]", clean) else f"L{clean}"


