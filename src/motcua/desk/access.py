# SPDX-License-Identifier: AGPL-3.0-or-later
"""Who may open desk pages. Checked in every view; templates only hide links.

Anonymous users are sent to sign in; signed-in users without an official role get the 403 page
(a citizen must not learn more than "not for you").
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from motcua.agencies.models import Role
from motcua.agencies.selectors import is_staff_member, user_has_role

View = Callable[..., HttpResponse]


def may_use_desk(user: Any) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or is_staff_member(user=user)))


def is_system_admin(user: Any) -> bool:
    return bool(
        user.is_authenticated
        and (user.is_superuser or user_has_role(user=user, roles=[Role.SYSTEM_ADMIN]))
    )


def _guard(allowed: Callable[[Any], bool]) -> Callable[[View], View]:
    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not allowed(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


staff_required = _guard(may_use_desk)
system_admin_required = _guard(is_system_admin)
