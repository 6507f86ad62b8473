"""Who is in the demo: thirty mentors from two cohorts, staff who borrow them, and leads.

Everyone here is fictional. Each mentor lends from a home unit in one sector; their weekly
windows are Helsinki wall-clock hours. The three printed logins are a coordinator, a mentor
who works in Swedish, and a staff member who borrows.
"""

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

MENTORS = [
    MentorSpec(
        "Mervi Lehtonen",
        "main_library",
        "fi",
        "fi sv en",
        AUTUMN,
        "facebook:3 instagram:3 social-media-planning:3 photos-video:2",
        "Tue 9-12, Thu 12-15",
        8,
        (
            "Kirjastonhoitaja, joka vastaa pääkirjaston Facebookista ja Instagramista. Autan "
            "suunnittelemaan julkaisut niin, että ne löytävät lukijansa.",
            "Bibliotekarie som ansvarar för huvudbibliotekets Facebook och Instagram. Jag hjälper "
            "dig att planera inläggen så att de når sina läsare.",
            "Librarian in charge of the main library's Facebook and Instagram. I help you plan "
            "posts that reach their readers.",
        ),
        serves="vaasa laihia",
    ),
    MentorSpec(
        "Tuomas Niemi",
        "main_library",
        "fi",
        "fi en",
        AUTUMN,
        "e-materials:3 tablets-smartphones:3 information-literacy:2 online-meetings:2",
        "Mon 10-14, Wed 10-14",
        10,
        (
            "Pääkirjaston informaatikko. E-aineistot, laitteet ja tiedonhaku ovat arkeani; "
            "opastan kärsivällisesti alusta asti.",
            "Informatiker vid huvudbiblioteket. E-material, enheter och informationssökning är "
            "min vardag; jag handleder tålmodigt från början.",
            "Information specialist at the main library. E-materials, devices and searching are "
            "my daily work; I guide patiently from the very start.",
        ),
    ),
    MentorSpec(
        "Päivi Kangas",
        "huutoniemi",
        "fi",
        "fi",
        AUTUMN,
        "tablets-smartphones:3 e-materials:3 facebook:2",
        "Wed 9-12, Fri 9-12",
        6,
        (
            "Lähikirjaston kirjastovirkailija. Pidän tablettiopastuksia ikäihmisille ja autan "
            "mielelläni myös kollegoita e-kirjojen kanssa.",
            "Biblioteksfunktionär vid närbiblioteket. Jag håller handledning i surfplattor för "
            "äldre och hjälper gärna kolleger med e-böcker.",
            "Library assistant at a branch library. I run tablet sessions for older people and am "
            "happy to help colleagues with e-books.",
        ),
        modes="on_site",
    ),
    MentorSpec(
        "Jari Hautala",
        "bookmobile",
        "fi",
        "fi sv",
        AUTUMN,
        "photos-video:3 facebook:2 youtube:2",
        "Mon 12-16",
        6,
        (
            "Kirjastoauton kuljettaja ja kirjastovirkailija. Kuvaan ja editoin kirjastoauton "
            "videot puhelimella ja näytän, miten sen tekee nopeasti.",
            "Chaufför och biblioteksfunktionär i biblioteksbussen. Jag filmar och redigerar "
            "bussens videor med mobilen och visar hur man gör det snabbt.",
            "Driver and library assistant on the bookmobile. I shoot and edit the bookmobile's "
            "videos on a phone and show how to do it quickly.",
        ),
        serves="vaasa korsholm laihia",
    ),
    MentorSpec(
        "Riikka Salo",
        "youth_services",
        "fi",
        "fi en",
        AUTUMN,
        "tiktok:3 instagram:3 youth-safe-internet:3",
        "Tue 13-17, Thu 13-17",
        8,
        (
            "Nuoriso-ohjaaja ja digitaalisen nuorisotyön tekijä. Tunnen TikTokin ja Instagramin "
            "nuorten näkökulmasta ja puhun mielelläni turvallisesta netinkäytöstä.",
            "Ungdomsledare inom digitalt ungdomsarbete. Jag känner TikTok och Instagram ur de "
            "ungas perspektiv och pratar gärna om trygg internetanvändning.",
            "Youth worker in digital youth work. I know TikTok and Instagram from young people's "
            "point of view and like to talk about safe internet use.",
        ),
    ),
    MentorSpec(
        "Antti Kallio",
        "youth_centre",
        "fi",
        "fi",
        AUTUMN,
        "streaming:3 youtube:3 photos-video:3",
        "Mon 9-12, Fri 12-16",
        10,
        (
            "Nuorisotalon ohjaaja, joka on striimannut nuorten keikkoja ja pelitapahtumia. Autan "
            "kameran, äänen ja striimauksen kanssa.",
            "Ledare på ungdomsgården som har streamat ungas spelningar och spelevenemang. Jag "
            "hjälper till med kamera, ljud och streaming.",
            "Youth centre instructor who has streamed young people's gigs and gaming events. I "
            "help with camera, sound and streaming.",
        ),
    ),
    MentorSpec(
        "Satu Rautio",
        "education_office",
        "fi",
        "fi sv en",
        AUTUMN,
        "e-learning:3 online-meetings:3 collaboration-tools:3",
        "Tue 9-12, Wed 13-16",
        8,
        (
            "Opetustoimiston digipedagoginen suunnittelija. Moodle, Teams ja yhteiset työtilat "
            "ovat tuttuja; opastan etänä.",
            "Digipedagogisk planerare vid utbildningsbyrån. Moodle, Teams och delade arbetsytor "
            "är bekanta; jag handleder på distans.",
            "Digital learning designer at the education office. Moodle, Teams and shared "
            "workspaces are familiar; I guide remotely.",
        ),
        modes="remote",
    ),
    MentorSpec(
        "Marko Laitinen",
        "fi_school",
        "fi",
        "fi en",
        AUTUMN,
        "collaboration-tools:3 information-literacy:3 e-learning:2",
        "Wed 14-16, Thu 14-16",
        4,
        (
            "Luokanopettaja, joka käyttää Padletia ja yhteisiä dokumentteja joka viikko. Opetan "
            "myös lähdekritiikkiä.",
            "Klasslärare som använder Padlet och delade dokument varje vecka. Jag undervisar "
            "också i källkritik.",
            "Class teacher who uses Padlet and shared documents every week. I also teach source "
            "criticism.",
        ),
    ),
    MentorSpec(
        "Hanna Peltonen",
        "communications",
        "fi",
        "fi sv en",
        AUTUMN,
        "social-media-planning:3 facebook:3 other-social-media:3 copyright-privacy:2",
        "Mon 13-16, Thu 9-11",
        6,
        (
            "Kaupungin viestintäsuunnittelija. Autan somesuunnitelman, julkaisukalenterin ja "
            "kuvien käyttöoikeuksien kanssa.",
            "Kommunikationsplanerare vid staden. Jag hjälper till med planen för sociala medier, "
            "publiceringskalendern och rätten att använda bilder.",
            "Communications planner for the city. I help with a social-media plan, a publishing "
            "calendar and the rights to use images.",
        ),
        serves="vaasa korsholm laihia",
    ),
    MentorSpec(
        "Ville Mäkinen",
        "communications",
        "fi",
        "fi en",
        AUTUMN,
        "photos-video:3 youtube:3 streaming:2 tiktok:2",
        "Tue 10-15",
        8,
        (
            "Viestintäyksikön videotuottaja. Opasvideot, YouTube-kanava ja tapahtumastriimit ovat "
            "työtäni.",
            "Videoproducent vid kommunikationsenheten. Instruktionsvideor, YouTube-kanalen och "
            "streaming av evenemang är mitt arbete.",
            "Video producer in the communications unit. Guide videos, the YouTube channel and "
            "event streams are my job.",
        ),
    ),
    MentorSpec(
        "Elina Honkanen",
        "museum",
        "fi",
        "fi en",
        AUTUMN,
        "online-exhibitions:3 vr-360:3 photos-video:2",
        "Wed 9-13, Fri 9-12",
        6,
        (
            "Museon amanuenssi, joka on koonnut museon verkkonäyttelyt ja 360-kierrokset. Kerron, "
            "miten kokoelmat saa verkkoon.",
            "Amanuens vid museet som har byggt museets nätutställningar och 360-rundturer. Jag "
            "berättar hur samlingarna kommer ut på nätet.",
            "Museum curator who built the museum's online exhibitions and 360 tours. I show how "
            "collections get online.",
        ),
    ),
    MentorSpec(
        "Kalle Jokela",
        "museum",
        "fi",
        "fi",
        AUTUMN,
        "vr-360:3 online-exhibitions:2 streaming:2",
        "Thu 9-13",
        4,
        (
            "Museomestari, joka on vetänyt museon VR-kokeiluja. Näytän, miten VR-laseilla "
            "järjestetään ryhmäkäynti.",
            "Museitekniker som har lett museets VR-försök. Jag visar hur man ordnar ett "
            "gruppbesök med VR-glasögon.",
            "Museum technician who led the museum's VR trials. I show how to run a group visit "
            "with VR headsets.",
        ),
        serves="vaasa laihia",
        paused_days=38,
    ),
    MentorSpec(
        "Sari Ylinen",
        "culture",
        "fi",
        "fi sv",
        AUTUMN,
        "streaming:3 online-meetings:2 facebook:2",
        "Mon 9-12, Wed 12-15",
        6,
        (
            "Kulttuuripalvelujen tapahtumatuottaja. Olen järjestänyt hybriditapahtumia ja "
            "striimannut konsertteja ja luentoja.",
            "Evenemangsproducent vid kulturtjänsterna. Jag har ordnat hybridevenemang och "
            "streamat konserter och föreläsningar.",
            "Event producer in cultural services. I have run hybrid events and streamed concerts "
            "and lectures.",
        ),
    ),
    MentorSpec(
        "Johanna Kivelä",
        "l_library",
        "fi",
        "fi",
        AUTUMN,
        "e-materials:3 tablets-smartphones:2 facebook:2 information-literacy:2",
        "Tue 9-12, Thu 9-12",
        6,
        (
            "Laihian kirjaston kirjastonhoitaja. Opastan e-aineistojen ja laitteiden käytössä ja "
            "hoidan kirjaston Facebook-sivua.",
            "Bibliotekarie vid Laihela bibliotek. Jag handleder i e-material och enheter och "
            "sköter bibliotekets Facebook.",
            "Librarian at Laihia library. I guide people in e-materials and devices and run the "
            "library's Facebook page.",
        ),
        serves="laihia vaasa",
    ),
    MentorSpec(
        "Mikko Rinne",
        "l_youth",
        "fi",
        "fi",
        AUTUMN,
        "youth-safe-internet:3 tiktok:2 instagram:2",
        "Wed 13-17",
        4,
        (
            "Laihian nuoriso-ohjaaja. Puhun nuorten kanssa nettikiusaamisesta ja yksityisyydestä "
            "ja teen nuorisotalon TikTok-videoita.",
            "Ungdomsledare i Laihela. Jag pratar med unga om nätmobbning och integritet och gör "
            "ungdomsgårdens TikTok-videor.",
            "Youth worker in Laihia. I talk with young people about cyberbullying and privacy and "
            "make the youth centre's TikTok videos.",
        ),
        serves="laihia",
    ),
    MentorSpec(
        "Laura Heikkilä",
        "vahakyro",
        "fi",
        "fi",
        AUTUMN,
        "tablets-smartphones:3 e-materials:2 collaboration-tools:2",
        "Mon 9-12",
        4,
        (
            "Vähänkyrön kirjaston kirjastovirkailija. Opastan tablettien ja Padletin käytössä; "
            "kerhoissamme käytämme molempia.",
            "Biblioteksfunktionär vid Lillkyro bibliotek. Jag handleder i surfplattor och Padlet, "
            "som vi använder i våra klubbar.",
            "Library assistant at Vähäkyrö library. I guide people in tablets and Padlet, which "
            "we use in our clubs.",
        ),
        paused_days=66,
    ),
    MentorSpec(
        "Noora Aho",
        "culture",
        "fi",
        "fi en",
        AUTUMN,
        "digital-accessibility:3 copyright-privacy:3 information-literacy:2",
        "Tue 12-16",
        6,
        (
            "Kulttuuripalvelujen saavutettavuusyhdyshenkilö. Autan tekstityksissä, kuvien "
            "vaihtoehtoisissa teksteissä ja tekijänoikeuskysymyksissä.",
            "Kontaktperson för tillgänglighet vid kulturtjänsterna. Jag hjälper till med "
            "textning, alternativtexter för bilder och upphovsrättsfrågor.",
            "Accessibility contact person in cultural services. I help with subtitles, "
            "alternative text for images and copyright questions.",
        ),
        modes="remote",
    ),
    # The spring 2026 cohort trained in Swedish.
    MentorSpec(
        "Linnea Holmström",
        "k_library",
        "sv",
        "sv fi en",
        SPRING,
        "instagram:3 facebook:3 social-media-planning:2 e-materials:2 tablets-smartphones:2",
        "Mon 9-12, Wed 9-12, Thu 13-16",
        10,
        (
            "Mustasaaren pääkirjaston kirjastonhoitaja. Hoidan kirjaston Instagramia ja "
            "Facebookia ja opastan mielelläni ruotsiksi, suomeksi tai englanniksi.",
            "Bibliotekarie vid Korsholms huvudbibliotek. Jag sköter bibliotekets Instagram och "
            "Facebook och handleder gärna på svenska, finska eller engelska.",
            "Librarian at Korsholm main library. I run the library's Instagram and Facebook and "
            "am glad to guide in Swedish, Finnish or English.",
        ),
        serves="korsholm vaasa",
        login=MENTOR,
    ),
    MentorSpec(
        "Johan Björklund",
        "main_library",
        "sv",
        "sv fi",
        SPRING,
        "e-materials:3 information-literacy:3 online-meetings:2",
        "Tue 9-12, Fri 9-12",
        8,
        (
            "Pääkirjaston informaatikko ja ruotsinkielisten palvelujen yhdyshenkilö. Tiedonhaku "
            "ja e-aineistot ovat erikoisalaani.",
            "Informatiker vid huvudbiblioteket och kontaktperson för de svenskspråkiga "
            "tjänsterna. Informationssökning och e-material är min specialitet.",
            "Information specialist at the main library and contact person for Swedish-language "
            "services. Searching and e-materials are my speciality.",
        ),
        serves="vaasa korsholm",
    ),
    MentorSpec(
        "Emma Sjöberg",
        "sundom",
        "sv",
        "sv fi",
        SPRING,
        "tablets-smartphones:3 facebook:2 e-materials:2",
        "Wed 12-15",
        6,
        (
            "Sundomin lähikirjaston kirjastovirkailija. Digiopastus älypuhelimissa ja tableteissa "
            "on lempityötäni.",
            "Biblioteksfunktionär vid Sundom närbibliotek. Digihandledning i smarttelefoner och "
            "surfplattor är det jag tycker mest om.",
            "Library assistant at Sundom branch library. Digital help with smartphones and "
            "tablets is my favourite work.",
        ),
        serves="vaasa korsholm",
    ),
    MentorSpec(
        "Mikael Lindqvist",
        "k_youth",
        "sv",
        "sv fi en",
        SPRING,
        "tiktok:3 youth-safe-internet:3 youtube:2",
        "Tue 13-17, Thu 13-17",
        8,
        (
            "Sepänkylän nuorisotalon nuoriso-ohjaaja. Teen videoita nuorten kanssa ja puhun "
            "pelaamisesta ja netin turvallisuudesta.",
            "Ungdomsledare på ungdomsgården i Smedsby. Jag gör videor med unga och pratar om spel "
            "och trygghet på nätet.",
            "Youth worker at the Smedsby youth centre. I make videos with young people and talk "
            "about gaming and staying safe online.",
        ),
        serves="korsholm vaasa",
    ),
    MentorSpec(
        "Sofia Nyberg",
        "k_culture",
        "sv",
        "sv en",
        SPRING,
        "streaming:3 online-meetings:3 photos-video:2",
        "Mon 12-16",
        6,
        (
            "Mustasaaren kulttuurisihteeri. Olen striimannut kotiseutuiltoja ja järjestänyt "
            "kokouksia Teamsissa ja Zoomissa.",
            "Kultursekreterare i Korsholm. Jag har streamat hembygdskvällar och ordnat möten i "
            "Teams och Zoom.",
            "Cultural secretary in Korsholm. I have streamed local heritage evenings and hosted "
            "meetings in Teams and Zoom.",
        ),
    ),
    MentorSpec(
        "Anders Granholm",
        "k_school",
        "sv",
        "sv fi",
        SPRING,
        "e-learning:3 collaboration-tools:3 copyright-privacy:2",
        "Wed 13-16",
        4,
        (
            "Opettaja ja koulunsa digitutor Mustasaaresta. Autan verkko-oppimisympäristöjen ja "
            "yhteiskäyttöisten työkalujen kanssa.",
            "Lärare och skolans digitutor i Korsholm. Jag hjälper till med e-lärplattformar och "
            "samarbetsverktyg.",
            "Teacher and the school's digital tutor in Korsholm. I help with e-learning platforms "
            "and collaboration tools.",
        ),
    ),
    MentorSpec(
        "Ida Westerlund",
        "sv_school",
        "sv",
        "sv en",
        SPRING,
        "information-literacy:3 youth-safe-internet:2 collaboration-tools:2",
        "Thu 13-16",
        4,
        (
            "Ruotsinkielisen koulun opettaja, joka vastaa myös koulukirjastosta. Opetan "
            "lähdekritiikkiä ja turvallista netinkäyttöä.",
            "Lärare vid Strandängens skola med ansvar för skolbiblioteket. Jag undervisar i "
            "källkritik och trygg internetanvändning.",
            "Teacher at Strandängen school who also runs the school library. I teach source "
            "criticism and safe internet use.",
        ),
        serves="vaasa korsholm",
    ),
    MentorSpec(
        "Henrik Forsman",
        "communications",
        "sv",
        "sv fi en",
        SPRING,
        "social-media-planning:3 other-social-media:3 copyright-privacy:3",
        "Tue 9-12, Thu 9-12",
        6,
        (
            "Viestintäyksikön kaksikielinen viestinnän asiantuntija. Autan somekanavien "
            "valinnassa, suunnitelmissa ja tietosuojakysymyksissä.",
            "Tvåspråkig kommunikationsexpert vid kommunikationsenheten. Jag hjälper till med val "
            "av kanaler, planer och dataskyddsfrågor.",
            "Bilingual communications specialist in the communications unit. I help with choosing "
            "channels, plans and privacy questions.",
        ),
        serves="vaasa korsholm",
    ),
    MentorSpec(
        "Maria Backman",
        "museum",
        "sv",
        "sv fi",
        SPRING,
        "online-exhibitions:3 photos-video:3 copyright-privacy:2",
        "Mon 9-12, Wed 13-16",
        6,
        (
            "Museon tiedottaja ja valokuvaaja. Kuvaan kokoelmia ja rakennan verkkonäyttelyitä, ja "
            "tiedän, mitä kuvia saa julkaista.",
            "Informatör och fotograf vid museet. Jag fotograferar samlingarna och bygger "
            "nätutställningar, och jag vet vilka bilder man får publicera.",
            "Museum press officer and photographer. I photograph the collections and build online "
            "exhibitions, and I know which images may be published.",
        ),
        serves="vaasa korsholm",
    ),
    MentorSpec(
        "Jonas Ek",
        "youth_services",
        "sv",
        "sv fi",
        SPRING,
        "youtube:3 streaming:2 vr-360:2",
        "Fri 10-14",
        6,
        (
            "Nuorisopalvelujen mediakasvattaja. Teen nuorten kanssa YouTube-videoita ja "
            "kokeilemme VR-laseja.",
            "Mediefostrare inom ungdomstjänsterna. Jag gör YouTube-videor med unga och vi prövar "
            "VR-glasögon.",
            "Media educator in youth services. I make YouTube videos with young people and we try "
            "out VR headsets.",
        ),
        paused_days=23,
    ),
    MentorSpec(
        "Camilla Sundqvist",
        "education_office",
        "sv",
        "sv fi en",
        SPRING,
        "e-learning:3 online-meetings:3 google-tools:3",
        "Mon 13-16, Wed 9-12",
        8,
        (
            "Opetustoimiston kaksikielinen koulutussuunnittelija. Verkkokoulutukset, Teams ja "
            "Googlen työkalut ovat tuttuja.",
            "Tvåspråkig utbildningsplanerare vid utbildningsbyrån. Nätutbildningar, Teams och "
            "Googles verktyg är bekanta för mig.",
            "Bilingual training planner at the education office. Online training, Teams and "
            "Google tools are familiar to me.",
        ),
        modes="remote",
    ),
    MentorSpec(
        "Fredrik Lillqvist",
        "culture",
        "sv",
        "sv fi",
        SPRING,
        "photos-video:2 instagram:2 facebook:2 streaming:2",
        "Tue 9-13",
        6,
        (
            "Kulttuuripalvelujen tuottaja. Kuvaan tapahtumia, hoidan niiden somea ja olen mukana "
            "striimauksissa.",
            "Producent vid kulturtjänsterna. Jag fotograferar evenemang, sköter deras sociala "
            "medier och är med när vi streamar.",
            "Producer in cultural services. I photograph events, run their social media and help "
            "when we stream.",
        ),
    ),
    MentorSpec(
        "Heidi Nordman",
        "k_library",
        "sv",
        "sv",
        SPRING,
        "e-materials:3 tablets-smartphones:3 information-literacy:2",
        "Tue 9-12, Fri 9-12",
        4,
        (
            "Mustasaaren pääkirjaston kirjastovirkailija. Opastan ruotsiksi e-kirjojen ja "
            "laitteiden käytössä.",
            "Biblioteksfunktionär vid Korsholms huvudbibliotek. Jag handleder på svenska i "
            "e-böcker och enheter.",
            "Library assistant at Korsholm main library. I guide people in Swedish in e-books and "
            "devices.",
        ),
        modes="on_site",
    ),
]

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
