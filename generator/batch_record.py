"""Write (batch record): which card files in an output folder belong to which roster row.

A batch writes `.handouts-batch.json` beside its cards: for each roster (its path and a
digest of its header row, never of a person's data) the rows it made cards for, by row
identity, and the file of each. With it a batch
- never overwrites a card another roster (or `handouts card`) made: it takes another name;
- keeps a person's file name across runs, so `-2` never moves to someone else;
- moves the cards of rows that are gone into `gamla/`, so no stale card looks current;
- knows, by a digest of each card's inputs and of its bytes, which cards a re-run need
  not make again (batch_plan.py decides; the sheet has a digest of its own).
Each claim is appended to a journal as it is made, so an interrupted run resumes with
the files it already owns; a lock file keeps two batches out of one folder at a time.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from .errors import OutputError, Problem, Suggestion
from .write import atomic_file, write_atomic

RECORD = ".handouts-batch.json"
JOURNAL = ".handouts-batch.journal"
LOCK = ".handouts-batch.lock"
OLD = "gamla"
VERSION = 1
Phrase = Suggestion  # a message's (code, params), filled in the reader's language
UNKNOWN_OWNER: Phrase = ("owner.unknown", {})


@dataclass(slots=True)
class Entry:
    """One card a roster owns: its file, the row it was made from, a digest of the card's
    inputs (None when it must be made again: it had warnings) and one of its bytes."""

    file: str
    row: int
    input: str | None = None
    output: str | None = None

    def saved(self) -> dict[str, Any]:
        """As the record file and the journal keep it."""
        return {"file": self.file, "row": self.row, "input": self.input, "output": self.output}

    @classmethod
    def read(cls, saved: dict[str, Any]) -> Entry:
        """From a record file's card or a journal line."""
        return cls(saved["file"], saved["row"], saved.get("input"), saved.get("output"))


@dataclass
class RosterRecord:
    name: str  # as shown to people: the roster's file name
    header: str  # sha256 of the header row
    cards: dict[str, Entry] = field(default_factory=dict)  # row identity -> entry
    sheet: dict[str, Any] | None = None  # the sheet file's input and output digests, pages


def file_digest(path: Path) -> str | None:
    """A digest of a file's bytes (None when it cannot be read), to see it is as written."""
    try:
        with open(path, "rb") as stream:
            return hashlib.file_digest(stream, "sha256").hexdigest()[:32]
    except OSError:
        return None


def bytes_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:32]


class RowKeys:
    """Each row's key in the record: its identity, and `#2`, `#3` for rows of the same
    identity after the first (rows that are the same person twice), so no two rows share one."""

    def __init__(self) -> None:
        self.seen: Counter[str] = Counter()

    def key(self, stem: str, values: Any) -> str:
        base = identity(stem, values)
        self.seen[base] += 1
        count = self.seen[base]
        return base if count == 1 else f"{base}#{count}"


def identity(stem: str, values: Any) -> str:
    """A row's identity across runs: the file-name stem of the name and a digest of who
    the person is to others (carer, contacts' names), not of any health detail."""
    parts = [stem]
    if isinstance(values, dict):
        parts.append(str(values.get("carer") or ""))
        contacts = values.get("contacts")
        for contact in contacts if isinstance(contacts, list) else []:
            if isinstance(contact, dict):
                parts.append(str(contact.get("name") or ""))
    return stem + ":" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:16]


@contextlib.contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """Hold the folder's lock for a run; refuse at once if another run holds it.

    `flock` is released by the system when a process ends, however it ends, so a killed
    run never leaves the folder locked.
    """
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks here; runs are not shared there
        yield
        return
    try:
        handle = open(folder / LOCK, "a+")  # held for the run
    except OSError as error:
        raise _cannot_write(folder / LOCK, error) from None
    try:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise OutputError([Problem("output.batch_locked", {}, str(folder))]) from None
        yield
    finally:
        handle.close()


