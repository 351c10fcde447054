"""The e-learning packages as an output: SCORM 1.2, Moodle XML and offline bundles in site/download/."""

from __future__ import annotations

from pathlib import Path

from canhgiac.outputs import BuiltSite, Language, Output, OutputError, Written, relative_url
from canhgiac.slug import slugify

DOWNLOADS_TEMPLATE = "downloads.html"
SCORM_ADAPTER = "scorm.js"  # in the plugin's asset folder; loaded only by the packages' copies of the pages


def package_plan(site: BuiltSite):
    """Every package of site/download/, named after the default language's site name."""
    from canhgiac.packages import plan_packages

    prefix = slugify(site.default.site_name or "course") or "course"
    return prefix, plan_packages(site.project, prefix, "handbook" in site.running, site.catalogs)


class Packages(Output):
    """Write every package once every language (and its handbook) is written; then the Downloads pages' sizes."""

    name = "packages"
    title = "packages"
    on_serve = False

    def finish(self, site: BuiltSite) -> list[Written]:
        """Write site/download/ from the pages of every language."""
        from canhgiac.packages import PackageJob, write_packages
        from canhgiac.packages.links import PackageError

        prefix, packages = package_plan(site)
        asset_dir = site.settings.asset_dir
        home = {code: lang.pages["index.md"].dest for code, lang in site.languages.items() if "index.md" in lang.pages}
        downloads = {page.dest: code for code, lang in site.languages.items() for page in lang.pages.values()
                     if page.template == DOWNLOADS_TEMPLATE}
        public = site.settings.site_url or None
        if public and not public.endswith("/"):
            public += "/"
        # The client modules' folder travels whole with the offline bundles: a module may load files of its own.
        own = tuple(sorted(p.relative_to(site.folder).as_posix() for p in (site.folder / asset_dir).rglob("*")
                           if p.is_file()))
        job = PackageJob(site.folder, site.project, packages, prefix,
                         {code: site.lesson_pages(code, "dest") for code in site.languages}, home,
                         {code: lang.site_name for code, lang in site.languages.items()},
                         f"{asset_dir}/{SCORM_ADAPTER}", public, downloads, site.products.get("handbook", {}),
                         bundle_always=own, catalogs=site.catalogs)
        try:
            sizes = write_packages(job)
        except PackageError as exc:
            raise OutputError(f"packages: {exc}") from None
        return [Written(site.folder / path, size) for path, size in sizes.items()]

    def template_data(self, site: BuiltSite, lang: Language, template: str, page_url: str) -> dict:
        """What the Downloads page lists, grouped by kind; sizes are filled in once the packages are written."""
        if template != DOWNLOADS_TEMPLATE:
            return {}
        from canhgiac.packages.plan import size_marker

        ui = lang.ui
        groups: list[dict] = []
        for package in package_plan(site)[1]:
            if not groups or groups[-1]["kind"] != package.kind:
                groups.append({"kind": package.kind, "title": ui[f"download_{package.kind}"],
                               "purpose": ui[f"download_{package.kind}_purpose"], "rows": []})
            groups[-1]["rows"].append({
                "title": package.title, "language": site.languages[package.lang].ui["language_name"],
                "lang": package.lang, "url": relative_url(package.path, page_url),
                "file": Path(package.path).name, "size": size_marker(package.path, ui["download_size_pending"]),
            })
        return {"downloads": groups}
