"""The declared schema of every curator input, and the one validator that checks them.

Sidecars and `.md` front matter (with the `imported:` block `digest import` writes),
`curation/aliases.yml`, `curation/topics.yml` and `curation/editions.yml` are each a pydantic
model here. `validate(doc, kind)` checks a loaded YAML Document (digest/inputs/yamlfile.py)
against its model and turns every pydantic error into a Problem that names the file, the line
and column of the offending value (the error's path mapped to its YAML node), the key, what
was wrong and what is expected. The offending value is then dropped and the rest validated
again, so a build always goes on with the good values: a curator's one typo costs that
value, never the file, and never a traceback.

`digest check`, `digest build` and the MkDocs plugin all reach this module through the same
callers (seeds.read_seed, topics.load_taxonomy, editions.load_editions, check.curator_problems),
so they report the same problems in the same words."""
from __future__ import annotations

import calendar
import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

from pydantic import (BaseModel, BeforeValidator, ConfigDict, Field, ValidationError,
                      model_validator)

from digest.inputs.yamlfile import Document, node_at
from digest.model import Problem

MAX_PRUNES = 200  # rounds of "drop the bad values, validate again" before giving up


# ---------------------------------------------------------------- value types

def _text(value: Any) -> Any:
    """Numbers and dates are text a curator meant (`title: 1984`, `slug: 2024-05-17`);
    anything else that is not a string is left for pydantic to refuse."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, str):
        return value.strip()
    return value


def _date(value: Any) -> Any:
    """A day: a YAML date, or text YYYY-MM-DD. A date that does not exist says why."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
        if match:
            year, month, day = map(int, match.groups())
            if not 1 <= month <= 12:
                raise ValueError(f"{text} has no month {month}")
            if year < 1:
                raise ValueError(f"{text} has no year {year}")
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise ValueError(f"{text} has no day {day}: "
                                 f"{calendar.month_name[month]} {year} has {last} days")
            return dt.date(year, month, day)
        try:
            return dt.datetime.fromisoformat(text).date()
        except ValueError:
            raise ValueError(f"{short(value)} is not a date") from None
    raise ValueError(f"{short(value)} is not a date")


def _one_or_many(value: Any) -> Any:
    """`roles: {X: minister}` and `keywords: sanction` mean a list of one."""
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return [value]
    return value


Text = Annotated[str, BeforeValidator(_text), Field(strict=True)]
Day = Annotated[dt.date, BeforeValidator(_date)]
Names = list[Text]
OneOrMany = Annotated[list[Text], BeforeValidator(_one_or_many)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, strict=True)


# ---------------------------------------------------------------- sidecars and front matter

class QuoteFix(Strict):
    text: Text
    speaker: Text | None = None


class ImportedValues(Strict):
    title: Text | None = None
    date: Text | None = None
    source: Text | None = None
    author: Text | None = None
    url: Text | None = None
    image: Text | None = None


class Imported(Strict):
    """What `digest import` found, kept beside the curator's own keys."""

    source: Text | None = None
    at: Text | None = None
    values: ImportedValues | None = None


class SeedMeta(Strict):
    """A sidecar `NAME.yml`, or the front matter of `NAME.md`."""

    title: Text | None = None
    summary: Text | None = None
    source: Text | None = None
    url: Text | None = None
    author: Text | None = None
    image: Text | None = None
    slug: Text | None = None
    credit: Text | None = None
    caption: Text | None = None
    date: Day | None = None
    draft: bool | None = None
    people: Names | None = None
    organizations: Names | None = None
    places: Names | None = None
    topics: Names | None = None
    keyphrases: Names | None = None
    add_people: Names | None = None
    add_organizations: Names | None = None
    add_places: Names | None = None
    add_topics: Names | None = None
    exclude: Names | None = None
    quotes: list[QuoteFix] | None = None
    roles: dict[Text, OneOrMany] | None = None
    imported: Imported | None = None


# ---------------------------------------------------------------- aliases.yml

def _alias_entry(value: Any) -> Any:
    """The old shape `Name: [variants]` (or one variant, or nothing) is the new shape's
    `variants:`."""
    if value is None:
        return {}
    if isinstance(value, (list, str, int, float)) and not isinstance(value, bool):
        return {"variants": _one_or_many(value)}
    return value


