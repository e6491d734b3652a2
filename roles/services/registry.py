"""Writes of the registry itself: roles, their requirements and holders, and people's competencies."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from leadership.common import search

from ..enums import CompetencySource, Importance
from ..models import (
    Competency,
    Language,
    Organization,
    Person,
    PersonCompetency,
    Role,
    RoleHolder,
    RoleRequirement,
    RoleTemplate,
)

TRANSLATED_ROLE_FIELDS = ("title", "description", "responsibilities")
SHAPE_FIELDS = ("kind", "seats", "selection", "term_length_months", "term_limit", "hours_per_week")


@dataclass(frozen=True)
class RequirementInput:
    competency: Competency
    min_level: int
    importance: str = Importance.ESSENTIAL


def _languages() -> list[str]:
    return list(settings.MODELTRANSLATION_LANGUAGES)


SEARCHED_ROLE_FIELDS = ("title", "description")


def role_search_text(role: Role) -> str:
    """Every language's title and description, folded, for the directory's substring search."""
    return search.search_text(search.language_texts(role, SEARCHED_ROLE_FIELDS))


def role_write_search_document(role: Role) -> None:
    """The directory's full-text document of a saved role (PostgreSQL; nothing elsewhere)."""
    search.write_documents(
        Role, "search_document", [(role.pk, search.language_texts(role, SEARCHED_ROLE_FIELDS))]
    )


def _today() -> datetime.date:
    return timezone.localdate()


def _current_terms(role: Role, on: datetime.date | None = None) -> Q:
    on = on or _today()
    return Q(role=role, start__lte=on) & (Q(end__isnull=True) | Q(end__gt=on))


def role_refresh_filled_seats(*, role: Role) -> int:
    """Recount the seats filled today (terms that started and have not ended)."""
    filled = RoleHolder.objects.filter(_current_terms(role)).values("seat").distinct().count()
    filled = min(filled, role.seats)
    if filled != role.filled_seats:
        Role.objects.filter(pk=role.pk).update(filled_seats=filled)
        role.filled_seats = filled
    return filled


def _check_text(role: Role) -> None:
    if not any(getattr(role, build_localized_fieldname("title", code), "") for code in _languages()):
        raise ValidationError({"title": _("Give the role a title in at least one language.")})


def _set_requirements(role: Role, requirements: Iterable[RequirementInput]) -> None:
    """Make the requirements exactly these: add, change, remove in one go; a competency at most once."""
    wanted: dict[int, RequirementInput] = {}
    for requirement in requirements:
        if requirement.competency.pk in wanted:
            raise ValidationError(
                _("%(competency)s is listed twice: a competency can be required only once per role.")
                % {"competency": requirement.competency}
            )
        if requirement.min_level not in (1, 2, 3, 4):
            raise ValidationError(_("Choose a minimum level between 1 and 4."))
        if requirement.importance not in Importance.values:
            raise ValidationError(_("Choose whether the requirement is essential or desirable."))
        wanted[requirement.competency.pk] = requirement
    existing = {req.competency_id: req for req in RoleRequirement.objects.filter(role=role)}
    for competency_id, req in existing.items():
        if competency_id not in wanted:
            req.delete()
    for competency_id, requirement in wanted.items():
        current = existing.get(competency_id)
        if current is None:
            RoleRequirement.objects.create(
                role=role,
                competency=requirement.competency,
                min_level=requirement.min_level,
                importance=requirement.importance,
            )
        elif (current.min_level, current.importance) != (requirement.min_level, requirement.importance):
            current.min_level = requirement.min_level
            current.importance = requirement.importance
            current.save(update_fields=["min_level", "importance", "updated_at"])


@transaction.atomic
def role_create(
    *,
    organization: Organization,
    data: Mapping[str, Any],
    requirements: Iterable[RequirementInput] = (),
    languages: Iterable[Language] = (),
    template: RoleTemplate | None = None,
) -> Role:
    """Create a role in an organisation, with its requirements."""
    role = Role(organization=organization, template=template, **dict(data))
    _check_text(role)
    role.search_text = role_search_text(role)
    role.full_clean(exclude=["search_text", "search_document", "filled_seats"])
    role.save()
    role_write_search_document(role)
    role.languages.set(languages)
    _set_requirements(role, requirements)
    return role


