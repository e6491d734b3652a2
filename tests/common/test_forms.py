"""What the apps' forms share: translated fields per language, language choices, a service's errors."""

import re

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting
from django.template.loader import render_to_string
from django.utils import translation

from leadership.common.forms import (
    CodexFormMixin,
    CodexRenderer,
    TranslatedFieldsFormMixin,
    add_service_error,
    language_field,
    render_select,
)
from leadership.common.languages import language_label, localized_field_names
from roles.models import CompetencyCategory, Language

CODES = ["en", "fr", "es", "pt-br", "id", "ar"]
SUFFIXES = ["en", "fr", "es", "pt_br", "ind", "ar"]
LABELS = ["English", "French", "Spanish", "Brazilian Portuguese", "Indonesian", "Arabic"]

pytestmark = pytest.mark.django_db  # bound model forms check the slug's uniqueness


class CategoryForm(TranslatedFieldsFormMixin, CodexFormMixin, forms.ModelForm):
    translated_fields = {"name": "Name in %(language)s", "description": "About it in %(language)s"}

    class Meta:
        model = CompetencyCategory
        fields = [*localized_field_names("name"), "slug", *localized_field_names("description"), "order"]


def _data(**values):
    return {"slug": "governance", "order": "1", **values}


def test_localized_field_names_one_column_per_site_language():
    assert localized_field_names("title") == [f"title_{suffix}" for suffix in SUFFIXES]


def test_language_label_in_the_active_language():
    with translation.override("fr"):
        french = [language_label(code) for code in CODES]

    assert [language_label(code) for code in CODES] == LABELS
    assert french == ["Anglais", "Français", "Espagnol", "Portugais brésilien", "Indonésien", "Arabe"]


def test_translated_fields_labelled_by_language_and_optional():
    form = CategoryForm()

    assert [(name, str(form.fields[name].label), form.fields[name].required) for name in form.fields] == [
        *(
            (f"name_{suffix}", f"Name in {label}", False)
            for suffix, label in zip(SUFFIXES, LABELS, strict=True)
        ),
        ("slug", "Slug", True),
        *(
            (f"description_{suffix}", f"About it in {label}", False)
            for suffix, label in zip(SUFFIXES, LABELS, strict=True)
        ),
        ("order", "Order", True),
    ]


def test_language_groups_open_the_page_language_the_default_and_any_with_content():
    with translation.override("fr"):
        form = CategoryForm(data=_data(description_ar="نص", name_es=""))
        groups = [
            (group["code"], group["label"], [field.name for field in group["fields"]], group["open"])
            for group in form.language_groups()
        ]

    assert groups == [
        ("en", "Anglais", ["name_en", "description_en"], True),
        ("fr", "Français", ["name_fr", "description_fr"], True),
        ("es", "Espagnol", ["name_es", "description_es"], False),
        ("pt-br", "Portugais brésilien", ["name_pt_br", "description_pt_br"], False),
        ("id", "Indonésien", ["name_ind", "description_ind"], False),
        ("ar", "Arabe", ["name_ar", "description_ar"], True),
    ]


def test_language_groups_open_a_language_with_an_error():
    form = CategoryForm(data=_data(name_ind="x" * 121))

    assert form.is_valid() is False
    assert [group["code"] for group in form.language_groups() if group["open"]] == ["en", "id"]


def test_other_fields_are_the_untranslated_ones_in_form_order():
    assert [field.name for field in CategoryForm().other_fields()] == ["slug", "order"]


def test_translated_data_stripped_and_has_translation():
    form = CategoryForm(data=_data(name_en="  ", name_fr=" Gouvernance ", description_ar=" نص "))

    assert form.is_valid(), form.errors
    assert form.translated_data() == {
        **{f"name_{suffix}": "" for suffix in SUFFIXES},
        **{f"description_{suffix}": "" for suffix in SUFFIXES},
        "name_fr": "Gouvernance",
        "description_ar": "نص",
    }
    assert (form.has_translation("name"), form.has_translation("description")) == (True, True)


def test_has_translation_false_when_only_spaces():
    form = CategoryForm(data=_data(name_en="   ", name_ar="\t"))

    assert form.is_valid(), form.errors
    assert form.has_translation("name") is False


