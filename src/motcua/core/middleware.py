# SPDX-License-Identifier: AGPL-3.0-or-later
"""Language selection: the portal speaks Vietnamese unless the visitor chose another language."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class PortalLocaleMiddleware(LocaleMiddleware):
    """Pages follow the language cookie set by the switch, else ``LANGUAGE_CODE`` (vi).

    A province's portal is Vietnamese for everyone by default, whatever the browser's
    Accept-Language says (most browsers here ship with English first); English is one click
    away and then sticks. API clients under /api/ still negotiate with Accept-Language so
    that error messages come back in the language the client asks for.
    """

    def process_request(self, request: HttpRequest) -> None:
        if request.path.startswith("/api/"):
            super().process_request(request)
            return
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
