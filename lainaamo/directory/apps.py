from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "lainaamo.directory"
    label = "directory"
    verbose_name = _("Directory")

    # What this app adds to pages of lower apps: see lainaamo.core.contributions.
    contributions = {
        "navigation": "lainaamo.directory.contributions.navigation",
        "home": "lainaamo.directory.contributions.home",
    }
