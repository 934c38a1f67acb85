# SPDX-License-Identifier: AGPL-3.0-or-later
"""A Router that documents the shared error responses on every operation it registers.

ninja documents no error responses at all, not even its own 422 (ARCHITECTURE.md §1.1, fix 2).
Adding them here, rather than in each decorator, means a new endpoint cannot forget them.
"""

from collections.abc import Callable
from typing import Any

from ninja import Router
from ninja.constants import NOT_SET
from ninja.errors import ConfigError

from motcua.api.errors import ERROR_RESPONSES


class ApiRouter(Router):
    def add_api_operation(
        self,
        path: str,
        methods: list[str],
        view_func: Callable[..., Any],
        *,
        response: Any = NOT_SET,
        **kwargs: Any,
    ) -> None:
        if response is NOT_SET:
            raise ConfigError(f"{view_func.__name__}: declare the response schema")
        if isinstance(response, dict):
            responses: dict[Any, Any] = dict(response)
        else:
            responses = {200: response}
        responses.update(ERROR_RESPONSES)
        super().add_api_operation(path, methods, view_func, response=responses, **kwargs)