class BatchRecord:
    """The folder's record, read at the start of a run and written at its end."""

    def __init__(self, folder: Path, key: str, name: str, header: str) -> None:
        self.folder, self.key = folder, key
        self.rosters = self._read(folder)
        previous = self.rosters.get(key)
        self.previous = previous.cards if previous else {}
        self.current = RosterRecord(name, header)
        self.by_stem: dict[str, list[str]] = {}  # previous identities by name stem
        for key in self.previous:
            self.by_stem.setdefault(key.split(":")[0], []).append(key)
        self.stems: Counter[str] = Counter()  # rows of this run per name stem (from the plan)
        self.owned = {e.file: k for k, r in self.rosters.items() for e in r.cards.values()}
        self.claimed: set[str] = set()
        # This run's claims are kept in the journal, not in memory: only their keys are.
        self.claimed_keys: set[str] = set()
        try:
            self.journal: TextIO = open(folder / JOURNAL, "a+", encoding="utf-8")
            self.journal_start = self.journal.seek(0, os.SEEK_END)
        except OSError as error:
            raise _cannot_write(folder / JOURNAL, error) from None

    # -- reading -----------------------------------------------------------------------
    def _read(self, folder: Path) -> dict[str, RosterRecord]:
        rosters: dict[str, RosterRecord] = {}
        path = folder / RECORD
        try:
            if path.exists():
                data = json.loads(path.read_text(encoding="utf-8"))
                for key, value in data.get("rosters", {}).items():
                    rosters[key] = RosterRecord(value["name"], value["header"], {
                        i: Entry.read(e) for i, e in value["cards"].items()}, value.get("sheet"))
            journal = folder / JOURNAL
            if journal.exists():  # claims of a run that did not finish
                for line in journal.read_text(encoding="utf-8").splitlines():
                    claim = json.loads(line)
                    roster = rosters.setdefault(claim["roster"], RosterRecord(
                        claim["name"], claim["header"]))
                    roster.cards[claim["identity"]] = Entry.read(claim)
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise OutputError([Problem("output.record_unreadable", {"detail": type(error).__name__},
                                       str(path))]) from None
        return rosters

    # -- naming ------------------------------------------------------------------------
    def unchanged(self, key: str, input: str) -> Entry | None:
        """The card this roster made last time for the row `key` from the same inputs,
        when its file still holds exactly the bytes written then."""
        entry = self.previous.get(key)
        if entry is None or entry.input != input or entry.output is None:
            return None
        return entry if file_digest(self.folder / entry.file) == entry.output else None

    def sheet_unchanged(self, name: str, input: str) -> int | None:
        """The page count of the sheet file `name` when it was made from the same inputs
        and still holds the bytes written then; else None."""
        sheet = self.rosters[self.key].sheet if self.key in self.rosters else None
        if not sheet or sheet.get("input") != input or sheet.get("file") != name:
            return None
        if file_digest(self.folder / name) != sheet.get("output"):
            return None
        return int(sheet.get("pages", 0))

    def made_sheet(self, name: str, input: str, pages: int) -> None:
        self.current.sheet = {"file": name, "input": input, "pages": pages,
                              "output": file_digest(self.folder / name)}

    def claim(self, key: str, stem: str, row: int, input: str | None = None,
              output: str | None = None) -> tuple[str, Problem | None]:
        """The file for the row whose identity is `key`, and a warning when the name it
        would have had belongs to another roster or person. `input` and `output` are the
        digests a later run compares (batch_plan.py)."""
        entry = self.previous.get(key)
        if entry is None and self.stems[stem] == 1:  # the one person of this name, edited
            same = self.by_stem.get(stem, [])
            if len(same) == 1 and same[0] not in self.claimed_keys:
                entry = self.previous[same[0]]
        if entry is not None and entry.file not in self.claimed:
            name = entry.file
            warning = None
        else:
            name, warning = self._new_name(stem)
        self.claimed.add(name)
        self.claimed_keys.add(key)
        self.journal.write(json.dumps({"roster": self.key, "name": self.current.name,
                                       "header": self.current.header, "identity": key,
                                       **Entry(name, row, input, output).saved()}) + "\n")
        self.journal.flush()
        return name, warning

    def _new_name(self, stem: str) -> tuple[str, Problem | None]:
        wanted = f"{stem}.pdf"
        name, counter, owner = wanted, 1, None
        while self._taken(name):
            if name == wanted and name not in self.claimed:  # not a namesake of this run
                owner = self._owner(name)
            counter += 1
            name = f"{stem}-{counter}.pdf"
        if name == wanted or not owner:
            return name, None
        return name, Problem("output.foreign_card", {"wanted": wanted, "owner": owner,
                                                    "file": name}, str(self.folder))

    def _taken(self, name: str) -> bool:
        if name in self.claimed:
            return True
        if name in self.owned:  # another roster's, or another row's of this one
            return True
        return (self.folder / name).exists()  # a card nobody recorded: not ours to replace

    def _owner(self, name: str) -> Phrase | None:
        key = self.owned.get(name)
        if key is None:
            return ("owner.another_file", {}) if (self.folder / name).exists() else None
        if key == self.key:
            return ("owner.another_row", {})
        return ("owner.list", {"name": self.rosters[key].name})

    # -- finishing ---------------------------------------------------------------------
    def move_stale(self) -> list[tuple[Entry, str]]:
        """Cards of this roster's rows that are gone, moved into gamla/: (entry, new path)."""
        moved = []
        for key, entry in self.previous.items():
            if key in self.claimed_keys or entry.file in self.claimed:
                continue
            source = self.folder / entry.file
            if not source.exists():
                continue
            target = _free(self.folder / OLD, entry.file)
            target.parent.mkdir(exist_ok=True)
            os.replace(source, target)
            moved.append((entry, f"{OLD}/{target.name}"))
        return moved

    def save(self) -> None:
        """The record with this run's claims (read back from the journal) for this roster."""
        self.rosters[self.key] = self.current
        self.journal.flush()
        with atomic_file(self.folder / RECORD) as stream:
            _write_record(stream, self.rosters, self.key, self._claims())
        self.journal.close()
        (self.folder / JOURNAL).unlink(missing_ok=True)

    def _claims(self) -> Iterator[tuple[str, Entry]]:
        """This run's claims in the order made: (row identity, entry)."""
        self.journal.seek(self.journal_start)
        for line in self.journal:
            claim = json.loads(line)
            yield claim["identity"], Entry.read(claim)

    def close(self) -> None:
        self.journal.close()


