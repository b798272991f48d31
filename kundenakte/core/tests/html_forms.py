"""Reading a page's POST forms as a browser would submit them, for tests that post to them
(kundenakte/core/tests/test_fuzz_every_form.py)."""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit


@dataclass
class Form:
    action: str
    fields: dict[str, list[str]] = field(default_factory=dict)  # name -> values as submitted
    choices: dict[str, list[str]] = field(default_factory=dict)  # name -> offered values


class _Forms(HTMLParser):
    """The POST forms of a page, with their fields' submitted values, as a browser sends them."""

    def __init__(self, page_url: str):
        super().__init__()
        self.page_url = page_url
        self.forms: list[Form] = []
        self.form: Form | None = None
        self.select: str | None = None
        self.textarea: str | None = None
        self.elsewhere: list[tuple[Form, str, str | None, str]] = []

    def all_forms(self) -> list[Form]:
        """The forms, and for each button with a `formaction` the form as it posts there."""
        forms = list(self.forms)
        for form, action, name, value in self.elsewhere:
            fields = {**form.fields, **({name: [value]} if name else {})}
            forms.append(Form(action, fields, form.choices))
        return forms

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "option" and self.form is not None and self.select:
            self._option(a)
            return
        if tag == "form" and a.get("method", "get").lower() == "post":
            self.form = Form(urlsplit(urljoin(self.page_url, a.get("action", ""))).path)
            self.forms.append(self.form)
        if self.form is not None and a.get("formaction"):  # a button posting elsewhere
            action = urlsplit(urljoin(self.page_url, a["formaction"])).path
            self.elsewhere.append((self.form, action, a.get("name"), a.get("value", "")))
        if self.form is None or not (name := a.get("name")):
            return
        if tag == "input" and a.get("type") not in ("submit", "button", "file", "image"):
            self._input(name, a)
        elif tag == "select":
            self.select = name
            self.form.fields.setdefault(name, [])
        elif tag == "textarea":
            self.textarea = name
            self.form.fields[name] = [""]
        elif tag == "button" and a.get("value"):
            self.form.choices.setdefault(name, []).append(a["value"])

    def _input(self, name, a):
        kind = a.get("type", "text")
        if kind in ("checkbox", "radio"):
            self.form.choices.setdefault(name, []).append(a.get("value", "on"))
            if "checked" in a:
                self.form.fields.setdefault(name, []).append(a.get("value", "on"))
            return
        self.form.fields.setdefault(name, []).append(a.get("value", ""))

    def handle_data(self, data):
        if self.form is not None and self.textarea:
            self.form.fields[self.textarea] = [self.form.fields[self.textarea][0] + data]

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag in ("select", "textarea"):
            self.select = self.textarea = None

    def _option(self, a):
        self.form.choices.setdefault(self.select, []).append(a.get("value", ""))
        if "selected" in a:
            self.form.fields[self.select].append(a.get("value", ""))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)


def form_for(client, target_path: str, page_path: str) -> Form:
    response = client.get(page_path)
    assert response.status_code == 200, f"{page_path} answered {response.status_code}"
    parser = _Forms(page_path)
    parser.feed(response.content.decode())
    forms = parser.all_forms()
    matching = [f for f in forms if f.action == target_path]
    assert matching, f"no form on {page_path} posts to {target_path}"
    return matching[0]
