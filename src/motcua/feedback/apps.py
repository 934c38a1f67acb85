# SPDX-License-Identifier: AGPL-3.0-or-later
from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "motcua.feedback"
    label = "feedback"
    verbose_name = "Feedback"

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from motcua.dossiers.models import DossierEvent
        from motcua.feedback.receivers import on_event_saved

        post_save.connect(on_event_saved, sender=DossierEvent, dispatch_uid="feedback-keep-papers")
