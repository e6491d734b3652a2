"""The one router of the REST API (/api/v1/), with the routes every app declares in its `api/routes.py`."""

from importlib import import_module
from typing import Any

from django.apps import apps
from django.urls import re_path
from django.utils.module_loading import module_has_submodule
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter
from rest_framework.views import APIView
from rest_framework.viewsets import ViewSetMixin

ROUTES_MODULE = "api.routes"


def app_routes() -> list[tuple[str, type[ViewSetMixin], str]]:
    """Every installed app's API routes, in the order of INSTALLED_APPS: the API root lists them so.

    An app declares its own in `<app>/api/routes.py` as `ROUTES`, (prefix, viewset, basename) each, the way
    Django finds each app's admin.py: this module names no app.
    """
    routes: list[tuple[str, type[ViewSetMixin], str]] = []
    for app_config in apps.get_app_configs():
        if module_has_submodule(app_config.module, ROUTES_MODULE):
            routes.extend(import_module(f"{app_config.name}.{ROUTES_MODULE}").ROUTES)
    return routes


class NoSuchAddress(APIView):
    """Any other address under /api/v1/ (a key the routes cannot take, a typo): a JSON 404 like the others.

    Without it, Django's HTML page for web visitors would answer a client that asked for JSON. It matches
    only addresses that end in a slash, so Django still redirects `/api/v1/roles` to `/api/v1/roles/`.
    """

    schema = None  # not an operation of the API
    permission_classes: list = []

    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        raise NotFound

    post = put = patch = delete = options = get


class Router(DefaultRouter):
    def get_urls(self) -> list:
        return [*super().get_urls(), re_path(r"^[\s\S]*/$", NoSuchAddress.as_view(), name="api-not-found")]


router = Router()
for prefix, viewset, basename in app_routes():
    router.register(prefix, viewset, basename=basename)
