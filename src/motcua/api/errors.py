# SPDX-License-Identifier: AGPL-3.0-or-later
"""The one error shape of the API and the handlers that map every failure onto it.

Every 4xx is ``{code, message, details}`` where ``details`` maps a field path to messages in the
active language. pydantic only speaks English, so its error types are translated here; an
unexpected exception becomes a bare 500 without a trace (it is logged, never sent).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

import structlog
from django.core.exceptions import ObjectDoesNotExist, RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Schema
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, ValidationError

from motcua.core.errors import DomainError

if TYPE_CHECKING:
    from ninja import NinjaAPI

log = structlog.get_logger(__name__)

ERROR_STATUSES = (400, 401, 403, 404, 409, 422)


class ErrorOut(Schema):
    code: str
    message: str
    details: dict[str, list[str]]


ERROR_RESPONSES: dict[tuple[int, ...], type[ErrorOut]] = {ERROR_STATUSES: ErrorOut}

# Location parts that name where a value came from, not which field it is.
_SOURCES = frozenset({"body", "query", "path", "header", "cookie", "form", "file"})


def error_body(
    code: str, message: Any, details: dict[str, list[str]] | None = None
) -> dict[str, Any]:
    return {"code": code, "message": str(message), "details": details or {}}


def field_path(loc: Iterable[Any]) -> str:
    """("body", "payload", "name") -> "name"; ("query", "valid_on") -> "valid_on".

    ninja puts the name of the body parameter right after "body"; it is not a field of the
    client's JSON, so it is dropped. A body that is not an object at all maps to "__all__".
    """
    parts = list(loc)
    if parts and parts[0] in _SOURCES:
        source = parts.pop(0)
        if source == "body" and parts:
            parts.pop(0)
    return ".".join(str(p) for p in parts) or "__all__"


def translate_pydantic_error(err: dict[str, Any]) -> str:
    """One pydantic error as a sentence in the active language."""
    kind = err.get("type", "")
    ctx = err.get("ctx") or {}
    if kind == "missing":
        return _("This field is required.")
    if kind == "extra_forbidden":
        return _("Unknown field.")
    if kind in {"string_too_long", "too_long"}:
        limit = ctx.get("max_length", 0)
        return _("Ensure this value has at most %(max)s characters.") % {"max": limit}
    if kind in {"string_too_short", "too_short"}:
        limit = ctx.get("min_length", 0)
        return _("Ensure this value has at least %(min)s characters.") % {"min": limit}
    if kind in {"string_type", "string_unicode"}:
        return _("Enter a text value.")
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        return _("Enter a whole number.")
    if kind in {"float_type", "float_parsing", "decimal_parsing", "decimal_type"}:
        return _("Enter a number.")
    if kind in {"bool_type", "bool_parsing"}:
        return _("Enter true or false.")
    if kind.startswith("datetime"):
        return _("Enter a valid date and time (ISO 8601).")
    if kind.startswith("date"):
        return _("Enter a valid date (YYYY-MM-DD).")
    if kind in {"uuid_type", "uuid_parsing"}:
        return _("Enter a valid UUID.")
    if kind in {"greater_than_equal", "greater_than"}:
        limit = ctx.get("ge", ctx.get("gt"))
        return _("Ensure this value is greater than or equal to %(limit)s.") % {"limit": limit}
    if kind in {"less_than_equal", "less_than"}:
        limit = ctx.get("le", ctx.get("lt"))
        return _("Ensure this value is less than or equal to %(limit)s.") % {"limit": limit}
    if kind in {"literal_error", "enum"}:
        return _("Select a valid choice: %(expected)s.") % {"expected": ctx.get("expected", "")}
    if kind in {"model_type", "model_attributes_type", "dict_type"}:
        return _("Expected a JSON object.")
    if kind in {"list_type", "tuple_type", "set_type"}:
        return _("Expected a list.")
    if kind == "string_pattern_mismatch":
        return _("Enter a value in the expected format.")
    if kind == "value_error":
        # Raised by our own validators with an already translated message.
        return str(ctx.get("error") or err.get("msg", "")).removeprefix("Value error, ")
    return _("Enter a valid value.")


def validation_details(errors: Iterable[dict[str, Any]]) -> dict[str, list[str]]:
    details: dict[str, list[str]] = {}
    for err in errors:
        key = field_path(err.get("loc", ()))
        message = translate_pydantic_error(err)
        if message not in details.setdefault(key, []):
            details[key].append(message)
    return details


def install_error_handlers(api: NinjaAPI) -> None:
    """Replace ninja's default handlers (which use ``{"detail": ...}``) with ours."""

    def respond(request: HttpRequest, status: int, body: dict[str, Any]) -> HttpResponse:
        return api.create_response(request, body, status=status)

    def on_validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        details = validation_details(exc.errors)
        return respond(
            request, 422, error_body("validation_error", _("The input is not valid."), details)
        )

    def on_domain(request: HttpRequest, exc: DomainError) -> HttpResponse:
        return respond(request, exc.status, error_body(exc.code, exc.message, exc.details))

    def on_authentication(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return respond(
            request, 401, error_body("not_authenticated", _("Authentication is required."))
        )

    def on_authorization(request: HttpRequest, exc: AuthorizationError) -> HttpResponse:
        return respond(
            request, 403, error_body("forbidden", _("You do not have permission to do this."))
        )

    def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        # ninja wraps a body the parser cannot read in HttpError(400) from the parse error.
        if exc.status_code == 400 and isinstance(exc.__cause__, ValueError):
            return respond(
                request,
                400,
                error_body("malformed_json", _("The request body is not valid JSON.")),
            )
        if exc.status_code == 403 and "csrf" in exc.message.lower():
            return respond(
                request,
                403,
                error_body("csrf_failed", _("CSRF check failed: send the X-CSRFToken header.")),
            )
        codes = {
            400: ("bad_request", _("The request is not valid.")),
            401: ("not_authenticated", _("Authentication is required.")),
            403: ("forbidden", _("You do not have permission to do this.")),
            404: ("not_found", _("Not found.")),
            405: ("method_not_allowed", _("Method not allowed.")),
            409: ("conflict", _("The request conflicts with the current state.")),
            429: ("throttled", _("Too many requests; try again later.")),
        }
        code, message = codes.get(exc.status_code, ("error", _("The request failed.")))
        return respond(request, exc.status_code, error_body(code, message))

    def on_not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
        return respond(request, 404, error_body("not_found", _("Not found.")))

    def on_too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        return respond(
            request,
            400,
            error_body("body_too_large", _("The request body is larger than the allowed size.")),
        )

    def on_unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
        log.exception("api_unhandled_exception", path=request.path, method=request.method)
        return respond(request, 500, error_body("server_error", _("An internal error occurred.")))

    _register(api, ValidationError, on_validation)
    _register(api, DomainError, on_domain)
    _register(api, AuthenticationError, on_authentication)
    _register(api, AuthorizationError, on_authorization)
    _register(api, HttpError, on_http_error)
    _register(api, Http404, on_not_found)
    _register(api, ObjectDoesNotExist, on_not_found)
    _register(api, RequestDataTooBig, on_too_big)
    _register(api, Exception, on_unexpected)


def _register(
    api: NinjaAPI, exc_class: type[Exception], handler: Callable[[HttpRequest, Any], HttpResponse]
) -> None:
    api.add_exception_handler(exc_class, handler)
