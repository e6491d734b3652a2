"""What the apps' forms share.

Forms render in Codex's markup: one renderer for the whole site, one mixin that styles widgets. Translated
fields are edited in one fieldset per language; a service's ValidationError lands on the form's fields.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.forms.renderers import TemplatesSetting
from django.template.defaultfilters import stringformat
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import get_language
from modeltranslation.utils import build_localized_fieldname

from .languages import language_label, localized_field_names

SELECT_TEMPLATE = "django/forms/widgets/select.html"
OPTION_TEMPLATE = "django/forms/widgets/select_option.html"


class CodexRenderer(TemplatesSetting):
    """Django's templates, but a select box's options are written in Python.

    Django renders each option with two template includes: a profile select of 600 time zones and 100
    languages cost tens of milliseconds of template work. `render_select` writes the very same markup (a
    test compares them) and falls back to the templates for a widget whose options use another template.
    """

    form_template_name = "includes/form.html"
    field_template_name = "includes/field.html"

    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        if template_name == SELECT_TEMPLATE:
            html = render_select(context["widget"])
            if html is not None:
                return html
        return super().render(template_name, context, request=request)


def _text(value: Any) -> str:
    """`{{ value }}` in a template: localized, then escaped unless marked safe."""
    return conditional_escape(localize(value))


def _formatted(value: Any) -> str:
    """`value|stringformat:'s'`: a string, still safe when the value was."""
    text = stringformat(value, "s")
    return mark_safe(text) if isinstance(value, SafeData) else text  # noqa: S308 - it was safe already


def _widget_attrs(attrs: dict[str, Any]) -> str:
    """django/forms/widgets/attrs.html in Python."""
    return "".join(
        f" {_text(name)}" if value is True else f' {_text(name)}="{_text(_formatted(value))}"'
        for name, value in attrs.items()
        if value is not False
    )


def render_select(widget: dict[str, Any]) -> str | None:
    """django/forms/widgets/select.html (with select_option.html for each option) in Python, to the byte
    (the templates' own newlines included), or None when an option has a template of its own."""
    parts = [f'<select name="{_text(widget["name"])}"{_widget_attrs(widget["attrs"])}>']
    for group_name, group_choices, _group_index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_text(group_name)}">')
        for option in group_choices:
            if option["template_name"] != OPTION_TEMPLATE:
                return None
            parts.append(
                f'\n  <option value="{_text(_formatted(option["value"]))}"'
                f"{_widget_attrs(option['attrs'])}>{_text(option['label'])}</option>\n"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")  # the renderer strips the file's last newline
    return "".join(parts)


WIDGET_CLASSES = {
    forms.CheckboxInput: "cdx-checkbox__input",
    forms.CheckboxSelectMultiple: "cdx-checkbox__input",
    forms.RadioSelect: "cdx-radio__input",
    forms.Textarea: "cdx-text-area__textarea",
    forms.SelectMultiple: "cdx-select",
    forms.Select: "cdx-select",
    forms.widgets.Input: "cdx-text-input__input",
}


class CodexFormMixin:
    """Give every widget the Codex class of its kind."""

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        for field in self.fields.values():  # type: ignore[attr-defined]
            for widget_class, css in WIDGET_CLASSES.items():
                if isinstance(field.widget, widget_class):
                    existing = field.widget.attrs.get("class", "")
                    field.widget.attrs["class"] = f"{existing} {css}".strip()
                    break


def add_service_error(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field where the form has it, else on top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


class LanguageMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Languages shown by their name in the active language and their code: "French (fr)"."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.code})"


def language_field(queryset: QuerySet, label: Any, help_text: Any = "") -> LanguageMultipleChoiceField:
    """An optional choice of languages among `queryset` (the app that owns the languages gives it)."""
    return LanguageMultipleChoiceField(label=label, queryset=queryset, required=False, help_text=help_text)


class TranslatedFieldsFormMixin:
    """A model form whose translated fields are edited in one fieldset per language.

    `translated_fields` maps each translated model field to the label of its columns, with `%(language)s`
    for the language's name: `{"title": _("Title in %(language)s")}`. Every column is optional; the form's
    clean() says which field needs at least one language (`has_translation`). The template shows the
    groups with `{% include "includes/translated_fieldset.html" %}` and `other_fields` after them.
    """

    translated_fields: dict[str, Any] = {}
    fields: dict[str, forms.Field]
    cleaned_data: dict[str, Any]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for code in settings.MODELTRANSLATION_LANGUAGES:
            language = language_label(code)
            for field, label in self.translated_fields.items():
                name = build_localized_fieldname(field, code)
                self.fields[name].label = label % {"language": language}
                self.fields[name].required = False

    if TYPE_CHECKING:  # what the form class this mixes into provides

        def __getitem__(self, name: str) -> forms.BoundField: ...

    def translated_names(self) -> set[str]:
        """Every per-language column of the translated fields."""
        return {name for field in self.translated_fields for name in localized_field_names(field)}

    def language_groups(self) -> list[dict[str, Any]]:
        """Each language's columns, open where the page's or the default language, or where something is."""
        current = get_language()
        groups = []
        for code in settings.MODELTRANSLATION_LANGUAGES:
            fields = [self[build_localized_fieldname(field, code)] for field in self.translated_fields]
            groups.append(
                {
                    "code": code,
                    "label": language_label(code),
                    "fields": fields,
                    "open": code in (current, settings.LANGUAGE_CODE)
                    or any(field.value() or field.errors for field in fields),
                }
            )
        return groups

    def other_fields(self) -> list[forms.BoundField]:
        """The form's fields that are not translated, in the form's order."""
        translated = self.translated_names()
        return [self[name] for name in self.fields if name not in translated]

    def has_translation(self, field: str) -> bool:
        """Whether the cleaned data gives the field in at least one language (spaces alone do not count)."""
        return any((self.cleaned_data.get(name) or "").strip() for name in localized_field_names(field))

    def translated_data(self) -> dict[str, str]:
        """The cleaned translated columns without surrounding spaces (those that passed their validation)."""
        return {
            name: (self.cleaned_data[name] or "").strip()
            for name in self.translated_names()
            if name in self.cleaned_data
        }
