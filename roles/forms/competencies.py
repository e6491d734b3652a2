"""Forms of the competency catalogue: a GET search that works without JavaScript."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from leadership.common.forms import CodexFormMixin


class CompetencySearchForm(CodexFormMixin, forms.Form):
    """Search the catalogue by a word of a competency's name (in any language), optionally in one category.

    The categories are given by the view (it lists them anyway), so the form costs no query of its own.
    """

    q = forms.CharField(
        label=_("Search"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Name of the competency")}),
    )
    category = forms.ChoiceField(label=_("Category"), required=False)

    def __init__(self, *args: Any, categories: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.categories = {category.slug: category for category in categories}
        self.fields["category"].choices = [("", _("Any category"))] + [
            (category.slug, category.name) for category in categories
        ]

    def clean_q(self) -> str:
        return self.cleaned_data["q"].strip()

    @property
    def filters(self) -> dict[str, Any]:
        """What the selector filters by: the valid values only (an unknown category is shown as an error)."""
        self.is_valid()
        return {
            "q": self.cleaned_data.get("q", ""),
            "category": self.categories.get(self.cleaned_data.get("category", "")),
        }
