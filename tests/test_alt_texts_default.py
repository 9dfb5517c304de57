"""Content (labels): a project folder made before the alt-text labels existed still loads."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

from generator.content import load_content

SOURCE = Path(__file__).parents[1] / "content"


def test_labels_without_the_figure_words_take_the_swedish_source_s(tmp_path: Path) -> None:
    shutil.copytree(SOURCE, tmp_path / "content")
    labels = tmp_path / "content" / "sv" / "labels.yaml"
    text = labels.read_text(encoding="utf-8")
    older = re.split(r"\n# Vad bilderna visar", text)[0] + "\n"  # as `init` wrote it before
    assert "figure_pictogram" not in older and "pictograms" not in older
    labels.write_text(older, encoding="utf-8")
    shipped = load_content(SOURCE, "sv").labels
    content = load_content(tmp_path / "content", "sv").labels
    assert content.figure_pictogram == shipped.figure_pictogram == "Piktogram"
    assert content.pictograms == shipped.pictograms  # the defaults are the source's words
    assert (content.link_web, content.link_email, content.link_phone) == (
        shipped.link_web, shipped.link_email, shipped.link_phone)
