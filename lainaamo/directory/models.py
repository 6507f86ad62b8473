"""Who and where: regions, municipalities, units, partners, people and their roles."""

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Language(models.TextChoices):
    FINNISH = "fi", "suomi"
    SWEDISH = "sv", "svenska"
    ENGLISH = "en", "English"


class Sector(models.TextChoices):
    LIBRARY = "library", _("Library")
    CULTURE = "culture", _("Culture")
    MUSEUM = "museum", _("Museum")
    YOUTH = "youth", _("Youth")
    EDUCATION = "education", _("Education")
    SPORTS = "sports", _("Sports and leisure")
    COMMUNICATIONS = "communications", _("Communications")
    OTHER = "other", _("Other")


class UnitType(models.TextChoices):
    LIBRARY = "library", _("Library")
    BRANCH_LIBRARY = "branch_library", _("Branch library")
    BOOKMOBILE = "bookmobile", _("Bookmobile")
    MUSEUM = "museum", _("Museum")
    CULTURAL_CENTRE = "cultural_centre", _("Cultural centre")
    YOUTH_CENTRE = "youth_centre", _("Youth centre")
    SCHOOL = "school", _("School")
    EDUCATION_OFFICE = "education_office", _("Education office")
    COMMUNICATIONS = "communications", _("Communications")
    SPORTS = "sports", _("Sports and leisure")
    OTHER = "other", _("Other")


# A place's name is translated (translation.py) into its official name in each language. Places
# sort by the name a Finnish or English page shows (Finnish, else Swedish), the same on every
# database; a plain "name" would sort by the active language's column, empty where a place has
# no name in that language.
PLACE_ORDER = Coalesce("name_fi", "name_sv")


class Region(models.Model):
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = [PLACE_ORDER]

    def __str__(self) -> str:
        return self.name


class Municipality(models.Model):
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="municipalities", verbose_name=_("region")
    )
    name = models.CharField(_("name"), max_length=200)
    finnish = models.BooleanField(_("Finnish is an official language"), default=True)
    swedish = models.BooleanField(_("Swedish is an official language"), default=False)

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = [PLACE_ORDER]
        constraints = [
            models.CheckConstraint(
                condition=Q(finnish=True) | Q(swedish=True), name="municipality_has_a_language"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Unit(models.Model):
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="units",
        verbose_name=_("municipality"),
    )
    name = models.CharField(_("name"), max_length=200)
    type = models.CharField(_("type"), max_length=32, choices=UnitType.choices)
    sector = models.CharField(_("sector"), max_length=32, choices=Sector.choices)
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("post office"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = [Coalesce("municipality__name_fi", "municipality__name_sv"), "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def address(self) -> str:
        place = " ".join(part for part in (self.postal_code, self.city) if part)
        return ", ".join(part for part in (self.street_address, place) if part)


class PartnerType(models.TextChoices):
    SCHOOL = "school", _("School")
    ASSOCIATION = "association", _("Association")
    COMPANY = "company", _("Company")
    EDUCATIONAL_INSTITUTION = "educational_institution", _("Educational institution")
    OTHER = "other", _("Other")


class Partner(models.Model):
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="partners", verbose_name=_("region")
    )
    name = models.CharField(_("name"), max_length=200)
    type = models.CharField(_("type"), max_length=32, choices=PartnerType.choices)
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("post office"), max_length=100, blank=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PersonManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields):
        person = self.model(email=self.normalize_email(email).lower(), **fields)
        person.set_password(password)
        person.save(using=self._db)
        return person

    def create_superuser(self, email: str, password: str | None = None, **fields):
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)

    def get_by_natural_key(self, username: str):
        # Logging in takes the e-mail address in any case; it is stored in lower case.
        return self.get(email=username.strip().lower())


def new_calendar_token() -> str:
    return secrets.token_urlsafe(32)


