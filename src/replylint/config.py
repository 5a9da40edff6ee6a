"""Settings: defaults, a config file found upward, keyword overrides.

A config is ``[tool.replylint]`` in pyproject.toml or the top level of
``replylint.toml``. Every key is validated: an unknown key or a bad value is
a ``ConfigError`` that names the key and, where it can, the closest valid one.
"""

from __future__ import annotations

import difflib
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from .context import CHANNELS

CONFIG_FILES = ("replylint.toml", ".replylint.toml", "pyproject.toml")
LOCALES = ("en-US", "en-GB", "en-AU", "en-CA", "en-NZ", "en-IE", "en-IN", "en-ZA")


class ConfigError(ValueError):
    """A config file or override that cannot be used, with a message for humans."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class VerdictPolicy(_Strict):
    """When a report blocks sending, or warns."""

    block_on: Literal["error", "warning", "never"] = "error"
    warn_on: Literal["error", "warning", "info", "never"] = "warning"
    block_below: int = Field(0, ge=0, le=100, description="block when the score is below this")
    warn_below: int = Field(0, ge=0, le=100, description="warn when the score is below this")


class ChannelLimits(_Strict):
    """How long a reply may be before it stops being a conversation."""

    max_words: int = Field(ge=1)
    max_paragraphs: int = Field(ge=1)
    max_questions: int = Field(ge=1)
    max_paragraph_words: int = Field(ge=1)


DEFAULT_CHANNELS: dict[str, ChannelLimits] = {
    "chat": ChannelLimits(max_words=180, max_paragraphs=5, max_questions=3, max_paragraph_words=90),
    "social": ChannelLimits(max_words=120, max_paragraphs=4, max_questions=3, max_paragraph_words=80),
    "email": ChannelLimits(max_words=400, max_paragraphs=6, max_questions=4, max_paragraph_words=150),
}


class LanguageToolSettings(_Strict):
    """The optional LanguageTool backend (off unless ``url`` or ``local`` is set)."""

    url: str | None = Field(None, description="a LanguageTool server, e.g. http://localhost:8010")
    local: bool = Field(False, description="use a LanguageTool install found by language-tool-python (LTP_PATH)")
    language: str | None = Field(None, description="LanguageTool's language code; default: the house locale")
    timeout: float = Field(3.0, gt=0, le=60, description="seconds to wait for an answer")
    retry_after: float = Field(30.0, ge=0, description="seconds to leave a failed server alone")
    allow_public: bool = Field(False, description="required to send text to languagetool.org")
    disabled_rules: list[str] = Field(default_factory=list)

    @property
    def enabled(self) -> bool:
        return bool(self.url) or self.local

    @field_validator("url")
    @classmethod
    def _http(cls, v: str | None) -> str | None:
        if v is not None and not v.startswith(("http://", "https://")):
            raise ValueError("must be an http:// or https:// URL")
        return v


class Settings(_Strict):
    """The resolved settings of one Linter. See docs/configuration.md."""

    select: list[str] = Field(default_factory=lambda: ["ALL"])
    ignore: list[str] = Field(default_factory=list)
    preview: bool = False
    severity: dict[str, Literal["error", "warning", "info"]] = Field(default_factory=dict)
    verdict: VerdictPolicy = Field(default_factory=VerdictPolicy)
    locale: str = "en-US"
    vocabulary: list[str] = Field(default_factory=list)
    banned_terms: dict[str, str] = Field(default_factory=dict)
    internal_domains: list[str] = Field(default_factory=list)
    codenames: list[str] = Field(default_factory=list)
    internal_tools: list[str] = Field(default_factory=list)
    packs: list[str] = Field(default_factory=list)
    max_chars: int = Field(100_000, ge=1)
    input_format: Literal["auto", "plain", "markdown", "html"] = "auto"
    channels: dict[str, ChannelLimits] = Field(default_factory=lambda: dict(DEFAULT_CHANNELS))
    rules: dict[str, dict[str, Any]] = Field(default_factory=dict)
    languagetool: LanguageToolSettings = Field(default_factory=LanguageToolSettings)
    # The HTTP service's own table (token, size limit, CORS); validated by replylint.server.
    server: dict[str, Any] = Field(default_factory=dict, exclude=True, repr=False)

    @model_validator(mode="after")
    def _public_languagetool_needs_consent(self) -> "Settings":
        from .backends.languagetool import is_public

        lt = self.languagetool
        if lt.url and is_public(lt.url) and not lt.allow_public:
            raise ValueError(
                "languagetool.url points to the public LanguageTool API: replies would leave your network. "
                "Set languagetool.allow_public = true to allow it"
            )
        return self

    @field_validator("locale")
    @classmethod
    def _known_locale(cls, v: str) -> str:
        fixed = v.replace("_", "-")
        for loc in LOCALES:
            if loc.lower() == fixed.lower():
                return loc
        raise ValueError(f"unknown locale {v!r}; use one of {', '.join(LOCALES)}")

    @field_validator("banned_terms", mode="before")
    @classmethod
    def _terms(cls, v: Any) -> Any:
        # A plain list means "flag these, no replacement".
        if isinstance(v, list):
            return {str(t): "" for t in v}
        return v

    @field_validator("channels", mode="before")
    @classmethod
    def _channels(cls, v: Any) -> Any:
        if not isinstance(v, dict):
            return v
        merged: dict[str, Any] = {k: lim.model_dump() for k, lim in DEFAULT_CHANNELS.items()}
        for name, limits in v.items():
            if name not in CHANNELS:
                raise ValueError(f"unknown channel {name!r}; use one of {', '.join(CHANNELS)}")
            if isinstance(limits, dict):
                merged[name] = {**merged.get(name, {}), **limits}
            else:
                merged[name] = limits
        return merged


FIELD_NAMES = tuple(Settings.model_fields)


def find_config(start: Path | None = None) -> Path | None:
    """The nearest config file at or above ``start`` (default: the working directory)."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        for name in CONFIG_FILES:
            path = folder / name
            if not path.is_file():
                continue
            if name == "pyproject.toml":
                try:
                    data = tomllib.loads(path.read_text(encoding="utf-8"))
                except (tomllib.TOMLDecodeError, UnicodeDecodeError):
                    continue
                if "replylint" not in data.get("tool", {}):
                    continue
            return path
    return None