@transaction.atomic
def role_adapt_template(
    *, organization: Organization, template: RoleTemplate, overrides: Mapping[str, Any] | None = None
) -> Role:
    """A new role pre-filled from a template: its texts, shape and default requirements (subsidiarity)."""
    data: dict[str, Any] = {field: getattr(template, field) for field in SHAPE_FIELDS}
    for field in TRANSLATED_ROLE_FIELDS:
        for code in _languages():
            name = build_localized_fieldname(field, code)
            data[name] = getattr(template, name)
    data.update(overrides or {})
    requirements = [
        RequirementInput(competency=req.competency, min_level=req.min_level, importance=req.importance)
        for req in template.requirements.select_related("competency")
    ]
    return role_create(organization=organization, data=data, requirements=requirements, template=template)


@transaction.atomic
def role_update(
    *,
    role: Role,
    data: Mapping[str, Any],
    requirements: Iterable[RequirementInput] | None = None,
    languages: Iterable[Language] | None = None,
) -> Role:
    role = Role.objects.select_for_update().get(pk=role.pk)
    for field, value in data.items():
        setattr(role, field, value)
    _check_text(role)
    if role.seats < role.filled_seats:
        raise ValidationError(
            {
                "seats": _("%(filled)d seats are filled today: end some terms before reducing the seats.")
                % {"filled": role.filled_seats}
            }
        )
    role.search_text = role_search_text(role)
    role.full_clean(exclude=["search_text", "search_document", "filled_seats"])
    role.save()
    role_write_search_document(role)
    if languages is not None:
        role.languages.set(languages)
    if requirements is not None:
        _set_requirements(role, requirements)
    return role


@transaction.atomic
def role_delete(*, role: Role) -> None:
    role.delete()


def role_template_differences(role: Role) -> dict[str, Any]:
    """Where a role departs from the template it adapts: changed fields and requirements."""
    template = role.template
    if template is None:
        return {"fields": [], "added": [], "removed": [], "changed": []}
    fields = [field for field in SHAPE_FIELDS if getattr(role, field) != getattr(template, field)]
    fields += [
        field
        for field in ("title", "description", "responsibilities")
        if getattr(role, field) != getattr(template, field)
    ]
    ours = {req.competency_id: req for req in role.requirements.all()}
    theirs = {req.competency_id: req for req in template.requirements.all()}
    return {
        "fields": fields,
        "added": [ours[c] for c in ours.keys() - theirs.keys()],
        "removed": [theirs[c] for c in theirs.keys() - ours.keys()],
        "changed": [
            (theirs[c], ours[c])
            for c in ours.keys() & theirs.keys()
            if (ours[c].min_level, ours[c].importance) != (theirs[c].min_level, theirs[c].importance)
        ],
    }


# --- Holders -------------------------------------------------------------------------------------------


def holder_check_term(
    *, role: Role, seat: int, start: datetime.date, end: datetime.date | None, exclude: int | None
) -> None:
    if seat < 1 or seat > role.seats:
        raise ValidationError({"seat": _("Choose a seat between 1 and %(seats)d.") % {"seats": role.seats}})
    if end is not None and end < start:
        raise ValidationError({"end": _("The end of a term cannot come before its start.")})
    overlapping = RoleHolder.objects.filter(role=role, seat=seat).filter(
        Q(end__isnull=True) | Q(end__gt=start)
    )
    if end is not None:
        overlapping = overlapping.filter(start__lt=end)
    if exclude is not None:
        overlapping = overlapping.exclude(pk=exclude)
    if overlapping.exists():
        raise ValidationError(
            {
                "start": _(
                    "Another term on this seat overlaps these dates: end it first or choose another seat."
                )
            }
        )


def _save_term(holder: RoleHolder) -> RoleHolder:
    try:
        with transaction.atomic():
            holder.save()
    except IntegrityError as error:  # PostgreSQL's exclusion constraint, under a race the check above missed
        raise ValidationError(
            {
                "start": _(
                    "Another term on this seat overlaps these dates: end it first or choose another seat."
                )
            }
        ) from error
    return holder


