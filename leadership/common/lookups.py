"""Type-ahead lookups: a long choice (competencies, and later organisations, people...) as a text field.

A 2,000-option `<select>` weighs hundreds of kilobytes and costs most of a page's time; a lookup sends none
of its options. An app declares a `LookupSource` and registers it from its `AppConfig.ready()` (this module
names no app). A form uses `LookupField(source="<name>")`, which renders as Codex's Lookup
(`includes/lookup_widget.html`): a text input whose menu `static/js/lookup.js` fills from the `common:lookup`
endpoint, at most `MAX_RESULTS` matches, as Codex menu items (an HTML fragment, as htmx swaps). Without
JavaScript the input is a plain text field: the server resolves what was typed, a key (a slug: bookmarks
keep working) or a name, and says clearly when nothing or several choices match.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .validators import validate_no_control_characters

MAX_RESULTS = 20  # matches the endpoint returns at most
MAX_QUERY_LENGTH = 100  # characters of a query or of a typed value
AMBIGUOUS_NAMES = 5  # names the "several match" error shows


@dataclass(frozen=True)
class LookupItem:
    """One choice as the menu shows it: the value the form submits, the label, a line of description."""

    value: str
    label: str
    description: str = ""


class LookupSource:
    """Where a lookup finds its choices. Subclass it, set `name`, write `search()` and `item()`.

    `search()` receives the user, so a source shows each user only what they may see; `permission` (a
    permission name, checked without an object) closes the whole source to those who lack it.
    """

    name: str = ""
    permission: str | None = None
    unknown_message: Any = _("Nothing matches “%(value)s”. Type part of its name and choose from the list.")
    ambiguous_message: Any = _("Several choices match “%(value)s”: %(names)s. Type more of the name.")

    def allows(self, user: Any) -> bool:
        return self.permission is None or bool(user is not None and user.has_perm(self.permission))

    def search(self, query: str, *, user: Any, limit: int) -> Sequence[Any]:
        """At most `limit` choices for the query, best first: the one whose key is the query, then those
        whose label is it, then those whose label starts with it, then those that contain it."""
        raise NotImplementedError

    def by_key(self, key: str, *, user: Any) -> Any:
        """The choice whose key is exactly `key`, or None (optional: a bookmarked `?competency=<slug>` is
        then one indexed lookup rather than a search of every name). Shows `user` what `search()` would."""
        return None

    def item(self, obj: Any) -> LookupItem:
        raise NotImplementedError

    def items(self, query: str, *, user: Any) -> list[LookupItem]:
        """The menu for a query: at most MAX_RESULTS items."""
        return [
            self.item(obj) for obj in list(self.search(query, user=user, limit=MAX_RESULTS))[:MAX_RESULTS]
        ]

    def resolve(self, text: str, *, user: Any) -> Any:
        """The one choice that `text` names (its key, its label whatever the case, or the only label that
        contains it), or a ValidationError that says what was wrong (codes "unknown", "ambiguous")."""
        if self.allows(user):
            chosen = self.by_key(text, user=user)
            if chosen is not None:
                return chosen
        found = list(self.search(text, user=user, limit=AMBIGUOUS_NAMES + 1)) if self.allows(user) else []
        items = [self.item(obj) for obj in found]
        for obj, item in zip(found, items, strict=True):
            if item.value == text:
                return obj
        exact = [
            obj for obj, item in zip(found, items, strict=True) if item.label.casefold() == text.casefold()
        ]
        if len(exact) == 1:
            return exact[0]
        if len(found) == 1:
            return found[0]
        if not found:
            raise ValidationError(self.unknown_message, code="unknown", params={"value": text})
        names = ", ".join(item.label for item in items[:AMBIGUOUS_NAMES])
        if len(found) > AMBIGUOUS_NAMES:
            names += ", …"
        raise ValidationError(
            self.ambiguous_message, code="ambiguous", params={"value": text, "names": names}
        )


# --- The registry ----------------------------------------------------------------------------------------

_sources: dict[str, LookupSource] = {}


def register(source: LookupSource) -> LookupSource:
    """Declare a source (from an app's `AppConfig.ready()`); a name is taken once."""
    if not source.name:
        raise ImproperlyConfigured(f"{type(source).__name__} has no name.")
    registered = _sources.get(source.name)
    if registered is not None and type(registered) is not type(source):
        raise ImproperlyConfigured(f"The lookup source {source.name!r} is already registered.")
    _sources[source.name] = source
    return source


def unregister(name: str) -> None:
    _sources.pop(name, None)


def get_source(name: str) -> LookupSource:
    """The registered source of that name; LookupError when there is none."""
    try:
        return _sources[name]
    except KeyError:
        raise LookupError(f"No lookup source is registered as {name!r}.") from None


def source_names() -> list[str]:
    return sorted(_sources)


def clean_query(query: str) -> str:
    """A query as the endpoint accepts it, stripped; ValidationError when too long or not text."""
    if len(query) > MAX_QUERY_LENGTH:
        raise ValidationError(
            _("Type at most %(limit)d characters."), code="too_long", params={"limit": MAX_QUERY_LENGTH}
        )
    validate_no_control_characters(query)
    return query.strip()


# --- The form field and its widget ----------------------------------------------------------------------


class LookupWidget(forms.TextInput):
    """Codex's Lookup: a text input, a value the script keeps in a hidden input, and a menu it fills."""

    template_name = "includes/lookup_widget.html"

    def __init__(self, attrs: dict[str, Any] | None = None, *, source: str = "") -> None:
        super().__init__(attrs)
        self.source_name = source

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, LookupItem):
            return value.label
        return super().format_value(value)

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        widget["key"] = value.value if isinstance(value, LookupItem) else (widget["value"] or "")
        widget["url"] = reverse("common:lookup", kwargs={"source": self.source_name})
        widget["attrs"].setdefault("autocomplete", "off")
        widget["invalid"] = widget["attrs"].get("aria-invalid") == "true"
        return context


