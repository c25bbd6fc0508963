"""What a browser would submit from a page's form (hidden, text and date inputs, checked
radios and boxes, textareas), for posting a conflict page back as a person would."""

from __future__ import annotations

from html import unescape
from html.parser import HTMLParser


class _Form(HTMLParser):
    def __init__(self, css_class: str) -> None:
        super().__init__(convert_charrefs=True)
        self.css_class = css_class
        self.inside = False
        self.action = ""
        self.fields: list[tuple[str, str]] = []
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and self.css_class in a.get("class", "").split():
            self.inside, self.action = True, unescape(a.get("action", ""))
        if not self.inside:
            return
        if tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind in ("radio", "checkbox") and "checked" not in a:
                return
            if kind not in ("submit", "button"):
                self.fields.append((a["name"], a.get("value", "")))
        elif tag == "textarea" and a.get("name"):
            self._textarea, self._text = a["name"], []

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea" and self._textarea is not None:
            text = "".join(self._text)
            self.fields.append((self._textarea, text[1:] if text.startswith("\n") else text))
            self._textarea = None
        elif tag == "form" and self.inside:
            self.inside = False


def form_fields(page: str, css_class: str) -> tuple[str, dict[str, str]]:
    """The action and the fields of the first form with ``css_class`` on ``page``."""
    parser = _Form(css_class)
    parser.feed(page)
    assert parser.action, f"no form.{css_class} on the page"
    return parser.action, dict(parser.fields)