@transaction.atomic
def holder_add(
    *,
    role: Role,
    person: Person,
    start: datetime.date,
    seat: int | None = None,
    end: datetime.date | None = None,
    term_number: int | None = None,
) -> RoleHolder:
    """Give a person a term on a seat of a role. Seat: the first free one when not given."""
    role = Role.objects.select_for_update().get(pk=role.pk)
    if seat is None:
        taken = set(
            RoleHolder.objects.filter(role=role)
            .filter(Q(end__isnull=True) | Q(end__gt=start))
            .values_list("seat", flat=True)
        )
        free = [number for number in range(1, role.seats + 1) if number not in taken]
        if not free:
            raise ValidationError({"seat": _("Every seat of this role is taken on that date.")})
        seat = free[0]
    holder_check_term(role=role, seat=seat, start=start, end=end, exclude=None)
    if term_number is None:
        term_number = RoleHolder.objects.filter(role=role, person=person, start__lt=start).count() + 1
    holder = _save_term(
        RoleHolder(role=role, person=person, seat=seat, start=start, end=end, term_number=term_number)
    )
    role_refresh_filled_seats(role=role)
    return holder


@transaction.atomic
def holder_update(
    *, holder: RoleHolder, seat: int, start: datetime.date, end: datetime.date | None, term_number: int
) -> RoleHolder:
    role = Role.objects.select_for_update().get(pk=holder.role_id)
    holder_check_term(role=role, seat=seat, start=start, end=end, exclude=holder.pk)
    holder.seat, holder.start, holder.end, holder.term_number = seat, start, end, term_number
    _save_term(holder)
    role_refresh_filled_seats(role=role)
    return holder


@transaction.atomic
def holder_end(*, holder: RoleHolder, end: datetime.date | None = None) -> RoleHolder:
    """End a running term (today by default)."""
    end = end or _today()
    return holder_update(
        holder=holder, seat=holder.seat, start=holder.start, end=end, term_number=holder.term_number
    )


@transaction.atomic
def holder_delete(*, holder: RoleHolder) -> None:
    role = holder.role
    holder.delete()
    role_refresh_filled_seats(role=role)


def holder_terms_served(*, role: Role, person: Person) -> int:
    """How many terms a person has held on a role (for term limits)."""
    return RoleHolder.objects.filter(role=role, person=person).count()


# --- People's competencies ---------------------------------------------------------------------------


@transaction.atomic
def person_competency_self_assess(
    *, person: Person, competency: Competency, level: int | None, evidence: str = ""
) -> PersonCompetency | None:
    """Set (or, with level None, withdraw) a person's own assessment; never touches verified levels."""
    current = PersonCompetency.objects.filter(
        person=person, competency=competency, source=CompetencySource.SELF_ASSESSED
    )
    if level is None:
        current.delete()
        return None
    if level not in (1, 2, 3, 4):
        raise ValidationError({"level": _("Choose a level between 1 and 4.")})
    record, _created = PersonCompetency.objects.update_or_create(
        person=person,
        competency=competency,
        source=CompetencySource.SELF_ASSESSED,
        defaults={"level": level, "evidence": evidence, "assessed_on": _today()},
    )
    return record


@transaction.atomic
def person_competency_record(
    *,
    person: Person,
    competency: Competency,
    level: int,
    source: str,
    evidence: str = "",
    recorded_by: Person | None = None,
    assessed_on: datetime.date | None = None,
) -> PersonCompetency:
    """Record a level from training, an organizer's confirmation or a nominator's observation."""
    if source == CompetencySource.SELF_ASSESSED:
        raise ValidationError(_("Self-assessments are recorded by the person themselves."))
    if source not in CompetencySource.values:
        raise ValidationError(_("Choose a valid source."))
    if level not in (1, 2, 3, 4):
        raise ValidationError({"level": _("Choose a level between 1 and 4.")})
    record = PersonCompetency(
        person=person,
        competency=competency,
        level=level,
        source=source,
        evidence=evidence,
        recorded_by=recorded_by,
        assessed_on=assessed_on or _today(),
    )
    record.full_clean()
    record.save()
    return record