class LookupField(forms.Field):
    """One choice of a registered source, typed as text: the cleaned value is the chosen object.

    The form sets `field.user` where the source depends on who asks. A value the source cannot resolve is
    an error in the source's words (`error_messages` with "unknown" or "ambiguous" replace them), and the
    form re-renders with what was typed.
    """

    widget = LookupWidget
    default_error_messages = {
        "too_long": _("Type at most %(limit)d characters."),
    }

    def __init__(self, *, source: str, max_length: int = MAX_QUERY_LENGTH, **kwargs: Any) -> None:
        self.source_name = source
        self.max_length = max_length
        self.user: Any = None
        self._chosen: tuple[str, LookupItem] | None = None
        super().__init__(**kwargs)
        self.widget.source_name = source
        self.widget.attrs.setdefault("maxlength", str(max_length))

    @property
    def source(self) -> LookupSource:
        return get_source(self.source_name)

    def to_python(self, value: Any) -> str:
        return "" if value in self.empty_values else str(value).strip()

    def clean(self, value: Any) -> Any:
        text = self.to_python(value)
        self.validate(text)
        if not text:
            return None
        if len(text) > self.max_length:
            raise ValidationError(
                self.error_messages["too_long"], code="too_long", params={"limit": self.max_length}
            )
        validate_no_control_characters(text)
        try:
            obj = self.source.resolve(text, user=self.user)
        except ValidationError as error:
            message = self.error_messages.get(error.code or "")
            if message:
                raise ValidationError(message, code=error.code, params=error.params) from None
            raise
        self._chosen = (str(value), self.source.item(obj))
        return obj

    def prepare_value(self, value: Any) -> Any:
        """What the widget shows: the chosen item's label (its key goes in the hidden value), else the text
        as typed."""
        if value in self.empty_values or isinstance(value, LookupItem):
            return value
        if isinstance(value, str):
            if self._chosen is not None and self._chosen[0] == value:
                return self._chosen[1]
            return value
        return self.source.item(value)  # an object given as initial
