# SPDX-License-Identifier: AGPL-3.0-or-later
from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from motcua.api.app import api
from motcua.api.errors import error_body


@csrf_exempt
def not_found(request: HttpRequest, rest: str) -> HttpResponse:
    """Unknown URLs under /api/v1/ answer in the API's error shape, not with the portal's page."""
    return api.create_response(request, error_body("not_found", _("Not found.")), status=404)


urlpatterns = [
    path("", api.urls),
    path("<path:rest>", not_found, name="api-not-found"),
]
