"""Validate loaded YAML against the shipped JSON Schemas, with editor-friendly messages."""

from __future__ import annotations

import datetime as dt
import difflib
import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from canhgiac.errors import Collector
from canhgiac.yamlsrc import Located

SCHEMAS = ("common", "lesson", "laws", "locality", "quiz", "cards")


@cache
def _registry() -> Registry:
    folder = resources.files("canhgiac") / "schemas"
    pairs = []
    for name in SCHEMAS:
        doc = json.loads((folder / f"{name}.schema.json").read_text(encoding="utf-8"))
        pairs.append((f"{name}.schema.json", Resource.from_contents(doc)))
    return Registry().with_resources(pairs)


@cache
def validator(name: str) -> Draft202012Validator:
    """Return a validator for one of the shipped schemas."""
    schema = _registry()[f"{name}.schema.json"].contents
    return Draft202012Validator(
        schema, registry=_registry(), format_checker=Draft202012Validator.FORMAT_CHECKER
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
    if kind == "minLength":
        return f"'{field}' is empty", "write the text"
    if kind == "maxLength":
        return f"'{field}' is {len(error.instance)} characters long, more than {error.validator_value}", "shorten it"
    if kind == "maxItems":
        return f"'{field}' has {len(error.instance)} items, more than {error.validator_value}", ""
    if kind in ("minimum", "maximum"):
        return f"'{field}' is {error.instance}, outside the allowed range", ""
    if kind == "oneOf":
        return f"'{field}' must be a date (YYYY-MM-DD) or null, found {_describe(error.instance)}", ""
    return f"'{field}': {error.message}", ""


def check(located: Located, name: str, path: Path, out: Collector) -> bool:
    """Validate `located.data` against schema `name`; record problems; return True when valid."""
    v = validator(name)
    errors = sorted(v.iter_errors(jsonable(located.data)), key=lambda e: list(map(str, e.absolute_path)))
    for error in errors:
        props = list((error.schema.get("properties") or {}).keys()) if isinstance(error.schema, dict) else []
        message, hint = _message(error, props)
        where = list(error.absolute_path)
        if error.validator == "additionalProperties":
            where.append(message.split("'")[1])  # point at the unknown key itself
        out.add(path, located.line(*where), message, hint)
    return not errors