class AliasEntry(Strict):
    variants: OneOrMany = []
    kind: Literal["person", "organization", "place"] | None = None
    sort_as: Text | None = None


class AliasesFile(Strict):
    canonical: dict[Text, Annotated[AliasEntry, BeforeValidator(_alias_entry)]] = {}
    ignore: OneOrMany = []


# ---------------------------------------------------------------- topics.yml

class TopicSpec(Strict):
    label: Text
    parent: Text | None = None
    description: Text | None = None
    keywords: OneOrMany = []
    entities: OneOrMany = []
    threshold: Annotated[float, Field(gt=0, strict=False)] = 2.0


def _topics_root(value: Any) -> Any:
    return {"topics": value} if isinstance(value, list) else value


class TopicsFile(Strict):
    topics: list[TopicSpec] = []


# ---------------------------------------------------------------- editions.yml

class EditionEntry(Strict):
    title: Text
    date: Day
    intro: Text | None = None
    articles: Names | None = None
    start: Day | None = Field(None, alias="from")
    end: Day | None = Field(None, alias="to")
    slug: Text | None = None

    @model_validator(mode="after")
    def _has_contents(self) -> "EditionEntry":
        if self.articles is None and self.start is None and self.end is None:
            raise ValueError("gives neither `articles` nor a date range (`from`, `to`)")
        if self.start and self.end and self.start > self.end:
            raise ValueError(f"`from` ({self.start}) is after `to` ({self.end})")
        return self


class EditionsFile(Strict):
    editions: list[EditionEntry] = []


MODELS: dict[str, type[BaseModel]] = {
    "sidecar": SeedMeta,
    "front matter": SeedMeta,
    "aliases": AliasesFile,
    "topics": TopicsFile,
    "editions": EditionsFile,
}
ROOTS = {"topics": _topics_root}

# What each key expects, in a curator's words (keys of nested models by their own name).
EXPECTED = {
    "date": "a date YYYY-MM-DD, e.g. `date: 2024-05-16`",
    "from": "a date YYYY-MM-DD", "to": "a date YYYY-MM-DD",
    "draft": "true or false",
    "people": "a list of names, e.g. `people: [Ann Lee, Bo Chen]`",
    "organizations": "a list of names, e.g. `organizations: [Red Cross]`",
    "places": "a list of names, e.g. `places: [Kyiv]`",
    "topics": 'a list of topic labels, e.g. `topics: [politics, "economy, business and '
              'finance"]`',
    "keyphrases": "a list of phrases",
    "exclude": "a list of names or topics to drop, e.g. `exclude: [Getty Images]`",
    "quotes": "a list of `{text: ..., speaker: ...}`",
    "text": "the quote's text", "speaker": "the speaker's name",
    "roles": "a mapping of person to role, e.g. `roles: {Ann Lee: finance minister}`",
    "imported": "the `{source, at, values}` block that `digest import` writes",
    "canonical": "a mapping of each canonical name to its variants, e.g. "
                 "`canonical: {Vladimir Putin: [Putin]}`",
    "variants": "a list of names", "ignore": "a list of names",
    "kind": "person, organization or place", "sort_as": "text, e.g. `sort_as: Leyen, Ursula von der`",
    "editions": "a list of editions, each with `title`, `date` and `articles` or `from`/`to`",
    "articles": "a list of seed file names (without extension) or slugs",
    "label": "the topic's label", "title": "a title", "keywords": "a list of words or phrases",
    "entities": "a list of names", "threshold": "a number above 0, e.g. `threshold: 2`",
    "parent": "an IPTC topic label or another curator topic",
}
for key in ("add_people", "add_organizations", "add_places", "add_topics"):
    EXPECTED[key] = EXPECTED[key[4:]].replace(f"`{key[4:]}:", f"`{key}:")


def short(value: Any) -> str:
    """A value as a curator would recognise it, never longer than a line: a list or a
    mapping is named, not printed (it may be large)."""
    if isinstance(value, list):
        return f"a list of {len(value)}"
    if isinstance(value, dict):
        return "a mapping"
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return repr(value if len(value) <= 60 else value[:57] + "...")
    return str(value)[:60]


