"""replylint as a spaCy pipeline component: ``nlp.add_pipe("replylint")``.

For teams that already run spaCy: the component checks ``doc.text`` and puts
the Report on ``doc._.replylint`` and its findings on ``doc._.findings``.
It is registered through spaCy's ``spacy_factories`` entry point, so no import
is needed before ``add_pipe``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from spacy.language import Language
from spacy.tokens import Doc

if TYPE_CHECKING:
    from .engine import Linter

for _name in ("replylint", "findings"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


class ReplylintComponent:
    """Runs a Linter over each Doc's text; the Linter is built on first use."""

    def __init__(self, config_path: str | None, select: list[str] | None, ignore: list[str] | None) -> None:
        self._config_path = config_path
        self._overrides: dict[str, Any] = {}
        if select:
            self._overrides["select"] = select
        if ignore:
            self._overrides["ignore"] = ignore
        self._linter: Linter | None = None

    @property
    def linter(self) -> "Linter":
        if self._linter is None:
            from .engine import Linter

            if self._config_path:
                self._linter = Linter.from_config(self._config_path, **self._overrides)
            else:
                self._linter = Linter(**self._overrides)
        return self._linter

    def __call__(self, doc: Doc) -> Doc:
        report = self.linter.check(doc.text)
        doc._.replylint = report
        doc._.findings = report.findings
        return doc


@Language.factory(
    "replylint",
    default_config={"config_path": None, "select": None, "ignore": None},
    assigns=["doc._.replylint", "doc._.findings"],
)
def make_replylint(
    nlp: Language, name: str, config_path: str | None, select: list[str] | None, ignore: list[str] | None
) -> ReplylintComponent:
    return ReplylintComponent(config_path, select, ignore)
