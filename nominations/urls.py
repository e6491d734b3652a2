"""Routes of the nominations app (namespace "nominations"): public pages, signed links, reviewers, organizers."""

from django.urls import path

from .views import organizing, public, reviewing

app_name = "nominations"

urlpatterns = [
    # Public pages and the nominee's and nominator's own area.
    path("nominations/", public.CallListView.as_view(), name="call_list"),
    path("nominations/calls/<int:pk>/", public.CallDetailView.as_view(), name="call_detail"),
    path("nominations/calls/<int:pk>/nominate/", public.NominateView.as_view(), name="nominate"),
    path("nominations/calls/<int:pk>/nominated/", public.NominatedView.as_view(), name="nominated"),
    path("nominations/verify/<str:token>/", public.VerifyView.as_view(), name="verify"),
    path("nominations/consent/<str:token>/", public.ConsentView.as_view(), name="consent"),
    path("nominations/endorse/<str:token>/", public.EndorseView.as_view(), name="endorse"),
    path("nominations/mine/", public.MineView.as_view(), name="mine"),
    path("nominations/mine/export.json", public.MineExportView.as_view(), name="mine_export"),
    path("nominations/mine/<int:pk>/erase/", public.EraseView.as_view(), name="erase"),
    # Reviewers.
    path("nominations/calls/<int:pk>/review/", reviewing.CallReviewView.as_view(), name="call_review"),
    path("nominations/<int:pk>/review/", reviewing.NominationReviewView.as_view(), name="nomination_review"),
    path(
        "nominations/<int:pk>/conflict/",
        reviewing.NominationConflictView.as_view(),
        name="nomination_conflict",
    ),
    # Organizers.
    path("nominations/calls/new/", organizing.CallCreateView.as_view(), name="call_create_movement"),
    path(
        "nominations/organizations/<slug:slug>/calls/new/",
        organizing.CallCreateView.as_view(),
        name="call_create",
    ),
    path("nominations/calls/<int:pk>/edit/", organizing.CallEditView.as_view(), name="call_edit"),
    path("nominations/calls/<int:pk>/manage/", organizing.CallManageView.as_view(), name="call_manage"),
    path(
        "nominations/<int:pk>/decide/",
        organizing.NominationDecideView.as_view(),
        name="nomination_decide",
    ),
]
