# SPDX-License-Identifier: AGPL-3.0-or-later
"""Base classes shared by the routers: strict input schemas and the list paginator."""

from __future__ import annotations

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination
from pydantic import ConfigDict

MAX_PAGE_SIZE = 500
DEFAULT_PAGE_SIZE = 100


class InputSchema(Schema):
    """Request bodies: an unknown field is an error, never silently ignored."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class PageParams(Schema):
    limit: int = Field(DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)
    offset: int = Field(0, ge=0)


class Pagination(LimitOffsetPagination):
    """limit/offset, at most 500 rows a page; the answer is ``{items, count}``."""

    Input = PageParams  # type: ignore[assignment]

    def __init__(self, **kwargs: object) -> None:
        super().__init__(max_limit=MAX_PAGE_SIZE, **kwargs)
