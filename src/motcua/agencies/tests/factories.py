# SPDX-License-Identifier: AGPL-3.0-or-later
"""Test factories for agencies, users and role assignments; other apps' tests import these.

Agencies are treebeard nodes: they must be created through ``add_root``/``add_child`` so that
``path``, ``depth`` and ``numchild`` are right. ``make_agency`` does that; ``AgencyFactory``
wraps it for factory_boy users.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import factory
from django.contrib.auth import get_user_model

from motcua.agencies.models import Agency, AgencyKind, RoleAssignment

_identifier_seq = itertools.count(1)

DEFAULT_VALID_FROM = dt.date(2020, 1, 1)


def next_identifier() -> str:
    """A fresh identifier shaped like a real one (``000.00.00.T01`` .. ), unique per process."""
    n = next(_identifier_seq)
    return f"{n // 10000 % 1000:03d}.{n // 100 % 100:02d}.{n % 100:02d}.T{n // 10000000 % 100:02d}"


def make_agency(parent: Agency | None = None, **kw: Any) -> Agency:
    """Create an agency as a root (no ``parent``) or as a child of ``parent``; returns it fresh."""
    n_ident = kw.pop("identifier", None) or next_identifier()
    values: dict[str, Any] = {
        "identifier": n_ident,
        "name_vi": kw.pop("name_vi", f"Cơ quan thử {n_ident}"),
        "name_en": kw.pop("name_en", f"Test agency {n_ident}"),
        "kind": kw.pop("kind", AgencyKind.DEPARTMENT),
        "valid_from": kw.pop("valid_from", DEFAULT_VALID_FROM),
        "identifier_is_demo": kw.pop("identifier_is_demo", True),
    }
    values.update(kw)
    if parent is None:
        agency: Agency = Agency.objects.add_root(instance=Agency(**values))
    else:
        agency = Agency.objects.add_child(parent, instance=Agency(**values))
    return Agency.objects.get(pk=agency.pk)


def make_user(**kw: Any) -> Any:
    """Create a user; ``password`` (default "pw-Test-12345") is hashed."""
    return UserFactory(**kw)


def assign_role(
    user: Any,
    role: str,
    agency: Agency | None,
    include_descendants: bool = False,
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
) -> RoleAssignment:
    """Give ``user`` the ``role`` at ``agency`` from ``valid_from`` (default 2020-01-01)."""
    return RoleAssignment.objects.create(
        user=user,
        role=role,
        agency=agency,
        include_descendants=include_descendants,
        valid_from=valid_from or DEFAULT_VALID_FROM,
        valid_to=valid_to,
    )


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.test")
    full_name = factory.Sequence(lambda n: f"Người dùng {n}")

    @factory.post_generation
    def password(obj: Any, create: bool, extracted: Any, **kwargs: Any) -> None:
        obj.set_password(extracted or "pw-Test-12345")
        if create:
            obj.save(update_fields=["password"])


class AgencyFactory(factory.Factory):
    """``AgencyFactory(parent=some_agency, kind=...)``; creates through treebeard."""

    class Meta:
        model = Agency

    parent = None
    kind = AgencyKind.DEPARTMENT
    valid_from = DEFAULT_VALID_FROM

    @classmethod
    def _create(cls, model_class: type[Agency], *args: Any, **kwargs: Any) -> Agency:
        parent = kwargs.pop("parent", None)
        return make_agency(parent=parent, **kwargs)

    @classmethod
    def _build(cls, model_class: type[Agency], *args: Any, **kwargs: Any) -> Agency:
        kwargs.pop("parent", None)
        return model_class(*args, **kwargs)


class RoleAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleAssignment

    user = factory.SubFactory(UserFactory)
    role = "handler"
    agency = factory.SubFactory(AgencyFactory)
    include_descendants = False
    valid_from = DEFAULT_VALID_FROM
    valid_to = None