@transaction.atomic
def person_interests_set(
    *, person: Person, wants_to_develop: Iterable[Competency], can_mentor: Iterable[Competency]
) -> Person:
    """The competencies a person wants to develop and those in which they offer to mentor (peer learning)."""
    person.wants_to_develop.set(wants_to_develop)
    person.can_mentor.set(can_mentor)
    return person


# --- The catalogue kept by staff: categories, competencies and role templates ---------------------------
# (Appended by the API's helper; the models it needs are imported locally, leaving the import block alone.)


def _check_translated(instance: Any, field: str, message: Any) -> None:
    """At least one language has a value for this translated field."""
    if not any(getattr(instance, build_localized_fieldname(field, code), "") for code in _languages()):
        raise ValidationError({field: message})


def _assign(instance: Any, data: Mapping[str, Any]) -> None:
    for field, value in data.items():
        setattr(instance, field, value)


@transaction.atomic
def competency_category_save(*, category: Any = None, data: Mapping[str, Any]) -> Any:
    """Create (without `category`) or change a competency category."""
    from ..models import CompetencyCategory

    category = category if category is not None else CompetencyCategory()
    _assign(category, data)
    _check_translated(category, "name", _("Give the category a name in at least one language."))
    category.full_clean()
    category.save()
    return category


@transaction.atomic
def competency_save(*, competency: Competency | None = None, data: Mapping[str, Any]) -> Competency:
    """Create (without `competency`) or change a competency; its broader competency never loops back to it."""
    competency = competency if competency is not None else Competency()
    _assign(competency, data)
    _check_translated(competency, "name", _("Give the competency a name in at least one language."))
    ancestor, seen = competency.parent, set()
    while ancestor is not None and ancestor.pk not in seen:
        if competency.pk is not None and ancestor.pk == competency.pk:
            raise ValidationError(
                {"parent": _("A competency cannot be broader than itself, directly or through others.")}
            )
        seen.add(ancestor.pk)
        ancestor = ancestor.parent
    competency.full_clean()
    competency.save()
    return competency


def _check_requirements(requirements: Iterable[RequirementInput]) -> dict[int, RequirementInput]:
    wanted: dict[int, RequirementInput] = {}
    for requirement in requirements:
        if requirement.competency.pk in wanted:
            raise ValidationError(
                _("%(competency)s is listed twice: a competency can be required only once per role.")
                % {"competency": requirement.competency}
            )
        if requirement.min_level not in (1, 2, 3, 4):
            raise ValidationError(_("Choose a minimum level between 1 and 4."))
        if requirement.importance not in Importance.values:
            raise ValidationError(_("Choose whether the requirement is essential or desirable."))
        wanted[requirement.competency.pk] = requirement
    return wanted


@transaction.atomic
def role_template_save(
    *,
    template: RoleTemplate | None = None,
    data: Mapping[str, Any],
    requirements: Iterable[RequirementInput] | None = None,
) -> RoleTemplate:
    """Create (without `template`) or change a role template; `requirements`, when given, replace its set."""
    from ..models import TemplateRequirement

    template = template if template is not None else RoleTemplate()
    _assign(template, data)
    _check_translated(template, "title", _("Give the template a title in at least one language."))
    template.full_clean()
    template.save()
    if requirements is not None:
        wanted = _check_requirements(requirements)
        existing = {req.competency_id: req for req in TemplateRequirement.objects.filter(template=template)}
        TemplateRequirement.objects.filter(
            template=template, competency_id__in=existing.keys() - wanted.keys()
        ).delete()
        for competency_id, requirement in wanted.items():
            current = existing.get(competency_id)
            if current is None:
                TemplateRequirement.objects.create(
                    template=template,
                    competency=requirement.competency,
                    min_level=requirement.min_level,
                    importance=requirement.importance,
                )
            elif (current.min_level, current.importance) != (requirement.min_level, requirement.importance):
                current.min_level, current.importance = requirement.min_level, requirement.importance
                current.save(update_fields=["min_level", "importance", "updated_at"])
    return template


# --- People without an account -------------------------------------------------------------------------


