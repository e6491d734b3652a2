"""Pages of roles: the directory and its exports, one role, editing, adapting templates, holders, the matrix.

Views stay thin: permissions come from rules.py, reads from selectors.py, writes from services.py (through
the forms). A service's ValidationError re-renders the page with what the user typed and the message.
"""

from __future__ import annotations

import copy
import csv
import json
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView, View
from django_filters.views import FilterView

from leadership.common.forms import add_service_error
from leadership.common.lists import query_without, wants_partial
from leadership.common.pagination import CappedCountPaginator, KeysetPage, decode_cursor, encode_cursor
from leadership.common.permissions import ObjectPermissionMixin

from .. import selectors, services
from ..enums import Level
from ..filters import RoleFilter
from ..forms.roles import (
    REQUIREMENT_ROWS_STEP,
    HolderAddForm,
    HolderEditForm,
    HolderEndForm,
    MatrixCategoryForm,
    RoleForm,
    TemplateChoiceForm,
    requirement_formset,
)
from ..models import Competency, Organization, Role, RoleHolder

EXPORT_MAX_ROWS = 10_000
EXPORT_COLUMNS = (
    "id",
    "title",
    "organization",
    "kind",
    "seats",
    "vacant_seats",
    "selection",
    "term_length_months",
    "term_limit",
    "hours_per_week",
    "open_for_nominations",
    "languages",
    "requirements",
)


def _role_or_404(pk: int) -> Role:
    return get_object_or_404(Role.objects.select_related("organization"), pk=pk)


# --- Directory and exports -------------------------------------------------------------------------


class RoleListView(FilterView):
    """The directory: a GET form that works without JavaScript and updates live with htmx."""

    filterset_class = RoleFilter
    template_name = "roles/role_list.html"
    partial_template_name = "roles/role_results.html"
    paginate_by = 50
    paginator_class = CappedCountPaginator
    strict = False

    # A search counts its matches up to a lower cap: each match is checked on its row (a trigram match always
    # is), so counting 10,000 of a common word's matches would read most of the table.
    search_count_cap = 1_000

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return selectors.role_directory_page(selectors.role_directory())

    def get_paginator(self, queryset: Any, *args: Any, **kwargs: Any) -> CappedCountPaginator:
        paginator = super().get_paginator(queryset, *args, **kwargs)
        if (self.request.GET.get("q") or "").strip():
            paginator.count_cap = self.search_count_cap
            if not paginator.capped:  # few matches: found by the full-text index, then sorted
                paginator.object_list = selectors.role_directory_few_matches(queryset)
        return paginator  # type: ignore[no-any-return]

    def get_template_names(self) -> list[str]:
        return [self.partial_template_name if wants_partial(self.request) else self.template_name]

    def paginate_queryset(self, queryset: Any, page_size: int) -> tuple[Any, Any, list[Role], bool]:
        """`?page=N` (bookmarks) by OFFSET over the keys index; `?after=` and `?before=` (the page links) by
        keyset: the cursor of the last or first row shown, from which the index is read on."""
        after = decode_cursor(self.request.GET.get("after"), str, int)
        before = None if after else decode_cursor(self.request.GET.get("before"), str, int)
        if after is None and before is None:
            paginator, page, _rows, _paginated = super().paginate_queryset(queryset, page_size)
        else:
            paginator = self.get_paginator(queryset, page_size)
            queryset = paginator.object_list
            if after is not None:
                following = selectors.role_directory_after(queryset, title=after[0], pk=after[1])
            else:
                following = selectors.role_directory_before(queryset, title=before[0], pk=before[1])  # type: ignore[index]
            keys = list(following.values_list("pk", flat=True)[: page_size + 1])
            more, keys = len(keys) > page_size, keys[:page_size]
            if before is not None:
                keys.reverse()
            found = {row.pk: row for row in queryset.filter(pk__in=keys)}
            page = KeysetPage(
                [found[key] for key in keys if key in found],
                paginator,
                has_next=more if after is not None else True,
                has_previous=True if after is not None else more,
            )
        rows = list(page.object_list)
        page.next_cursor = encode_cursor(rows[-1].title_en, rows[-1].pk) if rows and page.has_next() else ""
        page.previous_cursor = (
            encode_cursor(rows[0].title_en, rows[0].pk) if rows and page.has_previous() else ""
        )
        return paginator, page, rows, page.has_other_pages()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["query_without_page"] = query_without(self.request, "after", "before")
        if not wants_partial(self.request):
            data = self.filterset.form.cleaned_data if self.filterset.form.is_valid() else {}
            organization_slug = (data.get("organization") or "").strip()
            competency_slug = (data.get("competency") or "").strip()
            context["pinned_organization"] = (
                Organization.objects.filter(slug=organization_slug).first() if organization_slug else None
            )
            context["pinned_competency"] = (
                Competency.objects.filter(slug=competency_slug).first() if competency_slug else None
            )
            context["without_organization"] = query_without(self.request, "organization", "after", "before")
            context["without_competency"] = query_without(self.request, "competency", "after", "before")
        return context


