"""Forms render in Codex's markup: one renderer for the whole site, one mixin that styles widgets."""

from django import forms
from django.forms.renderers import TemplatesSetting


class CodexRenderer(TemplatesSetting):
    form_template_name = "includes/form.html"
    field_template_name = "includes/field.html"


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
