"""What the demo's staff ask mentors for, and what mentors answer, in fi, sv and en."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Need:
    skills: str
    minutes: int
    group_size: int
    fi: str
    sv: str
    en: str

    def text(self, language: str) -> str:
        return getattr(self, language)

    @property
    def slugs(self) -> list[str]:
        return self.skills.split()


NEEDS = {
    "instagram": Need(
        "instagram social-media-planning",
        60,
        2,
        "Yksikön Instagram-tili on perustettu, mutta julkaisut jäävät satunnaisiksi. Tarvitsemme "
        "julkaisurytmin ja ideoita sisältöön.",
        "Enhetens Instagramkonto finns, men inläggen blir sporadiska. Vi behöver en "
        "publiceringsrytm och idéer till innehållet.",
        "Our unit's Instagram account exists, but posts are few and far between. We need a "
        "publishing rhythm and ideas for content.",
    ),
    "facebook": Need(
        "facebook",
        60,
        1,
        "Facebook-sivulle pitäisi saada tapahtumat ja aukioloajat siististi näkyviin. Miten "
        "tapahtumat luodaan ja jaetaan?",
        "Evenemang och öppettider ska synas snyggt på Facebooksidan. Hur skapar och delar man "
        "evenemang?",
        "Events and opening hours should show neatly on our Facebook page. How are events "
        "created and shared?",
    ),
    "tiktok": Need(
        "tiktok",
        60,
        2,
        "Haluamme kokeilla TikTokia nuorten tavoittamiseen. Mistä kannattaa aloittaa ja mitä "
        "pitää ottaa huomioon?",
        "Vi vill pröva TikTok för att nå unga. Var ska vi börja och vad ska vi tänka på?",
        "We want to try TikTok to reach young people. Where should we start and what should we "
        "keep in mind?",
    ),
    "guide_video": Need(
        "photos-video youtube",
        90,
        2,
        "Teemme opasvideon kirjaston e-aineistoista. Tarvitsemme apua kuvaamiseen, editointiin "
        "ja YouTubeen julkaisemiseen.",
        "Vi gör en instruktionsvideo om bibliotekets e-material. Vi behöver hjälp med filmning, "
        "redigering och publicering på YouTube.",
        "We are making a guide video on the library's e-materials and need help with shooting, "
        "editing and publishing on YouTube.",
    ),
    "streaming": Need(
        "streaming",
        120,
        3,
        "Luentosarja halutaan striimata. Tarvitsemme apua laitteiden kytkemisessä ja "
        "harjoituslähetyksessä.",
        "Vi vill streama en föreläsningsserie. Vi behöver hjälp med att koppla utrustningen och "
        "med en provsändning.",
        "We want to stream a lecture series and need help connecting the equipment and running "
        "a test broadcast.",
    ),
    "meetings": Need(
        "online-meetings",
        60,
        4,
        "Henkilöstön infot siirtyvät Teamsiin. Miten kokous järjestetään, tallennetaan ja "
        "jaetaan?",
        "Personalinfon flyttar till Teams. Hur ordnar man ett möte, spelar in det och delar "
        "inspelningen?",
        "Staff briefings are moving to Teams. How do we host a meeting, record it and share the "
        "recording?",
    ),
    "e_audiobooks": Need(
        "e-materials",
        60,
        4,
        "Asiakkaat kysyvät e-äänikirjoista. Tarvitsemme perehdytyksen koko tiimille, jotta "
        "osaamme opastaa.",
        "Kunderna frågar efter e-ljudböcker. Hela teamet behöver en introduktion så att vi kan "
        "handleda dem.",
        "Customers ask about e-audiobooks. The whole team needs an introduction so that we can "
        "guide them.",
    ),
    "tablets": Need(
        "tablets-smartphones",
        90,
        3,
        "Ikäihmisten digiopastusta varten tarvitsemme kertauksen tablettien ja älypuhelinten "
        "yleisimmistä ongelmista.",
        "Inför digihandledningen för äldre behöver vi repetera de vanligaste problemen med "
        "surfplattor och smarttelefoner.",
        "Before our digital help sessions for older people we need a refresher on the most "
        "common tablet and smartphone problems.",
    ),
    "padlet": Need(
        "collaboration-tools",
        60,
        1,
        "Haluamme käyttää Padletia luokan yhteisessä lukuprojektissa. Miten seinä rakennetaan ja "
        "jaetaan turvallisesti?",
        "Vi vill använda Padlet i klassens gemensamma läsprojekt. Hur bygger man väggen och "
        "delar den tryggt?",
        "We want to use Padlet in the class reading project. How do we build the wall and share "
        "it safely?",
    ),
    "tour_360": Need(
        "vr-360",
        90,
        2,
        "Haluamme tehdä 360-kierroksen uudistetusta tilasta. Miten kuvaus ja julkaisu onnistuvat?",
        "Vi vill göra en 360-rundtur i den förnyade lokalen. Hur går fotograferingen och "
        "publiceringen till?",
        "We want to make a 360 tour of our renovated space. How do shooting and publishing work?",
    ),
    "exhibition": Need(
        "online-exhibitions",
        90,
        2,
        "Valokuva-arkiston aineistosta kootaan pieni verkkonäyttely. Tarvitsemme apua "
        "rakenteeseen ja alustan valintaan.",
        "Vi sammanställer en liten nätutställning ur fotoarkivet. Vi behöver hjälp med "
        "strukturen och valet av plattform.",
        "We are putting together a small online exhibition from our photo archive and need help "
        "with its structure and platform.",
    ),
    "photo_rights": Need(
        "copyright-privacy",
        60,
        3,
        "Saako tapahtumassa otettuja kuvia julkaista somessa? Tarvitsemme selkeät ohjeet "
        "luvista ja tietosuojasta.",
        "Får vi publicera bilder från evenemang i sociala medier? Vi behöver tydliga "
        "anvisningar om tillstånd och dataskydd.",
        "May we publish photos taken at events on social media? We need clear guidance on "
        "permissions and privacy.",
    ),
    "source_criticism": Need(
        "information-literacy",
        60,
        1,
        "Kahdeksasluokkalaisille tarvitaan oppitunti lähdekritiikistä ja tekoälyn tuottaman "
        "tiedon arvioinnista.",
        "Åttondeklassarna behöver en lektion i källkritik och i att bedöma AI-genererad "
        "information.",
        "Our eighth-graders need a lesson on source criticism and on judging AI-generated "
        "information.",
    ),
    "safe_internet": Need(
        "youth-safe-internet",
        90,
        1,
        "Nuorisotalolle tarvitaan keskustelutuokio nettikiusaamisesta ja yksityisyydestä "
        "nuorten kanssa.",
        "Ungdomsgården behöver ett samtal med unga om nätmobbning och integritet.",
        "The youth centre needs a discussion session with young people on cyberbullying and "
        "privacy.",
    ),
    "moodle": Need(
        "e-learning",
        90,
        1,
        "Siirrämme uuden henkilöstön perehdytyksen Moodleen. Tarvitsemme apua kurssipohjan "
        "rakentamiseen.",
        "Vi flyttar introduktionen för ny personal till Moodle och behöver hjälp med att bygga "
        "kursmallen.",
        "We are moving the induction of new staff to Moodle and need help building the course "
        "template.",
    ),
    "some_plan": Need(
        "social-media-planning",
        90,
        3,
        "Tarvitsemme kevään somesuunnitelman: kanavat, kohderyhmät ja julkaisukalenterin.",
        "Vi behöver en plan för sociala medier för våren: kanaler, målgrupper och "
        "publiceringskalender.",
        "We need a social-media plan for the spring: channels, audiences and a publishing "
        "calendar.",
    ),
    "forms": Need(
        "google-tools",
        60,
        1,
        "Ilmoittautumislomake ja yhteinen kalenteri pitäisi tehdä Googlen työkaluilla.",
        "Vi ska göra ett anmälningsformulär och en gemensam kalender med Googles verktyg.",
        "We need to build a registration form and a shared calendar with Google tools.",
    ),
    "accessibility": Need(
        "digital-accessibility",
        60,
        2,
        "Miten teemme somejulkaisuista saavutettavia: tekstitykset ja kuvien vaihtoehtoiset "
        "tekstit?",
        "Hur gör vi våra inlägg tillgängliga: textning och alternativtexter för bilder?",
        "How do we make our posts accessible: subtitles and alternative text for images?",
    ),
    "channels": Need(
        "other-social-media",
        60,
        2,
        "Pohdimme, kannattaako yksikön olla LinkedInissä tai Threadsissa. Tarvitsemme sparrausta.",
        "Vi funderar på om enheten ska finnas på LinkedIn eller Threads och behöver någon att "
        "bolla med.",
        "We are wondering whether our unit should be on LinkedIn or Threads and need someone to "
        "think it through with.",
    ),
}

OUTCOMES = {
    "fi": [
        "Kävimme asiat läpi käytännön esimerkein, ja jatko onnistuu omatoimisesti.",
        "Teimme yhdessä ensimmäisen version, ja tiimi jatkaa siitä itse.",
        "Ryhmä harjoitteli perusteet ja sai kirjalliset muistiinpanot tueksi.",
        "Ongelma ratkesi, ja sovimme seurantatapaamisesta tarvittaessa.",
    ],
    "sv": [
        "Vi gick igenom allt med praktiska exempel, och nu klarar de fortsättningen själva.",
        "Vi gjorde den första versionen tillsammans, och teamet fortsätter på egen hand.",
        "Gruppen övade grunderna och fick skriftliga anteckningar som stöd.",
        "Problemet löstes, och vi kom överens om en uppföljning vid behov.",
    ],
    "en": [
        "We went through everything with practical examples, and they can carry on on their own.",
        "We made the first version together, and the team is taking it from there.",
        "The group practised the basics and got written notes to keep.",
        "The problem was solved, and we agreed on a follow-up if needed.",
    ],
}

CANCEL_REASONS = {
    "fi": [
        "Tilaisuus siirtyi kevääseen, joten peruin lainan.",
        "Sairastuin; sovitaan uusi aika myöhemmin.",
    ],
    "sv": [
        "Evenemanget flyttades till våren, så jag avbokade lånet.",
        "Jag blev sjuk; vi bokar en ny tid senare.",
    ],
    "en": [
        "The event moved to the spring, so I cancelled the loan.",
        "I fell ill; we will book a new time later.",
    ],
}

DECLINE_REASONS = {
    "fi": "Minulla on samalla viikolla koulutus, enkä ehdi. Valitse toinen mentori.",
    "sv": "Jag har en utbildning samma vecka och hinner inte. Välj gärna en annan mentor.",
    "en": "I have a training course that week and cannot make it. Please choose another mentor.",
}
