from django.apps import AppConfig
from django.urls import register_converter
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "lainaamo.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from .bounds import IdConverter

        # `<id:pk>` in the pages' paths: an id in range, or no match (404).
        register_converter(IdConverter, "id")
