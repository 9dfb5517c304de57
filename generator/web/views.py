"""Web edge (pages): the Jinja2 templates, autoescaped, with the message catalogue installed."""
from __future__ import annotations

from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.responses import HTMLResponse

from .i18n import N_, translations

LAYOUT_NAMES = {"card-a6": N_("A6 cards"), "fridge-a5": N_("Fridge card A5"),
                "fridge-dl": N_("Fridge card DL")}


def environment(language: str) -> Environment:
    env = Environment(loader=PackageLoader("generator.web", "templates"),
                      autoescape=select_autoescape(default=True),
                      extensions=["jinja2.ext.i18n"], trim_blocks=True, lstrip_blocks=True)
    env.install_gettext_translations(translations(language), newstyle=True)  # type: ignore[attr-defined]
    env.globals["language"] = language
    return env


class Pages:
    """Renders the app's pages in one language."""

    def __init__(self, language: str = "sv") -> None:
        self.language = language
        self.env = environment(language)
        self.gettext = translations(language).gettext

    def layout_label(self, name: str) -> str:
        return self.gettext(LAYOUT_NAMES[name]) if name in LAYOUT_NAMES else name

    def text(self, template: str, **context: Any) -> str:
        return self.env.get_template(template).render(**context)

    def page(self, template: str, status: int = 200, **context: Any) -> HTMLResponse:
        return HTMLResponse(self.text(template, **context), status_code=status)

    def message(self, status: int, msgid: str, *args: str) -> HTMLResponse:
        """A page with one message (a bad request), translated; `args` fill {0}, {1}."""
        text = self.gettext(msgid).format(*args)
        return self.page("message.html", status, message=text)