def keys_of(model: type[BaseModel]) -> list[str]:
    return [info.alias or name for name, info in model.model_fields.items()]


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The model that holds the last step of `loc` (for "did you mean" on nested keys)."""
    current: Any = model
    for step in loc[:-1]:
        if isinstance(step, int) or current is None:
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        fields = {info.alias or name: info for name, info in current.model_fields.items()}
        info = fields.get(step)
        if info is None:
            return None
        current = _inner_model(info.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: Any) -> Any:
    """The BaseModel inside `X | None`, `list[X]`, `dict[str, X]`, Annotated[X, ...]."""
    import typing

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def suggestion(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"; did you mean `{close[0]}:`?" if close else f"; the keys are {', '.join(choices)}"


def _loc_key(loc: tuple) -> str:
    return ".".join(str(step) for step in loc)


def _clean_loc(loc: tuple) -> tuple:
    """pydantic's path without its internal steps (validator names such as
    `function-after[...]`)."""
    return tuple(step for step in loc if isinstance(step, int)
                 or not re.match(r"^(function-|json-|lax-|strict-)", str(step)))


def _get(data: Any, loc: tuple) -> Any:
    for step in loc:
        try:
            data = data[step]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _drop(data: Any, loc: tuple) -> bool:
    """Remove the value at `loc` from its container; False when there is none to remove."""
    if not loc:
        return False
    parent = _get(data, loc[:-1]) if len(loc) > 1 else data
    step = loc[-1]
    if isinstance(parent, dict) and step in parent:
        del parent[step]
        return True
    if isinstance(parent, list) and isinstance(step, int) and 0 <= step < len(parent):
        parent[step] = _DROPPED
        return True
    return False


class _Dropped:
    """A list item removed by validation: kept as a marker until the end, so that the
    indexes of the other errors stay right."""


_DROPPED = _Dropped()


def _strip_dropped(data: Any) -> Any:
    if isinstance(data, list):
        return [_strip_dropped(v) for v in data if v is not _DROPPED]
    if isinstance(data, dict):
        return {k: _strip_dropped(v) for k, v in data.items()}
    return data


def _copy(data: Any) -> Any:
    """A copy the validator may cut values out of (the Document's data is the curator's)."""
    if isinstance(data, list):
        return [_copy(v) for v in data]
    if isinstance(data, dict):
        return {k: _copy(v) for k, v in data.items()}
    return data


def _none_keys(data: Any) -> Any:
    """`key:` with nothing after it is a key not given."""
    if isinstance(data, dict):
        return {k: v for k, v in data.items() if v is not None}
    return data


@dataclass
class Validated:
    """A curator file checked against its schema: the values that passed (as plain
    Python, keys as the curator writes them), each problem, and the positions of the values
    (key path -> (line, column)) for messages of later stages."""

    data: dict[str, Any] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    model: BaseModel | None = None
    places: dict[str, tuple[int, int]] = field(default_factory=dict)


def _message(err: dict, kind: str, model: type[BaseModel], model_loc: tuple, loc: tuple
             ) -> tuple[str, str]:
    """(message, severity) for one pydantic error, in a curator's words. `model_loc` is the
    error's path in the model, `loc` in the file (they differ when topics.yml is a bare
    list)."""
    key = _loc_key(loc)
    field_name = next((str(s) for s in reversed(loc) if not isinstance(s, int)), "")
    expected = EXPECTED.get(field_name)
    value = err.get("input")
    kind_of = err["type"]
    if kind_of == "extra_forbidden":
        holder = _model_at(model, model_loc)
        choices = keys_of(holder) if holder is not None else []
        where = f" in {kind}" if len(loc) == 1 else ""
        return (f"`{loc[-1]}:` is not a key{where}{suggestion(str(loc[-1]), choices)} "
                "(ignored)"), "warning"
    if kind_of == "missing":
        parent = _loc_key(loc[:-1]) or kind
        return f"`{key}` is missing: {parent} ignored (expected {expected or 'a value'})", "error"
    if kind_of == "value_error":
        reason = str(err.get("ctx", {}).get("error") or err["msg"])
        if not loc:
            return f"{reason}: ignored", "error"
        if field_name in ("date", "from", "to"):
            return f"`{key}`: {reason}; expected {expected}: ignored", "error"
        if isinstance(value, dict) and isinstance(value.get("title"), str):
            return f"edition {value['title']!r} (`{key}`) {reason}: ignored", "error"
        return f"`{key}` {reason}: ignored", "error"
    got = short(value)
    if kind_of == "list_type" and isinstance(value, str) and "," in value and \
            field_name in ("topics", "add_topics"):
        got += " (one text; a label with commas must be quoted inside a list)"
    wanted = expected or err["msg"].lower()
    if loc and isinstance(loc[-1], int):
        wanted = "a name" if field_name in EXPECTED and "list of names" in EXPECTED[field_name] \
            else "text"
        if field_name == "quotes":
            wanted = EXPECTED["quotes"]
    if kind_of == "greater_than":
        wanted = EXPECTED.get(field_name, "a number above 0")
    if kind_of == "literal_error":
        wanted = EXPECTED.get(field_name, err["msg"])
    if not loc:
        return f"the file must be a mapping of keys to values, got {got}: ignored", "error"
    return f"`{key}`: got {got}; expected {wanted}: ignored", "error"


def _record_places(doc: Document, data: Any, file_loc: tuple, live_loc: tuple,
                   places: dict) -> None:
    """Line and column of every value kept, by its key path in the validated data (list
    indexes counted without the dropped items), from its node in the file."""
    line, column = doc.place(node_at(doc.root, file_loc))
    if line is not None:
        places[_loc_key(live_loc)] = (line, column)
    if isinstance(data, dict):
        for k, v in data.items():
            _record_places(doc, v, file_loc + (k,), live_loc + (k,), places)
    elif isinstance(data, list):
        live = 0
        for i, v in enumerate(data):
            if v is _DROPPED:
                continue
            _record_places(doc, v, file_loc + (i,), live_loc + (live,), places)
            live += 1


def validate(doc: Document, kind: str, record_places: bool = True) -> Validated:
    """Check a loaded Document against the schema of `kind` ("sidecar", "front matter",
    "aliases", "topics", "editions"). Each bad value is reported and dropped; the rest is
    kept. A Document that did not load gives its own problems and no data."""
    result = Validated(problems=list(doc.problems))
    if doc.data is None:
        return result
    model = MODELS[kind]
    data = _none_keys(_copy(ROOTS.get(kind, lambda v: v)(doc.data)))
    if kind == "topics" and isinstance(doc.data, list):
        prefix_shift = 1  # the file is the list itself: its paths have no `topics` step
    else:
        prefix_shift = 0
    seen: set[tuple] = set()
    for _ in range(MAX_PRUNES):
        try:
            result.model = model.model_validate(_strip_dropped(data))
            break
        except ValidationError as error:
            progressed = False
            errors = [(err, _map_loc(data, _clean_loc(tuple(err["loc"]))))
                      for err in error.errors(include_url=False)]
            for err, loc in errors:
                file_loc = loc[prefix_shift:]
                if loc not in seen:
                    seen.add(loc)
                    message, severity = _message(err, kind, model, loc, file_loc)
                    node = node_at(doc.root, file_loc, key_node=err["type"] == "extra_forbidden")
                    line, column = doc.place(node)
                    result.problems.append(Problem(doc.path, message, line=line, column=column,
                                                   severity=severity,
                                                   key=_loc_key(file_loc) or None))
                target = loc[:-1] if err["type"] == "missing" else loc
                if not target:
                    result.model = None
                    return result
                progressed = _drop(data, target) or progressed
            if not progressed:
                return result
    if result.model is None:
        return result
    result.data = result.model.model_dump(by_alias=True, exclude_unset=True, exclude_none=True)
    if record_places and doc.root is not None:
        if prefix_shift:  # a bare list of topics: the file has no `topics:` key
            _record_places(doc, data["topics"], (), ("topics",), result.places)
        else:
            _record_places(doc, data, (), (), result.places)
    return result


def _map_loc(data: Any, loc: tuple) -> tuple:
    """A path into the data without dropped items, as a path into the file's data (where
    dropped items still hold their place)."""
    out: list = []
    current = data
    for step in loc:
        if isinstance(current, list) and isinstance(step, int):
            live = [i for i, v in enumerate(current) if v is not _DROPPED]
            if step < len(live):
                step = live[step]
            current = current[step] if step < len(current) else None
        elif isinstance(current, dict):
            current = current.get(step)
        else:
            current = None
        out.append(step)
    return tuple(out)