def _export_rows(request: HttpRequest) -> Iterator[Role]:
    """The roles the directory shows for this query string, with what the exports need, in chunks."""
    filterset = RoleFilter(request.GET, queryset=selectors.role_directory().prefetch_related(None))
    roles = selectors.role_export_rows(filterset.qs)[:EXPORT_MAX_ROWS]
    return roles.iterator(chunk_size=500)


def _export_record(role: Role) -> dict[str, Any]:
    return {
        "id": role.pk,
        "title": str(role.title),
        "organization": role.organization.slug,
        "kind": role.kind,
        "seats": role.seats,
        "vacant_seats": role.vacant_seats,
        "selection": role.selection,
        "term_length_months": role.term_length_months,
        "term_limit": role.term_limit,
        "hours_per_week": role.hours_per_week,
        "open_for_nominations": role.open_for_nominations,
        "languages": [language.code for language in role.languages.all()],
        "requirements": [
            f"{req.competency.slug}:{req.min_level}:{req.importance}" for req in role.export_requirements
        ],
    }


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_cell(value: Any) -> str:
    """A spreadsheet-safe cell: text that a spreadsheet would run as a formula starts with an apostrophe."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        value = ";".join(value)
    text = str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


class RoleExportCsvView(View):
    """The directory as CSV: the same filters, every page (up to a sane maximum), streamed."""

    def get(self, request: HttpRequest) -> StreamingHttpResponse:
        writer = csv.writer(_Echo())

        def lines() -> Iterator[str]:
            yield writer.writerow(EXPORT_COLUMNS)
            for role in _export_rows(request):
                record = _export_record(role)
                yield writer.writerow([_csv_cell(record[column]) for column in EXPORT_COLUMNS])

        response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="roles.csv"'
        return response


def _json_value(value: Any) -> Any:
    return float(value) if isinstance(value, Decimal) else value


class RoleExportJsonView(View):
    """The directory as a JSON array of roles: the same filters, every page (up to a sane maximum), streamed."""

    def get(self, request: HttpRequest) -> StreamingHttpResponse:
        def chunks() -> Iterator[str]:
            yield "["
            for index, role in enumerate(_export_rows(request)):
                record = {key: _json_value(value) for key, value in _export_record(role).items()}
                yield ("," if index else "") + json.dumps(record, ensure_ascii=False)
            yield "]"

        response = StreamingHttpResponse(chunks(), content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="roles.json"'
        return response


# --- One role ---------------------------------------------------------------------------------------


def _name_visible(user: Any, person: Any, sees_private: bool) -> bool:
    """A person's name is shown when they are public, to themselves, and to who manages the role."""
    if person is None:
        return False
    return (
        sees_private
        or person.is_public
        or (getattr(user, "is_authenticated", False) and person.user_id == user.pk)
    )


