"""The registry's type-ahead sources (leadership/common/lookups.py), registered in RolesConfig.ready()."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.validators import slug_re
from django.utils.translation import gettext_lazy as _

from leadership.common.lookups import LookupItem, LookupSource

from . import selectors


class CompetencySource(LookupSource):
    """Active competencies, public to all, by their slug or their name in any language."""

    name = "competencies"
    unknown_message = _("No competency matches “%(value)s”. Type part of its name and choose from the list.")
    ambiguous_message = _("Several competencies match “%(value)s”: %(names)s. Type more of the name.")

    def search(self, query: str, *, user: Any, limit: int) -> Sequence[Any]:
        return selectors.competency_lookup(query, limit=limit)

    def by_key(self, key: str, *, user: Any) -> Any:
        return selectors.competency_lookup_key(key) if slug_re.fullmatch(key) else None

    def item(self, obj: Any) -> LookupItem:
        return LookupItem(value=obj.slug, label=str(obj.name), description=str(obj.category.name))


class OrganizationSource(LookupSource):
    """Listed organisations (approved and active), public to all, by their slug or their name."""

    name = "organizations"
    unknown_message = _(
        "No organisation matches “%(value)s”. Type part of its name and choose from the list."
    )
    ambiguous_message = _("Several organisations match “%(value)s”: %(names)s. Type more of the name.")

    def search(self, query: str, *, user: Any, limit: int) -> Sequence[Any]:
        return selectors.organization_lookup(query, limit=limit)

    def by_key(self, key: str, *, user: Any) -> Any:
        return selectors.organization_lookup_key(key) if slug_re.fullmatch(key) else None

    def item(self, obj: Any) -> LookupItem:
        region = str(obj.region.name) if obj.region_id else ""
        return LookupItem(value=obj.slug, label=str(obj.name), description=region)
