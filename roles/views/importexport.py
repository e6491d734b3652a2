"""Importing an organisation's roles and requirements from a CSV or XLSX file.

The upload page checks the file; a dry run (the default) shows what importing it would do and keeps the
checked file in the session, under a random key, until the organizer confirms. Any bad row: nothing is
imported, and every problem is listed by row and column. Reading and checking live in roles/importers.py,
writing in services.registry.roles_import.
"""

from __future__ import annotations

import json
import secrets
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import View

from leadership.common.permissions import ObjectPermissionMixin

from .. import importers
from ..enums import Importance, Level, RoleKind
from ..forms.importexport import RoleImportConfirmForm, RoleImportForm
from ..models import Organization

# A dry run's file waits in the session for its confirmation; larger files are imported without a dry run.
MAX_KEPT_CHARS = 1_000_000
TEMPLATE_FILENAME = "role-import-template.csv"


def _session_key(organization: Organization) -> str:
    return f"roles_import:{organization.pk}"


def _keep(
    request: HttpRequest, organization: Organization, table: importers.Table, filename: str
) -> str | None:
    """Keep a checked file until its dry run is confirmed; its key, or None when it is too large to keep."""
    data = table.as_json()
    if len(json.dumps(data, ensure_ascii=False)) > MAX_KEPT_CHARS:
        _forget(request, organization)
        return None
    token = secrets.token_urlsafe(24)
    request.session[_session_key(organization)] = {"token": token, "filename": filename[:200], "table": data}
    return token


def _kept(request: HttpRequest, organization: Organization, token: str) -> tuple[importers.Table, str] | None:
    entry = request.session.get(_session_key(organization))
    if not isinstance(entry, dict) or not secrets.compare_digest(str(entry.get("token", "")), token):
        return None
    try:
        return importers.Table.from_json(entry.get("table")), str(entry.get("filename", ""))
    except ValueError:
        return None


def _forget(request: HttpRequest, organization: Organization) -> None:
    request.session.pop(_session_key(organization), None)


def _counts(report: importers.ImportReport) -> dict[str, str]:
    created = ngettext("%(count)s role created", "%(count)s roles created", report.created) % {
        "count": number_format(report.created, force_grouping=True)
    }
    updated = ngettext("%(count)s role updated", "%(count)s roles updated", report.updated) % {
        "count": number_format(report.updated, force_grouping=True)
    }
    return {"created": created, "updated": updated}


class _ImportPageMixin(ObjectPermissionMixin):
    """The organisation from the address; its organizers and staff may import its roles."""

    permission_required = "roles.manage_roles_organization"
    upload_template_name = "roles/import_upload.html"
    preview_template_name = "roles/import_preview.html"
    request: HttpRequest
    kwargs: dict[str, Any]

    def fetch_object(self) -> Organization:
        return get_object_or_404(Organization, slug=self.kwargs["slug"])

    def page_context(self, **extra: Any) -> dict[str, Any]:
        return {
            "organization": self.object,
            "columns": importers.column_help(),
            "levels": Level.choices,
            "importances": Importance.choices,
            "kinds": RoleKind.choices,
            **extra,
        }

    def render_preview(
        self,
        report: importers.ImportReport,
        *,
        filename: str,
        token: str | None = None,
        too_large_to_keep: bool = False,
    ) -> HttpResponse:
        context = self.page_context(
            report=report,
            filename=filename,
            token=token,
            too_large_to_keep=too_large_to_keep,
            form=RoleImportForm(initial={"dry_run": report.dry_run or bool(report.problems)}),
            summary=_("If you import the file: %(created)s, %(updated)s.") % _counts(report),
        )
        return render(self.request, self.preview_template_name, context)

    def imported(self, report: importers.ImportReport) -> HttpResponseRedirect:
        _forget(self.request, self.object)
        messages.success(
            self.request,
            _("The file was imported: %(created)s, %(updated)s.") % _counts(report),
        )
        return redirect(f"{reverse('roles:role_list')}?{urlencode({'organization': self.object.slug})}")


class RoleImportView(_ImportPageMixin, View):
    """Upload a file: a dry run shows its preview; otherwise it is imported when every row is good."""

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        return render(request, self.upload_template_name, self.page_context(form=RoleImportForm()))

    def post(self, request: HttpRequest, slug: str) -> HttpResponse:
        form = RoleImportForm(request.POST, request.FILES)
        if not form.is_valid() or form.table is None:
            return render(request, self.upload_template_name, self.page_context(form=form))
        dry_run = form.cleaned_data["dry_run"]
        filename = form.cleaned_data["file"].name or ""
        report = importers.import_table(organization=self.object, table=form.table, dry_run=dry_run)
        if report.imported:
            return self.imported(report)
        token = None
        if dry_run and not report.problems:
            token = _keep(request, self.object, form.table, filename)
        else:
            _forget(request, self.object)
        return self.render_preview(
            report,
            filename=filename,
            token=token,
            too_large_to_keep=dry_run and not report.problems and token is None,
        )


class RoleImportConfirmView(_ImportPageMixin, View):
    """Import the file of the dry run the organizer just saw (checked again: the registry may have changed)."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, slug: str) -> HttpResponse:
        form = RoleImportConfirmForm(request.POST)
        kept = _kept(request, self.object, form.cleaned_data["token"]) if form.is_valid() else None
        if kept is None:
            messages.error(request, _("This dry run is no longer available: upload the file again."))
            return redirect("roles:role_import", slug=self.object.slug)
        table, filename = kept
        report = importers.import_table(organization=self.object, table=table, dry_run=False)
        if report.imported:
            return self.imported(report)
        _forget(request, self.object)
        return self.render_preview(report, filename=filename)


class RoleImportTemplateView(_ImportPageMixin, View):
    """An empty import file: the row of column names."""

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        response = HttpResponse(importers.template_csv(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{TEMPLATE_FILENAME}"'
        return response
