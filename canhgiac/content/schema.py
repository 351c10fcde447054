"""Validate loaded YAML against the shipped JSON Schemas, with editor-friendly messages."""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from collections.abc import Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jsonschema_rs

from canhgiac.errors import Collector
from canhgiac.yamlsrc import Located

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from referencing import Registry

SCHEMAS = ("common", "lesson", "laws", "locality", "quiz", "cards")


@cache
def _documents(langs: tuple[str, ...] = ()) -> dict[str, dict]:
    """The shipped schemas by URI ('quiz.schema.json'), as parsed JSON, for the site's languages.

    The shipped `text` (common.schema.json) accepts any language code; with `langs` it takes exactly those, each
    required: the languages come from mkdocs.yml, not from the schema.
    """
    folder = resources.files("canhgiac") / "schemas"
    docs = {f"{name}.schema.json": json.loads((folder / f"{name}.schema.json").read_text(encoding="utf-8"))
            for name in SCHEMAS}
    if langs:
        text = docs["common.schema.json"]["$defs"]["text"]
        text.pop("patternProperties", None)
        text.pop("minProperties", None)
        text.update(properties={lang: {"type": "string", "minLength": 1} for lang in langs}, required=list(langs),
                    additionalProperties=False)
    return docs


@cache
def _registry(langs: tuple[str, ...] = ()) -> Registry:
    from referencing import Registry, Resource

    return Registry().with_resources([(uri, Resource.from_contents(doc)) for uri, doc in _documents(langs).items()])


@cache
def fast_validator(name: str, langs: tuple[str, ...] = ()) -> jsonschema_rs.Validator:
    """A compiled validator (jsonschema-rs) for one of the shipped schemas: it only says valid or not.

    Checking a file with `jsonschema` costs ~15 ms, most of a 100-lesson build's overhead over plain MkDocs;
    this answers in a fraction of a millisecond. Files it rejects are checked again by `validator`, whose
    errors make the editor-friendly messages, so the messages are unchanged (and `jsonschema` is imported
    only then).
    """
    registry = jsonschema_rs.Registry(list(_documents(langs).items()))
    return jsonschema_rs.validator_for(_documents(langs)[f"{name}.schema.json"], registry=registry,
                                       validate_formats=True)