def read_config(path: Path) -> dict[str, Any]:
    """The raw replylint table of a config file."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"config file not found: {path}") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("replylint")
        if table is None:
            raise ConfigError(f"{path} has no [tool.replylint] table")
        data = table
    # Relative pack folders are relative to the config file.
    if isinstance(data.get("packs"), list):
        data["packs"] = [str((path.parent / p).resolve()) for p in data["packs"]]
    return data


def build_settings(
    file_data: dict[str, Any] | None = None,
    overrides: dict[str, Any] | None = None,
    file_label: str = "config file",
) -> tuple[Settings, dict[str, str]]:
    """Merge defaults < file < overrides; return settings and where each key came from."""
    merged: dict[str, Any] = {}
    origin = {name: "default" for name in FIELD_NAMES}
    for data, label in ((file_data or {}, file_label), (overrides or {}, "override")):
        for key, value in data.items():
            merged[key] = value
            origin[key] = label
    try:
        settings = Settings(**merged)
    except ValidationError as exc:
        raise ConfigError(_explain(exc, file_label if file_data else "settings")) from None
    return settings, origin


def _explain(exc: ValidationError, where: str) -> str:
    lines = []
    for err in exc.errors():
        loc = ".".join(str(p) for p in err["loc"])
        if err["type"] == "extra_forbidden":
            key = str(err["loc"][-1])
            parent = _model_at(err["loc"][:-1])
            close = difflib.get_close_matches(key, parent, n=1, cutoff=0.6)
            hint = f"; did you mean {close[0]!r}?" if close else f"; valid keys: {', '.join(parent)}"
            lines.append(f"{where}: unknown key {loc!r}{hint}")
        elif not loc:
            lines.append(f"{where}: {err['msg'].removeprefix('Value error, ')}")
        else:
            lines.append(f"{where}: bad value for {loc!r}: {err['msg']}")
    return "\n".join(lines)


def _model_at(loc: tuple[Any, ...]) -> tuple[str, ...]:
    model: Any = Settings
    for part in loc:
        field = getattr(model, "model_fields", {}).get(part)
        if field is None:
            if model is Settings and part in CHANNELS:
                model = ChannelLimits
                continue
            return tuple(getattr(model, "model_fields", {}))
        ann = field.annotation
        if isinstance(ann, type) and issubclass(ann, BaseModel):
            model = ann
        elif part == "channels":
            continue
    return tuple(getattr(model, "model_fields", {}))


def closest(name: str, choices: list[str]) -> str | None:
    found = difflib.get_close_matches(name, choices, n=1, cutoff=0.6)
    return found[0] if found else None
