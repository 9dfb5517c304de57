"""Messages: the catalogue of every problem code's English text, and formatting at the edges.

Each code maps to a message template and a hint template: plain strings with `{name}`
placeholders filled from the problem's parameters (and its `field` and `panel`), fit to
be gettext msgids. A template that names `{field}` or `{panel}` places them itself;
otherwise they are put before the message. `format_problem` is the one edge function;
pass `translate` (e.g. a gettext function) to show another language.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .errors import Problem


def identity(text: str) -> str:
    return text


@dataclass(frozen=True)
class Message:
    text: str
    hint: str = ""
    plain: bool = False  # printed without "error: " (a summary line, not a fault)
    warning: bool = False  # printed as "warning: ": the work went on


CATALOGUE: dict[str, Message] = {
    # hints that several codes share (a Problem's `suggestion`)
    "hint.did_you_mean": Message("did you mean '{close}'?"),
    "hint.choose_one": Message("choose one of: {choices}"),
    "hint.see_list": Message("see `handouts list` for the {count} choices"),
    "hint.language_close": Message("did you mean '{close}'? (the languages are: {languages})"),
    "hint.languages": Message("the languages are: {languages}"),
    # translations (translations.py)
    "translation.missing": Message("'{key}' is missing: the Swedish content/sv/{file} has it",
                                   "translate it from the Swedish file"),
    "translation.extra": Message("'{key}' is not in the Swedish content/sv/{file}",
                                 "remove it, or add it to the Swedish source first"),
    "translation.numbers_differ": Message(
        "its steps' seconds and pressure_kg differ from the Swedish routine",
        "keep the facts and numbers of the Swedish source"),
    "translation.part_differs": Message("its '{part}' differs from the Swedish section",
                                        "keep the facts and numbers of the Swedish source"),
    "translation.count_differs": Message("it has {count} items, the Swedish text {source_count}",
                                         "keep the facts and numbers of the Swedish source"),
    "translation.stale": Message(
        "the Swedish text changed after this translation was made (made from {was}, now {now})",
        "bring the translation up to date, then write {key}: '{now}' under {file} in {stamp}"),
    "translation.unknown": Message("there is no translation '{language}'"),
    "product.no_title": Message("no title and subject for the product kind '{kind}'",
                                "give each product kind a title: and a subject:"),
    "hint.template_names": Message("the names you can use are: {names}"),
    "hint.other_layout": Message("name another layout in the manifest"),
    "hint.personal_layouts": Message("use card-a6 or fridge-a5"),
    "hint.remove_sheet": Message("remove the sheet: entry of this product"),
    "hint.start_folder": Message("run `handouts init DIR` to start a folder"),
    "hint.overflow_left": Message("about {lines} lines of {size:g} pt are left over; shorten "
                                  "these sections, or name a layout with more room in "
                                  "content/handouts.yaml"),
    "hint.shorten_person": Message("shorten the text: a person's card has one page a side"),
    "hint.contact_line": Message("shorten the line or make the QR code smaller (qr_mm)"),
    # reading files (yamlread.py, roster.py)
    "file.missing": Message("the file does not exist"),
    "file.unreadable": Message("the file cannot be read: {reason}"),
    "file.not_utf8": Message("the file is not UTF-8", "save it as UTF-8 in your editor"),
    "file.too_large": Message("the file is larger than {megabytes} MB", "is this the right file?"),
    "yaml.invalid": Message("this is not valid YAML: {detail}",
                            "check the indentation and that text with ': ' or '#' is in quotes"),
    "yaml.invalid_tabs": Message("this is not valid YAML: {detail}",
                                 "YAML indents with spaces, not tabs"),
    "yaml.invalid_bare": Message("this is not valid YAML: {detail}"),
    "yaml.tag": Message("the tag {tag} is not allowed",
                        "content holds only text, numbers, true/false, lists and mappings"),
    "yaml.too_many_values": Message("the file expands to more than {budget:,} values",
                                    "anchors and aliases (&name, *name) are repeated too often; "
                                    "write the values out"),
    "yaml.number_too_long": Message("a number of {digits} digits is too long to read",
                                    "write a shorter number, or put text in quotes"),
    "yaml.too_deep": Message("the lists and mappings nest more than {depth} levels deep",
                             "an anchor (&name) that holds its own alias (*name) never ends; "
                             "write the values out"),
    "yaml.merge_key": Message("merge keys (<<) are not supported", "write the keys out"),
    "yaml.duplicate_key": Message("the key '{key}' appears twice (first on line {first})",
                                  "remove one of them"),
    # converting values (validate.py)
    "value.not_bool": Message("expected true or false, got {got}"),
    "value.not_text": Message("expected text, got {got}"),
    "value.phone_number": Message("write the number in quotes",
                                  'a phone number like 0701234567 must be "0701234567", or YAML '
                                  "reads it as a number and drops the leading 0"),
    "value.empty": Message("this text is empty"),
    "value.too_long": Message("the text is {length} characters, at most {limit} fit here",
                              "shorten it"),
    "value.not_id": Message("'{value}' is not a valid id",
                            "use lower-case letters a–z, digits and single hyphens, like "
                            "'resa-sig'"),
    "value.not_phone": Message("'{value}' is not a phone number",
                               "write the digits, like 0701234567 or +46701234567"),
    "value.not_number": Message("must be {wanted}, got {got}", "write {wanted}"),
    "value.decimal_comma": Message("must be {wanted}, got {got}",
                                   "write the number with a point, like 3.5"),
    "value.out_of_range": Message("must be {wanted}, got {got}", "write {wanted}"),
    "value.not_finite": Message("must be {wanted}, got {got}",
                                "YAML reads .nan as 'not a number' and .inf as 'infinity'; "
                                "write {wanted}"),
    "value.a_number": Message("a number {span}"),
    "value.a_whole_number": Message("a whole number {span}"),
    "value.from_to": Message("from {low:g} to {high:g}"),
    "value.finite": Message("that is finite"),
    "value.digits": Message("a number of {count} digits"),
    "value.not_choice": Message("'{value}' is not one of the choices"),
    "value.not_list": Message("expected a list, got {got}",
                              "start each item on its own line with '- '"),
    "value.too_few": Message("the list needs at least {low} item(s)"),
    "value.too_many": Message("the list has {count} items, at most {high} fit"),
    "value.not_mapping": Message("expected a mapping of keys, got {got}"),
    "key.unknown": Message("unknown key '{key}'"),
    "key.missing": Message("the key '{key}' is missing"),
    # layouts (layout.py, build.py, pdf/impose.py)
    "layout.not_mapping": Message("a layout is a mapping of keys"),
    "layout.unknown_kind": Message("unknown layout kind '{kind}'"),
    "layout.unknown": Message("no layout named '{name}'"),
    "layout.wrong_kind": Message("{used_by} needs a layout of kind {kinds}, this one is '{kind}'"),
    "layout.not_on_sheets": Message("a layout of kind '{kind}' is printed as it is, not on "
                                    "sheets"),
    "layout.not_colour": Message("'{value}' is not a colour",
                                 "write it as #rrggbb, like {example}"),
    "layout.not_inks": Message("{value} is not a CMYK colour a print shop can use",
                               "write four ink percentages from 0 to 100 that add up to 300 "
                               "or less, like [100, 60, 20, 45]"),
    "layout.no_inks": Message("the colour {name} has no CMYK values, which the print-shop "
                              "edition needs", "write it as {{rgb: \"{rgb}\", cmyk: [c, m, y, k]}} "
                              "with the values your print shop suggests"),
    "print.no_profile": Message("the CMYK colour profile for the print-shop edition is missing",
                                "install it with: apt-get install {package}"),
    "layout.contrast": Message("{fore} on {back} has a contrast of {ratio:.1f}:1, below "
                               "{minimum:g}:1", "make one of the two darker or lighter"),
    "layout.type_floor": Message("{style} type may shrink to {smallest:g} pt, below the floor of "
                                 "{floor:g} pt", "raise it to {floor:g} pt or more"),
    "layout.min_over_size": Message("the minimum is larger than the size"),
    "layout.leading": Message("leading {leading:g} pt is tighter than the size + 4 pt "
                              "({least:g} pt)", "open it up"),
    "layout.bleed": Message("a bleed of {bleed:g} mm is less than {minimum:g} mm",
                            "print shops ask for 3 mm"),
    "layout.margin": Message("a margin of {margin:g} mm is inside the {safe:g} mm safe zone",
                             "text this close to the edge may be cut"),
    "layout.fridge_title": Message("the title may shrink to {smallest:g} pt, below the "
                                   "fridge-card floor of {floor:g} pt",
                                   "raise it to {floor:g} pt or more"),
    "layout.large_print_heading": Message(
        "{style} type may shrink to {smallest:g} pt, below the large-print floor of {floor:g} "
        "pt for headings", "raise it to {floor:g} pt or more"),
    "layout.marks": Message("marks {offset:g} mm from the trim would print inside the {bleed:g} "
                            "mm bleed", "use at least {bleed:g} mm"),
    "layout.panel_widths": Message("the panels of '{side}' are {total:g} mm wide together, "
                                   "{relation} the {width:g} mm paper",
                                   "make the panel widths add up to the paper's width"),
    "layout.wider": Message("wider than"),
    "layout.narrower": Message("narrower than"),
    "layout.flows_missing": Message("missing"),
    "layout.one_cover": Message("a leaflet needs exactly one panel with role: cover"),
    "layout.flow_numbers": Message("the flow numbers are {flows}; the running text needs panels "
                                   "numbered 1, 2, 3 … with no gaps or repeats",
                                   "give each panel that takes text its place in the reading "
                                   "order"),
    "layout.no_flow": Message("the text panel '{panel_name}' has no flow number",
                              "say where in the reading order it comes: flow: 1, 2 …"),
    "sheet.too_small": Message("{columns} x {rows} cards of {card_w:.0f} x {card_h:.0f} mm need "
                               "{need_w:.0f} x {need_h:.0f} mm, the sheet is {sheet_w:.0f} x "
                               "{sheet_h:.0f} mm",
                               "use fewer columns or rows, a smaller gutter or a larger sheet"),
    "sheet.not_booklet": Message("a booklet needs a sheet of 2 columns and 1 row that turns over "
                                 "like a book's page; this one has {columns} x {rows}, "
                                 "{orientation}, {duplex}",
                                 "use sheet-a4-booklet: landscape, columns: 2, rows: 1, duplex: "
                                 "short-edge"),
    # content and manifest (content.py, manifest.py)
    "content.no_language": Message("no content for the language '{language}'"),
    "content.heading_missing": Message("the key 'heading' is missing",
                                       "only a section with 'include' takes its heading from "
                                       "there"),
    "content.empty_section": Message("the section has nothing to print",
                                     "give it paragraphs, routines or include"),
    "step.unprinted": Message("the step has {key}: {value:g} but its text does not print it",
                              "write {{{{ {placeholder} }}}} where it goes"),
    "routine.id_twice": Message("the id '{id}' is used twice (routines[{first}] and "
                                "routines[{second}])", "give each routine its own id"),
    "routine.unknown": Message("unknown routine '{routine}'"),
    "routine.twice": Message("'{routine}' is listed twice", "list each routine once"),
    "manifest.fridge_count": Message("a fridge card shows {low} to {high} routines, this one "
                                     "names {count}",
                                     "list the routine ids under routines:, like [ogonkontakt, "
                                     "sitta-nara, ...]; `handouts list` shows them"),
    "manifest.output_name": Message("'{output}' is not a plain PDF file name",
                                    "use letters, digits, '-', '_' and end with .pdf; files go "
                                    "to the output folder"),
    "product.unknown": Message("no product named {names}", "the products are: {products}"),
    # templates (personalise.py)
    "template.refused": Message("the template is refused: {detail}"),
    "template.unknown_name": Message("the template names something unknown: {detail}"),
    "template.invalid": Message("the template is not valid: {detail}"),
    "template.fails": Message("the template fails: {detail}"),
    "template.too_long": Message("the template produces {length} characters"),
    "template.in_routine": Message("routine '{routine}': {detail}", plain=True),
    # every text of content (content.py), at its own line
    "content.template_in_plain": Message(
        "this text is printed as it is written, so it cannot hold template code ('{mark}')",
        "write the words out; only a routine's purpose, short, why and steps, the leaflet's "
        "texts and made_with are templates"),
    "content.no_glyph": Message("no font has a letter for {character!r} (U+{codepoint} {name})",
                                "replace the character, or add a font that has it under "
                                "fallback: in fonts/fonts.yaml"),
    # persons and rosters (person.py, roster.py)
    "locale.missing": Message("there are no language rules for '{language}'",
                              "copy sv/{file} to {language}/ and change what differs"),
    "person.not_mapping": Message("a person is a mapping of keys such as name: and routines:"),
    "person.language": Message("there is no content in the language '{language}'"),
    "text.unprintable": Message("the text holds U+{codepoint} ({name}), which cannot be printed",
                                "delete it; it is often pasted in by accident"),
    "text.no_letter": Message("the font has no letter for {character!r} (U+{codepoint} {name})",
                              "write the text without it, or in words"),
    "roster.empty_csv": Message("the roster is empty",
                                "the first row names the columns, e.g. namn;rutiner"),
    "roster.empty_yaml": Message("the roster is empty",
                                 "write a list of persons, each starting with '- name:'"),
    "roster.not_list": Message("a roster is a list of persons", "start each person with '- name:'"),
    "roster.too_large": Message("the file is larger than {megabytes} MB",
                                "split the roster into smaller files"),
    "roster.no_persons_csv": Message("the roster names no persons",
                                     "add one row per person below the header"),
    "roster.no_persons_yaml": Message("the roster names no persons", "add persons to the list"),
    "roster.column_ignored": Message("the column '{column}' is not used and was ignored; "
                                     "nothing in it is printed", warning=True),
    "roster.column_ignored_unnamed": Message("column {number} is not used and was ignored; "
                                             "nothing in it is printed", warning=True),
    "roster.identity_column": Message("column {number} holds personal identity numbers; it is "
                                      "not used and nothing in it is printed",
                                      "leave personal identity numbers out of the list",
                                      warning=True),
    "roster.no_header": Message("the first row does not look like column headers",
                                "put a row of column names first, e.g. namn;rutiner;undvik"),
    "roster.workbook": Message("this is a packed (ZIP) file, not a list",
                               "save the list from Excel as a workbook (.xlsx) or as CSV"),
    "roster.not_csv": Message("the file cannot be read as a list: {detail}",
                              "save it from Excel as CSV"),
    "hint.column_meant": Message("is the column '{written}' meant to be {column}?"),
    "phone.restored": Message("the number had lost its leading 0 (Excel does that); it is "
                              "printed as {number}", "check the number on the card",
                              warning=True),
    "phone.invalid": Message("this is not a phone number",
                             "write it like 070-174 06 50 or +46 70 174 06 50"),
    "output.batch_locked": Message("another batch is writing into this folder right now",
                            "wait until it is done, or choose another --out folder"),
    "output.foreign_card": Message("{wanted} belongs to {owner}; this card was written as "
                                  "{file} instead", warning=True),
    # Who made a card file: phrases inside output.foreign_card and output.card_exists.
    "owner.another_file": Message("another file"),
    "owner.another_row": Message("another row of this list"),
    "owner.list": Message("the list {name}"),
    "owner.unknown": Message("an unknown source"),
    "output.stale_card": Message("{file} was made for a row that is no longer in the list; it "
                                "was moved to {moved}", warning=True),
    "output.record_unreadable": Message("the folder's record of its cards cannot be read: {detail}",
                              "remove .handouts-batch.json from the folder and run again"),
    "output.card_exists": Message("{file} already exists and was made from another person file "
                           "({other})", "use --force to replace it, or --out to name "
                           "another file"),
    "yaml.colon": Message("this text holds ': ' (a colon and a space), which YAML reads as a "
                          "new key", 'put the whole text in quotes, like: anteckning: "Obs: hör '
                          'dåligt"'),
    # Excel workbooks (roster_xlsx.py)
    "roster.xls": Message("the file is an old Excel file (.xls) or a password-protected "
                          "workbook, which cannot be read", "remove any password, then open "
                          "it in Excel and save it as an Excel workbook (.xlsx) or CSV UTF-8"),
    "roster.ods": Message("the file is an OpenDocument spreadsheet (.ods)", "open it and save "
                          "it as an Excel workbook (.xlsx) or CSV UTF-8"),
    "roster.not_xlsx": Message("the file is not an Excel workbook, though its name ends in "
                               "{suffix}", "open it in Excel and save it as an Excel workbook "
                               "(.xlsx) or CSV UTF-8"),
    "roster.xlsx_unreadable": Message("the workbook cannot be read ({detail})", "open it in "
                                      "Excel and save it again as an Excel workbook (.xlsx)"),
    "roster.phone_lost_zero": Message("the phone number {number} was stored as a number and "
                                      "has lost its leading 0", "format the column as Text in "
                                      "Excel and type the number again"),
    "roster.column_twice": Message("the column '{column}' appears twice (columns {first} and "
                                   "{second})", "keep one of them"),
    "roster.column_missing": Message("the column '{column}' is missing",
                                     "add a column named {column} or {swedish}"),
    "roster.row_cells": Message("the row has {cells} cells, the header names {columns} columns",
                                "look for a stray delimiter or a column without a name"),
    # laying out (compose/, pdf/fonts.py)
    "layout.overflow": Message("{panel}: {field} does not fit: {overflow_mm:.1f} mm too much "
                               "text, even at the minimum {min_size:g} pt",
                               "shorten the text, or split it into two"),
    "layout.word_too_long": Message("{word} is wider than a line ({word_mm:.0f} mm, the line is "
                                    "{line_mm:.0f} mm)",
                                    "shorten the word or break it with a space or a hyphen"),
    "layout.a_word": Message("a word"),
    "layout.the_word": Message("the word '{word}'"),
    "fridge.too_many_routines": Message("the fridge card holds {most} routines, this person has "
                                        "{count}",
                                        "choose fewer, or use the A6 cards (--layout card-a6)"),
    "font.no_glyph": Message("the font {font} has no glyph for {character!r} (U+{codepoint} "
                             "{name})",
                             "replace the character, or name a font that has it in "
                             "fonts/fonts.yaml"),
    "font.no_file": Message("{role}: no font file '{file_name}' in {folder}",
                            "put the .ttf file beside fonts.yaml"),
    "font.no_choice": Message("{role}: name a family or a file"),
    "font.not_installed": Message("{role}: the font '{family}' weight {weight} is not installed "
                                  "({detail})",
                                  "install its package, e.g. pip install "
                                  "fontpkg-atkinson-hyperlegible"),
    "font.not_embeddable": Message("this font cannot be embedded: {detail}",
                                   "use a TrueType (.ttf) font that allows embedding"),
    # output, PDFs and usage (write.py, preflight.py, preview.py, project_files.py, pdf/join.py)
    "output.cannot_write": Message("cannot write: {reason}",
                                   "check that the folder exists and is writable"),
    "output.cannot_write_sheet": Message("cannot write: {reason}"),
    "output.outside": Message("refusing to write outside {folder}"),
    "output.exists": Message("already exists; nothing was copied",
                             "choose an empty folder, or edit the files that are there"),
    "pdf.unreadable": Message("cannot read the file: {reason}"),
    "pdf.not_pdf": Message("this is not a readable PDF ({detail})"),
    "pdf.join": Message("the sheets cannot be joined: {detail}"),
    "preflight.failed": Message("{count} problem(s) in {bad} of {files} file(s)", plain=True),
    "usage.dpi": Message("--dpi {dpi} is outside 10–600",
                         "72 to 150 is plenty for looking; 300 shows print detail"),
}


def _template(code: str, translate: Callable[[str], str]) -> Message:
    entry = CATALOGUE[code]
    return Message(translate(entry.text), translate(entry.hint) if entry.hint else "",
                   entry.plain, entry.warning)


def _values(problem: Problem, translate: Callable[[str], str]) -> dict[str, Any]:
    values: dict[str, Any] = {"field": shown_field(problem, translate),
                              "panel": shown_panel(problem, translate)}
    for key, value in problem.params.items():  # a nested (code, params) is a phrase
        values[key] = (_fill(_template(value[0], translate).text, value[1], translate)
                       if isinstance(value, tuple) else value)
    return values


def _fill(text: str, params: dict[str, Any], translate: Callable[[str], str]) -> str:
    return text.format(**{k: (_fill(_template(v[0], translate).text, v[1], translate)
                              if isinstance(v, tuple) else v) for k, v in params.items()})


def phrase(value: tuple[str, dict[str, Any]],
           translate: Callable[[str], str] = identity) -> str:
    """A nested (code, params) parameter, e.g. "the word 'x'", as text."""
    return _fill(_template(value[0], translate).text, value[1], translate)


def message_text(problem: Problem, translate: Callable[[str], str] = identity) -> str:
    """The problem's message alone, without its place."""
    return _template(problem.code, translate).text.format(**_values(problem, translate))


