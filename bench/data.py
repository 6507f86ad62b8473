"""Generate a large, realistic data set for the benchmarks, with bulk inserts."""

import datetime as dt
import random

from django.contrib.auth.hashers import make_password
from django.db import transaction

from lainaamo.core.timeutil import HELSINKI, now
from lainaamo.directory.models import Municipality, Person, Region, Sector, Unit, UnitType
from lainaamo.mentors.models import (
    Loan,
    LoanSession,
    LoanStatus,
    MentorLanguage,
    MentorProfile,
    MentorSkill,
    Skill,
)
from lainaamo.scheduling.models import Booking, BookingStatus, Resource, WeeklyAvailability

SECTORS = [s for s in Sector.values if s != Sector.OTHER]
BATCH = 5000


def _windows(rng: random.Random) -> list[tuple[int, dt.time, dt.time]]:
    days = rng.sample(range(5), 3)
    return [(day, dt.time(rng.choice([8, 9, 12])), dt.time(rng.choice([15, 16]))) for day in days]


@transaction.atomic
def generate(*, mentors: int, past_sessions: int, prefix: str = "bench", seed: int = 2026) -> dict:
    """Mentors with skills, languages and weekly hours, and their past sessions as loans."""
    rng = random.Random(seed)
    region = Region.objects.create(name_fi=f"Region {prefix}")
    municipalities = [
        Municipality.objects.create(
            region=region, name_fi=f"{prefix} {i}", finnish=True, swedish=i % 2 == 0
        )
        for i in range(8)
    ]
    units = Unit.objects.bulk_create(
        Unit(
            municipality=municipalities[i % len(municipalities)],
            name=f"{prefix} unit {i}",
            type=UnitType.OTHER,
            sector=SECTORS[i % len(SECTORS)],
        )
        for i in range(80)
    )
    skills = list(Skill.objects.all())
    password = make_password(None)  # unusable: the benchmark never logs mentors in
    people = Person.objects.bulk_create(
        (
            Person(
                email=f"{prefix}-mentor-{i}@bench.invalid",
                name=f"Mentor {i}",
                language=rng.choice(["fi", "sv", "en"]),
                home_unit=units[i % len(units)],
                password=password,
            )
            for i in range(mentors)
        ),
        batch_size=BATCH,
    )
    resources = Resource.objects.bulk_create(
        (Resource(kind="mentor", name=p.name) for p in people), batch_size=BATCH
    )
    profiles = MentorProfile.objects.bulk_create(
        (
            MentorProfile(
                person=person,
                resource=resource,
                monthly_hours=rng.choice([4, 6, 8, 12, 20]),
                paused=rng.random() < 0.05,
            )
            for person, resource in zip(people, resources, strict=True)
        ),
        batch_size=BATCH,
    )
    MentorSkill.objects.bulk_create(
        (
            MentorSkill(mentor=profile, skill=skill, level=rng.randint(1, 3))
            for profile in profiles
            for skill in rng.sample(skills, rng.randint(2, 5))
        ),
        batch_size=BATCH,
    )
    MentorLanguage.objects.bulk_create(
        (
            MentorLanguage(mentor=profile, language=language)
            for profile in profiles
            for language in (["fi"] + rng.sample(["sv", "en"], rng.randint(0, 2)))
        ),
        batch_size=BATCH,
    )
    served = MentorProfile.municipalities.through
    served.objects.bulk_create(
        (
            served(mentorprofile=profile, municipality=municipality)
            for profile in profiles
            for municipality in rng.sample(municipalities, 2)
        ),
        batch_size=BATCH,
    )
    WeeklyAvailability.objects.bulk_create(
        (
            WeeklyAvailability(resource=resource, weekday=day, start_time=start, end_time=end)
            for resource in resources
            for day, start, end in _windows(rng)
        ),
        batch_size=BATCH,
    )
    borrowers = Person.objects.bulk_create(
        Person(
            email=f"{prefix}-borrower-{i}@bench.invalid",
            name=f"Borrower {i}",
            home_unit=units[(i * 7) % len(units)],
            password=password,
        )
        for i in range(200)
    )
    # Past sessions: one hour each on a weekday morning within the last two years, one loan
    # per session, spread so that no resource is booked twice at once.
    today = now().astimezone(HELSINKI).date()
    loans, bookings = [], []
    used: set[tuple[int, dt.date, int]] = set()
    while len(bookings) < past_sessions:
        index = rng.randrange(mentors)
        day = today - dt.timedelta(days=rng.randint(1, 730))
        hour = rng.randint(8, 15)
        if (index, day, hour) in used:
            continue
        used.add((index, day, hour))
        start = dt.datetime.combine(day, dt.time(hour), tzinfo=HELSINKI)
        borrower = borrowers[len(bookings) % len(borrowers)]
        loans.append(
            Loan(
                borrower=borrower,
                borrower_unit=borrower.home_unit,
                borrower_sector=borrower.home_unit.sector,
                municipality=borrower.home_unit.municipality,
                need="Benchmark",
                language="fi",
                mode="remote",
                duration_minutes=60,
                mentor=profiles[index],
                mentor_unit=people[index].home_unit,
                mentor_sector=people[index].home_unit.sector,
                status=LoanStatus.COMPLETED,
                hours=1,
                outcome="Done",
            )
        )
        bookings.append(
            Booking(
                resource=resources[index],
                start=start,
                end=start + dt.timedelta(hours=1),
                blocked_start=start,
                blocked_end=start + dt.timedelta(hours=1),
                status=BookingStatus.CONFIRMED,
            )
        )
    Loan.objects.bulk_create(loans, batch_size=BATCH)
    Booking.objects.bulk_create(bookings, batch_size=BATCH)
    LoanSession.objects.bulk_create(
        (
            LoanSession(loan=loan, booking=booking)
            for loan, booking in zip(loans, bookings, strict=True)
        ),
        batch_size=BATCH,
    )
    return {
        "region": region,
        "municipalities": municipalities,
        "borrowers": borrowers,
        "skills": skills,
        "profiles": profiles,
    }