class RoleDetailView(DetailView):
    template_name = "roles/role_detail.html"
    context_object_name = "role"

    def get_object(self, queryset: Any = None) -> Role:
        role = selectors.role_for_page(pk=self.kwargs["pk"])
        if role is None or not self.request.user.has_perm("roles.view_organization", role.organization):
            raise Http404
        return role

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        role, user = self.object, self.request.user
        sees_private = user.has_perm("roles.change_role", role)
        holders = selectors.role_holders(role=role)
        for holder in holders:
            holder.name_visible = _name_visible(user, holder.person, sees_private)
        current = [holder for holder in holders if holder.is_current]
        filled = {holder.seat for holder in current}
        history = selectors.role_history(role=role)
        for entry in history:
            entry["author_visible"] = _name_visible(user, entry["author"], sees_private)
            if entry["kind"] == "term":
                entry["person_visible"] = _name_visible(user, entry["record"].person, sees_private)
        differences = services.role_template_differences(role)
        differences["field_labels"] = [
            str(Role._meta.get_field(field).verbose_name) for field in differences["fields"]
        ]
        context.update(
            requirements=list(role.requirements.all()),
            current_holders=current,
            other_holders=[holder for holder in holders if not holder.is_current],
            vacant_seat_numbers=[seat for seat in range(1, role.seats + 1) if seat not in filled],
            differences=differences,
            history=history,
            sees_private=sees_private,
        )
        return context


# --- Creating, adapting, editing and deleting roles -----------------------------------------------


def _without_errors(form: RoleForm, formset: Any) -> None:
    """Keep what was typed but show no errors yet (the user only asked for more rows)."""
    form.is_valid()
    form.errors.clear()
    formset.is_valid()
    formset._non_form_errors = formset.error_class()
    for row in formset.forms:
        row.errors.clear()


class RoleFormPageMixin(ObjectPermissionMixin):
    """Renders and processes the role form with its inline requirements formset."""

    template_name = "roles/role_form.html"
    request: HttpRequest

    def render_form(self, form: RoleForm, formset: Any, **extra: Any) -> HttpResponse:
        return render(self.request, self.template_name, {"form": form, "formset": formset, **extra})

    def handle(self, *, role: Role | None, organization: Organization, **extra: Any) -> HttpResponse:
        data = self.request.POST
        more = "more_requirements" in data
        # The form writes into its instance: a copy keeps the page's own view of the role as it was saved.
        form = RoleForm(
            data, instance=copy.copy(role) if role is not None else Role(organization=organization)
        )
        formset = requirement_formset(role=role, data=data, extra_rows=REQUIREMENT_ROWS_STEP if more else 0)
        if more:  # a request for more requirement rows (without JavaScript): show the same data, save nothing
            _without_errors(form, formset)
            return self.render_form(form, formset, organization=organization, role=role, **extra)
        if form.is_valid() and formset.is_valid():
            try:
                saved = self.save(form=form, formset=formset, role=role, organization=organization)
            except ValidationError as error:
                add_service_error(form, error)
            else:
                return redirect("roles:role_detail", pk=saved.pk)
        return self.render_form(form, formset, organization=organization, role=role, **extra)

    def save(self, *, form: RoleForm, formset: Any, role: Role | None, organization: Organization) -> Role:
        raise NotImplementedError


class RoleCreateView(RoleFormPageMixin, View):
    permission_required = "roles.manage_roles_organization"

    def fetch_object(self) -> Organization:
        return get_object_or_404(Organization, slug=self.kwargs["slug"])

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        return self.render_form(
            RoleForm(instance=Role(organization=self.object)),
            requirement_formset(),
            organization=self.object,
            role=None,
        )

    def post(self, request: HttpRequest, slug: str) -> HttpResponse:
        return self.handle(role=None, organization=self.object)

    def save(self, *, form: RoleForm, formset: Any, role: Role | None, organization: Organization) -> Role:
        created = services.role_create(
            organization=organization,
            data=form.role_data(),
            requirements=formset.requirements,
            languages=form.cleaned_data["languages"],
        )
        messages.success(self.request, _("The role “%(title)s” was created.") % {"title": created.title})
        return created