def hint_text(problem: Problem, translate: Callable[[str], str] = identity) -> str:
    """What to do about it: the suggestion if the problem has one, else the code's hint."""
    if problem.suggestion is not None:
        code, params = problem.suggestion
        return _fill(_template(code, translate).text, params, translate)
    hint = _template(problem.code, translate).hint
    return hint.format(**_values(problem, translate)) if hint else ""


def is_warning(problem: Problem) -> bool:
    """A problem that did not stop the work (a column ignored, a phone number restored)."""
    return CATALOGUE[problem.code].warning


# A person's keys and the words that count their items, in the catalogue so a message
# names them as its reader writes them (in Swedish the keys a person file accepts).
FIELD_WORDS = ("avoid", "routines", "contacts", "role", "name", "phone", "call_name",
               "carer", "likes", "music", "food", "memories", "note", "language", "line",
               "item", "organisation")


def field_label(path: str, translate: Callable[[str], str] = identity) -> str:
    """A person's field path as people count, from 1: `avoid[2]` -> `avoid, line 3`,
    `routines[1]` -> `routines, item 2`, `contacts[0].phone` -> `contacts, item 1, phone`;
    in Swedish `undvik, rad 3`, `rutiner, nr 2`, `kontakter, nr 1, telefon`."""
    def word(key: str) -> str:
        return translate(key) if key in FIELD_WORDS else key

    shown, joint = "", ""
    for segment in path.split("."):
        match = re.fullmatch(r"(\w+)\[(\d+)\]", segment)
        counter = word("line" if match and match[1] == "avoid" else "item")
        shown += joint + (f"{word(match[1])}, {counter} {int(match[2]) + 1}" if match
                          else word(segment))
        joint = ", " if match else "."  # after a count a comma, between keys a dot
    return shown


