from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Demo data for trying Lainaamo out; it depends on every other app and none on it."""

    name = "lainaamo.demo"
    label = "demo"
    verbose_name = _("Demo data")
