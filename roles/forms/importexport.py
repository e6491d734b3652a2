"""Forms of the role import: the upload (file and dry run) and the confirmation of a dry run."""

from __future__ import annotations

from typing import Any

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from leadership.common.forms import CodexFormMixin

from ..importers import MAX_FILE_BYTES, MAX_ROWS, ImportFileError, Table, read_upload

ACCEPTED_TYPES = ".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class RoleImportForm(CodexFormMixin, forms.Form):
    """A CSV or XLSX file of roles; a dry run (the default) shows what importing it would do."""

    file = forms.FileField(label=_("File"), widget=forms.FileInput(attrs={"accept": ACCEPTED_TYPES}))
    dry_run = forms.BooleanField(
        label=_("Dry run"),
        required=False,
        initial=True,
        help_text=_("Check the file and show what it would do, without saving anything."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.table: Table | None = None
        self.fields["file"].help_text = _(
            "A .csv file (UTF-8, separated by commas or semicolons) or an .xlsx workbook, of at most %(size)s "
            "and %(rows)s roles."
        ) % {"size": filesizeformat(MAX_FILE_BYTES), "rows": number_format(MAX_ROWS, force_grouping=True)}

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        try:
            self.table = read_upload(upload)
        except ImportFileError as error:
            raise forms.ValidationError(error.message, code="import_file") from error
        return upload


class RoleImportConfirmForm(forms.Form):
    """Confirms the dry run kept in the session under this key."""

    token = forms.CharField(widget=forms.HiddenInput, max_length=64)