# The sides of a person's card, as a message names where something did not fit.
PANEL_WORDS = ("cover front", "cover back", "fridge card", "contact block")
# A batch report's column names and a row's status (batch.py), shown in the reader's
# language; the report's file name stays `…-rapport.csv`, so a re-run finds it.
REPORT_COLUMNS = ("row", "name", "card file", "status", "error")
REPORT_WORDS = ("created", "unchanged", "failed", "moved", "warning")


def library_texts() -> Iterator[tuple[str, str]]:
    """Every text the library gives a reader, with a comment for the translator: each
    code's message and hint, and the words that name a person's fields and card sides."""
    for code, entry in CATALOGUE.items():
        for text in (entry.text, entry.hint):
            if text:
                yield text, code
    yield from ((word, "a person's field") for word in FIELD_WORDS)
    yield from ((word, "a side of a person's card") for word in PANEL_WORDS)
    yield from ((word, "a column of the batch report") for word in REPORT_COLUMNS)
    yield from ((word, "a row's status in the batch report") for word in REPORT_WORDS)


def shown_panel(problem: Problem, translate: Callable[[str], str] = identity) -> str:
    return translate(problem.panel) if problem.panel in PANEL_WORDS else problem.panel


def shown_field(problem: Problem, translate: Callable[[str], str] = identity) -> str:
    """The field as the message names it: a person's as people count, else its path."""
    return field_label(problem.field, translate) if problem.counted else problem.field