def test_translated_data_leaves_out_a_column_that_failed_validation():
    form = CategoryForm(data=_data(name_en="Governance", name_fr="x" * 121))

    assert form.is_valid() is False
    assert "name_fr" not in form.translated_data()
    assert form.translated_data()["name_en"] == "Governance"


def test_translated_fieldset_include_one_group_per_language():
    with translation.override("fr"):
        form = CategoryForm(data=_data(name_ar="اسم"))
        html = render_to_string(
            "includes/translated_fieldset.html",
            {"form": form, "legend": "Nom et description", "help": "Au moins une langue."},
        )

    groups = re.findall(
        r'<details class="lang-group"( open)?>\s*<summary lang="([\w-]+)">([^<]+)</summary>', html
    )
    assert html.strip().startswith(
        '<fieldset class="lang-fieldset">\n  <legend>Nom et description</legend>\n'
        '  <p class="help-text">Au moins une langue.</p>'
    )
    assert groups == [
        (" open", "en", "Anglais"),
        (" open", "fr", "Français"),
        ("", "es", "Espagnol"),
        ("", "pt-br", "Portugais brésilien"),
        ("", "id", "Indonésien"),
        (" open", "ar", "Arabe"),
    ]
    assert re.findall(r'name="(\w+)"', html) == [
        name for suffix in SUFFIXES for name in (f"name_{suffix}", f"description_{suffix}")
    ]


def test_language_field_lists_the_given_languages_by_name_and_code():
    field = language_field(
        Language.objects.filter(code__in=["fr", "ar", "pt-br"]), "Languages", "Spoken ones."
    )

    assert [str(label) for _value, label in field.choices] == [
        "Arabic (ar)",
        "French (fr)",
        "Brazilian Portuguese (pt-br)",
    ]
    assert (str(field.label), str(field.help_text), field.required) == ("Languages", "Spoken ones.", False)


def test_add_service_error_puts_each_message_on_its_field_or_on_top():
    form = CategoryForm(data=_data(name_en="Governance"))
    assert form.is_valid(), form.errors

    add_service_error(form, ValidationError({"name_en": ["Taken."], "parent": ["Not here."]}))
    add_service_error(form, ValidationError("Try later."))

    assert form.errors == {"name_en": ["Taken."], "__all__": ["Not here.", "Try later."]}


# --- Select boxes written in Python ------------------------------------------------------------------
class ChoicesForm(CodexFormMixin, forms.Form):
    plain = forms.ChoiceField(
        choices=[("", "---------"), ("a&b", "A & <b>"), ("2", 1234), ("Group", [("x", "X"), ("y", "Y")])],
        required=False,
    )
    several = forms.MultipleChoiceField(choices=[("1", "One"), ("2", "Two"), ("3", "Three")], required=False)
    maybe = forms.NullBooleanField(required=False)
    grouped = forms.TypedChoiceField(
        choices=[(1, translation.gettext_lazy("Yes")), (0, "No")], coerce=int, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plain"].widget.attrs.update({"disabled": False, "required": True, "data-x": '"q"'})


@pytest.mark.parametrize(
    "data",
    [{}, {"plain": "a&b", "several": ["1", "3"], "maybe": "true", "grouped": "0"}, {"plain": "y"}],
)
def test_select_boxes_written_in_python_match_djangos_templates(settings, data):
    settings.USE_THOUSAND_SEPARATOR = True  # an option's label is localized as {{ label }} would be
    form = ChoicesForm(data or None)
    djangos_templates = TemplatesSetting()

    for name in ("plain", "several", "maybe", "grouped"):
        field = form[name]
        attrs = field.build_widget_attrs({"id": field.auto_id, **field.field.widget.attrs})
        with translation.override("fr"):
            ours = str(field)
            theirs = field.field.widget.render(field.html_name, field.value(), attrs, djangos_templates)

        assert "<option" in ours
        assert ours == theirs


def test_a_select_whose_options_have_a_template_of_their_own_uses_the_templates():
    class Marked(forms.Select):
        option_template_name = "django/forms/widgets/input_option.html"

    widget = Marked(choices=[("a", "A")])

    assert render_select(widget.get_context("pick", "a", {})["widget"]) is None
    assert 'type="select"' in widget.render("pick", "a", renderer=CodexRenderer())
