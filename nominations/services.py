"""Every write of the nominations app: calls, submission, consent, erasure, endorsements, reviews, decisions.

Keyword-only arguments, `transaction.atomic`, translated ValidationErrors, emails queued in the outbox in the
same transaction. A nomination's state moves only here, through the model's transitions; each move is written
to the NominationEvent log and notifies those it concerns (the nominator hears the outcome without details).
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django_fsm import TransitionNotAllowed
from modeltranslation.utils import build_localized_fieldname

from leadership.common import privacy
from leadership.common.emails import address_hash, email_queue_template, emails_erase_address, site_link
from leadership.common.enums import EmailKind
from leadership.common.models import EmailOptOut
from roles.enums import Capacity, CompetencySource, Level
from roles.models import Competency, Language, Membership, Organization, Person, Role, RoleHolder
from roles.services import (
    holder_add,
    holder_terms_served,
    person_competency_record,
    person_create_unclaimed,
    person_for_user,
)

from . import selectors, tokens
from .enums import NominationKind, NominationState, QuestionKind
from .models import (
    CallQuestion,
    Endorsement,
    Nomination,
    NominationAnswer,
    NominationCall,
    NominationEvent,
    ObservedCompetency,
    Review,
    ReviewScore,
    ScoringCriterion,
)

logger = logging.getLogger("leadership")
S = NominationState

CALL_FIELDS = (
    "opens_at",
    "closes_at",
    "is_standing",
    "anonymised_review",
    "reviewing_open",
    "retention_days",
)
TRANSLATED_CALL_FIELDS = ("title", "text")
NOMINEE_TEXT_FIELDS = selectors.NOMINEE_TEXT_FIELDS
MAX_RETENTION_DAYS = 730


# --- Inputs ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuestionInput:
    """A question of a call. text: one string (the active language) or {language code: text}."""

    text: str | Mapping[str, str]
    kind: str = QuestionKind.TEXT
    choices: tuple[str, ...] = ()
    required: bool = False
    position: int = 0
    pk: int | None = None


@dataclass(frozen=True)
class CriterionInput:
    """A scoring criterion. name: one string (the active language) or {language code: name}."""

    name: str | Mapping[str, str]
    weight: int = 1
    position: int = 0
    pk: int | None = None


@dataclass
class ExpiryResult:
    expired: int = 0
    erased: int = 0
    ids: list[int] = field(default_factory=list)


# --- Helpers ---------------------------------------------------------------------------------------------


def _languages() -> list[str]:
    return list(settings.MODELTRANSLATION_LANGUAGES)


def _set_translated(instance: Any, name: str, value: str | Mapping[str, str]) -> None:
    if isinstance(value, Mapping):
        for code, text in value.items():
            if code not in _languages():
                raise ValidationError(_("%(code)s is not a language of the site.") % {"code": code})
            setattr(instance, build_localized_fieldname(name, code), (text or "").strip())
    else:
        setattr(instance, name, (value or "").strip())


def _has_translation(instance: Any, name: str) -> bool:
    return any(getattr(instance, build_localized_fieldname(name, code), "") for code in _languages())


def _page(language: str, path: str) -> str:
    """An absolute link to one of the nominations pages (addresses are part of the contract)."""
    return site_link(f"/{language}/nominations/{path}")


def _now() -> datetime.datetime:
    return timezone.now()


def _record(nomination: Nomination, before: str, by: Any = None) -> None:
    NominationEvent.objects.create(
        nomination=nomination,
        from_state=before,
        to_state=nomination.state,
        actor=by if getattr(by, "is_authenticated", False) else None,
    )


def _move(nomination: Nomination, transition: str, *, by: Any = None) -> Nomination:
    """Apply one transition of the model, save, and log it; a move that is not allowed is a ValidationError."""
    before = nomination.state
    try:
        getattr(nomination, transition)()
    except TransitionNotAllowed as error:
        raise ValidationError(
            _("This nomination is “%(state)s”: that change is not possible now.") % {"state": S(before).label}
        ) from error
    nomination.state_changed_at = _now()
    nomination.save()
    _record(nomination, before, by)
    return nomination


def _organizer_addresses(call: NominationCall) -> list[str]:
    if call.organization_id is None:
        from django.contrib.auth import get_user_model

        users = get_user_model().objects.filter(is_staff=True, is_active=True).exclude(email="")
        return sorted(set(users.values_list("email", flat=True)))
    addresses = Membership.objects.filter(
        organization_id=call.organization_id, capacity=Capacity.ORGANIZER, person__user__is_active=True
    ).values_list("person__user__email", flat=True)
    return sorted({address for address in addresses if address})


def _reviewer_addresses(call: NominationCall) -> list[str]:
    return sorted(
        {
            address
            for address in call.reviewers.filter(is_active=True).values_list("email", flat=True)
            if address
        }
    )


def _nominator_address(nomination: Nomination) -> str:
    if nomination.nominator_id is not None and nomination.nominator is not None:
        return nomination.nominator.email or nomination.nominator_email
    return nomination.nominator_email if nomination.nominator_verified_at else ""


def _nominator_language(nomination: Nomination) -> str:
    return nomination.language


def _tell_nominator(nomination: Nomination) -> None:
    """The nominator hears the outcome, without details (nor the nominee's data)."""
    address = _nominator_address(nomination)
    if not address or nomination.kind == NominationKind.SELF:
        return
    language = _nominator_language(nomination)
    email_queue_template(
        to=address,
        kind=EmailKind.NOMINATION_NOMINATOR,
        template="nomination_outcome",
        context={
            "call": nomination.call,
            "state": nomination.state,
            "state_label": S(nomination.state).label,
            "submitted_on": nomination.created_at.date(),
            "link": _page(language, "mine/"),
        },
        language=language,
    )


def _tell_nominee(nomination: Nomination) -> None:
    """The nominee hears the organizers' decision, in the nomination's language."""
    if not nomination.nominee_email:
        return
    language = nomination.language
    email_queue_template(
        to=nomination.nominee_email,
        kind=EmailKind.NOMINATION,
        template="nomination_status",
        context={
            "nomination": nomination,
            "call": nomination.call,
            "state": nomination.state,
            "state_label": S(nomination.state).label,
            "role": nomination.role,
            "link": _page(language, "mine/"),
        },
        language=language,
    )


def _tell_call_people(nomination: Nomination) -> None:
    """Organizers and reviewers learn that an accepted nomination waits for them (no personal data)."""
    call = nomination.call
    language = translation.get_language() or settings.LANGUAGE_CODE
    for address in sorted(set(_organizer_addresses(call)) | set(_reviewer_addresses(call))):
        email_queue_template(
            to=address,
            kind=EmailKind.NOMINATION_REVIEW,
            template="nomination_to_review",
            context={"call": call, "link": _page(language, f"calls/{call.pk}/review/")},
            language=language,
        )


# --- Calls -----------------------------------------------------------------------------------------------


def _check_aware(value: Any, name: str) -> None:
    if value is not None and timezone.is_naive(value):
        raise ValidationError({name: _("Give the date and time with its time zone.")})


def _set_questions(call: NominationCall, questions: Iterable[QuestionInput]) -> None:
    existing = {question.pk: question for question in CallQuestion.objects.filter(call=call)}
    kept: set[int] = set()
    for position, item in enumerate(questions):
        if item.kind not in QuestionKind.values:
            raise ValidationError(_("Choose whether a question asks for text or a choice."))
        choices = [choice.strip() for choice in item.choices if choice and choice.strip()]
        if item.kind == QuestionKind.CHOICE and len(choices) < 2:
            raise ValidationError(_("A choice question needs at least two choices."))
        if len(set(choices)) != len(choices):
            raise ValidationError(_("A question lists the same choice twice."))
        question = existing.get(item.pk) if item.pk is not None else None
        if item.pk is not None and question is None:
            raise ValidationError(_("A question does not belong to this call."))
        question = question or CallQuestion(call=call)
        _set_translated(question, "text", item.text)
        if not _has_translation(question, "text"):
            raise ValidationError(_("Write each question in at least one language."))
        question.kind = item.kind
        question.choices = choices if item.kind == QuestionKind.CHOICE else []
        question.required = item.required
        question.position = item.position or position
        question.save()
        kept.add(question.pk)
    CallQuestion.objects.filter(call=call).exclude(pk__in=kept).delete()


def _set_criteria(call: NominationCall, criteria: Iterable[CriterionInput]) -> bool:
    """Write the call's criteria; True when a weight changed or a criterion went (the scores then rank anew)."""
    existing = {criterion.pk: criterion for criterion in ScoringCriterion.objects.filter(call=call)}
    weights = {pk: criterion.weight for pk, criterion in existing.items()}
    kept: set[int] = set()
    for position, item in enumerate(criteria):
        if not isinstance(item.weight, int) or item.weight < 1 or item.weight > 100:
            raise ValidationError(_("Give each criterion a weight between 1 and 100."))
        criterion = existing.get(item.pk) if item.pk is not None else None
        if item.pk is not None and criterion is None:
            raise ValidationError(_("A criterion does not belong to this call."))
        criterion = criterion or ScoringCriterion(call=call)
        _set_translated(criterion, "name", item.name)
        if not _has_translation(criterion, "name"):
            raise ValidationError(_("Name each criterion in at least one language."))
        criterion.weight = item.weight
        criterion.position = item.position or position
        criterion.save()
        kept.add(criterion.pk)
    _deleted, removed = ScoringCriterion.objects.filter(call=call).exclude(pk__in=kept).delete()
    reweighted = any(weights[pk] != existing[pk].weight for pk in kept if pk in weights)
    return reweighted or removed.get(ReviewScore._meta.label, 0) > 0


@transaction.atomic
def call_save(
    *,
    call: NominationCall | None = None,
    organization: Organization | None,
    data: Mapping[str, Any],
    roles: Iterable[Role] = (),
    questions: Iterable[QuestionInput] = (),
    criteria: Iterable[CriterionInput] = (),
    reviewers: Iterable[Any] = (),
    by: Any = None,
) -> NominationCall:
    """Create or change a call with its roles, questions, scoring criteria and reviewers.

    data: title/text (one string for the active language, or per language as title_en, title_fr...),
    opens_at, closes_at (aware), is_standing, anonymised_review, reviewing_open, retention_days.
    Who may do it (organizers of the organisation; staff for a movement-wide call) is checked by the caller
    through `nominations.add_call_to_organization` / `nominations.change_call`.
    """
    creating = call is None
    call = call or NominationCall(
        organization=organization, created_by=by if getattr(by, "is_authenticated", False) else None
    )
    call.organization = organization
    for name in TRANSLATED_CALL_FIELDS:
        for key in [name, *(build_localized_fieldname(name, code) for code in _languages())]:
            if key in data:
                setattr(call, key, (data[key] or "").strip())
    for name in CALL_FIELDS:
        if name in data:
            setattr(call, name, data[name])
    if not _has_translation(call, "title"):
        raise ValidationError({"title": _("Give the call a title in at least one language.")})
    _check_aware(call.opens_at, "opens_at")
    _check_aware(call.closes_at, "closes_at")
    if call.opens_at is None:
        raise ValidationError({"opens_at": _("Give the date the call opens.")})
    if call.closes_at is not None and call.closes_at <= call.opens_at:
        raise ValidationError({"closes_at": _("A call must close after it opens.")})
    retention = call.retention_days
    if not isinstance(retention, int) or retention < 1 or retention > MAX_RETENTION_DAYS:
        raise ValidationError(
            {"retention_days": _("Keep data between 1 and %(days)d days.") % {"days": MAX_RETENTION_DAYS}}
        )
    if call.is_standing:
        if organization is None:
            raise ValidationError({"is_standing": _("Only an organisation keeps a standing call.")})
        others = NominationCall.objects.filter(organization=organization, is_standing=True)
        if call.pk is not None:
            others = others.exclude(pk=call.pk)
        if others.exists():
            raise ValidationError(
                {"is_standing": _("This organisation already keeps a standing call for potential leaders.")}
            )
    roles = list(roles)
    if organization is not None and any(role.organization_id != organization.pk for role in roles):
        raise ValidationError({"roles": _("Choose roles of the call's own organisation.")})
    if (
        not creating
        and call.nominations.exists()
        and call.organization_id != NominationCall.objects.get(pk=call.pk).organization_id
    ):
        raise ValidationError({"organization": _("A call that has nominations stays with its organisation.")})
    try:
        with transaction.atomic():
            call.save()
    except IntegrityError as error:
        raise ValidationError(
            {"is_standing": _("This organisation already keeps a standing call for potential leaders.")}
        ) from error
    call.roles.set(roles)
    call.reviewers.set(list(reviewers))
    _set_questions(call, questions)
    if _set_criteria(call, criteria):
        nomination_scores_refresh(nominations=Nomination.objects.filter(call=call))
    return call


# --- Submitting --------------------------------------------------------------------------------------------


def _clean_text(data: Mapping[str, Any], name: str, limit: int) -> str:
    value = str(data.get(name) or "").strip()
    if len(value) > limit:
        raise ValidationError({name: _("Keep this under %(limit)d characters.") % {"limit": limit}})
    if any(ord(char) < 32 and char not in "\n\r\t" for char in value):
        raise ValidationError({name: _("Remove the control characters from this text.")})
    return value


def _clean_answers(call: NominationCall, answers: Mapping[Any, Any]) -> dict[CallQuestion, str]:
    questions = {question.pk: question for question in call.questions.all()}
    given: dict[int, str] = {}
    for key, value in answers.items():
        pk = key.pk if isinstance(key, CallQuestion) else _as_id(key)
        if pk not in questions:
            raise ValidationError({"answers": _("An answer is for a question this call does not ask.")})
        given[pk] = str(value or "").strip()
    cleaned: dict[CallQuestion, str] = {}
    for pk, question in questions.items():
        value = given.get(pk, "")
        if question.required and not value:
            raise ValidationError(
                {f"question_{pk}": _("Answer this question: “%(question)s”.") % {"question": question.text}}
            )
        if value and question.kind == QuestionKind.CHOICE and value not in question.choices:
            raise ValidationError({f"question_{pk}": _("Choose one of the answers offered.")})
        if len(value) > 5000:
            raise ValidationError({f"question_{pk}": _("Keep each answer under 5000 characters.")})
        if value:
            cleaned[question] = value
    return cleaned


def _as_id(key: Any) -> int:
    try:
        return int(key)
    except (TypeError, ValueError):
        return -1


def _clean_languages(items: Iterable[Any]) -> list[Language]:
    """Languages given as objects or codes; an unknown code is a ValidationError."""
    codes = [item.pk if isinstance(item, Language) else str(item) for item in items]
    found = list(Language.objects.filter(pk__in=codes))
    if len(found) != len(set(codes)):
        raise ValidationError({"nominee_languages": _("Choose languages from the list.")})
    return found


def _clean_competencies(competencies: Any) -> dict[Competency, int | None]:
    items: Iterable[tuple[Competency, int | None]]
    if isinstance(competencies, Mapping):
        items = competencies.items()
    else:
        items = [(competency, None) for competency in competencies]
    cleaned: dict[Competency, int | None] = {}
    for competency, level in items:
        if not isinstance(competency, Competency) or not competency.active:
            raise ValidationError({"competencies": _("Choose competencies from the catalogue.")})
        if level is not None and level not in Level.values:
            raise ValidationError({"competencies": _("Choose a level between 1 and 4.")})
        cleaned[competency] = level
    return cleaned


def nomination_is_opted_out(email: str) -> bool:
    return EmailOptOut.objects.filter(address_hash=address_hash(email), kind=EmailKind.NOMINATION).exists()


@transaction.atomic
def nomination_submit(
    *,
    call: NominationCall,
    data: Mapping[str, Any],
    answers: Mapping[Any, Any] | None = None,
    competencies: Any = (),
    nominator: Any = None,
    nominator_email: str = "",
    ip: str = "",
) -> Nomination:
    """Nominate someone in a call (or oneself, or someone from another social movement).

    data: kind, role, nominee_name, nominee_email, nominee_username, nominee_organization, nominee_region,
    nominee_languages, external_movement, external_contact, statement, nominator_anonymous,
    nominator_name, language. answers: {question or its id: text}. competencies: competencies observed,
    or {competency: level or None}.
    A signed-in nominator's nomination is sent to the nominee for consent at once; an anonymous
    nominator first verifies their own address through a link.
    """
    # The unique constraint guards duplicates under races; the organisation is named in the nominee's email.
    call = NominationCall.objects.select_related("organization").get(pk=call.pk)
    if not call.is_open:
        raise ValidationError(_("This call is not open for nominations."))
    signed_in = nominator is not None and getattr(nominator, "is_authenticated", False)
    kind = str(data.get("kind") or NominationKind.OTHER)
    if kind not in NominationKind.values:
        raise ValidationError({"kind": _("Choose whom you nominate.")})
    nominee_email = _clean_text(data, "nominee_email", 254).lower()
    if not nominee_email:
        raise ValidationError(
            {"nominee_email": _("Give the nominee's email address: we ask them for consent.")}
        )
    try:
        validate_email(nominee_email)
    except ValidationError as error:
        raise ValidationError({"nominee_email": _("Enter a valid email address.")}) from error
    nominee_name = _clean_text(data, "nominee_name", 200)
    if not nominee_name:
        raise ValidationError({"nominee_name": _("Give the nominee's name.")})
    role = data.get("role")
    if role is not None and not call.roles.filter(pk=role.pk).exists():
        raise ValidationError({"role": _("Choose one of the roles of this call.")})
    region = str(data.get("nominee_region") or "")
    from roles.enums import RegionCode

    if region and region not in RegionCode.values:
        raise ValidationError({"nominee_region": _("Choose a region from the list.")})
    languages = _clean_languages(data.get("nominee_languages") or [])
    language = str(data.get("language") or settings.LANGUAGE_CODE)
    if language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": _("Choose one of the site's languages.")})
    external_movement = _clean_text(data, "external_movement", 200)
    external_contact = _clean_text(data, "external_contact", 300)
    if kind == NominationKind.EXTERNAL and not external_movement:
        raise ValidationError({"external_movement": _("Say which social movement the nominee comes from.")})
    statement = _clean_text(data, "statement", 5000)
    if not statement:
        raise ValidationError({"statement": _("Say why you nominate this person.")})
    if signed_in:
        nominator_email = nominator.email or ""
        if kind == NominationKind.SELF:
            own = {
                address.lower()
                for address in EmailAddress.objects.filter(user=nominator).values_list("email", flat=True)
            }
            if nominee_email not in own | {nominator_email.lower()}:
                raise ValidationError(
                    {"nominee_email": _("To nominate yourself, give your own email address.")}
                )
    else:
        nominator_email = (nominator_email or "").strip().lower()
        if not nominator_email:
            raise ValidationError(
                {"nominator_email": _("Give your email address: we send you a link to confirm it.")}
            )
        try:
            validate_email(nominator_email)
        except ValidationError as error:
            raise ValidationError({"nominator_email": _("Enter a valid email address.")}) from error
        if kind == NominationKind.SELF and nominator_email != nominee_email:
            raise ValidationError({"nominee_email": _("To nominate yourself, give your own email address.")})
    cleaned_answers = _clean_answers(call, answers or {})
    observed = _clean_competencies(competencies)
    if nomination_is_opted_out(nominee_email):
        raise ValidationError({"nominee_email": _("This person has asked not to be nominated.")})
    if Nomination.objects.filter(call=call, nominee_email=nominee_email).exists():
        raise ValidationError({"nominee_email": _("This person has already been nominated in this call.")})
    nomination = Nomination(
        call=call,
        kind=kind,
        role=role,
        nominee_name=nominee_name,
        nominee_email=nominee_email,
        nominee_username=_clean_text(data, "nominee_username", 100),
        nominee_organization=_clean_text(data, "nominee_organization", 200),
        nominee_region=region,
        external_movement=external_movement,
        external_contact=external_contact,
        statement=statement,
        nominator=nominator if signed_in else None,
        nominator_email=nominator_email,
        nominator_name=_clean_text(data, "nominator_name", 200)
        or (str(getattr(getattr(nominator, "person", None), "display_name", "")) if signed_in else ""),
        nominator_anonymous=bool(data.get("nominator_anonymous")),
        language=language,
    )
    try:
        with transaction.atomic():
            nomination.save()
    except IntegrityError as error:
        raise ValidationError(
            {"nominee_email": _("This person has already been nominated in this call.")}
        ) from error
    if languages:
        nomination.nominee_languages.set(languages)
    NominationAnswer.objects.bulk_create(
        [
            NominationAnswer(nomination=nomination, question=question, value=value)
            for question, value in cleaned_answers.items()
        ]
    )
    ObservedCompetency.objects.bulk_create(
        [
            ObservedCompetency(nomination=nomination, competency=competency, level=level)
            for competency, level in observed.items()
        ]
    )
    _record(nomination, "", nominator)
    if signed_in:
        _invite(nomination, by=nominator)
    else:
        email_queue_template(
            to=nominator_email,
            kind=EmailKind.NOMINATION_NOMINATOR,
            template="nomination_verify",
            context={
                "call": call,
                "link": _page(language, f"verify/{tokens.verify_token(nomination.pk)}/"),
            },
            language=language,
        )
    logger.info("nomination_submitted", extra={"nomination": nomination.pk, "signed_in": signed_in})
    return nomination


def _invite(nomination: Nomination, *, by: Any = None) -> None:
    _move(nomination, "invite", by=by)
    call = nomination.call
    language = nomination.language
    token = tokens.consent_token(nomination.pk)
    nominator_name = ""
    if not nomination.nominator_anonymous and nomination.kind != NominationKind.SELF:
        nominator_name = nomination.nominator_name or (
            str(nomination.nominator.get_username()) if nomination.nominator is not None else ""
        )
    email_queue_template(
        to=nomination.nominee_email,
        kind=EmailKind.NOMINATION,
        template="nomination_consent",
        context={
            "nomination": nomination,
            "call": call,
            "role": nomination.role,
            "organization": call.organization,
            "self_nomination": nomination.kind == NominationKind.SELF,
            "nominator_name": nominator_name,
            "anonymous": nomination.nominator_anonymous,
            "statement": nomination.statement,
            "retention_days": call.retention_days,
            "link": _page(language, f"consent/{token}/"),
            "accept_link": _page(language, f"consent/{token}/?answer=accept"),
            "decline_link": _page(language, f"consent/{token}/?answer=decline"),
        },
        language=language,
    )


@transaction.atomic
def nomination_verify_nominator(*, nomination: Nomination) -> Nomination:
    """An anonymous nominator confirmed their address: the nomination counts and the nominee is asked. Idempotent."""
    nomination = (
        Nomination.objects.select_for_update(of=("self",)).select_related("call").get(pk=nomination.pk)
    )
    if nomination.nominator_verified_at is not None or nomination.state != S.SUBMITTED:
        if nomination.is_erased or nomination.state == S.EXPIRED:
            raise ValidationError(_("This nomination has expired."))
        return nomination
    nomination.nominator_verified_at = _now()
    nomination.save(update_fields=["nominator_verified_at", "updated_at"])
    _invite(nomination)
    return nomination


def nomination_consent_expired(nomination: Nomination) -> bool:
    if nomination.invited_at is None:
        return False
    return nomination.invited_at + datetime.timedelta(days=nomination.call.retention_days) < _now()


def _nominee_person(nomination: Nomination) -> Person:
    """The nominee's Person: the account with this verified address, a person known by it, or a new one."""
    address = (
        EmailAddress.objects.filter(email__iexact=nomination.nominee_email, verified=True)
        .select_related("user")
        .first()
    )
    if address is not None:
        return person_for_user(user=address.user, display_name=nomination.nominee_name)
    known = Person.objects.filter(email__iexact=nomination.nominee_email).order_by("id").first()
    if known is not None:
        return known
    return person_create_unclaimed(
        display_name=nomination.nominee_name,
        email=nomination.nominee_email,
        wikimedia_username=nomination.nominee_username,
    )


@transaction.atomic
def nomination_consent(
    *, nomination: Nomination, accept: bool, never_again: bool = False, by: Any = None
) -> Nomination:
    """The nominee accepts (becoming or claiming a Person with the observed competencies) or declines (erased)."""
    nomination = (
        Nomination.objects.select_for_update(of=("self",))
        .select_related("call", "nominator")
        .get(pk=nomination.pk)
    )
    if nomination.state != S.INVITED:
        raise ValidationError(_("This nomination has already been answered."))
    if nomination_consent_expired(nomination):
        raise ValidationError(_("This link has expired."))
    if accept:
        person = _nominee_person(nomination)
        nomination.person = person
        _move(nomination, "accept", by=by)
        recorder = None
        if nomination.nominator is not None:
            recorder = Person.objects.filter(user=nomination.nominator).first()
        for observed in nomination.observed.select_related("competency"):
            person_competency_record(
                person=person,
                competency=observed.competency,
                level=observed.level or Level.AWARE,
                source=CompetencySource.NOMINATOR,
                evidence=str(
                    _("Observed by a nominator (nomination in “%(call)s”).") % {"call": nomination.call.title}
                ),
                recorded_by=recorder,
            )
        _tell_nominator(nomination)
        _tell_call_people(nomination)
        return nomination
    address = nomination.nominee_email
    _move(nomination, "decline", by=by)
    if never_again and address:
        EmailOptOut.objects.get_or_create(address_hash=address_hash(address), kind=EmailKind.NOMINATION)
        # Journaled before the erasure, so that a restore replays it while the address is still there.
        privacy.record_erasure("nomination_never_again", nomination.pk)
    _tell_nominator(nomination)
    return nomination_erase(nomination=nomination)


@transaction.atomic
def nomination_erase(*, nomination: Nomination) -> Nomination:
    """Erase the nominee's personal data everywhere it was copied: the row (and its link to their Person),
    answers, observed competencies, endorsements, reviews, the nominee's account in the audit log and the
    email outbox. A nomination still under way ends (declined or expired). The Person, its competencies
    and any term it holds stay theirs (erased with their account)."""
    nomination = (
        Nomination.objects.select_for_update(of=("self",)).select_related("call").get(pk=nomination.pk)
    )
    if nomination.state in S.pending():
        _move(nomination, "expire")
    elif nomination.state in (S.ACCEPTED, S.IN_REVIEW, S.SHORTLISTED):
        _move(nomination, "withdraw")
    address = nomination.nominee_email
    nominee_user_id = (
        Person.objects.filter(pk=nomination.person_id).values_list("user_id", flat=True).first()
        if nomination.person_id is not None
        else None
    )
    for name in NOMINEE_TEXT_FIELDS:
        setattr(nomination, name, "")
    nomination.person = None  # the link between the person and this nomination goes too
    nomination.erased_at = _now()
    nomination.save()
    # The audit log keeps the states and dates, not which account answered for the nominee.
    nominee_answers = Q(to_state__in=[S.ACCEPTED, S.DECLINED])
    if nominee_user_id is not None and nominee_user_id != nomination.nominator_id:
        nominee_answers |= Q(actor_id=nominee_user_id)
    NominationEvent.objects.filter(nominee_answers, nomination=nomination).update(actor=None)
    nomination.nominee_languages.clear()
    NominationAnswer.objects.filter(nomination=nomination).delete()
    ObservedCompetency.objects.filter(nomination=nomination).delete()
    Endorsement.objects.filter(nomination=nomination).delete()
    Review.objects.filter(nomination=nomination).delete()
    nomination_scores_refresh(nominations=Nomination.objects.filter(pk=nomination.pk))
    if address:
        emails_erase_address(address)
    privacy.record_erasure("nomination", nomination.pk)
    return nomination


def nomination_erase_replay(pk: int) -> bool:
    """Replay of a journaled erasure after a restore: erase the nomination unless it is erased or gone."""
    nomination = Nomination.objects.filter(pk=pk, erased_at__isnull=True).first()
    if nomination is None:
        return False
    nomination_erase(nomination=nomination)
    return True


def nomination_never_again_replay(pk: int) -> bool:
    """Replay of a nominee's "never nominate me again" after a restore, from the restored (unerased) address."""
    address = (
        Nomination.objects.filter(pk=pk, erased_at__isnull=True)
        .values_list("nominee_email", flat=True)
        .first()
    )
    if not address:
        return False
    _opt_out, created = EmailOptOut.objects.get_or_create(
        address_hash=address_hash(address), kind=EmailKind.NOMINATION
    )
    return created


# --- Endorsements ----------------------------------------------------------------------------------------


@transaction.atomic
def endorsement_create(*, nomination: Nomination, user: Any, comment: str = "") -> Endorsement:
    if not getattr(user, "is_authenticated", False):
        raise ValidationError(_("Sign in to endorse a nomination."))
    if nomination.state not in S.reviewable():
        raise ValidationError(_("This nomination cannot be endorsed now."))
    if (
        nomination.person_id is not None
        and Person.objects.filter(pk=nomination.person_id, user=user).exists()
    ):
        raise ValidationError(_("You cannot endorse your own nomination."))
    if nomination.nominator_id is not None and nomination.nominator_id == user.pk:
        raise ValidationError(_("You cannot endorse a nomination you made."))
    comment = (comment or "").strip()
    if len(comment) > 2000:
        raise ValidationError({"comment": _("Keep this under %(limit)d characters.") % {"limit": 2000}})
    if Endorsement.objects.filter(nomination=nomination, user=user).exists():
        raise ValidationError(_("You have already endorsed this nomination."))
    try:
        with transaction.atomic():
            return Endorsement.objects.create(nomination=nomination, user=user, comment=comment)
    except IntegrityError as error:
        raise ValidationError(_("You have already endorsed this nomination.")) from error


# --- Reviews ----------------------------------------------------------------------------------------------


def _check_reviewer(nomination: Nomination, reviewer: Any) -> None:
    call = nomination.call
    if not call.reviewers.filter(pk=getattr(reviewer, "pk", None)).exists():
        raise ValidationError(_("Only the call's reviewers review its nominations."))
    if not call.reviewing_open:
        raise ValidationError(_("Reviewing is closed for this call."))
    if nomination.state not in S.reviewable():
        raise ValidationError(_("This nomination is not open for review."))


@transaction.atomic
def review_save(
    *, nomination: Nomination, reviewer: Any, scores: Mapping[Any, Any], comment: str = ""
) -> Review:
    """Score every criterion of the call (0 to 5) and comment; once per reviewer, editable while open."""
    nomination = (
        Nomination.objects.select_for_update(of=("self",)).select_related("call").get(pk=nomination.pk)
    )
    _check_reviewer(nomination, reviewer)
    review = Review.objects.filter(nomination=nomination, reviewer=reviewer).first()
    if review is not None and review.conflict_of_interest:
        raise ValidationError(_("You declared a conflict of interest: you cannot score this nomination."))
    criteria = {criterion.pk: criterion for criterion in nomination.call.criteria.all()}
    given: dict[int, int] = {}
    for key, value in scores.items():
        pk = key.pk if isinstance(key, ScoringCriterion) else _as_id(key)
        if pk not in criteria:
            raise ValidationError({"scores": _("A score is for a criterion this call does not have.")})
        try:
            number = int(value)
        except (TypeError, ValueError):
            number = -1
        if number < 0 or number > 5 or (isinstance(value, float) and not value.is_integer()):
            raise ValidationError({f"criterion_{pk}": _("Score between 0 and 5.")})
        given[pk] = number
    missing = [criterion for pk, criterion in criteria.items() if pk not in given]
    if missing:
        raise ValidationError(
            {f"criterion_{missing[0].pk}": _("Score “%(criterion)s”.") % {"criterion": missing[0].name}}
        )
    comment = (comment or "").strip()
    if len(comment) > 5000:
        raise ValidationError({"comment": _("Keep this under %(limit)d characters.") % {"limit": 5000}})
    if review is None:
        review = Review.objects.create(nomination=nomination, reviewer=reviewer, comment=comment)
    else:
        review.comment = comment
        review.save(update_fields=["comment", "updated_at"])
    existing = {score.criterion_id: score for score in review.scores.all()}
    for pk, number in given.items():
        score = existing.get(pk)
        if score is None:
            ReviewScore.objects.create(review=review, criterion=criteria[pk], score=number)
        elif score.score != number:
            score.score = number
            score.save(update_fields=["score", "updated_at"])
    if nomination.state == S.ACCEPTED:
        _move(nomination, "start_review", by=reviewer)
    nomination_scores_refresh(nominations=Nomination.objects.filter(pk=nomination.pk))
    return review


@transaction.atomic
def review_declare_conflict(*, nomination: Nomination, reviewer: Any) -> Review:
    """A reviewer declares a conflict of interest: their scores go, and they cannot score this one."""
    nomination = (
        Nomination.objects.select_for_update(of=("self",)).select_related("call").get(pk=nomination.pk)
    )
    _check_reviewer(nomination, reviewer)
    review, _created = Review.objects.get_or_create(nomination=nomination, reviewer=reviewer)
    review.conflict_of_interest = True
    review.comment = ""
    review.save(update_fields=["conflict_of_interest", "comment", "updated_at"])
    review.scores.all().delete()
    nomination_scores_refresh(nominations=Nomination.objects.filter(pk=nomination.pk))
    return review


def nomination_scores_refresh(*, nominations: QuerySet[Nomination] | None = None) -> int:
    """Store the ranking aggregate (weighted_score, review_count) of these nominations (every one without
    them) as their reviews give it, in one UPDATE; returns the rows written. Every service that changes
    reviews, scores or criteria's weights calls it in its transaction (so does the admin, and the bench's
    seeder after its bulk load); the ranked table then reads and sorts it without recomputing it."""
    queryset = Nomination.objects.all() if nominations is None else nominations
    return queryset.order_by().update(**selectors.ranking_live())


# --- Decisions ---------------------------------------------------------------------------------------------


def _decide(nomination: Nomination, transition: str, by: Any) -> Nomination:
    nomination = (
        Nomination.objects.select_for_update(of=("self",))
        .select_related("call", "nominator", "role")
        .get(pk=nomination.pk)
    )
    if nomination.is_erased:
        raise ValidationError(_("This nomination has been erased."))
    _move(nomination, transition, by=by)
    _tell_nominee(nomination)
    _tell_nominator(nomination)
    return nomination


@transaction.atomic
def nomination_start_review(*, nomination: Nomination, by: Any = None) -> Nomination:
    nomination = Nomination.objects.select_for_update(of=("self",)).get(pk=nomination.pk)
    return _move(nomination, "start_review", by=by)


@transaction.atomic
def nomination_shortlist(*, nomination: Nomination, by: Any = None) -> Nomination:
    return _decide(nomination, "shortlist", by)


@transaction.atomic
def nomination_reject(*, nomination: Nomination, by: Any = None) -> Nomination:
    """Not selected: the nominee and the nominator are told; the data goes after the call's retention period."""
    return _decide(nomination, "reject", by)


@transaction.atomic
def nomination_offer_training(*, nomination: Nomination, by: Any = None) -> Nomination:
    return _decide(nomination, "offer_training", by)


@transaction.atomic
def nomination_appoint(
    *,
    nomination: Nomination,
    role: Role | None = None,
    seat: int | None = None,
    start: datetime.date | None = None,
    by: Any = None,
) -> RoleHolder:
    """Appoint the nominee: a RoleHolder term on the nomination's role (or the one given), through roles."""
    nomination = (
        Nomination.objects.select_for_update(of=("self",))
        .select_related("call", "role", "person")
        .get(pk=nomination.pk)
    )
    role = role or nomination.role
    if role is None:
        call_roles = list(nomination.call.roles.all()[:2])
        if len(call_roles) == 1:
            role = call_roles[0]
    if role is None:
        raise ValidationError({"role": _("Choose the role to appoint the nominee to.")})
    if not nomination.call.roles.filter(pk=role.pk).exists():
        raise ValidationError({"role": _("Choose one of the roles of this call.")})
    if nomination.person is None:
        raise ValidationError(_("Only a nomination the nominee accepted can be appointed."))
    if nomination.state not in (S.IN_REVIEW, S.SHORTLISTED):
        raise ValidationError(
            _("This nomination is “%(state)s”: that change is not possible now.")
            % {"state": S(nomination.state).label}
        )
    holder = holder_add(role=role, person=nomination.person, start=start or timezone.localdate(), seat=seat)
    if nomination.role_id != role.pk:
        nomination.role = role
        nomination.save(update_fields=["role", "updated_at"])
    _decide(nomination, "appoint", by)
    return holder


def nomination_term_limit_reached(*, nomination: Nomination) -> bool:
    """The nominee already held the nomination's role for its term limit (flagged to the organizers)."""
    role = nomination.role
    if role is None or role.term_limit is None or nomination.person_id is None or nomination.person is None:
        return False
    return holder_terms_served(role=role, person=nomination.person) >= role.term_limit


# --- The periodic task -------------------------------------------------------------------------------------


def nominations_expire(*, now: datetime.datetime | None = None) -> ExpiryResult:
    """Expire and erase nominations nobody answered within the call's retention; erase the not selected
    after it. Idempotent: an erased nomination is never touched again."""
    now = now or _now()
    result = ExpiryResult()
    for days in sorted(set(NominationCall.objects.values_list("retention_days", flat=True))):
        cutoff = now - datetime.timedelta(days=days)
        due = Nomination.objects.filter(
            Q(state__in=S.pending()) | Q(state__in=[S.NOT_SELECTED, S.DECLINED, S.EXPIRED]),
            call__retention_days=days,
            erased_at__isnull=True,
            state_changed_at__lt=cutoff,
        ).values_list("pk", "state")
        for pk, state in list(due):
            with transaction.atomic():
                nomination = (
                    Nomination.objects.select_for_update(of=("self",))
                    .select_related("call", "nominator")
                    .get(pk=pk)
                )
                if nomination.erased_at is not None:
                    continue
                if state in S.pending():
                    _move(nomination, "expire")
                    _tell_nominator(nomination)
                    result.expired += 1
                nomination_erase(nomination=nomination)
                result.erased += 1
                result.ids.append(pk)
    return result


# --- Privacy: an account's nominations made and received ----------------------------------------------------


def nominations_export(user: Any) -> dict[str, Any]:
    from .selectors import nomination_export

    made = Nomination.objects.filter(nominator=user).select_related("call").order_by("id")
    received = (
        Nomination.objects.filter(person__user=user)
        .select_related("call", "role")
        .prefetch_related("answers__question", "observed__competency", "nominee_languages")
        .order_by("id")
    )
    return {
        "nominations_made": [
            {
                "call": n.call.title,
                "kind": n.kind,
                "state": n.state,
                "nominee_name": n.nominee_name,
                "statement": n.statement,
                "anonymous_to_nominee": n.nominator_anonymous,
                "created_at": n.created_at.isoformat(),
            }
            for n in made
        ],
        "nominations_received": [nomination_export(nomination=n) for n in received],
        "endorsements": [
            {"nomination": e.nomination_id, "comment": e.comment, "created_at": e.created_at.isoformat()}
            for e in Endorsement.objects.filter(user=user).order_by("id")
        ],
        "reviews": [
            {
                "nomination": r.nomination_id,
                "comment": r.comment,
                "conflict_of_interest": r.conflict_of_interest,
                "scores": {str(s.criterion.name): s.score for s in r.scores.all()},
            }
            for r in Review.objects.filter(reviewer=user).prefetch_related("scores__criterion").order_by("id")
        ],
    }


def nominations_erase_account(user: Any) -> None:
    """Erase an account's nominations received (and those addressed to its emails); detach those it made."""
    addresses = {user.email.lower()} if user.email else set()
    addresses |= {a.lower() for a in EmailAddress.objects.filter(user=user).values_list("email", flat=True)}
    received = Nomination.objects.filter(
        Q(person__user=user) | Q(nominee_email__in=addresses), erased_at__isnull=True
    )
    for nomination in received:
        nomination_erase(nomination=nomination)
    Nomination.objects.filter(nominator=user).update(nominator=None, nominator_email="", nominator_name="")
    Endorsement.objects.filter(user=user).delete()
    reviewed = list(Review.objects.filter(reviewer=user).values_list("nomination_id", flat=True))
    Review.objects.filter(reviewer=user).delete()
    if reviewed:
        nomination_scores_refresh(nominations=Nomination.objects.filter(pk__in=reviewed))
