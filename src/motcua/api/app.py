# SPDX-License-Identifier: AGPL-3.0-or-later
"""The NinjaAPI served at /api/v1: routers, renderer, error handlers and offline docs.

OpenAPI 3.1 is at /api/v1/openapi.json and committed as ``api/openapi.json``
(``scripts/export_openapi.py``); Swagger UI at /api/v1/docs loads only this site's static files
(ninja ships them), so the docs work on a closed network and under the strict CSP.
"""

from __future__ import annotations

from ninja import NinjaAPI, Swagger

from motcua.api.auth import AUTH
from motcua.api.errors import install_error_handlers
from motcua.api.renderers import UnicodeJSONRenderer
from motcua.api.routers import agencies, dossiers, me, procedures, staff, tokens, units
from motcua.api.routers.base import ApiRouter
from motcua.workcal.api import register as register_calendar

API_DESCRIPTION = (
    "motcua: the one-stop administrative-procedure system. Every error is "
    "`{code, message, details}`; messages follow `Accept-Language` (vi by default, en). "
    "Authenticate with `Authorization: Bearer <token>` (POST /api/v1/auth/tokens) "
    "or, in the browser, with the session cookie."
)

api = NinjaAPI(
    title="motcua API",
    version="1",
    description=API_DESCRIPTION,
    urls_namespace="api-v1",
    # Authenticated unless an operation says auth=None: a forgotten declaration fails closed.
    # It also makes the docs page send the CSRF token, so "Try it out" works with the session.
    auth=AUTH,
    renderer=UnicodeJSONRenderer(),
    # No validator badge: Swagger UI would otherwise call validator.swagger.io.
    docs=Swagger(settings={"validatorUrl": None, "persistAuthorization": False}),
)
install_error_handlers(api)

for module in (units, agencies, me, tokens, staff, procedures, dossiers):
    api.add_router("", module.router)
api.add_router("", register_calendar(ApiRouter(tags=["calendar"])))
