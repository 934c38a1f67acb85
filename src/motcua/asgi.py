# SPDX-License-Identifier: AGPL-3.0-or-later
import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings.dev")
application = get_asgi_application()
