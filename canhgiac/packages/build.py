"""Write every package of site/download/ from the built site, then the sizes into the Downloads pages."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from canhgiac.content.project import Project
from canhgiac.i18n import package_catalog
from canhgiac.packages.archive import Deflated
from canhgiac.packages.bundle import bundle_files, offline_bundle, start_page
from canhgiac.packages.links import PackageError, SiteFiles, relative
from canhgiac.packages.moodle import moodle_xml
from canhgiac.packages.plan import Package, fill_sizes, format_size
from canhgiac.packages.scorm import Sco, sco_id, scorm_package
from canhgiac.sessions.output import session_file_lang

# The offline bundles contain the Downloads pages, which state the bundles' own sizes: sizes are shown rounded,
# so putting them in and zipping again settles after a round or two.
MAX_ROUNDS = 6


@dataclass
class PackageJob:
    """What the writers need from a finished build (all paths are site paths, relative to `site`)."""

    site: Path
    project: Project
    packages: list[Package]
    prefix: str                                   # start of every file name and identifier
    lesson_pages: dict[str, dict[str, str]]       # lang -> lesson id -> its page
    home_pages: dict[str, str]                    # lang -> home page
    site_names: dict[str, str]                    # lang -> site name
    adapter_path: str                             # where the SCORM adapter goes in a package
    public: str | None = None                     # the published address, ending in '/'
    download_pages: dict[str, str] = field(default_factory=dict)  # Downloads page -> its language
    handbooks: dict[str, str] = field(default_factory=dict)       # lang -> the PDF handbook
    bundle_always: tuple[str, ...] = ()                           # files every offline bundle carries
    cache: Deflated = field(default_factory=Deflated)             # what was compressed once is not compressed again
    memo: dict = field(default_factory=dict)                      # pages already rewritten, per kind of package
    catalogs: Mapping = field(default_factory=dict)               # lang -> interface strings (else the package's)

    def __post_init__(self):
        self.files = SiteFiles(self.site)

    def ui(self, lang: str):
        """The interface strings of a language."""
        return self.catalogs[lang] if lang in self.catalogs else package_catalog(lang)


def _scorm(job: PackageJob, package: Package) -> bytes:
    project, lang = job.project, package.lang
    lessons = project.ordered_lessons()
    if package.kind == "scorm-lesson":
        lessons = [lesson for lesson in lessons if lesson.id == package.lesson]
    scos = []
    for lesson in lessons:
        page = job.lesson_pages.get(lang, {}).get(lesson.id)
        if page is None:
            raise PackageError(f"the lesson '{lesson.id}' has no built page in '{lang}'")
        scos.append(Sco(sco_id(lesson.id), lesson.meta(lang)["title"], page, bool(lesson.meta(lang).get("quiz"))))
    ident = f"{job.prefix}-{lang}-" + (package.lesson if package.kind == "scorm-lesson" else "course")
    title = job.site_names.get(lang, job.prefix)
    if package.kind == "scorm-lesson":
        title = f"{title}: {package.title}"
    return scorm_package(job.files, sco_id(ident), title, scos, pass_mark=project.locality.pass_mark,
                         public=job.public, adapter_path=job.adapter_path, cache=job.cache,
                         memo=job.memo.setdefault("scorm", {}))


def _moodle(job: PackageJob, package: Package) -> bytes:
    bank = job.project.banks[package.bank]
    n = next(i for i, lesson in enumerate(job.project.ordered_lessons(), start=1) if lesson.id == package.lesson)
    category = f"{job.site_names.get(package.lang, job.prefix)}/{n:02d}. {package.title}"
    return moodle_xml(bank, package.lang, job.ui(package.lang), job.project.laws, category)


def _bundle(job: PackageJob, package: Package, pages: dict[str, str], sites: dict) -> bytes:
    with_handbook = package.kind == "offline-handbook"
    mine = job.handbooks.get(package.lang) if with_handbook else None

    def keep(target: str) -> bool:
        if target.startswith("download/"):
            return False
        if target.startswith("handbook/"):
            return with_handbook and target == mine
        if session_file_lang(target) is not None:  # session packs travel with their language's handbook
            return with_handbook and session_file_lang(target) == package.lang
        return True

    entries = [job.home_pages[lang] for lang in job.project.langs if lang in job.home_pages]
    if mine not in sites:  # the bundles without a handbook hold the same files: gather them once
        sites[mine] = bundle_files(job.files, entries, keep, job.public, pages, job.bundle_always,
                                   job.memo.setdefault(("bundle", mine), {}))
    files = sites[mine]
    ui = job.ui(package.lang)
    home = job.home_pages[package.lang]
    start = start_page(relative(ui["download_start_file"], home), ui["download_start_title"],
                       ui["download_start_link"], package.lang)
    folder = Path(package.path).stem
    return offline_bundle(folder, ui["download_start_file"], start, files, job.cache)


def write_packages(job: PackageJob) -> dict[str, int]:
    """Write every package into the site; fill in the sizes on the Downloads pages. Returns path -> size."""
    sizes: dict[str, int] = {}

    def write(package: Package, data: bytes) -> None:
        target = job.site / package.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        sizes[package.path] = len(data)

    bundles = []
    for package in job.packages:
        if package.kind.startswith("scorm"):
            write(package, _scorm(job, package))
        elif package.kind == "moodle":
            write(package, _moodle(job, package))
        else:
            bundles.append(package)

    pristine = {page: (job.site / page).read_text(encoding="utf-8") for page in job.download_pages}
    guess: dict[str, int] = {}
    shown: dict[str, str] | None = None
    for _ in range(MAX_ROUNDS):
        pages = {page: fill_sizes(text, {**sizes, **guess}, job.ui(job.download_pages[page])) for page, text in pristine.items()}
        sites: dict = {}
        made = {package.path: _bundle(job, package, pages, sites) for package in bundles}
        now = {path: format_size(len(data), job.ui(job.project.langs[0])) for path, data in made.items()}
        if now == shown:
            break
        guess = {path: len(data) for path, data in made.items()}
        shown = now
    else:
        raise PackageError("the sizes of the offline bundles did not settle; the Downloads pages would be wrong")
    for package in bundles:
        write(package, made[package.path])
    for page, text in pages.items():
        (job.site / page).write_text(text, encoding="utf-8")
    return sizes
