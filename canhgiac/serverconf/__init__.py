"""The header configuration of each web server the README documents, written into the site by the build.

No MkDocs here. Each file carries the exact policy of `canhgiac.policy` (the 404 page's two hashes included, so the
header never blocks what the 404 page's own policy allows) and sends `404.html` of the site's folder for a missing
address, under the site's sub-path. The sub-path is site_url's path (locality.yml), `/` when site_url is not set.

Where the files go: `.htaccess` (Apache) and `_headers` (Netlify, Cloudflare Pages) must sit at the site root to be
read. The nginx and Caddy snippets are read from disk by the server's own configuration (`include`, `import`), so
they sit in `_server/`; a server that also serves that folder shows nothing secret: only the headers every response
carries anyway.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from canhgiac.policy import OTHER_HEADERS, header_policy

FOLDER = "_server"
NGINX = f"{FOLDER}/nginx.conf"
CADDY = f"{FOLDER}/Caddyfile"
APACHE = ".htaccess"
HEADERS = "_headers"
FILES = (APACHE, HEADERS, NGINX, CADDY)


def sub_path(site_url: str) -> str:
    """The path the site is served under ('/camau/'), from its address; '/' without one."""
    path = urlsplit(site_url or "").path or "/"
    return path if path.endswith("/") else path + "/"


def _headers() -> list[tuple[str, str]]:
    return [("Content-Security-Policy", header_policy()), *OTHER_HEADERS]


def _head(comment: str, base: str, how: str) -> str:
    return (f"# Cảnh giác: security headers and the 404 page for the site served at {base}\n"
            f"# Written by the build (canhgiac/serverconf/): do not edit; build again after changing site_url.\n"
            f"# {comment}\n{how}")


def nginx(base: str) -> str:
    """A snippet for the `location` block that serves the site (nginx: `include`)."""
    how = ("# In the server block, with the site's folder as its alias (or root):\n"
           f"#   location {base} {{\n#       alias /srv/canh-giac/site/;\n"
           f"#       include /srv/canh-giac/site/{NGINX};\n#   }}\n"
           "# An add_header in a nested location would replace these: include the snippet there too.\n")
    lines = [f'add_header {name} "{value}" always;' for name, value in _headers()]
    return _head("nginx", base, how) + "\n".join([*lines, f"error_page 404 {base}404.html;"]) + "\n"


def apache(base: str) -> str:
    """The site root's .htaccess (needs `AllowOverride FileInfo` and mod_headers for the headers)."""
    how = ("# Apache reads this file from the site's folder when the virtual host allows it (AllowOverride FileInfo);\n"
           "# the same lines may go in the virtual host instead.\n")
    lines = [f'  Header always set {name} "{value}"' for name, value in _headers()]
    return (_head("Apache", base, how) + f"ErrorDocument 404 {base}404.html\n<IfModule mod_headers.c>\n"
            + "\n".join(lines) + "\n</IfModule>\n")


def caddy(base: str) -> str:
    """A Caddyfile snippet (`import` it in the site block; the site's folder at `base` under the root)."""
    how = ("# In the Caddyfile, with the folder that holds the site at " + base + " as root:\n"
           f"#   import /srv/canh-giac/site/{CADDY}\n#   example.org {{\n#       root * /srv/www\n"
           "#       file_server\n#       import canh-giac\n#   }\n")
    header = "\n".join(f'\t\t{name} "{value}"' for name, value in _headers())
    return (_head("Caddy", base, how) + "(canh-giac) {\n\theader {\n" + header + "\n\t}\n"
            "\thandle_errors {\n\t\t@missing expression {err.status_code} == 404\n\t\thandle @missing {\n"
            f"\t\t\trewrite * {base}404.html\n\t\t\theader {{\n"
            + header.replace("\t\t", "\t\t\t\t") + "\n\t\t\t}\n\t\t\tfile_server\n\t\t}\n\t}\n}\n")


def netlify(base: str) -> str:
    """`_headers` at the site root (Netlify, Cloudflare Pages): paths there are the site's own, from its root."""
    lines = [f"  {name}: {value}" for name, value in _headers()]
    return ("# Cảnh giác: security headers (Netlify, Cloudflare Pages). Written by the build: do not edit.\n"
            "# Both hosts send 404.html of the site's folder for a missing address by themselves.\n/*\n"
            + "\n".join(lines) + "\n")


def server_files(site_url: str) -> dict[str, str]:
    """Every configuration file by its path in the site."""
    base = sub_path(site_url)
    return {APACHE: apache(base), HEADERS: netlify(base), NGINX: nginx(base), CADDY: caddy(base)}
