"""Routes of the training app (namespace "training"), all under /<lang>/training/."""

from django.urls import path

from . import feeds
from .views import calendar, courses, learners, sessions

app_name = "training"

urlpatterns = [
    path("training/", courses.CourseListView.as_view(), name="course_list"),
    # Before <int:pk>: "new" is never read as a course's id.
    path("training/courses/new/", courses.CourseCreateView.as_view(), name="course_create"),
    path("training/courses/<int:pk>/", courses.CourseDetailView.as_view(), name="course_detail"),
    path("training/courses/<int:pk>/edit/", courses.CourseEditView.as_view(), name="course_edit"),
    path(
        "training/courses/<int:pk>/sessions/new/",
        sessions.SessionCreateView.as_view(),
        name="session_create",
    ),
    path("training/sessions/<int:pk>/", sessions.SessionDetailView.as_view(), name="session_detail"),
    path("training/sessions/<int:pk>/edit/", sessions.SessionEditView.as_view(), name="session_edit"),
    path(
        "training/sessions/<int:pk>/publish/", sessions.SessionPublishView.as_view(), name="session_publish"
    ),
    path("training/sessions/<int:pk>/cancel/", sessions.SessionCancelView.as_view(), name="session_cancel"),
    path("training/sessions/<int:pk>/enroll/", learners.SessionEnrollView.as_view(), name="session_enroll"),
    path(
        "training/sessions/<int:pk>/attendance/",
        sessions.SessionAttendanceView.as_view(),
        name="session_attendance",
    ),
    path(
        "training/sessions/<int:pk>/feedback/",
        learners.SessionFeedbackView.as_view(),
        name="session_feedback",
    ),
    path(
        "training/enrollments/<int:pk>/cancel/",
        learners.EnrollmentCancelView.as_view(),
        name="enrollment_cancel",
    ),
    path("training/calendar/", calendar.CalendarView.as_view(), name="calendar"),
    path("training/me/", learners.MyTrainingsView.as_view(), name="my_trainings"),
    path("training/me/feed/rotate/", learners.FeedRotateView.as_view(), name="feed_rotate"),
    # iCalendar feeds.
    path("training/sessions/<int:pk>/calendar.ics", feeds.session_feed, name="session_ics"),
    path(
        "training/organizations/<slug:slug>/calendar.ics",
        feeds.organization_feed,
        name="organization_ics",
    ),
    path("training/feeds/<str:token>.ics", feeds.learner_feed, name="learner_ics"),
]
