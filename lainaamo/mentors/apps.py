from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MentorsConfig(AppConfig):
    name = "lainaamo.mentors"
    label = "mentors"
    verbose_name = _("Mentors")

    # What this app adds to pages of lower apps: see lainaamo.core.contributions.
    contributions = {
        "navigation": "lainaamo.mentors.contributions.navigation",
        "home": "lainaamo.mentors.contributions.home",
        "profile": "lainaamo.mentors.profile.mentor_parts",
        "calendar_feed": "lainaamo.mentors.contributions.calendar_feed",
    }
