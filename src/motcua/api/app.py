# SPDX-License-Identifier: AGPL-3.0-or-later
"""The NinjaAPI assembly for /api/v1 (to be filled by the API shell work)."""

from ninja import NinjaAPI

api = NinjaAPI(title="motcua API", version="1")
