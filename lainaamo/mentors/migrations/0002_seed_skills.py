"""Seed the skills a mentor can lend, with their names and one-line descriptions in fi, sv, en.

Coordinators edit skills afterwards; running this again only brings the seeded slugs back to
these texts (update_or_create by slug) and never touches skills added by hand.
"""

from django.db import migrations

# slug, (name fi, sv, en), (description fi, sv, en)
SKILLS = [
    (
        "facebook",
        ("Facebook", "Facebook", "Facebook"),
        (
            "Sivut ja tapahtumat, julkaisut, ryhmät ja tilastot.",
            "Sidor och evenemang, inlägg, grupper och statistik.",
            "Pages and events, posts, groups and insights.",
        ),
    ),
    (
        "instagram",
        ("Instagram", "Instagram", "Instagram"),
        (
            "Julkaisut, tarinat ja Reels-videot sekä tilin ylläpito.",
            "Inlägg, stories och reels samt skötseln av kontot.",
            "Posts, stories and reels, and running the account.",
        ),
    ),
    (
        "tiktok",
        ("TikTok", "TikTok", "TikTok"),
        (
            "Lyhytvideot, trendit ja nuorten tavoittaminen.",
            "Korta videor, trender och hur man når unga.",
            "Short videos, trends and reaching young people.",
        ),
    ),
    (
        "youtube",
        ("YouTube", "YouTube", "YouTube"),
        (
            "Kanavan ylläpito, videoiden julkaisu, tekstitys ja soittolistat.",
            "Kanalens skötsel, publicering av videor, textning och spellistor.",
            "Running a channel, publishing videos, subtitles and playlists.",
        ),
    ),
    (
        "other-social-media",
        ("Muut sosiaalisen median palvelut", "Andra sociala medier", "Other social media"),
        (
            "Esimerkiksi LinkedIn, Threads, Bluesky, WhatsApp-kanavat ja blogit.",
            "Till exempel LinkedIn, Threads, Bluesky, WhatsApp-kanaler och bloggar.",
            "For example LinkedIn, Threads, Bluesky, WhatsApp channels and blogs.",
        ),
    ),
    (
        "social-media-planning",
        (
            "Somen suunnittelu ja markkinointi",
            "Planering och marknadsföring i sociala medier",
            "Social-media planning and marketing",
        ),
        (
            "Sisältösuunnitelma, julkaisukalenteri, kohderyhmät ja tulosten seuranta.",
            "Innehållsplan, publiceringskalender, målgrupper och uppföljning av resultaten.",
            "Content plan, publishing calendar, audiences and following the results.",
        ),
    ),
    (
        "photos-video",
        (
            "Valokuvat ja video, myös opasvideot",
            "Foton och video, även instruktionsvideor",
            "Photos and video, guide videos included",
        ),
        (
            "Kuvaaminen ja editointi puhelimella, opas- ja esittelyvideot.",
            "Fotografering och redigering med mobilen, instruktions- och presentationsvideor.",
            "Shooting and editing on a phone, guide and presentation videos.",
        ),
    ),
    (
        "streaming",
        (
            "Striimaus ja hybriditapahtumat",
            "Streaming och hybridevenemang",
            "Streaming and hybrid events",
        ),
        (
            "Luentojen, vierailujen ja tapahtumien striimaus sekä hybriditilaisuudet.",
            "Streaming av föreläsningar, besök och evenemang samt hybridevenemang.",
            "Streaming lectures, visits and events, and running hybrid events.",
        ),
    ),
    (
        "online-meetings",
        ("Verkkokokoukset (Teams, Zoom)", "Nätmöten (Teams, Zoom)", "Online meetings (Teams, Zoom)"),
        (
            "Kokousten järjestäminen, näytön jakaminen ja tallentaminen.",
            "Att ordna möten, dela skärmen och spela in.",
            "Hosting meetings, sharing the screen and recording.",
        ),
    ),
    (
        "e-materials",
        (
            "Kirjaston e-aineistot ja e-kirjat",
            "Bibliotekets e-material och e-böcker",
            "Library e-materials and e-books",
        ),
        (
            "E-kirjat, e-äänikirjat, e-lehdet ja tietokannat asiakkaiden opastuksessa.",
            "E-böcker, e-ljudböcker, e-tidningar och databaser i kundhandledningen.",
            "E-books, e-audiobooks, e-magazines and databases when guiding customers.",
        ),
    ),
    (
        "tablets-smartphones",
        ("Tabletit ja älypuhelimet", "Surfplattor och smarttelefoner", "Tablets and smartphones"),
        (
            "Laitteiden käyttöönotto, sovellukset ja tavallisimmat ongelmat.",
            "Att ta enheterna i bruk, appar och de vanligaste problemen.",
            "Setting devices up, apps and the most common problems.",
        ),
    ),
    (
        "collaboration-tools",
        (
            "Padlet ja muut yhteistyötyökalut",
            "Padlet och andra samarbetsverktyg",
            "Padlet and other collaboration tools",
        ),
        (
            "Padlet, Miro, yhteiset dokumentit ja muut yhdessä tekemisen välineet.",
            "Padlet, Miro, delade dokument och andra verktyg för att arbeta tillsammans.",
            "Padlet, Miro, shared documents and other tools for working together.",
        ),
    ),
    (
        "vr-360",
        ("VR- ja 360-sisällöt", "VR- och 360-innehåll", "VR and 360 content"),
        (
            "VR-lasit, 360-kamerat ja virtuaalikierrokset.",
            "VR-glasögon, 360-kameror och virtuella rundturer.",
            "VR headsets, 360 cameras and virtual tours.",
        ),
    ),
    (
        "online-exhibitions",
        (
            "Verkkonäyttelyt ja digitaalinen kulttuuriperintö",
            "Nätutställningar och digitalt kulturarv",
            "Online exhibitions and digital cultural heritage",
        ),
        (
            "Verkkonäyttelyiden rakentaminen, digitointi ja kulttuuriperinnön tallentaminen.",
            "Att bygga nätutställningar, digitalisering och dokumentation av kulturarv.",
            "Building online exhibitions, digitisation and recording cultural heritage.",
        ),
    ),
    (
        "copyright-privacy",
        ("Tekijänoikeudet ja tietosuoja", "Upphovsrätt och dataskydd", "Copyright and privacy"),
        (
            "Kuvien ja musiikin käyttöoikeudet, luvat, lähdemerkinnät ja henkilötiedot.",
            "Rätten att använda bilder och musik, tillstånd, källhänvisningar och personuppgifter.",
            "Rights to use images and music, permissions, credits and personal data.",
        ),
    ),
    (
        "information-literacy",
        ("Informaatiolukutaito", "Informationskompetens", "Information literacy"),
        (
            "Tiedonhaku, lähdekritiikki ja tekoälyn tuottaman sisällön arviointi.",
            "Informationssökning, källkritik och bedömning av AI-genererat innehåll.",
            "Searching for information, source criticism and judging AI-generated content.",
        ),
    ),
    (
        "youth-safe-internet",
        (
            "Nuorten turvallinen netinkäyttö",
            "Ungas trygga internetanvändning",
            "Young people's safe internet use",
        ),
        (
            "Nettikiusaaminen, yksityisyys, pelaaminen ja mediakasvatus nuorten kanssa.",
            "Nätmobbning, integritet, spel och mediefostran med unga.",
            "Cyberbullying, privacy, gaming and media education with young people.",
        ),
    ),
    (
        "e-learning",
        ("Verkko-oppimisympäristöt", "E-lärplattformar", "E-learning platforms"),
        (
            "Moodle, Teams-ryhmät ja muut verkkokurssien alustat.",
            "Moodle, grupper i Teams och andra plattformar för nätkurser.",
            "Moodle, class teams in Teams and other platforms for online courses.",
        ),
    ),
    (
        "google-tools",
        ("Googlen työkalut", "Googles verktyg", "Google tools"),
        (
            "Drive, Dokumentit, Lomakkeet, Kalenteri ja Sites yhteiseen työhön.",
            "Drive, Dokument, Formulär, Kalender och Sites för gemensamt arbete.",
            "Drive, Docs, Forms, Calendar and Sites for working together.",
        ),
    ),
    (
        "digital-accessibility",
        ("Digitaalinen saavutettavuus", "Digital tillgänglighet", "Digital accessibility"),
        (
            "Saavutettavat julkaisut, tekstitys, kuvien vaihtoehtoiset tekstit ja selkokieli.",
            "Tillgängliga inlägg, textning, alternativtexter för bilder och lättläst språk.",
            "Accessible posts, subtitles, alternative text for images and easy-to-read language.",
        ),
    ),
]


def seed_skills(apps, schema_editor=None):
    """Create or update the seeded skills by slug; also called by the demo loader."""
    Skill = apps.get_model("mentors", "Skill")
    for index, (slug, names, descriptions) in enumerate(SKILLS, start=1):
        name_fi, name_sv, name_en = names
        description_fi, description_sv, description_en = descriptions
        # The untranslated columns first: on the live model (django-modeltranslation) setting
        # them writes the active language's column, which the explicit columns then overwrite.
        Skill.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name_fi,
                "description": description_fi,
                "name_fi": name_fi,
                "name_sv": name_sv,
                "name_en": name_en,
                "description_fi": description_fi,
                "description_sv": description_sv,
                "description_en": description_en,
                "position": index * 10,
            },
        )


def remove_skills(apps, schema_editor):
    """Remove the seeded skills that no mentor or loan uses; keep the rest and their data."""
    Skill = apps.get_model("mentors", "Skill")
    Skill.objects.filter(
        slug__in=[slug for slug, _names, _descriptions in SKILLS],
        mentor_levels__isnull=True,
        loans__isnull=True,
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("mentors", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(seed_skills, remove_skills),
    ]
