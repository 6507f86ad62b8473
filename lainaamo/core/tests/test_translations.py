"""The fi and sv catalogues are complete, and the compiled catalogues match them."""

import ast
import gettext
from pathlib import Path

import pytest
from django.conf import settings

LOCALE = Path(settings.BASE_DIR) / "locale"


def read_po(path: Path) -> list[dict]:
    """Entries of a .po file: msgid, msgid_plural, msgstr list, flags; the header left out."""
    entries, entry, field = [], None, None

    def finish():
        if entry is not None and entry.get("msgid"):
            entries.append(entry)

    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#,"):
            finish()
            entry, field = {"flags": line[2:].replace(" ", "").split(","), "msgstr": {}}, None
        elif line.startswith("msgctxt "):
            finish()
            flags = entry["flags"] if entry is not None and "msgid" not in entry else []
            entry = {"flags": flags, "msgstr": {}, "msgctxt": ast.literal_eval(line[8:])}
            field = ("msgctxt",)
        elif line.startswith("msgid "):
            if entry is None or "msgid" in entry:
                finish()
                entry = {"flags": [], "msgstr": {}}
            entry["msgid"] = ast.literal_eval(line[6:])
            field = ("msgid",)
        elif line.startswith("msgid_plural "):
            entry["msgid_plural"] = ast.literal_eval(line[13:])
            field = ("msgid_plural",)
        elif line.startswith("msgstr"):
            key, _, value = line.partition(" ")
            index = int(key[7:-1]) if "[" in key else 0
            entry["msgstr"][index] = ast.literal_eval(value)
            field = ("msgstr", index)
        elif line.startswith('"') and field:
            if field[0] == "msgstr":
                entry["msgstr"][field[1]] += ast.literal_eval(line)
            else:
                entry[field[0]] += ast.literal_eval(line)
        elif not line.strip():
            field = None
    finish()
    return entries


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_catalogue_has_no_empty_or_fuzzy_entry(language):
    entries = read_po(LOCALE / language / "LC_MESSAGES" / "django.po")

    incomplete = [
        entry["msgid"]
        for entry in entries
        if "fuzzy" in entry["flags"] or not all(entry["msgstr"].values())
    ]

    assert len(entries) > 100
    assert incomplete == []


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_compiled_catalogue_matches_its_source(language):
    folder = LOCALE / language / "LC_MESSAGES"
    entries = read_po(folder / "django.po")
    with open(folder / "django.mo", "rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)

    stale = []
    for entry in entries:
        if "msgctxt" in entry:
            got = catalogue.pgettext(entry["msgctxt"], entry["msgid"])
        elif "msgid_plural" in entry:
            got = catalogue.ngettext(entry["msgid"], entry["msgid_plural"], 1)
        else:
            got = catalogue.gettext(entry["msgid"])
        if got != entry["msgstr"][0]:
            stale.append(entry["msgid"])

    assert stale == []
