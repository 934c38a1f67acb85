# SPDX-License-Identifier: AGPL-3.0-or-later
from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "motcua.feedback"
    label = "feedback"
    verbose_name = "Feedback"