class Person(AbstractBaseUser, PermissionsMixin):
    """An account: a municipal employee, a partner's employee or a resident."""

    email = models.EmailField(_("e-mail address"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.FINNISH
    )
    home_unit = models.ForeignKey(
        Unit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("home unit"),
    )
    partner = models.ForeignKey(
        Partner,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("partner organisation"),
    )
    calendar_token = models.CharField(max_length=64, unique=True, default=new_calendar_token)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("may use the admin"), default=False)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)

    objects = PersonManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["name"]

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name or self.email

    def save(self, *args, **kwargs):
        # A new password revokes every API token the old one gave out, whichever way it was
        # changed: the password pages, the admin, `manage.py changepassword`. Django marks a
        # password set since the last save in `_password`, as here; a hash upgraded at login
        # is not marked, and keeps the tokens.
        password_changed = self._password is not None and self.pk is not None
        super().save(*args, **kwargs)
        if password_changed:
            self.api_tokens.all().delete()

    @classmethod
    def normalize_username(cls, username):
        """The e-mail address in lower case, as logins look it up (the admin's forms use this)."""
        username = super().normalize_username(username)
        return username.strip().lower() if isinstance(username, str) else username

    def get_full_name(self) -> str:
        return self.name

    def get_short_name(self) -> str:
        return self.name.split(" ")[0] if self.name else self.email

    @property
    def municipality(self) -> Municipality | None:
        return self.home_unit.municipality if self.home_unit_id else None

    @property
    def sector(self) -> str:
        return self.home_unit.sector if self.home_unit_id else Sector.OTHER


class RoleKind(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinator")
    UNIT_MANAGER = "unit_manager", _("Unit manager")
    STAFF = "staff", _("Staff")


class Role(models.Model):
    """A person's role over a region, a municipality, or (for unit managers) a unit."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="roles"
    )
    kind = models.CharField(_("role"), max_length=20, choices=RoleKind.choices)
    region = models.ForeignKey(Region, on_delete=models.CASCADE, null=True, blank=True)
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, null=True, blank=True)
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, null=True, blank=True)

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.CheckConstraint(
                name="role_has_exactly_one_scope",
                condition=(
                    Q(region__isnull=False, municipality__isnull=True, unit__isnull=True)
                    | Q(region__isnull=True, municipality__isnull=False, unit__isnull=True)
                    | Q(region__isnull=True, municipality__isnull=True, unit__isnull=False)
                ),
            ),
            models.CheckConstraint(
                name="unit_manager_manages_a_unit",
                condition=~Q(kind="unit_manager") | Q(unit__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.region or self.municipality or self.unit}"


class ApiTokenQuerySet(models.QuerySet):
    def usable(self, at: dt.datetime) -> "ApiTokenQuerySet":
        """Tokens that still work at that instant."""
        return self.filter(expires_at__gt=at)


class ApiToken(models.Model):
    """A bearer token for the JSON API; only its SHA-256 is stored, so a leak grants nothing.

    A token works until it expires (API_TOKEN_LIFETIME_DAYS after it was issued), its owner
    revokes it, or its owner's password changes.
    """

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("person"),
    )
    name = models.CharField(_("name"), max_length=100, blank=True)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"))

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.person} ({self.created_at:%Y-%m-%d})"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @staticmethod
    def lifetime() -> dt.timedelta:
        return dt.timedelta(days=settings.API_TOKEN_LIFETIME_DAYS)

    def has_expired(self, at: dt.datetime) -> bool:
        return self.expires_at <= at

    @classmethod
    def issue(cls, person: "Person", *, name: str = "") -> tuple["ApiToken", str]:
        """A new token for the person, and its key: the only time the key is known in full.

        The limit on a person's tokens is kept by `services.issue_api_token`.
        """
        key = secrets.token_urlsafe(32)
        token = cls.objects.create(
            person=person,
            name=name,
            key_hash=cls.hash_key(key),
            expires_at=timezone.now() + cls.lifetime(),
        )
        return token, key
