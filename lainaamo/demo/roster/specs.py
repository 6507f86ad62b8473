"""The shapes of the demo's people, the printed logins, and the staff who borrow and lead."""

import datetime as dt
from dataclasses import dataclass

from lainaamo.directory.models import RoleKind

EMAIL_DOMAIN = "demo.lainaamo.fi"
# Everyone who is not one of the three printed logins shares this password.
SHARED_PASSWORD = "demo-lainaamo-2026"


@dataclass(frozen=True)
class DemoLogin:
    role: str
    email: str
    password: str
    language: str


COORDINATOR = DemoLogin(
    "coordinator", f"coordinator@{EMAIL_DOMAIN}", "demo-koordinaattori-2026", "fi"
)
MENTOR = DemoLogin("mentor", f"mentor@{EMAIL_DOMAIN}", "demo-mentori-2026", "sv")
BORROWER = DemoLogin("borrower", f"borrower@{EMAIL_DOMAIN}", "demo-lainaaja-2026", "fi")
DEMO_LOGINS = (COORDINATOR, MENTOR, BORROWER)

WEEKDAYS = {"Mon": 0, "Tue": 1, "Wed": 2, "Thu": 3, "Fri": 4}


@dataclass(frozen=True)
class MentorSpec:
    name: str
    unit: str
    language: str
    speaks: str
    cohort: str
    skills: str
    windows: str
    hours: int
    bio: tuple[str, str, str]
    modes: str = "on_site remote"
    serves: str = ""
    paused_days: int = 0
    login: DemoLogin | None = None

    @property
    def skill_levels(self) -> dict[str, int]:
        return {
            slug: int(level) for slug, level in (item.split(":") for item in self.skills.split())
        }

    @property
    def weekly_windows(self) -> list[tuple[int, dt.time, dt.time]]:
        """ "Mon 9-12, Thu 13:30-16" as (weekday, start, end) triples."""
        windows = []
        for item in self.windows.split(","):
            day, hours = item.split()
            start, end = (_time(part) for part in hours.split("-"))
            windows.append((WEEKDAYS[day], start, end))
        return windows


def _time(text: str) -> dt.time:
    hour, _sep, minute = text.partition(":")
    return dt.time(int(hour), int(minute or 0))


AUTUMN, SPRING = "autumn_2025", "spring_2026"


# key: (name, home unit, language, login)
BORROWERS = {
    "katja": ("Katja Rantanen", "youth_centre", "fi", BORROWER),
    "pekka": ("Pekka Harju", "huutoniemi", "fi", None),
    "minna": ("Minna Saarinen", "bookmobile", "fi", None),
    "tiina": ("Tiina Lahti", "fi_school", "fi", None),
    "olli": ("Olli Karjalainen", "education_office", "fi", None),
    "eeva": ("Eeva Mattila", "museum", "fi", None),
    "olivia": ("Olivia Grant", "museum", "en", None),
    "jenni": ("Jenni Koski", "culture", "fi", None),
    "tapio": ("Tapio Salminen", "youth_services", "fi", None),
    "petra": ("Petra Söderlund", "sv_school", "sv", None),
    "lotta": ("Lotta Hägg", "sundom", "sv", None),
    "malin": ("Malin Åkerlund", "k_school", "sv", None),
    "kristian": ("Kristian Vikström", "k_culture", "sv", None),
    "sara": ("Sara Blomqvist", "k_youth", "sv", None),
    "teemu": ("Teemu Mäkelä", "l_school", "fi", None),
    "heli": ("Heli Kauppinen", "l_library", "fi", None),
}

# name, home unit, language, login, role kind, scope ("region", a municipality or a unit key)
LEADS = [
    ("Kaisa Rintamäki", "main_library", "fi", COORDINATOR, RoleKind.COORDINATOR, "region"),
    ("Annika Sjöholm", "k_library", "sv", None, RoleKind.COORDINATOR, "korsholm"),
    ("Pirjo Hakala", "main_library", "fi", None, RoleKind.UNIT_MANAGER, "main_library"),
    ("Jussi Koivula", "youth_centre", "fi", None, RoleKind.UNIT_MANAGER, "youth_centre"),
]
