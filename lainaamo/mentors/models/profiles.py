"""Skills, cohorts and mentor profiles, with the details matching and the catalogue read."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from lainaamo.directory.models import Language, Municipality, Partner
from lainaamo.scheduling.models import Resource


class SkillQuerySet(models.QuerySet):
    def offered(self) -> "SkillQuerySet":
        """Skills that can be asked for and added to a profile: those not retired."""
        return self.filter(retired=False)


class Skill(models.Model):
    """A digital skill a mentor can lend; names are translated (name_fi, name_sv, name_en)."""

    slug = models.SlugField(_("identifier"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=100)
    # A retired skill is no longer offered for new requests or profiles; loans and mentors
    # that have it keep it.
    retired = models.BooleanField(_("retired"), default=False)

    objects = SkillQuerySet.as_manager()

    class Meta:
        verbose_name = _("skill")
        verbose_name_plural = _("skills")
        ordering = ["position", "slug"]

    def __str__(self) -> str:
        return self.name or self.slug


class Level(models.IntegerChoices):
    BASICS = 1, _("Basics")
    GOOD = 2, _("Good")
    EXPERT = 3, _("Expert")


class Mode(models.TextChoices):
    ON_SITE = "on_site", _("On-site")
    REMOTE = "remote", _("Remote")


class Cohort(models.Model):
    """A training group of 10-20 people who become mentors together."""

    name = models.CharField(_("name"), max_length=200)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="cohorts",
        verbose_name=_("municipality"),
    )
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    trainer = models.ForeignKey(
        Partner,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cohorts",
        verbose_name=_("trained by"),
    )
    started = models.DateField(_("started"))

    class Meta:
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        ordering = ["-started"]

    def __str__(self) -> str:
        return self.name


def on_break(paused: bool, returns_on: dt.date | None, on: dt.date) -> bool:
    """Is a mentor on a break on the day: paused, with no return date or a later one?"""
    return paused and (returns_on is None or returns_on > on)


class MentorQuerySet(models.QuerySet):
    def active(self, on: dt.date | None = None) -> "MentorQuerySet":
        """Mentors who take requests: not paused, or paused with a return date passed."""
        # The rule of `on_break`, in SQL.
        paused = Q(paused=True) & (Q(returns_on__isnull=True) | Q(returns_on__gt=on))
        return self.exclude(paused) if on else self.filter(paused=False)


class MentorProfile(models.Model):
    """A person who lends time and skills; their time is a scheduling resource."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="mentor_profile",
        verbose_name=_("person"),
    )
    resource = models.OneToOneField(Resource, on_delete=models.PROTECT, related_name="mentor")
    bio = models.TextField(_("introduction"), blank=True)
    skills = models.ManyToManyField(Skill, through="MentorSkill", related_name="mentors")
    municipalities = models.ManyToManyField(
        Municipality, related_name="mentors", blank=True, verbose_name=_("municipalities served")
    )
    on_site = models.BooleanField(_("on-site"), default=True)
    remote = models.BooleanField(_("remote"), default=True)
    monthly_hours = models.DecimalField(
        _("hours a month they may lend"),
        max_digits=5,
        decimal_places=1,
        default=4,
        validators=[MinValueValidator(0), MaxValueValidator(160)],
    )
    paused = models.BooleanField(_("paused"), default=False)
    returns_on = models.DateField(_("returns on"), null=True, blank=True)
    cohort = models.ForeignKey(
        Cohort,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentors",
        verbose_name=_("cohort"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MentorQuerySet.as_manager()

    class Meta:
        verbose_name = _("mentor profile")
        verbose_name_plural = _("mentor profiles")
        ordering = ["person__name"]

    def __str__(self) -> str:
        return str(self.person)

    @property
    def modes(self) -> list[str]:
        return [
            mode for mode, on in ((Mode.ON_SITE, self.on_site), (Mode.REMOTE, self.remote)) if on
        ]

    @property
    def language_codes(self) -> list[str]:
        return [row.language for row in self.languages.all()]


class MentorSkill(models.Model):
    mentor = models.ForeignKey(
        MentorProfile, on_delete=models.CASCADE, related_name="skill_levels"
    )
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="mentor_levels")
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices, default=Level.GOOD)

    class Meta:
        verbose_name = _("mentor's skill")
        verbose_name_plural = _("mentors' skills")
        constraints = [
            models.UniqueConstraint(fields=["mentor", "skill"], name="mentor_skill_once"),
            models.CheckConstraint(condition=Q(level__in=[1, 2, 3]), name="mentor_skill_level"),
        ]

    def __str__(self) -> str:
        return f"{self.skill} ({self.get_level_display()})"


class MentorLanguage(models.Model):
    mentor = models.ForeignKey(MentorProfile, on_delete=models.CASCADE, related_name="languages")
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["mentor", "language"], name="mentor_language_once")
        ]

    def __str__(self) -> str:
        return self.get_language_display()


@dataclass
class MentorDetails:
    levels: list[tuple[Skill, int]] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    municipalities: list[Municipality] = field(default_factory=list)


def with_details(mentors: Iterable[MentorProfile]) -> list[MentorProfile]:
    """Load each mentor's skills, languages and municipalities served into `mentor.details`.

    Four small queries for any number of mentors, reading plain rows where prefetching
    would build a model instance for every link.
    """
    mentors = list(mentors)
    ids = [mentor.pk for mentor in mentors]
    details = {pk: MentorDetails() for pk in ids}
    if ids:
        levels = list(
            MentorSkill.objects.filter(mentor_id__in=ids).values_list(
                "mentor_id", "skill_id", "level"
            )
        )
        skills = Skill.objects.in_bulk({skill_id for _mentor, skill_id, _level in levels})
        for mentor_id, skill_id, level in levels:
            details[mentor_id].levels.append((skills[skill_id], level))
        for mentor_id, language in MentorLanguage.objects.filter(mentor_id__in=ids).values_list(
            "mentor_id", "language"
        ):
            details[mentor_id].languages.append(language)
        for place in Municipality.objects.filter(mentors__in=ids).annotate(
            mentor_id=F("mentors__id")
        ):
            details[place.mentor_id].municipalities.append(place)
    for mentor in mentors:
        mentor.details = details[mentor.pk]
    return mentors
