from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SchedulingConfig(AppConfig):
    name = "lainaamo.scheduling"
    label = "scheduling"
    verbose_name = _("Scheduling")

    # What this app adds to pages of lower apps: see lainaamo.core.contributions.
    contributions = {
        "profile": "lainaamo.scheduling.feed.calendar_part",
    }
