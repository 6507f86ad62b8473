"""Demo data: a region modelled on Ostrobothnia, its mentors and a few months of their loans.

`load_demo()` writes it all in one transaction, or nothing when the demo region exists
already, so running it twice is harmless. Dates are relative to today, so the demo always
looks current; variation comes from a seeded random generator, so two loads on the same day
look alike. No mail leaves during the load.
"""

import random
from dataclasses import dataclass
from importlib import import_module

from django.apps import apps
from django.db import transaction
from django.test.utils import override_settings

from lainaamo.core.timeutil import local, now
from lainaamo.directory.models import Person, Region
from lainaamo.mentors.models import Loan, MentorProfile, Skill

from .loans import write_loans
from .people import create_people
from .places import REGION_NAME, create_places
from .roster import DEMO_LOGINS, SHARED_PASSWORD, DemoLogin

__all__ = ["DEMO_LOGINS", "REGION_NAME", "SHARED_PASSWORD", "DemoLogin", "Summary", "load_demo"]

SEED = 2026

# Loans the demo writes would otherwise send their mail: nothing may be queued for a worker
# (the dummy task backend) nor leave through the mail server (the in-memory mail backend).
QUIET = {
    "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    "TASKS": {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}},
}


@dataclass(frozen=True)
class Summary:
    created: bool
    people: int
    mentors: int
    loans: dict[str, int]


def ensure_skills() -> dict[str, Skill]:
    """The seeded skills by slug, seeding them again if a test database lost them."""
    seed = import_module("lainaamo.mentors.migrations.0002_seed_skills")
    slugs = [slug for slug, _names, _descriptions in seed.SKILLS]
    if Skill.objects.filter(slug__in=slugs).count() < len(slugs):
        seed.seed_skills(apps)
    return {skill.slug: skill for skill in Skill.objects.filter(slug__in=slugs)}


def summary(created: bool) -> Summary:
    region_people = Person.objects.filter(home_unit__municipality__region__name_fi=REGION_NAME)
    loans = Loan.objects.filter(municipality__region__name_fi=REGION_NAME)
    counts: dict[str, int] = {}
    for status in loans.values_list("status", flat=True):
        counts[status] = counts.get(status, 0) + 1
    return Summary(
        created=created,
        people=region_people.count(),
        mentors=MentorProfile.objects.filter(person__in=region_people).count(),
        loans=counts,
    )


def load_demo(*, seed: int = SEED) -> Summary:
    """Write the demo region with its people and loans, unless it is there already."""
    if Region.objects.filter(name_fi=REGION_NAME).exists():
        return summary(created=False)
    moment = now()
    rng = random.Random(seed)
    with override_settings(**QUIET), transaction.atomic():
        skills = ensure_skills()
        places = create_places()
        cast = create_people(places, skills, local(moment).date())
        write_loans(cast, skills, rng, moment)
    return summary(created=True)
