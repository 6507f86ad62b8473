import factory

from lainaamo.directory.models import (
    Municipality,
    Partner,
    PartnerType,
    Person,
    Region,
    Role,
    RoleKind,
    Sector,
    Unit,
    UnitType,
)

PASSWORD = "correct-horse-battery-staple"


class PlaceFactory(factory.django.DjangoModelFactory):
    """`name` is the place's Finnish name; give name_sv / name_en for the other languages.

    Passed on as `name`, django-modeltranslation would write it to the column of whatever
    language happens to be active.
    """

    class Meta:
        abstract = True

    @classmethod
    def _adjust_kwargs(cls, **kwargs):
        name = kwargs.pop("name")
        kwargs.setdefault("name_fi", name)
        return kwargs


class RegionFactory(PlaceFactory):
    class Meta:
        model = Region

    name = factory.Sequence(lambda n: f"Region {n}")


class MunicipalityFactory(PlaceFactory):
    class Meta:
        model = Municipality

    region = factory.SubFactory(RegionFactory)
    name = factory.Sequence(lambda n: f"Kunta {n}")
    finnish = True
    swedish = True


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Unit {n}")
    type = UnitType.LIBRARY
    sector = Sector.LIBRARY
    street_address = "Kirjastonkatu 13"
    postal_code = "65100"
    city = "Vaasa"


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    region = factory.SubFactory(RegionFactory)
    name = factory.Sequence(lambda n: f"Partner {n}")
    type = PartnerType.EDUCATIONAL_INSTITUTION


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.fi")
    name = factory.Sequence(lambda n: f"Person {n}")
    language = "fi"
    home_unit = factory.SubFactory(UnitFactory)

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_password(extracted or PASSWORD)
        if create:
            self.save(update_fields=["password"])


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Role

    person = factory.SubFactory(PersonFactory)
    kind = RoleKind.STAFF
    municipality = factory.LazyAttribute(lambda role: role.person.home_unit.municipality)


def coordinator_of(municipality: Municipality, **fields) -> Person:
    person = PersonFactory(home_unit=UnitFactory(municipality=municipality), **fields)
    Role.objects.create(person=person, kind=RoleKind.COORDINATOR, municipality=municipality)
    return person


def unit_manager_of(unit: Unit, **fields) -> Person:
    person = PersonFactory(home_unit=unit, **fields)
    Role.objects.create(person=person, kind=RoleKind.UNIT_MANAGER, unit=unit)
    return person


def api_client(person: Person | None = None, *, language: str | None = None, **kwargs):
    """A test client for the JSON API that sends the person's bearer token (none if no person)."""
    from django.test import Client

    from lainaamo.directory.models import ApiToken

    headers = dict(kwargs.pop("headers", {}))
    if person is not None:
        _token, key = ApiToken.issue(person)
        headers["authorization"] = f"Bearer {key}"
    if language:
        headers["accept-language"] = language
    return Client(headers=headers, **kwargs)
