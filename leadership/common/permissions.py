"""The permission mixins of views and the permission class of the API, all backed by rules.py."""

from __future__ import annotations

from typing import Any

import rules
from rest_framework.exceptions import NotFound
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rules.contrib.views import PermissionRequiredMixin


class RulesPermissionRequiredMixin(PermissionRequiredMixin):
    """Checks `permission_required` against the view's object (if any) through django-rules.

    Anonymous visitors are sent to the login page; signed-in users without the permission get 403.
    """

    raise_exception = False

    def handle_no_permission(self):  # type: ignore[no-untyped-def]
        if self.request.user.is_authenticated:
            self.raise_exception = True
        return super().handle_no_permission()


class ObjectPermissionMixin(RulesPermissionRequiredMixin):
    """Checks the permission against one object, fetched once: `self.object` after dispatch.

    A view names its object in `fetch_object()` (a 404 when it does not exist, before any permission).
    """

    def fetch_object(self) -> Any:
        raise NotImplementedError

    def get_permission_object(self) -> Any:
        if not hasattr(self, "object"):
            self.object = self.fetch_object()
        return self.object


ACTION_PERMS = {
    "list": "view",
    "retrieve": "view",
    "create": "add",
    "update": "change",
    "partial_update": "change",
    "destroy": "delete",
}


class RulesPermission(BasePermission):
    """Maps a viewset's action to the model's rules permission (`<app>.<action>_<model>`).

    Extra actions name their permission in `permission_actions = {"approve": "approve"}` on the viewset.
    Listing and creating check the permission without an object; the others with the object. An object
    the user may not view answers 404 whatever the action, as if it did not exist (a 403 would tell).
    """

    def _perm(self, view: Any) -> str | None:
        action = getattr(view, "action", None)
        verb = {**ACTION_PERMS, **getattr(view, "permission_actions", {})}.get(action or "")
        if verb is None:
            return None
        model = view.get_queryset().model
        return model.get_perm(verb)

    def has_permission(self, request, view) -> bool:  # type: ignore[no-untyped-def]
        if getattr(view, "action", "") is None and not hasattr(view, request.method.lower()):
            return True  # a method the viewset does not route: let it answer 405
        if request.method not in SAFE_METHODS and not request.user.is_authenticated:
            # Every write through the API needs an account: refuse before looking the object up, so an
            # anonymous write answers 401 whether or not the object exists (never 404 or 204).
            return False
        if getattr(view, "action", None) == "list":
            return True  # the viewset's selector already limits the list to what may be seen
        perm = self._perm(view)  # builds the viewset's queryset: not for a list, which builds its own
        if perm is None:
            return request.method in SAFE_METHODS
        if view.action == "create":
            return request.user.has_perm(perm)
        return True  # decided per object

    def has_object_permission(self, request, view, obj) -> bool:  # type: ignore[no-untyped-def]
        view_perm = view.get_queryset().model.get_perm("view")
        if rules.perm_exists(view_perm) and not request.user.has_perm(view_perm, obj):
            raise NotFound
        perm = self._perm(view)
        if perm is None:
            return request.method in ("GET", "HEAD", "OPTIONS")
        return request.user.has_perm(perm, obj)
