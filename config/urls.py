from django.contrib import admin
from django.urls import include, path

from .api import api

urlpatterns = [
    path("", include("lainaamo.core.urls")),
    path("", include("lainaamo.directory.urls")),
    path("", include("lainaamo.scheduling.urls")),
    path("mentors/", include("lainaamo.mentors.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]