@transaction.atomic
def person_create_unclaimed(*, display_name: str, email: str = "", wikimedia_username: str = "") -> Person:
    """A person known to the registry without an account (a role holder, say), private until they claim it.

    Not duplicated: when someone with the same Wikimedia username is already known, that person is returned.
    The person is claimed later when its owner signs in with a matching verified email or username.
    """
    display_name = (display_name or "").strip()
    email = (email or "").strip().lower()
    wikimedia_username = (wikimedia_username or "").strip()
    if wikimedia_username:
        known = Person.objects.filter(wikimedia_username=wikimedia_username).first()
        if known is not None:
            return known
    if not display_name:
        raise ValidationError({"display_name": _("Give the person's name.")})
    person = Person(
        display_name=display_name, email=email, wikimedia_username=wikimedia_username, is_public=False
    )
    person.full_clean(exclude=["user", "region", "time_zone"])
    person.save()
    return person


# --- Importing an organisation's roles from a file ------------------------------------------------------
# (Appended by the import helper; roles/importers.py reads and checks the file, this writes it.)


@dataclass(frozen=True)
class RoleImportRow:
    """One checked row of an import: a new role (`role` None) or changes to a role of the organisation.

    `data` holds only the fields the file gives; `languages` and `requirements` are None when the file
    leaves them as they are.
    """

    number: int
    role: Role | None
    data: Mapping[str, Any]
    languages: tuple[Language, ...] | None = None
    requirements: tuple[RequirementInput, ...] | None = None


@dataclass(frozen=True)
class RoleImportProblem:
    """Why one row cannot be imported: `field` is the role's field concerned ("" for the whole row)."""

    row: int
    field: str
    message: str


@dataclass
class RoleImportResult:
    """What an import did (or, for a dry run, would do): counts, and the problems of the bad rows."""

    dry_run: bool
    problems: list[RoleImportProblem]
    created: int = 0
    updated: int = 0
    imported: bool = False


class _UndoImportError(Exception):
    """Raised inside the import's transaction to undo it whole (a dry run, or any bad row)."""


def _import_problems(number: int, error: ValidationError) -> list[RoleImportProblem]:
    if hasattr(error, "error_dict"):
        return [
            RoleImportProblem(row=number, field="" if field == "__all__" else field, message=str(message))
            for field, messages in error.message_dict.items()
            for message in messages
        ]
    return [RoleImportProblem(row=number, field="", message=str(message)) for message in error.messages]


def _import_row(organization: Organization, row: RoleImportRow) -> Role:
    if row.role is None:
        return role_create(
            organization=organization,
            data=row.data,
            requirements=row.requirements or (),
            languages=row.languages or (),
        )
    if row.role.organization_id != organization.pk:
        raise ValidationError(
            {"id": _("No role with id %(id)s belongs to this organisation.") % {"id": row.role.pk}}
        )
    return role_update(role=row.role, data=row.data, requirements=row.requirements, languages=row.languages)


def roles_import(
    *, organization: Organization, rows: Iterable[RoleImportRow], dry_run: bool
) -> RoleImportResult:
    """Create and update an organisation's roles from the rows of a file: all of them, or none.

    Every row goes through role_create or role_update, each in a savepoint of its own so that one bad row
    does not hide the problems of the next. A dry run, or a file with any bad row, is then rolled back as a
    whole: the preview of a dry run is exactly what the import would do.
    """
    result = RoleImportResult(dry_run=dry_run, problems=[])
    problems = result.problems
    try:
        with transaction.atomic():
            for row in rows:
                try:
                    with transaction.atomic():
                        _import_row(organization, row)
                except ValidationError as error:
                    problems.extend(_import_problems(row.number, error))
                    continue
                except IntegrityError:
                    problems.append(
                        RoleImportProblem(
                            row=row.number,
                            field="",
                            message=str(_("This row clashes with a change saved meanwhile: try again.")),
                        )
                    )
                    continue
                if row.role is None:
                    result.created += 1
                else:
                    result.updated += 1
            if dry_run or problems:
                raise _UndoImportError
    except _UndoImportError:
        pass
    result.imported = not dry_run and not problems
    return result
