"""Write: atomic files, only inside the output folder, safe names."""
from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from generator.errors import OutputError
from generator.write import Document, safe_name, write_atomic, write_documents


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch
                                                             ) -> None:
    target = tmp_path / "kort.pdf"
    target.write_bytes(b"old")

    def broken_replace(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        write_atomic(target, b"new" * 1000)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["kort.pdf"]


def test_written_files_are_readable_by_others(tmp_path: Path) -> None:
    write_atomic(tmp_path / "a.pdf", b"%PDF")
    mode = stat.S_IMODE((tmp_path / "a.pdf").stat().st_mode)
    assert mode & stat.S_IRGRP and mode & stat.S_IROTH


def test_nothing_is_written_outside_the_folder(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="refusing to write outside"):
        write_documents([Document("../ut.pdf", b"x", "")], tmp_path / "out")
    assert not (tmp_path / "ut.pdf").exists()


def test_unwritable_folder_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "out").write_text("a file, not a folder")
    with pytest.raises(OutputError, match="cannot write"):
        write_documents([Document("a.pdf", b"x", "")], tmp_path / "out" / "sub")


@pytest.mark.parametrize(("name", "safe"), [
    ("Åsa Öberg", "asa-oberg"),
    ("../../etc/passwd", "etc-passwd"),
    ("Ann & <Bo>", "ann-bo"),
    ("Märta 😀\x07", "marta"),
    ("José Müller", "jose-muller"),
    ("Łukasz Wałęsa", "lukasz-walesa"),
    ("Νίκος Παπαδόπουλος", "nikos-papadopoylos"),
    ("Сергей Иванов", "sergey-ivanov"),
    ("فاطمة حسن", "ftmh-hsn"),
    ("CON", "kort-con"),
    ("", "kort"),
])
def test_safe_names(name: str, safe: str) -> None:
    assert safe_name(name) == safe
