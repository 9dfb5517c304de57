"""Web edge (personal card): the form's buttons, each answered by the library's own pipeline.

Preview, Download PDF and Open file all send the person file (as the form or as the
file) through `api.make_card` in a worker process; its problems are placed beside the
fields they name. Save as file returns that same person file.
"""
from __future__ import annotations

import base64
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from starlette.responses import Response

from .. import api
from .forms import MAX_CONTACT_ROWS, CardForm, FormProblem, field_id, person_yaml, read_form
from .forms import form_from_values as _form_from_values
from .i18n import N_, language_name, problem_text
from .views import Pages
from .work import CardOutcome, Workers

# The form's labels, for the list of problems at the top of the form.
LABELS = {"f-name": N_("Name"), "f-call_name": N_("Call name"),
          "f-carer": N_("Who gives the touch"), "f-language": N_("Language"),
          "f-routines": N_("Routines"), "f-avoid": N_("Avoid"), "f-music": N_("Music"),
          "f-food": N_("Food"), "f-memories": N_("Memories"), "f-contacts": N_("Contacts"),
          "f-note": N_("Note"), "f-file": N_("Open file")}
PARTS = {"role": N_("Role"), "name": N_("Name"), "phone": N_("Phone")}
MAX_PERSON_FILE = 100_000  # bytes: a person file is a few hundred


def data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


@dataclass
class CardPage:
    """The personal-card page for one project and language."""

    project: api.Project
    pages: Pages
    workers: Workers

    @cached_property
    def pictograms(self) -> dict[str, bytes]:
        """Each routine's pictogram as a PNG, drawn once by the library."""
        return {r.id: api.pictogram_png(r, 96) for r in api.routines(self.project)}

    @property
    def routine_choices(self) -> list[dict[str, str]]:
        """Each routine's id, title and the address of its pictogram."""
        return [{"id": r.id, "title": r.title, "picture": f"/rutin/{r.id}.png"}
                for r in api.routines(self.project)]

    def layouts(self) -> list[str]:
        return list(api.card_layouts(self.project))

    def labels(self) -> dict[str, str]:
        gettext = self.pages.gettext
        found = {key: gettext(value) for key, value in LABELS.items()}
        for i in range(MAX_CONTACT_ROWS):
            for part, label in PARTS.items():
                found[f"f-contact-{i}-{part}"] = (
                    gettext(N_('Contact %(number)s')) % {'number': i + 1} + f", {gettext(label)}")
        return found

    def show(self, form: CardForm | None = None, status: int = 200,
             problems: list[api.Problem] | None = None, pictures: list[bytes] | None = None,
             extra: dict[str, list[str]] | None = None) -> Response:
        """The page; `extra` holds the web's own messages by form field."""
        form = form or CardForm()
        errors: dict[str, list[str]] = {key: list(value) for key, value in (extra or {}).items()}
        general: list[str] = []
        for problem in problems or []:
            text = problem_text(problem, self.pages.language)
            target = field_id(problem.field)
            if target is None:
                general.append(text)
            else:
                errors.setdefault(target, []).append(text)
        languages = [(code, language_name(code, self.pages.language))
                     for code in api.languages(self.project)]
        return self.pages.page(
            "card.html", status, here="card", form=form, errors=errors, general=general,
            labels=self.labels(), routines=self.routine_choices, languages=languages,
            layouts=[(name, self.pages.layout_label(name)) for name in self.layouts()],
            pages=[data_uri(p) for p in pictures or []], max_contacts=MAX_CONTACT_ROWS)

    async def post(self, items: list[tuple[str, Any]]) -> Response:
        """One press of a button on the form."""
        try:
            form, action = read_form(items, self.layouts())
        except FormProblem as problem:
            return self.pages.message(400, *problem.args)
        if action == "add-contact" and len(form.contacts) < MAX_CONTACT_ROWS:
            form.contacts.append({"role": "", "name": "", "phone": ""})
            return self.show(form)
        if action.startswith("remove-contact-"):
            index = action.removeprefix("remove-contact-")
            if index.isdigit() and int(index) < len(form.contacts):
                del form.contacts[int(index)]
            return self.show(form)
        if action == "save":
            name = api.file_stem(form.name) + ".yaml"
            return Response(person_yaml(form), media_type="application/x-yaml",
                            headers=_attachment(name))
        if action not in ("preview", "pdf", ""):
            return self.pages.message(400, N_("The form sent a button it does not have."))
        outcome = await self.workers.card(person_yaml(form), form.layout,
                                          preview=action != "pdf")
        if outcome.card is None:
            return self.show(form, 422, outcome.problems)
        if action == "pdf":
            return Response(outcome.card.pdf, media_type="application/pdf",
                            headers=_attachment(outcome.card.file_name))
        return self.show(form, 200, pictures=outcome.pages)

    async def open_file(self, upload: Any, layout: str) -> Response:
        """`Öppna fil`: a person file loaded into the form, checked as the card would be."""
        if upload is None or isinstance(upload, str) or not upload.filename:
            return self._file_problem(N_("Choose a person file first."))
        data = await upload.read(MAX_PERSON_FILE + 1)
        if len(data) > MAX_PERSON_FILE:
            return self._file_problem(N_("The file is too large to be a person file."))
        try:
            values = api.person_values(data, upload.filename)
        except api.HandoutsError as error:
            texts = [problem_text(p, self.pages.language) for p in error.problems]
            return self.show(CardForm(), 422, extra={"f-file": texts})
        form = _form_from_values(values, layout if layout in self.layouts() else "card-a6")
        outcome: CardOutcome = await self.workers.card(data, form.layout, preview=True)
        if outcome.card is None:
            return self.show(form, 422, outcome.problems)
        return self.show(form, 200, pictures=outcome.pages)

    def _file_problem(self, msgid: str) -> Response:
        return self.show(CardForm(), 400, extra={"f-file": [self.pages.gettext(msgid)]})


def _attachment(name: str) -> dict[str, str]:
    return {"content-disposition": f'attachment; filename="{name}"',
            "cache-control": "no-store"}
