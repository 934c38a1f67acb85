# SPDX-License-Identifier: AGPL-3.0-or-later
"""Test doubles for accounts (a local fake OIDC provider); never imported by production code."""
