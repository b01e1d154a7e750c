"""The catalogues are complete in both directions (docs/i18n.md).

Msgids are English in most code and Chinese in some (model choices, several apps); the zh_Hans catalogue
must translate every English msgid (Chinese is the default language) and the en catalogue every Chinese one.
"""

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "zhiliang"
LOCALE = PACKAGE / "locale"
# The project catalogue and the catalogues of the apps that keep their own (docs/i18n.md).
LOCALES = [LOCALE, *sorted(path for path in PACKAGE.glob("*/locale") if path.is_dir())]
CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str = ""
    msgstrs: list[str] = field(default_factory=list)
    fuzzy: bool = False


def read_po(path: Path) -> list[Entry]:
    """A small reader for the catalogues makemessages writes (no obsolete-entry handling needed there)."""
    entries: list[Entry] = []
    entry, current = Entry(), None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if entry.msgid or entry.msgstrs:
                entries.append(entry)
            entry, current = Entry(), None
        elif line.startswith("#,"):
            entry.fuzzy = "fuzzy" in line
        elif line.startswith("#"):  # comments, references, obsolete entries
            continue
        elif line.startswith("msgid_plural "):
            entry.msgid_plural, current = ast.literal_eval(line[13:]), "msgid_plural"
        elif line.startswith("msgid "):
            entry.msgid, current = ast.literal_eval(line[6:]), "msgid"
        elif line.startswith("msgstr"):
            entry.msgstrs.append(ast.literal_eval(line.split(" ", 1)[1]))
            current = "msgstr"
        elif line.startswith('"'):
            text = ast.literal_eval(line)
            if current == "msgstr":
                entry.msgstrs[-1] += text
            else:
                setattr(entry, current, getattr(entry, current) + text)
    return [e for e in entries if e.msgid]  # the header has an empty msgid


CATALOGUES = {
    "zh_Hans": lambda msgid: not CJK.search(msgid),  # English msgids need a Chinese translation
    "en": lambda msgid: bool(CJK.search(msgid)),  # Chinese msgids need an English one
}


def catalogue(locale: Path, language: str) -> Path:
    return locale / language / "LC_MESSAGES" / "django.po"


def test_the_project_catalogue_is_the_big_one():
    assert len(read_po(catalogue(LOCALE, "zh_Hans"))) > 100


@pytest.mark.parametrize("locale", LOCALES, ids=lambda path: path.parent.name)
def test_every_app_catalogue_has_both_languages(locale):
    for language in CATALOGUES:
        assert catalogue(locale, language).exists(), f"{catalogue(locale, language)} is missing: `make catalogues`"


@pytest.mark.parametrize("locale", LOCALES, ids=lambda path: path.parent.name)
@pytest.mark.parametrize("language", CATALOGUES)
def test_every_message_that_needs_translating_is_translated(locale, language):
    entries = read_po(catalogue(locale, language))
    needs = CATALOGUES[language]
    missing = [e.msgid for e in entries if needs(e.msgid) and (e.fuzzy or not all(e.msgstrs))]
    assert not missing, f"{language}: translate these (docs/i18n.md): {missing}"


@pytest.mark.parametrize("locale", LOCALES, ids=lambda path: path.parent.name)
@pytest.mark.parametrize("language", CATALOGUES)
def test_translations_keep_the_placeholders(locale, language):
    for entry in read_po(catalogue(locale, language)):
        expected = set(PLACEHOLDER.findall(entry.msgid + entry.msgid_plural))
        for msgstr in entry.msgstrs:
            if msgstr:
                assert set(PLACEHOLDER.findall(msgstr)) <= expected, (entry.msgid, msgstr)
                if not entry.msgid_plural:
                    assert set(PLACEHOLDER.findall(msgstr)) == expected, (entry.msgid, msgstr)


@pytest.mark.parametrize("locale", LOCALES, ids=lambda path: path.parent.name)
@pytest.mark.parametrize("language", CATALOGUES)
def test_compiled_catalogues_are_current(locale, language):
    po = catalogue(locale, language)
    mo = po.with_suffix(".mo")
    assert mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime, (
        f"{mo} is missing or older than its .po: run `make messages`"
    )
