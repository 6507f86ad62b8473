"""The demo's places: a region modelled on Ostrobothnia, three municipalities, their units.

The city library of the bilingual city coordinates, as Vaasa city library did in "Borrow a
social-media mentor"; a Swedish-majority and a Finnish-only neighbour take part; the summer
university trains the mentor cohorts. Unit names carry both languages where the municipality
has both.
"""

import datetime as dt
from dataclasses import dataclass

from lainaamo.directory.models import (
    Municipality,
    Partner,
    PartnerType,
    Region,
    Sector,
    Unit,
    UnitType,
)
from lainaamo.mentors.models import Cohort

# Place names per language (django-modeltranslation columns): a place has a name only in its
# official languages, and pages in another language fall back to the Finnish, then the Swedish,
# name. English has its own name for the region only.
REGION_NAMES = {"name_fi": "Pohjanmaa", "name_sv": "Österbotten", "name_en": "Ostrobothnia"}
# The loader finds an already-loaded demo by this name (in the name_fi column).
REGION_NAME = REGION_NAMES["name_fi"]

# key: (names, Finnish official, Swedish official)
MUNICIPALITIES = {
    "vaasa": ({"name_fi": "Vaasa", "name_sv": "Vasa"}, True, True),
    # Swedish-majority: Korsholm to most of its people, Mustasaari in Finnish.
    "korsholm": ({"name_sv": "Korsholm", "name_fi": "Mustasaari"}, True, True),
    "laihia": ({"name_fi": "Laihia"}, True, False),
}


@dataclass(frozen=True)
class UnitSpec:
    municipality: str
    name: str
    type: str
    sector: str
    street: str
    postal_code: str
    city: str


UNITS = {
    # Vaasa: the city library coordinates.
    "main_library": UnitSpec(
        "vaasa",
        "Vaasan pääkirjasto – Vasa huvudbibliotek",
        UnitType.LIBRARY,
        Sector.LIBRARY,
        "Kirjastonkatu 13",
        "65100",
        "Vaasa",
    ),
    "huutoniemi": UnitSpec(
        "vaasa",
        "Huutoniemen lähikirjasto – Huutoniemi närbibliotek",
        UnitType.BRANCH_LIBRARY,
        Sector.LIBRARY,
        "Huutoniementie 12",
        "65320",
        "Vaasa",
    ),
    "sundom": UnitSpec(
        "vaasa",
        "Sundomin lähikirjasto – Sundom närbibliotek",
        UnitType.BRANCH_LIBRARY,
        Sector.LIBRARY,
        "Sundomintie 1340",
        "65410",
        "Sundom",
    ),
    "vahakyro": UnitSpec(
        "vaasa",
        "Vähänkyrön kirjasto – Lillkyro bibliotek",
        UnitType.BRANCH_LIBRARY,
        Sector.LIBRARY,
        "Vähänkyröntie 25",
        "66500",
        "Vähäkyrö",
    ),
    "bookmobile": UnitSpec(
        "vaasa",
        "Kirjastoauto – Biblioteksbussen",
        UnitType.BOOKMOBILE,
        Sector.LIBRARY,
        "Kirjastonkatu 13",
        "65100",
        "Vaasa",
    ),
    "youth_services": UnitSpec(
        "vaasa",
        "Nuorisopalvelut – Ungdomstjänsterna",
        UnitType.OTHER,
        Sector.YOUTH,
        "Kauppapuistikko 11",
        "65100",
        "Vaasa",
    ),
    "youth_centre": UnitSpec(
        "vaasa",
        "Nuorisotalo Kompassi – Ungdomsgården Kompassen",
        UnitType.YOUTH_CENTRE,
        Sector.YOUTH,
        "Palosaarentie 20",
        "65200",
        "Vaasa",
    ),
    "education_office": UnitSpec(
        "vaasa",
        "Opetustoimisto – Utbildningsbyrån",
        UnitType.EDUCATION_OFFICE,
        Sector.EDUCATION,
        "Kauppapuistikko 11",
        "65100",
        "Vaasa",
    ),
    "fi_school": UnitSpec(
        "vaasa",
        "Merikaarron koulu",
        UnitType.SCHOOL,
        Sector.EDUCATION,
        "Merikaarrontie 4",
        "65170",
        "Vaasa",
    ),
    "sv_school": UnitSpec(
        "vaasa",
        "Strandängens skola",
        UnitType.SCHOOL,
        Sector.EDUCATION,
        "Strandängsvägen 2",
        "65170",
        "Vasa",
    ),
    "communications": UnitSpec(
        "vaasa",
        "Viestintäyksikkö – Kommunikationsenheten",
        UnitType.COMMUNICATIONS,
        Sector.COMMUNICATIONS,
        "Kaupungintalo, Kauppapuistikko 11",
        "65100",
        "Vaasa",
    ),
    "museum": UnitSpec(
        "vaasa",
        "Kaupunginmuseo – Stadsmuseet",
        UnitType.MUSEUM,
        Sector.MUSEUM,
        "Museokatu 3",
        "65100",
        "Vaasa",
    ),
    "culture": UnitSpec(
        "vaasa",
        "Kulttuuripalvelut – Kulturtjänsterna",
        UnitType.CULTURAL_CENTRE,
        Sector.CULTURE,
        "Raastuvankatu 28",
        "65100",
        "Vaasa",
    ),
    # Korsholm: Swedish-majority, bilingual; Swedish first.
    "k_library": UnitSpec(
        "korsholm",
        "Korsholms huvudbibliotek – Mustasaaren pääkirjasto",
        UnitType.LIBRARY,
        Sector.LIBRARY,
        "Skolvägen 1",
        "65610",
        "Korsholm",
    ),
    "k_youth": UnitSpec(
        "korsholm",
        "Ungdomsgården i Smedsby – Sepänkylän nuorisotalo",
        UnitType.YOUTH_CENTRE,
        Sector.YOUTH,
        "Centrumvägen 8",
        "65610",
        "Korsholm",
    ),
    "k_culture": UnitSpec(
        "korsholm",
        "Kulturbyrån – Kulttuuritoimisto",
        UnitType.CULTURAL_CENTRE,
        Sector.CULTURE,
        "Centrumvägen 2",
        "65610",
        "Korsholm",
    ),
    "k_school": UnitSpec(
        "korsholm",
        "Smedsby skola",
        UnitType.SCHOOL,
        Sector.EDUCATION,
        "Skolvägen 5",
        "65610",
        "Korsholm",
    ),
    # Laihia: Finnish only.
    "l_library": UnitSpec(
        "laihia",
        "Laihian kirjasto",
        UnitType.LIBRARY,
        Sector.LIBRARY,
        "Laihiantie 32",
        "66400",
        "Laihia",
    ),
    "l_youth": UnitSpec(
        "laihia",
        "Laihian nuorisopalvelut",
        UnitType.YOUTH_CENTRE,
        Sector.YOUTH,
        "Laihiantie 30",
        "66400",
        "Laihia",
    ),
    "l_school": UnitSpec(
        "laihia",
        "Laihian keskuskoulu",
        UnitType.SCHOOL,
        Sector.EDUCATION,
        "Koulutie 6",
        "66400",
        "Laihia",
    ),
}