def place(problem: Problem) -> str:
    """file:line:column, else the product being laid out, else ''."""
    if not problem.file:
        return problem.product
    text = problem.file
    if problem.line is not None:
        text += f":{problem.line}"
        if problem.column is not None:
            text += f":{problem.column}"
    return text


def located_text(problem: Problem, translate: Callable[[str], str] = identity,
                 field: str | None = None) -> str:
    """The message with the panel and field before it, unless the template places them."""
    template = _template(problem.code, translate).text
    shown = shown_field(problem, translate) if field is None else field
    text = message_text(problem, translate)
    if shown and "{field}" not in template:
        text = f"{shown}: {text}"
    if problem.panel and "{panel}" not in template:
        text = f"{shown_panel(problem, translate)}: {text}"
    return text


def format_problem(problem: Problem, translate: Callable[[str], str] = identity,
                   where: str | None = None, field: str | None = None) -> str:
    """The terminal's form: `place: error: field: message` and an indented hint line.

    `where` and `field` replace the problem's own place and field path (a batch names
    the roster's row and column instead).
    """
    where = place(problem) if where is None else where
    template = _template(problem.code, translate)
    head = ("" if template.plain else translate("warning" if template.warning else "error")
            + ": ")
    text = (f"{where}: " if where else "") + head + located_text(problem, translate, field)
    hint = hint_text(problem, translate)
    if hint:
        text += "\n  " + translate("hint") + ": " + hint
    return text


def format_problems(problems: Iterable[Problem],
                    translate: Callable[[str], str] = identity) -> str:
    """Every problem, and a count line when there are several."""
    lines = [format_problem(p, translate) for p in problems]
    if len(lines) > 1:
        lines.append(f"{len(lines)} " + translate("errors"))
    return "\n".join(lines)