@cache
def validator(name: str, langs: tuple[str, ...] = ()) -> Draft202012Validator:
    """Return a validator for one of the shipped schemas (the slow one, whose errors make the messages)."""
    from jsonschema import Draft202012Validator

    schema = _documents(langs)[f"{name}.schema.json"]
    return Draft202012Validator(
        schema, registry=_registry(langs), format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def jsonable(value: Any) -> Any:
    """Turn YAML dates into ISO strings so JSON Schema can check them."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [jsonable(v) for v in value]
    return value


def _field(path: tuple) -> str:
    parts = [str(p) for p in path if not isinstance(p, int)]
    return parts[-1] if parts else "the file"


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    text = repr(value) if not isinstance(value, (dict, list)) else type(value).__name__
    return text if len(text) < 60 else text[:57] + "..."


_TYPES = {"string": "text", "integer": "a whole number", "array": "a list", "object": "a mapping",
          "boolean": "true or false", "null": "null"}


def _message(error, schema_props: list[str]) -> tuple[str, str]:
    kind = error.validator
    field = _field(error.absolute_path)
    if kind == "required":
        missing = error.message.split("'")[1]
        return f"missing the required field '{missing}'", "add it; see the schema in canhgiac/schemas/"
    if kind == "additionalProperties":
        extra = error.message.split("'")[1]
        close = difflib.get_close_matches(extra, schema_props, n=1)
        hint = f"did you mean '{close[0]}'?" if close else "remove it or check its spelling"
        return f"unknown field '{extra}'", hint
    if kind == "type":
        want = _TYPES.get(error.validator_value, str(error.validator_value))
        hint = ""
        if error.validator_value == "string" and isinstance(error.instance, dict):
            hint = "the text contains ': ', which YAML reads as a field name; put the whole text in quotes"
        return f"expected {want} for '{field}', found {_describe(error.instance)}", hint
    if kind == "format" and error.validator_value == "date":
        return f"expected a date for '{field}', found {_describe(error.instance)}", "write it as YYYY-MM-DD"
    if kind == "enum":
        allowed = ", ".join(str(v) for v in error.validator_value)
        return f"'{field}' is {_describe(error.instance)}, which is not one of: {allowed}", ""
    if kind == "pattern":
        return f"'{field}' has an unexpected form: {_describe(error.instance)}", f"expected the form {error.validator_value}"
    if kind == "minItems":
        return f"'{field}' needs at least {error.validator_value} item(s)", ""
    if kind == "maxLength":
        return (f"'{field}' is too long ({len(error.instance)} characters, at most {error.validator_value})",
                "shorten it; the lesson text is the place for more (leaflet and poster texts are set in large type)")
    if kind == "minLength":
        return f"'{field}' is empty", "write the text"
    if kind == "maxItems":
        return f"'{field}' has {len(error.instance)} items, more than {error.validator_value}", "keep the strongest ones"
    if kind in ("minimum", "maximum"):
        low, high = error.schema.get("minimum"), error.schema.get("maximum")
        hint = f"use a whole number from {low} to {high}" if low is not None and high is not None else ""
        return f"'{field}' is {error.instance}, outside the allowed range", hint
    if kind == "oneOf":
        return f"'{field}' must be a date (YYYY-MM-DD) or null, found {_describe(error.instance)}", ""
    return f"'{field}': {error.message}", ""


CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.S)  # Markdown code: shown as text, so a tag there is fine


def _blank(m: re.Match) -> str:
    return " " * len(m.group(0))  # keep offsets, so the tag quoted is the one found


# HTML elements (WHATWG, with SVG and MathML roots): text such as '<b>' or '<script ...' would be read as a tag.
# An unknown name ('<Lan & Tí>') is left to the templates, which escape it, unless it carries an event handler.
ELEMENTS = (
    "a abbr address area article aside audio b base bdi bdo blockquote body br button canvas caption cite code col "
    "colgroup data datalist dd del details dfn dialog div dl dt em embed fieldset figcaption figure footer form frame "
    "frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe img input ins kbd label legend li link main map "
    "mark math menu meta meter nav noscript object ol optgroup option output p param picture pre progress q rp rt "
    "ruby s samp script search section select slot small source span strong style sub summary sup svg table tbody td "
    "template textarea tfoot th thead time title tr track u ul var video wbr applet marquee blink font center"
).split()
HTML_TAG = re.compile(r"<\s*/?\s*(?:" + "|".join(sorted(ELEMENTS, key=len, reverse=True)) + r")(?=[\s/>]|$)"
                      r"|<!--|<\?|<\s*[A-Za-z][\w-]*\s[^>]*\bon[a-z]+\s*=", re.I)


def html_in_text(located: Located, path: Path, out: Collector) -> bool:
    """Report HTML in any text value: editors' text is plain text (Markdown where a field allows it).

    Page titles, summaries and quiz texts reach templates and Markdown that pass HTML through, so a tag would
    change the page (and a <script> would run): it is refused with its line rather than escaped silently.
    """
    found = False

    def walk(value: Any, where: tuple) -> None:
        nonlocal found
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, (*where, k))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                walk(v, (*where, i))
        elif isinstance(value, str) and (m := HTML_TAG.search(CODE_SPAN.sub(_blank, value))):
            found = True
            tag = value[m.start():m.start() + 40].split(">")[0] + (">" if ">" in value[m.start():] else "")
            name = ".".join(str(p) for p in where if not isinstance(p, int)) or "the file"
            out.add(path, located.line(*where), f"HTML is not allowed in '{name}': {_describe(tag)}",
                    "write plain text (Markdown such as **bold** works in quiz texts); "
                    "to write a '<' sign, put a space after it")

    walk(located.data, ())
    return not found


def check(located: Located, name: str, path: Path, out: Collector, langs: Sequence[str] = ()) -> bool:
    """Validate `located.data` against schema `name`, and that no text holds HTML; record problems; True when valid.

    `langs` are the site's languages: every text must have exactly those (any language code when empty).
    """
    data = jsonable(located.data)
    langs = tuple(langs)
    errors = [] if fast_validator(name, langs).is_valid(data) else sorted(  # the fast check first: most are valid
        validator(name, langs).iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    for error in errors:
        props = list((error.schema.get("properties") or {}).keys()) if isinstance(error.schema, dict) else []
        message, hint = _message(error, props)
        if error.validator == "required" and error.message.split("'")[1] in langs:
            lang = error.message.split("'")[1]
            field = _field(error.absolute_path)
            message, hint = (f"missing the '{lang}' text of " + ("the option" if field == "text" else f"'{field}'"),
                             "write it in that language: every language listed in mkdocs.yml needs one")
        where = list(error.absolute_path)
        if error.validator == "additionalProperties":
            where.append(message.split("'")[1])  # point at the unknown key itself
        out.add(path, located.line(*where), message, hint)
    return html_in_text(located, path, out) and not errors
