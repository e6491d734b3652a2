"""iCalendar feeds (RFC 5545, written with the `icalendar` library): one session, an organisation's
sessions, and a learner's own trainings behind a private token. Times are written in UTC."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from roles.models import Organization

from . import selectors
from .enums import CourseFormat, EnrollmentState, SessionStatus
from .models import TrainingSession

PRODID = "-//Wikimedia leadership registry//Training//EN"
UTC = datetime.UTC


def _absolute(request: HttpRequest, path: str) -> str:
    base = getattr(settings, "SITE_URL", "") or request.build_absolute_uri("/").rstrip("/")
    return base.rstrip("/") + path


def _event(
    request: HttpRequest, session: TrainingSession, *, online_url: bool = False, waitlisted: bool = False
) -> Event:
    event = Event()
    host = request.get_host().split(":")[0] or "leadership"
    event.add("uid", f"training-session-{session.pk}@{host}")
    event.add("dtstamp", timezone.now().astimezone(UTC))
    event.add("dtstart", session.starts_at.astimezone(UTC))
    event.add("dtend", session.ends_at.astimezone(UTC))
    event.add("last-modified", session.updated_at.astimezone(UTC))
    summary = str(session.course.title)
    if waitlisted:
        summary = _("%(title)s (waitlist)") % {"title": summary}
    event.add("summary", summary)
    url = _absolute(request, reverse("training:session_detail", args=[session.pk]))
    event.add("url", url)
    places = [session.venue, session.city]
    if session.format != CourseFormat.IN_PERSON:
        places.append(_("Online"))
    where = ", ".join(place for place in places if place)
    if where:
        event.add("location", where)
    lines = [
        _("Organised by %(organization)s.") % {"organization": session.organization.name},
        _("Language: %(language)s.") % {"language": session.language.name},
        url,
    ]
    if online_url and session.online_url:
        lines.insert(2, _("Online link: %(url)s") % {"url": session.online_url})
    event.add("description", "\n".join(lines))
    event.add("status", "CANCELLED" if session.status == SessionStatus.CANCELLED else "CONFIRMED")
    return event


def _calendar(name: str, events: Iterable[Event]) -> HttpResponse:
    feed = Calendar()
    feed.add("prodid", PRODID)
    feed.add("version", "2.0")
    feed.add("calscale", "GREGORIAN")
    feed.add("x-wr-calname", name)
    for event in events:
        feed.add_component(event)
    response = HttpResponse(feed.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="calendar.ics"'
    return response


def session_feed(request: HttpRequest, pk: int) -> HttpResponse:
    """One session, for anyone who may see it (with its online link for its learners and organisers)."""
    session = selectors.session_detail_qs().filter(pk=pk).first()
    if session is None or not request.user.has_perm("training.view_trainingsession", session):
        raise Http404
    online = request.user.has_perm("training.view_online_url", session)
    return _calendar(str(session.course.title), [_event(request, session, online_url=online)])


def organization_feed(request: HttpRequest, slug: str) -> HttpResponse:
    """The public sessions an organisation organises (without online links)."""
    organization = get_object_or_404(Organization, slug=slug)
    if not request.user.has_perm("roles.view_organization", organization):
        raise Http404
    sessions = selectors.sessions_organized_upcoming(organization=organization)
    name = _("Trainings of %(organization)s") % {"organization": organization.name}
    return _calendar(name, (_event(request, session) for session in sessions))


def learner_feed(request: HttpRequest, token: str) -> HttpResponse:
    """A learner's sessions (seats and waitlist places), with online links: the token is the key."""
    person, enrollments = selectors.learner_feed_sessions(token=token)
    if person is None:
        raise Http404
    events = (
        _event(
            request,
            enrollment.session,
            online_url=enrollment.state in EnrollmentState.seat_holding(),
            waitlisted=enrollment.state == EnrollmentState.WAITLISTED,
        )
        for enrollment in enrollments
    )
    return _calendar(_("My trainings"), events)
