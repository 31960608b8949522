"""digest's settings, as options of the `digest` plugin in mkdocs.yml.

Declared with MkDocs' own `config_options`, as Material's blog plugin declares its own: each
option is typed, validated and defaulted here, so a bad value stops `mkdocs build` (and
`digest build`/`check`) with MkDocs' own message,

    Error: Config value 'plugins': Plugin 'digest' option 'page_size': must be a whole number
    of at least 1, not 0

and a misspelt option is an error too (MkDocs would only warn), naming the option meant.
`settings_from` turns the validated options into `digest.inputs.settings.Settings`, which is
all the pipeline sees; `project_settings` loads a project's mkdocs.yml for the command line
with MkDocs' own loader (`!ENV` tags, `INHERIT`, every plugin's validation)."""
from __future__ import annotations

import difflib
import logging
from pathlib import Path, PurePosixPath

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError

from digest.inputs.folders import require_separate_folders
from digest.inputs.settings import DEFAULT_AUTHORITY, MIN_RELATIVE, MIN_SCORE, Settings
from digest.model import Problem
from digest.site.feeds import TAG_AUTHORITY


class Count(c.Type):
    """A whole number of at least `minimum` (MkDocs' Type(int) also takes true and false)."""

    def __init__(self, minimum: int, default: int) -> None:
        super().__init__(int, default=default)
        self.minimum = minimum

    def run_validation(self, value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < self.minimum:
            raise ValidationError(f"must be a whole number of at least {self.minimum}, "
                                  f"not {value!r}")
        return value


class Folder(c.Type):
    """A folder, as a string; relative ones are relative to mkdocs.yml's folder."""

    def __init__(self, default: str) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        value = super().run_validation(value)
        if not value.strip():
            raise ValidationError("must name a folder, not be empty")
        return value


class Subfolder(Folder):
    """A folder inside docs_dir, given relative to it, that digest alone writes."""

    def run_validation(self, value: object) -> str:
        value = super().run_validation(value)
        path = PurePosixPath(value.replace("\\", "/"))
        if path.is_absolute() or ".." in path.parts or str(path) in (".", ""):
            raise ValidationError(f"must be a folder inside docs_dir, such as 'news', not "
                                  f"{value!r}")
        return str(path)


class TagAuthority(c.Type):
    """The authority of a tag: URI (RFC 4151): `example.org,2024` or `me@example.org,2024-05`."""

    def __init__(self, default: str) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        value = super().run_validation(value)
        if not TAG_AUTHORITY.match(value):
            raise ValidationError("must be a domain or e-mail address you own, a comma and a "
                                  f"date, such as 'example.org,2024', not {value!r}")
        return value


class Score(c.Type):
    """A number from 0 to 1."""

    def __init__(self, default: float):
        super().__init__((int, float), default=default)

    def run_validation(self, value):
        value = super().run_validation(value)
        if isinstance(value, bool) or not 0 <= value <= 1:
            raise ValidationError(f"must be a number from 0 to 1, not {value!r}")
        return float(value)


class TopicsConfig(base.Config):
    min_score = Score(MIN_SCORE)
    min_relative = Score(MIN_RELATIVE)


class DigestConfig(base.Config):
    """The digest plugin's options (documented in the README, "Settings")."""

    seeds = Folder(default="seeds")
    curation = Folder(default="curation")
    cache = Folder(default=".digest-cache")
    output = Subfolder(default="news")
    editions = c.ListOfItems(c.Choice(("daily", "weekly")), default=["daily", "weekly"])
    home_latest = Count(minimum=0, default=10)
    page_size = Count(minimum=1, default=50)
    workers = Count(minimum=0, default=0)
    executor = c.Choice(("process", "dask"), default="process")
    dask_address = c.Optional(c.Type(str))
    feed_authority = TagAuthority(default=DEFAULT_AUTHORITY)
    language = c.Optional(c.Type(str))  # default: the theme's language, else "en"
    progress = c.Type(bool, default=True)
    # `mkdocs serve`: the operating system's file notifications instead of MkDocs' polling
    # (see watch.py); false keeps MkDocs' own watcher.
    native_watcher = c.Type(bool, default=True)
    # An extracted IPTC topic other than the article's top one is kept only with at least
    # `min_score` and at least `min_relative` times the top topic's score (README, Topics).
    topics = c.SubConfig(TopicsConfig)
    # A name with only weak evidence of its kind (README, "People, organizations and places")
    # gets a page once this many articles name it; a curator-listed name always does.
    entity_min_articles = Count(minimum=1, default=2)

    def validate(self):
        """MkDocs' validation, with an unknown option an error rather than a warning: a
        misspelt `seed:` would otherwise build the wrong folder, or nothing."""
        failed, warnings = super().validate()
        kept = []
        for key, message in warnings:
            if key in self._schema_keys or not str(message).startswith("Unrecognised"):
                kept.append((key, message))
                continue
            close = difflib.get_close_matches(key, sorted(self._schema_keys), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else \
                f" (the options are: {', '.join(sorted(self._schema_keys))})"
            failed.append((key, ValidationError(f"not a digest option{hint}")))
        return failed, kept


def settings_from(config, options: DigestConfig) -> Settings:
    """The pipeline's Settings from MkDocs' validated config and the plugin's options."""
    root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
    theme_language = None
    try:
        theme_language = config.theme["language"]
    except (KeyError, TypeError):
        pass
    return require_separate_folders(Settings(  # digest/inputs/folders.py
        root=root,
        seeds=root / options.seeds,
        docs=Path(config.docs_dir).resolve(),
        output=options.output,
        curation=root / options.curation,
        cache=root / options.cache,
        site_url=config.site_url or "",
        site_name=config.site_name,
        use_directory_urls=bool(config.use_directory_urls),
        language=options.language or theme_language or "en",
        feed_authority=options.feed_authority,
        editions=list(dict.fromkeys(options.editions)),
        home_latest=options.home_latest,
        page_size=options.page_size,
        workers=options.workers,
        executor=options.executor,
        dask_address=options.dask_address,
        topics_min_score=options.topics.min_score,
        topics_min_relative=options.topics.min_relative,
        entity_min_articles=options.entity_min_articles,
    ))


class ConfigError(Exception):
    """mkdocs.yml could not be loaded: the message is MkDocs' own, ready to print."""


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def project_settings(config_file: Path, problems: list[Problem] | None = None,
                     strict: bool | None = None) -> Settings:
    """Settings of the project configured by `config_file` (its mkdocs.yml), loaded by MkDocs
    itself. Configuration warnings go to `problems`; errors raise ConfigError with MkDocs'
    messages."""
    from mkdocs import exceptions
    from mkdocs.config import load_config

    path = Path(config_file)
    if not path.is_file():
        raise ConfigError(f"{path}: no such file (digest reads its settings from the digest "
                          "plugin's options in mkdocs.yml; -f names another file)")
    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        config = load_config(config_file=str(path), strict=strict)
    except (exceptions.ConfigurationError, exceptions.Abort) as error:
        lines = [r.getMessage() for r in handler.records if r.levelno >= logging.ERROR]
        raise ConfigError("\n".join([*lines, str(error)])) from None
    finally:
        logger.removeHandler(handler)
    found = problems if problems is not None else []
    found += [Problem(str(path), r.getMessage()) for r in handler.records
              if r.levelno < logging.ERROR]
    plugin = next((p for name, p in config.plugins.items() if name.split(" #")[0] == "digest"),
                  None)
    if plugin is None:
        options = DigestConfig()
        options.load_dict({})
        options.validate()
        found.append(Problem(str(path), "the digest plugin is not in `plugins:`: default "
                             "settings used (add `- digest` to the plugins list)"))
    else:
        options = plugin.config
    return settings_from(config, options)
