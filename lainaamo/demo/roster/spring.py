"""The mentors trained in spring 2026, the second cohort."""

from .specs import MENTOR, SPRING, MentorSpec

SPRING_MENTORS = [
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
