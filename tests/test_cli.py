"""The command line as a person uses it: messages, exit codes, files written."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import edit
from generator.cli import cli


def run(runner: CliRunner, *args: str, cwd: Path | None = None):  # type: ignore[no-untyped-def]
    if cwd is None:
        return runner.invoke(cli, list(args))
    old = Path.cwd()
    os.chdir(cwd)
    try:
        return runner.invoke(cli, list(args))
    finally:
        os.chdir(old)


def handouts(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The real entry point in a child process, as a shell would run it."""
    return subprocess.run([sys.executable, "-c", "from generator.cli import main; main()", *args],
                          capture_output=True, text=True, cwd=cwd,
                          env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])})


def test_build_writes_every_file_and_says_so(runner: CliRunner, tmp_path: Path) -> None:
    result = run(runner, "build", "--out", str(tmp_path / "ut"))
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 8
    assert "rutinkort-a6.pdf (13 cards, 26 pages" in lines[0]
    assert "rutinkort-a4-ark.pdf (13 cards on 4 sheets, 8 pages" in lines[1]
    assert "oxytocin-och-beroring.pdf (2 sides, 5 text panels" in lines[2]
    assert "oxytocin-och-beroring-a5.pdf (8 pages" in lines[3]
    assert "oxytocin-och-beroring-a5-ark.pdf (8 pages on 2 sheets" in lines[4]
    assert "kylskapskort-a5.pdf (7 routines, 1 page" in lines[5]
    assert "kylskapskort-dl.pdf (6 routines, 1 page" in lines[6]
    assert "oxytocin-och-beroring-storstil.pdf (8 pages" in lines[7]
    assert sorted(p.name for p in (tmp_path / "ut").iterdir()) == [
        "kylskapskort-a5.pdf", "kylskapskort-dl.pdf", "oxytocin-och-beroring-a5-ark.pdf",
        "oxytocin-och-beroring-a5.pdf", "oxytocin-och-beroring-storstil.pdf",
        "oxytocin-och-beroring.pdf", "rutinkort-a4-ark.pdf", "rutinkort-a6.pdf"]


def test_build_from_any_folder_uses_the_built_in_content(runner: CliRunner,
                                                         tmp_path: Path) -> None:
    result = run(runner, "build", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "output" / "rutinkort-a6.pdf").is_file()