class RoleEditView(RoleFormPageMixin, View):
    permission_required = "roles.change_role"

    def fetch_object(self) -> Role:
        role = selectors.role_for_page(pk=self.kwargs["pk"])
        if role is None:
            raise Http404
        return role

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        role = self.object
        return self.render_form(
            RoleForm(instance=role), requirement_formset(role=role), organization=role.organization, role=role
        )

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.handle(role=self.object, organization=self.object.organization)

    def save(self, *, form: RoleForm, formset: Any, role: Role | None, organization: Organization) -> Role:
        updated = services.role_update(
            role=self.object,
            data=form.role_data(),
            requirements=formset.requirements,
            languages=form.cleaned_data["languages"],
        )
        messages.success(self.request, _("The role “%(title)s” was saved.") % {"title": updated.title})
        return updated


class RoleAdaptView(ObjectPermissionMixin, View):
    """Create a role from a movement-wide template, then adapt it on its edit page (subsidiarity)."""

    permission_required = "roles.manage_roles_organization"
    template_name = "roles/role_adapt.html"

    def fetch_object(self) -> Organization:
        return get_object_or_404(Organization, slug=self.kwargs["slug"])

    def render_page(self, form: TemplateChoiceForm) -> HttpResponse:
        return render(self.request, self.template_name, {"form": form, "organization": self.object})

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        initial = {"template": request.GET["template"]} if request.GET.get("template") else {}
        return self.render_page(TemplateChoiceForm(initial=initial))

    def post(self, request: HttpRequest, slug: str) -> HttpResponse:
        form = TemplateChoiceForm(request.POST)
        if form.is_valid():
            try:
                role = form.save(organization=self.object)
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(
                    request,
                    _(
                        "The role “%(title)s” was created from the template. Adapt it to your organisation: "
                        "its texts, shape and requirements are yours to change."
                    )
                    % {"title": role.title},
                )
                return redirect("roles:role_edit", pk=role.pk)
        return self.render_page(form)


class RoleDeleteView(ObjectPermissionMixin, View):
    permission_required = "roles.delete_role"
    template_name = "roles/role_delete.html"

    def fetch_object(self) -> Role:
        return _role_or_404(self.kwargs["pk"])

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return render(request, self.template_name, {"role": self.object})

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        role = self.object
        title, slug = role.title, role.organization.slug
        services.role_delete(role=role)
        messages.success(request, _("The role “%(title)s” was deleted.") % {"title": title})
        return redirect("roles:organization_detail", slug=slug)


# --- Holders ----------------------------------------------------------------------------------------


class RoleHoldersView(ObjectPermissionMixin, View):
    """Organizers manage who holds a role: add a term, and end, edit or delete the terms there are."""

    permission_required = "roles.change_role"
    template_name = "roles/holder_list.html"

    def fetch_object(self) -> Role:
        return _role_or_404(self.kwargs["pk"])

    def add_form(self, data: Any = None) -> HolderAddForm:
        people = list(selectors.role_holder_person_choices(organization=self.object.organization))
        return HolderAddForm(data, role=self.object, people=people)

    def render_page(self, form: HolderAddForm, status: int = 200) -> HttpResponse:
        holders = selectors.role_holders(role=self.object)
        for holder in holders:
            holder.end_form = HolderEndForm(holder=holder, prefix=f"end{holder.pk}")
        context = {"role": self.object, "holders": holders, "form": form}
        return render(self.request, self.template_name, context, status=status)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.render_page(self.add_form())

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        form = self.add_form(request.POST)
        if form.is_valid():
            try:
                holder = form.save()
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(
                    request,
                    _("The term on seat %(seat)d was added.") % {"seat": holder.seat},
                )
                return redirect("roles:role_holders", pk=self.object.pk)
        return self.render_page(form)


