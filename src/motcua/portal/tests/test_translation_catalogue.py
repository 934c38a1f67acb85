# SPDX-License-Identifier: AGPL-3.0-or-later
"""locale/vi is complete: every msgid translated, nothing fuzzy, and the .mo is compiled from it."""

from __future__ import annotations

import ast
import gettext
import re
from pathlib import Path

from django.conf import settings

PO = Path(settings.LOCALE_PATHS[0]) / "vi" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
FIELD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) (".*")$')


def po_entries(path: Path) -> list[dict[str, object]]:
    """Parse the .po into entries of flags and unquoted fields (enough for makemessages output)."""
    entries = []
    for block in path.read_text(encoding="utf-8").strip().split("\n\n"):
        entry: dict[str, object] = {"flags": set()}
        key = None
        for line in block.splitlines():
            if line.startswith("#,"):
                entry["flags"] = {f.strip() for f in line[2:].split(",")}
            elif line.startswith("#"):
                continue
            elif match := FIELD.match(line):
                key = match.group(1)
                entry[key] = ast.literal_eval(match.group(2))
            elif line.startswith('"') and key:
                entry[key] = str(entry[key]) + ast.literal_eval(line)
        if "msgid" in entry:
            entries.append(entry)
    return entries


def test_every_msgid_has_a_translation_and_none_is_fuzzy():
    entries = [e for e in po_entries(PO) if e["msgid"]]
    assert len(entries) > 100
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    empty = [
        e["msgid"]
        for e in entries
        if any(not v for k, v in e.items() if k.startswith("msgstr"))
        or not any(k.startswith("msgstr") for k in e)
    ]
    assert not fuzzy, fuzzy
    assert not empty, empty


def test_header_is_not_fuzzy():
    header = next(e for e in po_entries(PO) if e["msgid"] == "")
    assert "fuzzy" not in header["flags"]
    assert "Language: vi" in str(header["msgstr"])


def test_placeholders_survive_translation():
    placeholder = re.compile(r"%\(\w+\)[sd]|\{\{ ?\w+ ?\}\}")
    for entry in po_entries(PO):
        if entry["msgid"] and "msgstr" in entry:
            expected = sorted(placeholder.findall(str(entry["msgid"])))
            assert sorted(placeholder.findall(str(entry["msgstr"]))) == expected, entry["msgid"]


def test_compiled_catalogue_matches_the_po_entry_for_entry():
    """The committed .mo carries exactly the .po's translations (run `make messages` after edits).

    Compared by content, not file times: a fresh clone gives both files arbitrary mtimes.
    """
    with MO.open("rb") as handle:
        catalog = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
    for entry in po_entries(PO):
        msgid = str(entry["msgid"])
        if not msgid:
            continue
        if "msgctxt" in entry:
            msgid = f"{entry['msgctxt']}\x04{msgid}"
        if "msgid_plural" in entry:
            for key, value in entry.items():
                if key.startswith("msgstr["):
                    index = int(key[7:-1])
                    assert catalog.get((msgid, index)) == value, (msgid, index)
        else:
            assert catalog.get(msgid) == entry["msgstr"], msgid