def _write_record(stream: BinaryIO, rosters: dict[str, RosterRecord], current: str,
                  claims: Iterator[tuple[str, Entry]]) -> None:
    """The record as JSON, a card to a line, written as it goes: a 100,000-row roster's
    record is tens of megabytes, which a run need not hold in memory. The cards of the
    roster `current` are this run's `claims`; the other rosters' are as they were read."""
    def text(value: object) -> bytes:
        return json.dumps(value, ensure_ascii=False).encode("utf-8")

    stream.write(b'{"version": %s, "rosters": {' % text(VERSION))
    for index, (key, roster) in enumerate(rosters.items()):
        stream.write(b"%s\n%s: {\"name\": %s, \"header\": %s, \"sheet\": %s, \"cards\": {" % (
            b"," if index else b"", text(key), text(roster.name), text(roster.header),
            text(roster.sheet)))
        cards = claims if key == current else iter(roster.cards.items())
        for number, (identity, entry) in enumerate(cards):
            stream.write(b"%s\n%s: %s" % (b"," if number else b"", text(identity),
                                          text(entry.saved())))
        stream.write(b"}}")
    stream.write(b"}}\n")


def _cannot_write(path: Path, error: OSError) -> OutputError:
    return OutputError([Problem("output.cannot_write", {"reason": error.strerror}, str(path))])


def _free(folder: Path, name: str) -> Path:
    stem, suffix = os.path.splitext(name)
    target, counter = folder / name, 1
    while target.exists():
        counter += 1
        target = folder / f"{stem}-{counter}{suffix}"
    return target


# -- single cards (`handouts card`) ------------------------------------------------------
CARDS = ".handouts-cards.json"


def _cards(folder: Path) -> dict[str, str]:
    try:
        data = json.loads((folder / CARDS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def card_owner(folder: Path, name: str, source: str) -> str | Phrase | None:
    """Who made the file `name` in `folder`, if not the person file `source`: another
    person file, a roster, or someone unknown; None when it is free or `source`'s own."""
    if not (folder / name).exists():
        return None
    made_from = _cards(folder).get(name)
    if made_from == source:
        return None
    if made_from is not None:
        return made_from
    try:
        rosters = json.loads((folder / RECORD).read_text(encoding="utf-8"))["rosters"]
        for roster in rosters.values():
            if any(entry["file"] == name for entry in roster["cards"].values()):
                return ("owner.list", {"name": roster["name"]})
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return UNKNOWN_OWNER


def remember_card(folder: Path, name: str, source: str) -> None:
    cards = _cards(folder)
    cards[name] = source
    write_atomic(folder / CARDS, json.dumps(cards, ensure_ascii=False, indent=1).encode())