class HolderMixin(ObjectPermissionMixin):
    """One term of the role in the URL (a term of another role is not found)."""

    kwargs: dict[str, Any]

    def fetch_object(self) -> RoleHolder:
        return get_object_or_404(
            RoleHolder.objects.select_related("person", "role", "role__organization"),
            pk=self.kwargs["holder_pk"],
            role_id=self.kwargs["pk"],
        )


class RoleHolderEditView(HolderMixin, View):
    permission_required = "roles.change_roleholder"
    template_name = "roles/holder_form.html"

    def render_page(self, form: HolderEditForm) -> HttpResponse:
        return render(
            self.request, self.template_name, {"form": form, "holder": self.object, "role": self.object.role}
        )

    def get(self, request: HttpRequest, pk: int, holder_pk: int) -> HttpResponse:
        return self.render_page(HolderEditForm(holder=self.object))

    def post(self, request: HttpRequest, pk: int, holder_pk: int) -> HttpResponse:
        form = HolderEditForm(request.POST, holder=self.object)
        if form.is_valid():
            try:
                form.save()
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("The term was saved."))
                return redirect("roles:role_holders", pk=pk)
        return self.render_page(form)


class RoleHolderEndView(HolderMixin, View):
    """End a running term (POST from the holders page)."""

    permission_required = "roles.change_roleholder"
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int, holder_pk: int) -> HttpResponse:
        holder = self.object
        form = HolderEndForm(request.POST, holder=holder, prefix=f"end{holder.pk}")
        if form.is_valid():
            try:
                form.save()
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("The term was ended."))
                return redirect("roles:role_holders", pk=pk)
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("roles:role_holders", pk=pk)


class RoleHolderDeleteView(HolderMixin, View):
    permission_required = "roles.delete_roleholder"
    template_name = "roles/holder_delete.html"

    def get(self, request: HttpRequest, pk: int, holder_pk: int) -> HttpResponse:
        return render(request, self.template_name, {"holder": self.object, "role": self.object.role})

    def post(self, request: HttpRequest, pk: int, holder_pk: int) -> HttpResponse:
        services.holder_delete(holder=self.object)
        messages.success(request, _("The term was deleted."))
        return redirect("roles:role_holders", pk=pk)


# --- Templates and the matrix --------------------------------------------------------------------------


class RoleTemplateListView(ListView):
    template_name = "roles/template_list.html"
    context_object_name = "templates"
    paginate_by = 50

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return selectors.role_template_list()


class RoleTemplateDetailView(DetailView):
    template_name = "roles/template_detail.html"
    context_object_name = "role_template"

    def get_object(self, queryset: Any = None) -> Any:
        template = selectors.role_template_for_page(slug=self.kwargs["slug"])
        if template is None:
            raise Http404
        return template

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            organizations=selectors.organizations_organized_by(user=self.request.user), **kwargs
        )


class OrganizationMatrixView(DetailView):
    """An organisation's roles by the competencies they require: a compact list per role, grouped by category,
    and the full grid (an accessible heat map table) of one chosen category."""

    template_name = "roles/matrix.html"
    context_object_name = "organization"

    def get_object(self, queryset: Any = None) -> Organization:
        organization = Organization.objects.filter(slug=self.kwargs["slug"]).first()
        if organization is None or not self.request.user.has_perm("roles.view_organization", organization):
            raise Http404
        return organization

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        matrix = selectors.organization_matrix(organization=self.object)
        form = MatrixCategoryForm(self.request.GET or None, categories=matrix["categories"])
        category = form.chosen
        return super().get_context_data(
            matrix=matrix,
            form=form,
            grid=selectors.matrix_grid(matrix=matrix, category=category) if category is not None else None,
            levels=Level.choices,
            **kwargs,
        )
