# SPDX-License-Identifier: AGPL-3.0-or-later
"""The signed-in user's notification inbox and channel choices (issue 6 §6).

Legal basis: Decree 61/2018/NĐ-CP Art 19–20 (the applicant is informed of supplement requests,
refusals, extensions and results) and Circular 01/2018/TT-VPCP (notices on the portal). Only the
user's own messages are shown; someone else's message id is "not found".
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from motcua.core.errors import DomainError, NotFound
from motcua.core.forms import apply_domain_error
from motcua.notifications.kinds import Language
from motcua.notifications.selectors import (
    contact_of,
    inbox_list,
    inbox_unread_count,
    preference_of,
)
from motcua.notifications.services import message_mark_read, preference_set

PER_PAGE = 20


class PreferenceForm(forms.Form):
    email = forms.BooleanField(label=gettext_lazy("Also notify me by e-mail"), required=False)
    sms = forms.BooleanField(label=gettext_lazy("Also notify me by SMS"), required=False)
    language = forms.ChoiceField(
        label=gettext_lazy("Language of notifications"), choices=Language.choices
    )


@login_required
@require_safe
def inbox(request: HttpRequest) -> HttpResponse:
    page = Paginator(inbox_list(user=request.user), PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "portal/notifications/inbox.html",
        {"page": page, "unread": inbox_unread_count(user=request.user)},
    )


@login_required
@require_POST
def mark_read(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        message = message_mark_read(user=request.user, message_id=pk)
    except NotFound:
        raise Http404 from None
    if getattr(request, "htmx", False):
        return render(
            request,
            "portal/notifications/_message.html",
            {"message": message, "unread": inbox_unread_count(user=request.user), "oob": True},
        )
    return redirect("portal:notification_inbox")


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    current = preference_of(user_id=int(request.user.pk or 0))
    form = PreferenceForm(
        request.POST or None,
        initial={"email": current.email, "sms": current.sms, "language": current.language},
    )
    if request.method == "POST" and form.is_valid():
        try:
            preference_set(user=request.user, **form.cleaned_data)
        except DomainError as exc:
            apply_domain_error(form, exc)
        else:
            messages.success(request, _("Your notification choices are saved."))
            return redirect("portal:notification_preferences")
    email, phone = contact_of(request.user)
    return render(
        request,
        "portal/notifications/preferences.html",
        {"form": form, "email": email, "phone": phone},
    )
