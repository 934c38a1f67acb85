# SPDX-License-Identifier: AGPL-3.0-or-later
"""The dossier workflow: one pure transition table (``engine``) and step deadlines."""
