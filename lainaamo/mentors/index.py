"""What matching reads about every mentor, held in memory and kept exact by a stamp.

Ranking thousands of mentors by skill, language and reach takes joins over several tables on
every request; on PostgreSQL that alone costs more than the whole answer may take. Each process
therefore keeps an index of those facts. It is never stale: database triggers give
`IndexStamp` a new random value in the same transaction as any write to the data (migration
mentors/0003), and the index is used only while the stamp it was built from is current. One
indexed read of the stamp per use; a rebuild after a change reads seven tables.

Skills, municipalities and mentors' weekly hours come along, so that the matches can be shown
without more queries. What changes with time or with each request (hours lent, bookings,
absences, declines) is not here.
"""

import datetime as dt
import threading
from collections import defaultdict
from dataclasses import dataclass

from django.db import connection

from lainaamo.directory.models import Municipality, Sector
from lainaamo.scheduling.models import WeeklyAvailability

from .models import (
    IndexStamp,
    MentorDetails,
    MentorLanguage,
    MentorProfile,
    MentorSkill,
    Skill,
    on_break,
)


@dataclass(frozen=True, slots=True)
class IndexedMentor:
    pk: int
    person_id: int
    resource_id: int
    monthly_hours: float
    paused: bool
    returns_on: dt.date | None
    on_site: bool
    remote: bool
    sector: str
    languages: frozenset[str]
    municipalities: frozenset[int]
    levels: dict[int, int]  # skill id -> level

    def is_active(self, on: dt.date) -> bool:
        return not on_break(self.paused, self.returns_on, on)


class MentorIndex:
    """Mentors whose account is active, and for each skill the mentors who know it.

    Also the skills and municipalities by id, and each mentor's weekly hours by resource id.
    """

    def __init__(
        self,
        stamp: int | None,
        mentors: list[IndexedMentor],
        *,
        skills: dict[int, Skill],
        municipalities: dict[int, Municipality],
        rules: dict[int, list[WeeklyAvailability]],
    ) -> None:
        self.stamp = stamp
        self.mentors = {mentor.pk: mentor for mentor in mentors}
        self.skills = skills
        self.municipalities = municipalities
        self.rules = rules
        self.by_skill: dict[int, list[tuple[IndexedMentor, int]]] = defaultdict(list)
        for mentor in mentors:
            for skill_id, level in mentor.levels.items():
                self.by_skill[skill_id].append((mentor, level))

    @classmethod
    def build(cls, stamp: int | None) -> "MentorIndex":
        profiles = MentorProfile.objects.filter(person__is_active=True).values_list(
            "pk",
            "person_id",
            "resource_id",
            "monthly_hours",
            "paused",
            "returns_on",
            "on_site",
            "remote",
            "person__home_unit__sector",
        )
        levels: dict[int, dict[int, int]] = defaultdict(dict)
        for mentor_id, skill_id, level in MentorSkill.objects.values_list(
            "mentor_id", "skill_id", "level"
        ):
            levels[mentor_id][skill_id] = level
        languages: dict[int, set[str]] = defaultdict(set)
        for mentor_id, language in MentorLanguage.objects.values_list("mentor_id", "language"):
            languages[mentor_id].add(language)
        places: dict[int, set[int]] = defaultdict(set)
        served = MentorProfile.municipalities.through.objects.values_list(
            "mentorprofile_id", "municipality_id"
        )
        for mentor_id, municipality_id in served:
            places[mentor_id].add(municipality_id)
        mentors = []
        for row in profiles:
            pk, person_id, resource_id, monthly_hours, paused, returns_on = row[:6]
            on_site, remote, sector = row[6:]
            mentors.append(
                IndexedMentor(
                    pk=pk,
                    person_id=person_id,
                    resource_id=resource_id,
                    monthly_hours=float(monthly_hours),
                    paused=paused,
                    returns_on=returns_on,
                    on_site=on_site,
                    remote=remote,
                    sector=sector or Sector.OTHER,
                    languages=frozenset(languages[pk]),
                    municipalities=frozenset(places[pk]),
                    levels=levels[pk],
                )
            )
        rules: dict[int, list[WeeklyAvailability]] = defaultdict(list)
        for rule in WeeklyAvailability.objects.filter(resource__mentor__isnull=False).order_by(
            "weekday", "start_time"
        ):
            rules[rule.resource_id].append(rule)
        return cls(
            stamp,
            mentors,
            skills=Skill.objects.in_bulk(),
            municipalities=Municipality.objects.in_bulk(),
            rules=dict(rules),
        )

    def details(self, pk: int) -> MentorDetails:
        """What `with_details` would load for the mentor, without a query."""
        mentor = self.mentors[pk]
        return MentorDetails(
            levels=[(self.skills[skill_id], level) for skill_id, level in mentor.levels.items()],
            languages=sorted(mentor.languages),
            municipalities=[self.municipalities[place] for place in mentor.municipalities],
        )


_lock = threading.Lock()
# One index per database connection alias's data; tests switch databases, so keyed by name.
_indexes: dict[str, MentorIndex] = {}


def current_stamp() -> int | None:
    return IndexStamp.objects.filter(pk=1).values_list("value", flat=True).first()


def mentor_index() -> MentorIndex:
    """The index as of the current stamp, built again if the stamp has changed."""
    key = str(connection.settings_dict["NAME"])
    stamp = current_stamp()
    index = _indexes.get(key)
    if index is not None and index.stamp == stamp and stamp is not None:
        return index
    with _lock:
        index = _indexes.get(key)
        if index is None or index.stamp != stamp or stamp is None:
            index = MentorIndex.build(stamp)
            _indexes[key] = index
    return index
