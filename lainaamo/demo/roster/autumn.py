"""The mentors trained in autumn 2025, the first cohort."""

from .specs import AUTUMN, MentorSpec

AUTUMN_MENTORS = [
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
]
