# SPDX-License-Identifier: AGPL-3.0-or-later
from django.contrib import admin
from django.urls import include, path

from motcua.core.views import healthz
from motcua.portal import views as portal_views

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    # Citizens and businesses register through our services, never through a bare allauth signup.
    path("accounts/signup/", portal_views.signup_choice),
    path("accounts/", include("allauth.urls")),
    path("api/v1/", include("motcua.api.urls")),
    path("desk/", include("motcua.desk.urls")),
    path("django-admin/", admin.site.urls),
    path("", include("motcua.portal.urls")),
]

handler400 = "motcua.portal.views.error_400"
handler403 = "motcua.portal.views.error_403"
handler404 = "motcua.portal.views.error_404"
handler500 = "motcua.portal.views.error_500"
