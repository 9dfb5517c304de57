"""Command line: parse, call the library, print, set the exit code. Nothing else.

Library errors are data (errors.py); this is the edge that turns them into text on
stderr (or JSON on stdout with --format json) and Click's exit codes: 0 done, 1 bad
input (any row failed), 2 usage.
"""
from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from .errors import EXIT_INPUT, ContentError, HandoutsError, Problem
from .i18n import LANGUAGES, language_from_environment, translator, use_in_click
from .messages import format_problem

if TYPE_CHECKING:
    from .compose.sizing import Fonts
    from .project import Project

# Each command imports what it needs when it runs (ReportLab, Babel, pikepdf, ...), so
# `handouts --help` and `handouts list` start in a fraction of the time.
_DEBUG = {"on": False}
_UI: dict[str, Any] = {"translate": None}  # set once per run by main(): Swedish or English


def _(message: str) -> str:
    """The message in the interface language (gettext; see generator/i18n)."""
    translate = _UI["translate"] or translator()
    return str(translate(message))


class _Reported(click.ClickException):
    """A library error, shown as its problems' text; the exit code is the error's."""

    def __init__(self, error: HandoutsError) -> None:
        super().__init__(error.format_message(_UI["translate"] or translator()))
        self.exit_code = error.exit_code  # type: ignore[misc]

    def show(self, file: Any = None) -> None:
        click.echo(self.format_message(), err=True, file=file)


