# SPDX-License-Identifier: AGPL-3.0-or-later
"""Strings of django-allauth's forms and messages that our pages show.

allauth ships no Vietnamese catalogue. Listing its msgids here lets ``makemessages`` keep them
in locale/vi, and LOCALE_PATHS takes precedence over app catalogues, so the sign-in pages are
Vietnamese too. Nothing imports this module; it exists for extraction only.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop as _

ALLAUTH_MESSAGES = (
    _("Login"),
    _("Username or email"),
    _("Remember Me"),
    _("Forgot your password?"),
    _("Username"),
    _("Email"),
    _("Email address"),
    _("Email (optional)"),
    _("Password"),
    _("Password (again)"),
    _("New Password"),
    _("New Password (again)"),
    _("The username and/or password you specified are not correct."),
    _("The email address and/or password you specified are not correct."),
    _("You must type the same password each time."),
    _("A user is already registered with this email address."),
    _("You have signed out."),
    _("Successfully signed in as %(name)s."),
    _("Password successfully changed."),
    _("Too many failed login attempts. Try again later."),
)