def test_init_then_build_and_check_use_that_folder(runner: CliRunner, tmp_path: Path) -> None:
    result = run(runner, "init", "hem", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert "created hem/content/" in result.output
    project = tmp_path / "hem"
    edit(project / "content/sv/routines.yaml", "title: Sitt nära", "title: Sitt nära varandra")
    assert run(runner, "check", cwd=project).exit_code == 0
    result = run(runner, "build", cwd=project)
    assert result.exit_code == 0, result.output
    from pypdf import PdfReader
    text = PdfReader(project / "output" / "rutinkort-a6.pdf").pages[2].extract_text()
    assert "Sitt nära varandra" in text


def test_init_never_overwrites(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "hem" / "content").mkdir(parents=True)
    result = run(runner, "init", "hem", cwd=tmp_path)
    assert result.exit_code == 1
    assert "already exists; nothing was copied" in result.output


def test_check_reports_every_problem_and_exits_1(project: Path) -> None:
    edit(project / "content/handouts.yaml", "layout: card-a6", "layout: card-a7")
    edit(project / "content/sv/routines.yaml", "pictogram: meal", "pictogram: meals")
    edit(project / "content/organisation.yaml", "website:", "webbsida:")
    result = handouts("check", cwd=project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "content/handouts.yaml:9:13: error: products[0].layout: no layout named 'card-a7'" \
        in result.stderr
    assert "hint: did you mean 'card-a6'?" in result.stderr
    assert "content/sv/routines.yaml:57:16: error: routines[4].pictogram:" in result.stderr
    assert "content/organisation.yaml:2:11: error: webbsida: unknown key 'webbsida'" \
        in result.stderr
    assert result.stderr.rstrip().endswith("errors")


def test_misspelt_routine_id_in_the_manifest(project: Path) -> None:
    edit(project / "content/handouts.yaml", "    output: rutinkort-a6.pdf",
         "    output: rutinkort-a6.pdf\n    routines: [ogonkontakt, maltider]")
    result = handouts("build", cwd=project)
    assert result.returncode == 1
    assert ("content/handouts.yaml:11:29: error: products[0].routines: unknown routine "
            "'maltider'\n  hint: did you mean 'maltid'?") in result.stderr
    assert not (project / "output" / "rutinkort-a6.pdf").exists()


def test_a_failed_build_writes_nothing(project: Path) -> None:
    edit(project / "content/sv/routines.yaml", "title: Sitt nära", "title: Sitt nära \u2603")
    result = handouts("build", cwd=project)
    assert result.returncode == 1
    assert "U+2603 SNOWMAN" in result.stderr
    assert list((project / "output").iterdir()) == []


def test_yaml_syntax_error_through_the_cli(project: Path) -> None:
    (project / "content/sv/labels.yaml").write_text("person_default: [oops\n", encoding="utf-8")
    result = handouts("check", cwd=project)
    assert result.returncode == 1
    assert result.stderr.startswith("content/sv/labels.yaml:2:1: error: this is not valid YAML")


def test_debug_shows_the_traceback(project: Path) -> None:
    (project / "content/sv/labels.yaml").write_text("a: [\n", encoding="utf-8")
    assert "Traceback" in handouts("--debug", "check", cwd=project).stderr


def test_list_shows_layouts_products_and_routines(runner: CliRunner) -> None:
    result = run(runner, "list")
    assert result.exit_code == 0
    for expected in ("Layouts:", "card-a6", "sheet-a4-4up", "Products:", "rutinkort",
                     "Routines:", "resa-sig", "Hjälp att resa sig"):
        assert expected in result.output


def test_list_names_what_a_project_has_even_when_check_would_refuse_it(project: Path) -> None:
    """`list` reads names as the files give them (`check` validates): a layout with a
    number out of range, a new layout and a product of the project's own still show."""
    edit(project / "layouts/card-a6.yaml", "bleed_mm: 3", "bleed_mm: .nan")
    (project / "layouts/mitt-kort.yaml").write_text("kind: fridge-card\n", encoding="utf-8")
    edit(project / "content/handouts.yaml", "output: rutinkort-a6.pdf", "output: våra-kort.pdf")
    listed = handouts("list", cwd=project)
    assert listed.returncode == 0, listed.stderr
    assert "  mitt-kort          fridge-card\n" in listed.stdout
    assert "  rutinkort          routine-cards -> våra-kort.pdf + rutinkort-a4-ark.pdf\n" \
        in listed.stdout
    assert "  resa-sig           Hjälp att resa sig\n" in listed.stdout
    assert handouts("check", cwd=project).returncode == 1


def test_list_of_a_file_that_is_not_yaml_is_an_error_at_its_line(project: Path) -> None:
    (project / "layouts/trasig.yaml").write_text("kind: [sheet\n", encoding="utf-8")
    listed = handouts("list", cwd=project)
    assert listed.returncode == 1
    assert listed.stderr.startswith("layouts/trasig.yaml:")
    assert "Traceback" not in listed.stderr


@pytest.mark.parametrize("command", ["build", "check", "list", "init"])
def test_every_command_has_help_with_an_example(runner: CliRunner, command: str) -> None:
    result = run(runner, command, "--help")
    assert result.exit_code == 0
    assert "Example:" in result.output and f"handouts {command}" in result.output


def test_bad_usage_exits_2(runner: CliRunner) -> None:
    result = run(runner, "build", "--no-such-flag")
    assert result.exit_code == 2


def test_unknown_product(runner: CliRunner, tmp_path: Path) -> None:
    result = run(runner, "build", "--product", "rutinkrt", "--out", str(tmp_path))
    assert result.exit_code == 1
    assert "no product named rutinkrt" in result.output


def test_an_unknown_card_layout_names_the_ones_that_fit(runner: CliRunner,
                                                         tmp_path: Path) -> None:
    from generator.defaults import default_dir
    person = str(default_dir("content") / "people" / "anna-lind.yaml")
    result = run(runner, "card", person, "--layout", "kylskap", "--out", str(tmp_path / "a.pdf"))
    assert result.exit_code == 2  # a usage error, like an unknown option
    assert "--layout: error: no layout named 'kylskap'\n  hint: use card-a6 or fridge-a5" \
        in result.output
    result = run(runner, "card", person, "--layout", "fridge-a4", "--out", str(tmp_path / "a.pdf"))
    assert "hint: did you mean 'fridge-a5'?" in result.output
    assert not (tmp_path / "a.pdf").exists()