class _Group(click.Group):
    """Adapts library errors to Click: the library itself never imports Click."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except HandoutsError as error:
            if _DEBUG["on"]:
                raise
            raise _Reported(error) from None


format_option = click.option(
    "--format", "output_format", type=click.Choice(["text", "json"]), default="text",
    show_default=True, help="json: print the outcome and every problem as JSON on stdout, "
    "for other programs.")


def _echo_json(value: dict[str, Any]) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=2))


@contextmanager
def _json_errors(output_format: str) -> Iterator[None]:
    """With --format json, a library error prints as {"ok": false, "problems": [...]}."""
    try:
        yield
    except HandoutsError as error:
        if output_format != "json" or _DEBUG["on"]:
            raise
        from .json_out import error_json  # (it imports the preflight: only when needed)
        _echo_json(error_json(error))
        sys.exit(error.exit_code)


def _project(directory: Path | None) -> Project:
    from .project import Project
    return Project.find((directory or Path.cwd()).resolve())


project_option = click.option(
    "-C", "--project", "directory", type=click.Path(file_okay=False, path_type=Path),
    default=None, help="Project folder (with content/handouts.yaml). Default: this folder, "
    "else the built-in content.")


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, default=False, help="Show a traceback on errors.")
@click.option("--lang-ui", "lang_ui", type=click.Choice(LANGUAGES), default=None,
              help="Language of messages and help: sv or en. Default: from the locale "
              "(LANGUAGE, LC_ALL, LC_MESSAGES, LANG), as gettext reads it.")
@click.version_option(package_name="handouts")
def cli(debug: bool, lang_ui: str | None) -> None:
    """Print-ready handouts about calm touch and oxytocin, from YAML.

    \b
    Example:
      handouts init mitt-hem && cd mitt-hem
      handouts check
      handouts build
    """
    _DEBUG["on"] = debug


@cli.command()
@project_option
@click.option("-o", "--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder for the PDFs. Default: output/ in the project folder.")
@click.option("-p", "--product", "products", multiple=True,
              help="Build only this product (repeatable). Default: every product.")
@click.option("-l", "--lang", "language", default=None, metavar="CODE",
              help="Make the products in this language (sv, fi, en, ar); the file names get "
              "the code, e.g. oxytocin-och-beroring-fi.pdf. Default: the manifest's language.")
@click.option("--tryckeri", "print_shop", is_flag=True, default=False,
              help="Also write the print-shop edition to tryckeri/ in the output folder: the "
              "A6 cards, the leaflet and the A5 booklet as PDF/X-4 in CMYK, 3 mm bleed and "
              "crop marks, with a LÄSMIG.txt for the print shop.")
def build(directory: Path | None, out: Path | None, products: tuple[str, ...],
          language: str | None, print_shop: bool) -> None:
    """Build the products named in content/handouts.yaml.

    \b
    Example:
      handouts build
      handouts build --out /tmp/tryck --product rutinkort
      handouts build --lang fi
      handouts build --tryckeri
    """
    from .build import default_output, lay_out, read_inputs
    from .write import write_documents
    project = _project(directory)
    inputs = read_inputs(project, language)
    documents = lay_out(inputs, products)
    folder = out or default_output(project, Path.cwd())
    written = list(zip(write_documents(documents, folder), documents, strict=True))
    if print_shop:  # (PDF/X and its pypdf are imported only for it)
        from .print_shop import FOLDER, print_shop_edition

        shop = print_shop_edition(inputs, products)
        (folder / FOLDER).mkdir(parents=True, exist_ok=True)
        written += zip(write_documents(shop, folder / FOLDER), shop, strict=True)
    for path, document in written:
        click.echo(_("wrote {path} ({summary}, {size} KB)").format(
            path=_shown(path), summary=document.summary, size=f"{len(document.data) / 1024:.0f}"))


layout_option = click.option(
    "-l", "--layout", "layout_name", default="card-a6", show_default=True,
    metavar="card-a6|fridge-a5", help="A6 cards with every step, or one large-print A5 "
    "fridge card.")


@cli.command()
@project_option
@click.argument("pdfs", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@layout_option
@format_option
@click.option("--mark-translated", "mark", default=None, metavar="CODE",
              help="Record that the translation CODE is up to date with the Swedish source "
              "(writes content/CODE/translated-from.yaml), then check.")
@click.option("--tryckeri", "print_shop", is_flag=True, default=False,
              help="Also check as a print shop does: CMYK only, a PDF/X output intent, ink "
              "up to 300 %, black text in black ink alone, lines of 0.25 pt or more, "
              "images of 300 dpi, 3 mm bleed, fonts embedded. For any PDF, and without "
              "PDF arguments for the print-shop edition (build --tryckeri).")
def check(directory: Path | None, pdfs: tuple[Path, ...], layout_name: str,
          output_format: str, mark: str | None, print_shop: bool) -> None:
    """Check content, layouts and the manifest, then preflight the finished PDFs.

    Without arguments: lay out every product in memory (nothing is written) and
    preflight each file. With a person file (.yaml) or a roster (.csv, .xlsx, a YAML
    list): check every row and field and lay the cards out in memory, writing nothing.
    With PDF arguments: preflight only those files. Content
    problems print as file:line: error: message; PDF problems as file: page N: error.
    Exits 1 on any problem.

    \b
    Checked per page: body type size against the layout's floor (14 pt; 18 pt on
    fridge cards), text contrast of 7:1, fonts embedded, MediaBox ⊇ BleedBox ⊇
    TrimBox, colour at the trim running through the bleed, no text in the 5 mm safe
    margin, images at 300 dpi, no text clipped, covered or off the page.

    \b
    Translations (content/fi, content/en, ...): each must have every routine, label and
    section the Swedish source has (an error otherwise); a Swedish text changed after
    its translation was made gives a warning.

    \b
    Example:
      handouts check
      handouts check output/oxytocin-och-beroring.pdf
      handouts check output/tryckeri/rutinkort-a6.pdf --tryckeri
    """
    from .build import lay_out, read_inputs
    from .check_inputs import is_input_file
    from .json_out import check_json
    from .preflight import failed, preflight, read_pdfs
    from .print_shop import print_shop_edition
    from .translations import mark_translated
    as_json = output_format == "json"
    if pdfs and all(is_input_file(p) for p in pdfs) and not as_json:
        _check_inputs(_project(directory), pdfs, layout_name)
        return
    with _json_errors(output_format):
        if pdfs:
            files = read_pdfs(list(pdfs))
        else:
            project = _project(directory)
            if mark:
                click.echo(_("wrote {path}").format(
                    path=_shown(mark_translated(project.content, mark))), err=as_json)
            inputs = read_inputs(project)
            _check_translations(project, inputs.content.language, inputs.fonts)
            documents = lay_out(inputs) if not print_shop else [
                d for d in print_shop_edition(inputs) if d.name.endswith(".pdf")]
            if not as_json:
                click.echo(_("ok: {products} product(s), {routines} routines, {files} file(s) "
                             "laid out, nothing written").format(
                    products=len(inputs.products), routines=len(inputs.content.routines),
                    files=len(documents)))
            files = [(document.name, document.data) for document in documents]
        reports = [preflight(data, name, print_shop) for name, data in files]
        problem = failed(reports)
        if as_json:
            _echo_json(check_json(reports, problem))
            sys.exit(0 if problem is None else EXIT_INPUT)
        for report in reports:
            click.echo(report.format())
        if problem is not None:
            raise problem


def _check_translations(project: Project, language: str, fonts: Fonts) -> None:
    from .compose.shaped import fonts_miss
    from .content import check_languages
    from .translations import check_translations
    errors, warnings = check_translations(project.content)
    errors += check_languages(project.content, language, fonts_miss(fonts))
    for warning in warnings:
        text = format_problem(warning, _UI["translate"] or translator())
        click.echo(text.replace(f": {_('error')}: ", f": {_('warning')}: ", 1), err=True)
    if errors:
        raise ContentError(errors)


def _check_inputs(project: Project, paths: tuple[Path, ...], layout_name: str) -> None:
    """`handouts check` of person files and rosters: every problem, nothing written."""
    from .check_inputs import check_input

    failed = False
    for path in paths:
        found = check_input(project, path, layout_name)
        translate = _UI["translate"] or translator()
        for problem in found.messages + found.warnings:
            click.echo(format_problem(problem, translate), err=True)
        if found.problems:
            click.echo(HandoutsError(found.problems).format_message(translate), err=True)
        failed = failed or found.failed
        if found.rows is not None:
            click.echo((_("checked {file}: {made} of {rows} row(s) make a card; nothing written")
                        if found.failed else
                        _("ok: {file}: {made} of {rows} row(s) make a card; nothing written")
                        ).format(file=found.shown, made=found.made, rows=found.rows))
        elif not found.failed:
            click.echo(_("ok: {file}: {cards} card(s) for {name}; nothing written").format(
                file=found.shown, cards=found.made, name=found.name))
    if failed:
        sys.exit(EXIT_INPUT)


@cli.command()
@project_option
@click.argument("pdfs", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder for the pictures. Default: output/preview in the project folder.")
@click.option("--dpi", type=int, default=None, help="Resolution of the page pictures "
              "(default 100).")
def preview(directory: Path | None, pdfs: tuple[Path, ...], out: Path | None,
            dpi: int | None) -> None:
    """Render each page to PNG, plus a contact sheet of all pages with their names.

    Without PDF arguments: lay out every product in memory and preview those.

    \b
    Example:
      handouts preview
      handouts preview output/kylskapskort-a5.pdf --dpi 150 --out /tmp/titt
    """
    from .build import build_project, default_output
    from .preflight import read_pdfs
    from .preview import preview as preview_pages
    from .write import write_documents
    project = _project(directory)
    if pdfs:
        files = read_pdfs(list(pdfs))
    else:
        files = [(d.name, d.data) for d in build_project(project)]
    pictures = preview_pages(files, dpi or 100)
    folder = out or default_output(project, Path.cwd()) / "preview"
    paths = write_documents(pictures, folder)
    click.echo(_("wrote {count} page picture(s) and {path}").format(count=len(paths) - 1,
                                                                     path=_shown(paths[-1])))


@cli.command(name="list")
@project_option
def list_command(directory: Path | None) -> None:
    """List the layouts, products and routines.

    \b
    Example:
      handouts list
    """
    from .listing import project_listing

    listing = project_listing(_project(directory))  # as the files name them: `check` checks
    click.echo(_("Layouts:"))
    for name, kind in listing.layouts:
        click.echo(f"  {name:<18} {kind}")
    click.echo(_("Products:"))
    for name, kind, output, sheet in listing.products:
        click.echo(f"  {name:<18} {kind} -> {output}" + (f" + {sheet}" if sheet else ""))
    click.echo(_("Routines:"))
    for routine_id, title in listing.routines:
        click.echo(f"  {routine_id:<18} {title}")


@cli.command()
@project_option
@click.argument("person", type=click.Path(dir_okay=False, path_type=Path))
@layout_option
@click.option("-o", "--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The PDF to write. Default: output/<name>.pdf in the project folder.")
@click.option("--ark", is_flag=True, default=False,
              help="Also write the cards on A4 sheets with crop marks (<name>-ark.pdf), "
              "for the office printer.")
@click.option("--force", is_flag=True, default=False,
              help="Replace a file of the same name made from another person file.")
@format_option
def card(directory: Path | None, person: Path, layout_name: str, out: Path | None,
         ark: bool, force: bool, output_format: str) -> None:
    """Write one person's card from a person file (YAML).

    \b
    Example:
      handouts card content/people/anna-lind.yaml
      handouts card anna.yaml --ark
      handouts card anna.yaml --layout fridge-a5 --out anna-kylskap.pdf
    """
    from .batch_record import UNKNOWN_OWNER, card_owner, remember_card
    from .build import default_output
    from .personal import personal_card_document
    from .write import Document, write_documents

    warnings: list[Problem] = []
    with _json_errors(output_format):
        project = _project(directory)
        documents = personal_card_document(project, person, layout_name, sheet=ark,
                                           warnings=warnings)
        if out is not None:
            documents = [Document(out.name if d is documents[0] else
                                  f"{out.stem}-ark.pdf", d.data, d.summary) for d in documents]
        folder = out.parent if out is not None else default_output(project, Path.cwd())
        source = str(person.resolve())
        for document in documents:
            owner = card_owner(folder, document.name, source)
            if owner is not None and not force and (out is None or owner != UNKNOWN_OWNER):
                raise ContentError.single(str(person), "output.card_exists", {
                    "file": _shown(folder / document.name), "other": owner})
        paths = write_documents(documents, folder)
        for document in documents:
            remember_card(folder, document.name, source)
    for warning in warnings:
        if output_format != "json":
            click.echo(format_problem(warning), err=True)
    for path, document in zip(paths, documents, strict=True):
        if output_format == "json":
            _echo_json({"ok": True, "exit_code": 0, "file": _shown(path),
                        "summary": document.summary, "bytes": len(document.data),
                        "problems": [w.as_dict() for w in warnings]})
            continue
        click.echo(_("wrote {path} ({summary}, {size} KB)").format(
            path=_shown(path), summary=document.summary, size=f"{len(document.data) / 1024:.0f}"))


@cli.command()
@project_option
@click.argument("roster", type=click.Path(dir_okay=False, path_type=Path))
@layout_option
@click.option("-o", "--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder for the cards, the sheet file and the report. Default: output/ "
              "in the project folder.")
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=None,
              help="Processes to work in. Default: one per CPU. The files are the same "
              "whatever the number.")
@format_option
def batch(directory: Path | None, roster: Path, layout_name: str, out: Path | None,
          jobs: int | None, output_format: str) -> None:
    """Write one card per person in ROSTER (CSV from Excel, or a YAML list).

    Also writes ROSTER-ark.pdf (every card on A4 sheets with crop marks) and
    ROSTER-rapport.csv (row, name, file, status, error). A bad row is reported and
    the others are still made; the exit status is 1 when any row failed. Run it
    again after an interruption: unchanged cards are left as they are.

    \b
    Example:
      handouts batch content/people/exempel-roster.csv --out utskrift
      handouts batch boende.csv --layout fridge-a5 --jobs 2
    """
    from .batch import UNCHANGED, WRITTEN, run_batch
    from .build import default_output
    project = _project(directory)
    folder = out or default_output(project, Path.cwd())
    as_json = output_format == "json"
    bar = _ProgressBar() if sys.stderr.isatty() and not as_json else None
    try:
        with _json_errors(output_format):
            result = run_batch(project, roster, layout_name, folder, jobs or _cpus(), bar,
                               translate=_UI["translate"] or translator(), keep_rows=as_json)
    finally:
        if bar is not None:
            bar.close()
    if as_json:
        from .json_out import batch_json  # imports preflight: only when asked for

        _echo_json(batch_json(result, _shown))
        sys.exit(EXIT_INPUT if result.failed else 0)
    for problem in result.messages:
        click.echo(format_problem(problem, _UI["translate"] or translator()), err=True)
    made = result.count(WRITTEN) + result.count(UNCHANGED)
    sheet = _(", sheets: {path} ({pages} pages)").format(
        path=_shown(result.sheet), pages=result.sheet_pages) if result.sheet else ""
    click.echo(_("{made} of {rows} cards made ({written} written, {unchanged} unchanged), "
                 "{failed} failed{sheet}, report: {report}").format(
        made=made, rows=result.persons, written=result.count(WRITTEN),
        unchanged=result.count(UNCHANGED), failed=result.failed, sheet=sheet,
        report=_shown(result.report)) if result.report else "")
    if result.failed:
        sys.exit(1)


def _cpus() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (
        os.cpu_count() or 1)


class _ProgressBar:
    """A progress bar on the terminal, started once the batch knows how many rows it has."""

    def __init__(self) -> None:
        self.bar: Any = None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            self.bar = click.progressbar(length=total, label=_("cards"), file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(done)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


@cli.command()
@project_option
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True,
              help="0.0.0.0 lets everyone on this network use the app.")
@click.option("--open", "open_browser", is_flag=True, help="Open the app in the browser.")
def serve(directory: Path | None, port: int, host: str, open_browser: bool) -> None:
    """Run the web app for care staff on this computer (Ctrl-C stops it).

    \b
    Example:
      handouts serve --open
    """
    from .web.server import serve as run

    project = _project(directory)
    run(project.root, host, port, open_browser, click.echo)


@cli.command()
@click.argument("target", type=click.Path(file_okay=False, path_type=Path))
def init(target: Path) -> None:
    """Copy the default manifest, content and layouts into TARGET to edit.

    \b
    Example:
      handouts init mitt-hem
    """
    from .project_files import init_project
    for folder in init_project(target):
        click.echo(_("created {path}/").format(path=_shown(folder)))
    click.echo(_("next: cd {target} && handouts check && handouts build").format(target=target))


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _interface_language(argv: list[str]) -> str:
    """--lang-ui from the arguments (read before Click, so --help is translated too)."""
    for index, argument in enumerate(argv):
        value = argument.split("=", 1)[1] if argument.startswith("--lang-ui=") else (
            argv[index + 1] if argument == "--lang-ui" and index + 1 < len(argv) else None)
        if value in LANGUAGES:
            return value
    return language_from_environment()


def _translate_help(command: click.Command, translate: Any) -> None:
    """Every help text of the command tree in the interface language."""
    if command.help:
        command.help = translate(command.help)
    for parameter in command.params:
        if isinstance(parameter, click.Option) and parameter.help:
            parameter.help = translate(parameter.help)
    for child in getattr(command, "commands", {}).values():
        _translate_help(child, translate)


def main() -> None:
    """Entry point: a person sees a message, never a traceback, unless --debug."""
    language = _interface_language(sys.argv[1:])
    _UI["translate"] = translator(language)
    use_in_click(language)
    _translate_help(cli, _UI["translate"])
    try:
        cli.main(standalone_mode=False)
    except HandoutsError as error:  # raised outside a command; only with --debug
        if _DEBUG["on"]:
            raise
        click.echo(error.format_message(_UI["translate"]), err=True)
        sys.exit(error.exit_code)
    except click.exceptions.Abort:
        click.echo(_("aborted"), err=True)
        sys.exit(130)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        click.echo(_("interrupted; files already written are complete, none is half-written"),
                   err=True)
        sys.exit(130)
    except Exception as error:  # a bug: say so plainly, keep the traceback for --debug
        if _DEBUG["on"]:
            raise
        click.echo(_("internal error: {kind}: {error}").format(kind=type(error).__name__,
                                                               error=error) + "\n  "
                   + _("hint") + ": " + _("run again with --debug and report the traceback"),
                   err=True)
        sys.exit(3)
