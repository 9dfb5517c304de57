"""Write: the one place that puts files on disk, atomically and only where asked."""
from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from .errors import OutputError
from .locale import interface_locale

_UNSAFE = re.compile(r"[^a-z0-9]+")
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
             *(f"lpt{i}" for i in range(1, 10))}
_SWEDISH = str.maketrans({"å": "a", "ä": "a", "ö": "o", "Å": "a", "Ä": "a", "Ö": "o",
                          "æ": "ae", "ø": "o", "ß": "ss"})


@dataclass(frozen=True)
class Document:
    """A finished file in memory: its name in the output folder, bytes and a summary."""

    name: str
    data: bytes
    summary: str


def safe_name(text: str, fallback: str = interface_locale().fallback_name,
              max_length: int = 60) -> str:
    """A file name stem safe on every file system: 'Åsa Öberg/..' -> 'asa-oberg'."""
    folded = unicodedata.normalize("NFKD", text.translate(_SWEDISH))
    ascii_only = folded.encode("ascii", "ignore").decode("ascii").lower()
    stem = _UNSAFE.sub("-", ascii_only).strip("-")[:max_length].strip("-")
    if not stem or stem in _RESERVED:
        stem = f"{fallback}-{stem}" if stem else fallback
    return stem


@contextmanager
def atomic_file(path: Path, durable: bool = True) -> Iterator[BinaryIO]:
    """A stream to a temporary file beside `path`, renamed onto it only when all went well.

    An error, Ctrl-C or a killed process leaves `path` as it was: never half-written.
    `durable` also waits for the disk (fsync), against a power cut; a batch skips it,
    because its next run compares every card's bytes and rewrites any that a power
    cut left short, and a thousand waits would double its time.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w+b") as stream:
            yield stream
            stream.flush()
            if durable:
                os.fsync(stream.fileno())
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes 0600; a PDF is for sharing
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_atomic(path: Path, data: bytes, durable: bool = True) -> None:
    """Write to a temporary file beside `path`, then rename: never a half-written file."""
    with atomic_file(path, durable) as stream:
        stream.write(data)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_documents(documents: list[Document], folder: Path) -> list[Path]:
    """Write each document into `folder`; names never reach outside it."""
    written = []
    for document in documents:
        target = (folder / document.name).resolve()
        if target.parent != folder.resolve():
            raise OutputError(f"{document.name}: error: refusing to write outside {folder}")
        try:
            write_atomic(target, document.data)
        except OSError as error:
            raise OutputError(f"{target}: error: cannot write: {error.strerror}\n"
                              "  hint: check that the folder exists and is writable") from None
        written.append(target)
    return written
