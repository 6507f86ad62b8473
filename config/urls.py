from django.contrib import admin
from django.urls import include, path

from lainaamo.mentors import urls as mentor_urls

from .api import api

urlpatterns = [
    path("", include("lainaamo.core.urls")),
    path("", include("lainaamo.directory.urls")),
    path("mentors/", include("lainaamo.mentors.urls")),
    path("", include(mentor_urls.account_urlpatterns)),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]