SUMMER_UNIVERSITY = {
    "name": "Vaasan kesäyliopisto – Vasa sommaruniversitet",
    "type": PartnerType.EDUCATIONAL_INSTITUTION,
    "street_address": "Raastuvankatu 31",
    "postal_code": "65100",
    "city": "Vaasa",
}

# key: (name, language, started); both trained by the summer university for the city library.
COHORTS = {
    "autumn_2025": (
        "Somementorit, syksy 2025 (suomenkielinen ryhmä)",
        "fi",
        dt.date(2025, 9, 8),
    ),
    "spring_2026": (
        "Somementorer, våren 2026 (svenskspråkig grupp)",
        "sv",
        dt.date(2026, 1, 19),
    ),
}


@dataclass
class Places:
    region: Region
    municipalities: dict[str, Municipality]
    units: dict[str, Unit]
    partner: Partner
    cohorts: dict[str, Cohort]


def create_places() -> Places:
    """The region, its municipalities and units, the summer university and the two cohorts."""
    region = Region.objects.create(**REGION_NAMES)
    municipalities = {
        key: Municipality.objects.create(region=region, finnish=fi, swedish=sv, **names)
        for key, (names, fi, sv) in MUNICIPALITIES.items()
    }
    units = {
        key: Unit.objects.create(
            municipality=municipalities[spec.municipality],
            name=spec.name,
            type=spec.type,
            sector=spec.sector,
            street_address=spec.street,
            postal_code=spec.postal_code,
            city=spec.city,
        )
        for key, spec in UNITS.items()
    }
    partner = Partner.objects.create(region=region, **SUMMER_UNIVERSITY)
    cohorts = {
        key: Cohort.objects.create(
            name=name,
            municipality=municipalities["vaasa"],
            language=language,
            trainer=partner,
            started=started,
        )
        for key, (name, language, started) in COHORTS.items()
    }
    return Places(region, municipalities, units, partner, cohorts)
