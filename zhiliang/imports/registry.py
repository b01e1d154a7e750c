"""The kinds of file Zhiliang imports, each with its own check and apply functions.

An app registers its importers when Django starts (from its `AppConfig.ready`), for example::

    register(Importer(kind="students", label=_("学生名册"), template_url_name="rosters:template",
                      check=check_students, apply=apply_students, may_import=may_import_roster,
                      needs_school=True))

The generic flow (`zhiliang.imports.services`) then does everything else the same way for every kind:
upload, size limit, background check with progress, preview, confirmation, atomic apply, audit.

Contract for importers:

* `check(job)` parses `job.content` and validates it against the database, writing nothing. Every problem
  names file, sheet, row and column (`zhiliang.core.tabular.Problem`). `summary` counts what apply would do
  per action ("create", "update", "unchanged", ...); `sample` holds the first rows as they will be written,
  each a dict of column label → text with an "action" key.
* `apply(job, progress)` writes. The flow calls it inside `transaction.atomic()`, right after running
  `check(job)` again in the same transaction and only when that found no problem, so an importer may rely on
  the file being valid. It reports progress with `progress(percent, message)` and returns counts per action.
  Applying the same file twice must leave everything as it is (the second check reports only "unchanged").
* `may_import(user, job)` says whether the user may import this job (its kind, school and target); the job
  may be unsaved. It is asked before the upload form is shown (school None), on upload, and again on apply.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.utils.functional import Promise

from zhiliang.core.tabular import Problem

if TYPE_CHECKING:
    from zhiliang.imports.models import ImportJob

ProgressCallback = Callable[[int, str], None]


@dataclass(frozen=True)
class CheckResult:
    problems: list[Problem]
    summary: dict[str, int] = field(default_factory=dict)
    sample: list[dict[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class Importer:
    kind: str
    label: Promise | str
    template_url_name: str | None
    check: Callable[["ImportJob"], CheckResult]
    apply: Callable[["ImportJob", ProgressCallback], dict[str, int]]
    may_import: Callable[[Any, "ImportJob"], bool]
    needs_school: bool
    # The upload form requires a school (needs_school alone offers it as optional).
    school_required: bool = False
    # Labels of the summary keys for the preview, e.g. {"create": _("新增")}; unknown keys show as they are.
    action_labels: dict[str, Promise | str] = field(default_factory=dict)
    help_text: Promise | str = ""


_REGISTRY: dict[str, Importer] = {}


def register(importer: Importer) -> None:
    """Add an importer. Registering the same kind twice with a different importer is a programming error."""
    existing = _REGISTRY.get(importer.kind)
    if existing is not None and _origin(existing) != _origin(importer):
        raise ValueError(f"an importer of kind {importer.kind!r} is already registered")
    _REGISTRY[importer.kind] = importer


def _origin(importer: Importer) -> tuple[str, str]:
    """Where an importer's check function is defined: the same module registering again (a reload) is fine."""
    return (importer.check.__module__, importer.check.__qualname__)


def get_importer(kind: str) -> Importer:
    """The importer of `kind`; KeyError when there is none (views turn that into 404)."""
    return _REGISTRY[kind]


def importers() -> list[Importer]:
    return list(_REGISTRY.values())
