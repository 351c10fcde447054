"""Interface strings in gettext catalogs: complete, used, overridable by a project, with clear errors."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import jinja2
import pytest
from babel.messages.pofile import read_po
from conftest import FIXTURES, ROOT, copy_project, run_build
from lxml import html as lxml_html

from canhgiac.errors import ContentError
from canhgiac.i18n import PACKAGE_LOCALES, Catalog, Catalogs, catalog_path, package_languages, plural_form
from canhgiac.i18n import package_catalog as strings
from canhgiac.i18n_extract import check, python_msgids, used_msgids
from canhgiac.packages.plan import format_size

# The done-criterion: these texts live in the catalogs only.
FORBIDDEN = ("Thoát nhanh", "Đường dây nóng", "Tải về", "Lưu để đọc khi không có mạng", "Quick exit", "Save for offline",
             "Trainer handbook")
PLACEHOLDER = re.compile(r"\{(\w*)\}")
HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'


def raw(lang: str) -> dict[str, str]:
    """msgid -> msgstr of a package catalog, as the file has them (fuzzy and empty ones included)."""
    with catalog_path(PACKAGE_LOCALES, lang).open("rb") as f:
        return {m.id: m.string for m in read_po(f) if m.id}


def write_po(project: Path, lang: str, body: str) -> Path:
    path = project / "locales" / lang / "LC_MESSAGES" / "canhgiac.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def problems(langs, project: Path) -> str:
    with pytest.raises(ContentError) as caught:
        Catalogs.load(langs, project)
    return str(caught.value)


def test_the_package_has_a_catalog_per_site_language():
    assert set(package_languages()) >= {"vi", "en"}


def test_every_catalog_has_the_same_msgids_all_translated():
    langs = package_languages()
    first = raw(langs[0])
    for lang in langs:
        mine = raw(lang)
        assert mine.keys() == first.keys(), (lang, mine.keys() ^ first.keys())
        # an optional plural form ('one', 'few'…) is left empty by a language without it (Vietnamese has no 'one')
        assert all(v or plural_form(k, set(mine)) for k, v in mine.items()), (lang, [k for k, v in mine.items() if not v])


def test_placeholders_are_the_same_in_every_catalog():
    langs = package_languages()
    first = raw(langs[0])
    for lang in langs[1:]:
        for msgid, text in raw(lang).items():
            if not text and plural_form(msgid, set(first)):
                continue  # a plural form this language has not
            assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(first[msgid])), (lang, msgid)


def test_every_msgid_the_templates_and_code_use_is_in_every_catalog():
    uses = used_msgids()
    # The extraction sees every kind of use: templates, ui["key"], *_STRINGS tuples, gettext().
    paths = {use.path for use in uses}
    assert {"overrides/main.html", "canhgiac/handbook/templates/handbook.html.j2",
            "canhgiac/outreach/templates/outreach.html.j2", "canhgiac/quiz/render.py", "canhgiac/plugin/plugin.py",
            "canhgiac/packages/plan.py", "canhgiac/i18n.py"} <= paths
    for lang in package_languages():
        catalog = raw(lang)
        missing = [f"{u.path}:{u.line}: {u.msgid}" for u in uses if u.msgid not in catalog]
        assert not missing, (lang, missing)


def test_no_catalog_holds_an_unused_msgid_and_the_check_command_agrees():
    used = {use.msgid for use in used_msgids()}
    for lang in package_languages():
        assert set(raw(lang)) - used == set(), lang
    assert check() == []


def test_the_python_extractor_sees_catalog_reads():
    source = '''
CLIENT_STRINGS = ("check", "score")
def f(ui, self, lang):
    a = ui["quick_exit"] + self.s["keep"] + strings(lang)["menu"] + self.catalogs[lang]["table"]
    b = ui.gettext("date_format") + other["not_a_msgid"] + ui[f"download_{lang}"]
'''
    assert sorted(m for _, m in python_msgids(source)) == [
        "check", "date_format", "keep", "menu", "quick_exit", "score", "table"]


def test_no_interface_text_stays_in_python():
    for path in (ROOT / "canhgiac").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for phrase in FORBIDDEN:
            assert phrase not in text, f"{path.relative_to(ROOT)}: {phrase}"


def test_a_catalog_is_a_mapping_with_gettext_and_dates():
    catalogs = Catalogs.load(["vi", "en"])
    vi, en = catalogs["vi"], catalogs["en"]
    assert list(catalogs) == ["vi", "en"]
    assert isinstance(vi, Catalog) and vi.lang == "vi"
    assert vi["quick_exit"] == "Thoát nhanh" and en["quick_exit"] == "Quick exit"
    assert en["search_results_other"].format(n=3) == "3 results"
    assert en.gettext("save_offline") == "Save for offline" and en.gettext("no-such-key") == "no-such-key"
    assert en.translations.gettext("handbook_title") == "Trainer handbook"
    assert en.ngettext("lesson", "lessons", 1) == "Lesson"
    assert vi.format_date(dt.date(2025, 7, 1)) == "01/07/2025"
    assert en.format_date("2025-07-01") == "1 July 2025"
    assert dict(strings("vi")) == dict(vi) and strings("en").format_date("2025-11-29") == "29 November 2025"


def test_sizes_use_the_languages_decimal_sign():
    assert format_size(850_000, strings("vi")) == "850 kB"
    assert format_size(3_249_999, strings("vi")) == "3,2 MB"
    assert format_size(3_250_001, strings("en")) == "3.3 MB"
    assert format_size(2_450_000, strings("en")) == "2.5 MB"  # rounded as Python rounds the float, as before


def test_jinja_gets_the_strings_and_a_percent_sign_survives(tmp_path):
    write_po(tmp_path, "en", 'msgid "quick_exit"\nmsgstr "Leave: 100% now"\n')
    catalog = Catalogs.load(["vi", "en"], tmp_path)["en"]
    env = jinja2.Environment(extensions=["jinja2.ext.i18n"], autoescape=True)
    env.install_gettext_translations(catalog.translations, newstyle=True)
    template = env.from_string('{{ _("quick_exit") }} · {{ _("search_results_other").format(n=2) }}')
    assert template.render() == "Leave: 100% now · 2 results"


def test_a_project_catalog_overrides_entries(tmp_path):
    write_po(tmp_path, "vi", '#. a province\'s own wording\nmsgid "hotlines"\nmsgstr "Số điện thoại khẩn cấp"\n')
    catalogs = Catalogs.load(["vi", "en"], tmp_path)
    assert catalogs["vi"]["hotlines"] == "Số điện thoại khẩn cấp"
    assert catalogs["vi"]["quick_exit"] == "Thoát nhanh"  # the rest from the package
    assert catalogs["en"]["hotlines"] == "Hotlines"


def test_an_override_of_an_unknown_msgid_names_file_and_line(tmp_path):
    write_po(tmp_path, "en", 'msgid "menu"\nmsgstr "Menu"\n\nmsgid "quik_exit"\nmsgstr "Leave"\n')
    assert problems(["vi", "en"], tmp_path) == (
        "1 problem in the content:\n"
        "locales/en/LC_MESSAGES/canhgiac.po:8: unknown msgid 'quik_exit'\n"
        "    hint: a project catalog only overrides the package's strings: check the spelling against "
        "canhgiac/locales/en/LC_MESSAGES/canhgiac.po")


def test_a_po_syntax_error_names_file_and_line(tmp_path):
    write_po(tmp_path, "vi", 'msgid "menu"\nmsgstr "Danh mục\n')
    assert problems(["vi", "en"], tmp_path) == (
        "1 problem in the content:\n"
        'locales/vi/LC_MESSAGES/canhgiac.po:6: this line is not valid .po syntax: msgstr "Danh mục\n'
        '    hint: each entry is msgid "key" then msgstr "text" on the next line, with " inside the text written \\"; '
        "Poedit or `msgfmt --check` point at the mistake")


def test_an_empty_or_fuzzy_override_is_refused(tmp_path):
    write_po(tmp_path, "en", '#, fuzzy\nmsgid "menu"\nmsgstr "Men"\n')
    assert problems(["vi", "en"], tmp_path) == (
        "1 problem in the content:\n"
        "locales/en/LC_MESSAGES/canhgiac.po:6: msgid 'menu' has no usable text (empty or marked fuzzy)\n"
        "    hint: write the msgstr and remove the `#, fuzzy` line")


def test_a_language_without_a_catalog_is_a_clear_error(tmp_path):
    assert problems(["vi", "en", "km"], tmp_path) == (
        "1 problem in the content:\n"
        "locales/km/LC_MESSAGES/canhgiac.po: the site language 'km' has no interface strings catalog\n"
        "    hint: copy canhgiac/locales/en/LC_MESSAGES/canhgiac.po (the reference) to "
        "locales/km/LC_MESSAGES/canhgiac.po beside mkdocs.yml and translate every msgstr; or remove the language "
        "from the i18n plugin's `languages:` in mkdocs.yml")


def test_a_new_language_from_a_copy_of_the_reference_catalog(tmp_path):
    reference = catalog_path(PACKAGE_LOCALES, "en").read_text(encoding="utf-8")
    target = write_po(tmp_path, "km", "")
    target.write_text(reference.replace('msgid "language_name"\nmsgstr "English"', 'msgid "language_name"\nmsgstr "ភាសាខ្មែរ"')
                      + '\nmsgid "material.search.placeholder"\nmsgstr "ស្វែងរក"\n', encoding="utf-8")
    km = Catalogs.load(["vi", "en", "km"], tmp_path)["km"]
    assert km["language_name"] == "ភាសាខ្មែរ" and km["quick_exit"] == "Quick exit"
    assert km["material.search.placeholder"] == "ស្វែងរក"  # Material's own strings, for a language it lacks
    assert km.format_date("2025-07-01") == "1 កក្កដា 2025"  # the month from CLDR


def test_a_project_language_catalog_must_be_complete(tmp_path):
    write_po(tmp_path, "km", 'msgid "menu"\nmsgstr "ម៉ឺនុយ"\n')
    message = problems(["vi", "km"], tmp_path)
    assert "locales/km/LC_MESSAGES/canhgiac.po: msgid 'quick_exit' is missing\n" in message
    assert "locales/km/LC_MESSAGES/canhgiac.po: msgid 'menu' is missing" not in message


def test_plural_forms_by_cldr_category_and_other_is_required(tmp_path):
    assert strings("en").plural("search_results") == {"one": "{n} result", "other": "{n} results"}
    assert strings("vi").plural("search_results") == {"other": "{n} kết quả"}  # Vietnamese has only 'other'
    # a language with more forms adds them in its own catalog; 'other' stays required, named with its file
    reference = catalog_path(PACKAGE_LOCALES, "en").read_text(encoding="utf-8")
    target = write_po(tmp_path, "ru", "")
    target.write_text(reference + '\nmsgid "search_results_few"\nmsgstr "{n} результата"\n', encoding="utf-8")
    assert Catalogs.load(["vi", "ru"], tmp_path)["ru"].plural("search_results")["few"] == "{n} результата"
    target.write_text(reference.replace('msgid "search_results_other"\nmsgstr "{n} results"\n', ""), encoding="utf-8")
    assert problems(["vi", "ru"], tmp_path) == (
        "1 problem in the content:\n"
        "locales/ru/LC_MESSAGES/canhgiac.po: msgid 'search_results_other' is missing: the plural form 'other' of "
        "'search_results' is needed in every language\n"
        "    hint: add it with the text for any number, written with {n}; the forms 'one', 'few'… are optional, by "
        "the language's CLDR plural rules")


def _no_extras(project: Path) -> None:
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  - canhgiac\n", "  - canhgiac:\n      handbook_enabled: false\n      outreach_enabled: false\n"
                          "      packages_enabled: false\n"), encoding="utf-8")


def test_a_project_override_changes_the_built_pages(tmp_path):
    project = copy_project(FIXTURES / "mini", tmp_path / "mini")
    _no_extras(project)
    write_po(project, "en", 'msgid "quick_exit"\nmsgstr "Leave this site"\n\n'
                            'msgid "check"\nmsgstr "Check my answer"\n\n'
                            'msgid "date_format"\nmsgstr "y-MM-dd"\n')
    build = run_build(project)
    assert build.returncode == 0, build.output
    en = lxml_html.fromstring((build.site / "en" / "lessons" / "demo.html").read_text(encoding="utf-8"))
    assert en.get_element_by_id("cg-quick-exit").text_content() == "Leave this site"  # a template string
    quiz = en.xpath("//*[@data-module='cg-quiz']")[0]
    assert json.loads(quiz.get("data-i18n"))["check"] == "Check my answer"  # the quiz renderer
    reviewed = en.xpath("//*[contains(@class, 'cg-lesson__reviewed')]/time")[0].text_content()
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", reviewed), reviewed  # dates
    vi = lxml_html.fromstring((build.site / "lessons" / "demo.html").read_text(encoding="utf-8"))
    assert vi.get_element_by_id("cg-quick-exit").text_content() == "Thoát nhanh"
    not_found = (build.site / "404.html").read_text(encoding="utf-8")
    assert "Leave this site" in not_found and "Thoát nhanh" in not_found


def test_a_bad_project_catalog_stops_the_build_with_file_and_line(tmp_path):
    project = copy_project(FIXTURES / "mini", tmp_path / "mini")
    _no_extras(project)
    write_po(project, "en", 'msgid "quick_exit"\nmsgstr "Leave"\n\nmsgid "quick_exitt"\nmsgstr "Leave"\n')
    build = run_build(project)
    assert build.returncode != 0
    assert "locales/en/LC_MESSAGES/canhgiac.po:8: unknown msgid 'quick_exitt'" in build.output
    assert "Traceback" not in build.output


def test_a_third_language_builds_with_its_catalog_in_the_project(tmp_path):
    from multilang import add_language

    project = copy_project(FIXTURES / "mini", tmp_path / "mini")
    _no_extras(project)
    reference = catalog_path(PACKAGE_LOCALES, "en")
    add_language(project, "km", catalog_from=reference)
    catalog = project / "locales" / "km" / "LC_MESSAGES" / "canhgiac.po"
    catalog.write_text(catalog.read_text(encoding="utf-8").replace(
        'msgid "quick_exit"\nmsgstr "Quick exit"', 'msgid "quick_exit"\nmsgstr "ចាកចេញរហ័ស"'), encoding="utf-8")
    build = run_build(project)
    assert build.returncode == 0, build.output
    km = lxml_html.fromstring((build.site / "km" / "index.html").read_text(encoding="utf-8"))
    assert km.get_element_by_id("cg-quick-exit").text_content() == "ចាកចេញរហ័ស"
    not_found = lxml_html.fromstring((build.site / "404.html").read_text(encoding="utf-8"))
    assert "ចាកចេញរហ័ស" in not_found.get_element_by_id("cg-quick-exit").text_content()
    catalog.unlink()  # without its catalog, the language stops the build with what to do
    build = run_build(project)
    assert build.returncode != 0
    assert "locales/km/LC_MESSAGES/canhgiac.po: the site language 'km' has no interface strings catalog" in build.output
    assert "Traceback" not in build.output
