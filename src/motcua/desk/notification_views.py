# SPDX-License-Identifier: AGPL-3.0-or-later
"""Notification templates and the delivery log, for system administrators (issue 6 §6).

The views are thin: ``notifications.services.template_update`` authorises and validates (only
variables and filters; field-level errors); the preview renders the submitted text with a sample
dossier without saving it.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from motcua.core.errors import DomainError
from motcua.core.forms import apply_domain_error
from motcua.desk.access import system_admin_required
from motcua.notifications.kinds import VARIABLES, Channel, MessageStatus
from motcua.notifications.selectors import message_log, template_list
from motcua.notifications.services import template_preview, template_update, template_validate

PER_PAGE = 50


class TemplateForm(forms.Form):
    subject = forms.CharField(label=gettext_lazy("Subject"), max_length=255, required=False)
    body = forms.CharField(label=gettext_lazy("Text"), widget=forms.Textarea(attrs={"rows": 10}))


class LogFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        choices=[("", gettext_lazy("All")), *MessageStatus.choices],
        required=False,
    )
    channel = forms.ChoiceField(
        label=gettext_lazy("Channel"),
        choices=[("", gettext_lazy("All")), *Channel.choices],
        required=False,
    )


@system_admin_required
@require_safe
def templates(request: HttpRequest) -> HttpResponse:
    return render(request, "desk/notifications/templates.html", {"templates": template_list()})


@system_admin_required
@require_http_methods(["GET", "POST"])
def template_edit(request: HttpRequest, pk: int) -> HttpResponse:
    template = template_list().filter(pk=pk).first()
    if template is None:
        raise Http404
    form = TemplateForm(
        request.POST or None, initial={"subject": template.subject, "body": template.body}
    )
    preview: tuple[str, str] | None = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if "preview" in request.POST:
            errors = template_validate(
                subject=data["subject"], body=data["body"], channel=template.channel
            )
            for name, problems in errors.items():
                for problem in problems:
                    form.add_error(name, problem)
            if not errors:
                preview = template_preview(
                    subject=data["subject"], body=data["body"], language=template.language
                )
        else:
            try:
                template_update(
                    actor=request.user,
                    template_id=template.pk,
                    subject=data["subject"],
                    body=data["body"],
                )
            except DomainError as exc:
                apply_domain_error(form, exc)
            else:
                messages.success(request, _("The template is saved."))
                return redirect("desk:notification_templates")
    return render(
        request,
        "desk/notifications/template_form.html",
        {
            "form": form,
            "template": template,
            "preview": preview,
            "variables": [(name, str(label)) for name, label in VARIABLES.items()],
        },
    )


@system_admin_required
@require_safe
def log(request: HttpRequest) -> HttpResponse:
    form = LogFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    rows = message_log(status=data.get("status", ""), channel=data.get("channel", ""))
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "desk/notifications/log.html", {"form": form, "page": page})
