// PGSP 2021-2024 (Plan Global de Sécurité et de Prévention / Globaal Veiligheids- en
// Preventieplan). Source: 2021-2022 implementation report of safe.brussels
// (shared/seeds/000_96e1848d0026ff36.txt).
//
// - Measures: French wording from the report's annex "77 mesures du PGSP" (HTML stripped,
//   whitespace normalised). Known defects flagged with textToVerify (1.3, 8.6, 8.7).
// - Dutch texts are working translations (dutchIsWorkingTranslation), not the official GVPP.
//   Terms are kept consistent across measures until staff confirm them: harcèlement =
//   intimidatie (1.2, 1.5, 1.9), atteintes aux biens = vermogensdelicten (5.2-5.7), authors
//   of violence are "begeleid en behandeld" (1.6), victims "opgevangen".
// - Strategic objectives, action principles and transversal missions: only those the report
//   actually names. The others (the plan has 4 OS, 5 PA, 7 MT) must be entered by staff.
//   OS2/OS3 use the report's own numbering; PA4 is inferred from the report; the report does
//   not number the transversal missions, so MT1-MT6 are provisional codes.
import type { PlanSeed } from "./types";

export const pgsp20212024: PlanSeed = {
  code: "PGSP-2021-2024",
  title: {
    fr: "Plan Global de Sécurité et de Prévention 2021-2024",
    nl: "Globaal Veiligheids- en Preventieplan 2021-2024",
  },
  startYear: 2021,
  endYear: 2024,
  dutchIsWorkingTranslation: true,
  strategicObjectives: [
    {
      code: "OS2",
      title: {
        fr: "Accroître la qualité du service offert par les acteurs de la chaîne de sécurité, de prévention et du secours",
        nl: "De kwaliteit verhogen van de dienstverlening door de actoren van de veiligheids-, preventie- en hulpverleningsketen",
      },
      needsVerification: false,
    },
    {
      code: "OS3",
      title: {
        fr: "Promouvoir la réflexion stratégique, la recherche et la diffusion de connaissance",
        nl: "Strategische reflectie, onderzoek en kennisverspreiding bevorderen",
      },
      needsVerification: false,
    },
  ],
  actionPrinciples: [
    {
      code: "PA4",
      title: {
        fr: "Ancrage territorial",
        nl: "Territoriale verankering",
      },
      needsVerification: false,
      verificationNote:
        "Name quoted in the report (LISA call: principe d'action « Ancrage territorial »). The number 4 is inferred: the report says the LISA antennas fall under the PGSP's 4th action principle (resolution of 18 December 2020, item 23). Check the numbering against the official PGSP.",
    },
  ],
  transversalMissions: [
    {
      code: "MT1",
      title: {
        fr: "Assurer la coordination des acteurs de la prévention, de la sécurité et du secours (prévention, gestion de crise et maintien de l'ordre public) et développer l'approche administrative de la criminalité organisée",
        nl: "Zorgen voor de coördinatie van de actoren van preventie, veiligheid en hulpverlening (preventie, crisisbeheer en handhaving van de openbare orde) en de bestuurlijke aanpak van de georganiseerde criminaliteit ontwikkelen",
      },
      needsVerification: false,
      verificationNote:
        "Wording given twice, identically, in the chapter on safe.brussels' platforms (RadPol, Techno Prévention), without quotation marks; a looser paraphrase appears in section III.a (PGSP p. 41-42). The report does not number the missions: MT1-MT6 are provisional codes (MT1/MT2 follow the PGSP page order p. 41-43; the others follow no source order).",
    },
    {
      code: "MT2",
      title: {
        fr: "Assurer une analyse transversale et systématique pour améliorer l'image de la sécurité et l'évaluation des politiques publiques en la matière",
        nl: "Zorgen voor een transversale en systematische analyse om het veiligheidsbeeld en de evaluatie van het overheidsbeleid ter zake te verbeteren",
      },
      needsVerification: false,
      verificationNote:
        'Wording from the list in section III.b.iii (linked to M1.7). Section III.a paraphrases it with "perception de la sécurité" instead of "image de la sécurité" (PGSP p. 43). Provisional code.',
    },
    {
      code: "MT3",
      title: {
        fr: "Renforcer l'accompagnement des victimes et des auteurs",
        nl: "De begeleiding van slachtoffers en daders versterken",
      },
      needsVerification: false,
      verificationNote:
        "Wording from the list in section III.b.iii (linked to M1.4 and M1.6). Provisional code.",
    },
    {
      code: "MT4",
      title: {
        fr: "Intégrer les aspects de sécurité dans le développement territorial et l'aménagement de l'espace public",
        nl: "Veiligheidsaspecten integreren in de territoriale ontwikkeling en de inrichting van de openbare ruimte",
      },
      needsVerification: false,
      verificationNote:
        'Quoted in the LISA antennas chapter ("Security by design"). Provisional code.',
    },
    {
      code: "MT5",
      title: {
        fr: "Former les acteurs de la chaîne de Sécurité, de Prévention et du Secours et développer des partenariats académiques",
        nl: "De actoren van de veiligheids-, preventie- en hulpverleningsketen opleiden en academische partnerschappen ontwikkelen",
      },
      needsVerification: false,
      verificationNote:
        "Quoted several times (ERIP/Brusafe, ERAP, resolution item 21). Provisional code.",
    },
    {
      code: "MT6",
      title: {
        fr: "Renforcer la cybersécurité et ancrer le développement et l'expertise des technologies de l'information et de la communication",
        nl: "De cyberveiligheid versterken en de ontwikkeling van en de expertise in informatie- en communicatietechnologie verankeren",
      },
      needsVerification: false,
      verificationNote: "Quoted in the regional actors chapter (CIRB/Paradigm). Provisional code.",
    },
  ],
  themes: [
    {
      code: "1",
      title: {
        fr: "Intégrité physique et psychique des personnes",
        nl: "Fysieke en psychische integriteit van personen",
      },
      measures: [
        {
          code: "1.1",
          title: {
            fr: "Assurer la sensibilisation et la formation des acteurs de la prévention et de la sécurité sur les phénomènes couverts par la thématique et sur la manière de les gérer, depuis la prévention et la détection des victimes jusqu'à la prise en charge et l'accompagnement des victimes et auteurs, en privilégiant une approche multidisciplinaire.",
            nl: "Zorgen voor de sensibilisering en de opleiding van de preventie- en veiligheidsactoren over de fenomenen die onder het thema vallen en over de manier om ermee om te gaan, van de preventie en de opsporing van slachtoffers tot de opvang en de begeleiding van slachtoffers en daders, bij voorkeur via een multidisciplinaire aanpak.",
          },
          textToVerify: false,
        },
        {
          code: "1.2",
          title: {
            fr: "Organiser et favoriser la diffusion de campagnes et actions ciblées de communication, de sensibilisation et de prévention concernant la thématique et, avec une attention particulière, à destination des jeunes, sur les phénomènes de (cyber)-haine, -harcèlement et -discriminations ; sur la législation et les possibilités existantes en matière de signalement, plainte et poursuite de faits de discrimination ; sur l'importance du dépôt de plainte et les droits de la victime.",
            nl: "Gerichte communicatie-, sensibiliserings- en preventiecampagnes en -acties rond het thema organiseren en de verspreiding ervan bevorderen, met bijzondere aandacht voor jongeren, over (cyber)haat, (cyber)intimidatie en (cyber)discriminatie; over de wetgeving en de bestaande mogelijkheden inzake melding, klacht en vervolging van discriminatiefeiten; over het belang van het indienen van een klacht en de rechten van het slachtoffer.",
          },
          textToVerify: false,
        },
        {
          code: "1.3",
          title: {
            fr: "En vue de lutter contre les contrôles non motivés, un monitoring des contrôles d'identité effectués et de leur motif est organisé, ainsi que le rassemblement des bonnes pratiques en la matière.",
            nl: "Om ongemotiveerde controles tegen te gaan, wordt een monitoring van de uitgevoerde identiteitscontroles en van de reden ervan georganiseerd, en worden de goede praktijken ter zake verzameld.",
          },
          textToVerify: true,
          verificationNote:
            'The annex ("77 mesures du PGSP") of the 2021-2022 implementation report repeats the text of 1.2 for 1.3. This wording comes from section III.a of the same report (resolution of 18 December 2020, "Lien avec le PGSP"), where it is quoted as "M.1.3"; the trailing ";" was replaced by a full stop. Check against the official PGSP 2021-2024.',
        },
        {
          code: "1.4",
          title: {
            fr: "En matière de violences intrafamiliales et de violences sexuelles, assurer la continuité et la coordination dans la détection et la prise en charge des victimes en offrant des modalités d'accueil et de soutien à bas seuil d'accès, en favorisant leur mise en sécurité, et en garantissant le suivi interdisciplinaire des différents aspects de la situation.",
            nl: "Inzake intrafamiliaal geweld en seksueel geweld zorgen voor continuïteit en coördinatie bij de opsporing en de opvang van slachtoffers door laagdrempelige opvang en ondersteuning aan te bieden, hun veiligheid te bevorderen en de interdisciplinaire opvolging van de verschillende aspecten van de situatie te waarborgen.",
          },
          textToVerify: false,
        },
        {
          code: "1.5",
          title: {
            fr: "Améliorer la détection et intensifier la politique de recherche et de poursuite des faits de harcèlement, discours de haine et de discriminations en ligne et hors ligne (notamment en matière d'embauche et de logement), et favoriser la prise en charge des victimes.",
            nl: "De opsporing verbeteren en het opsporings- en vervolgingsbeleid opdrijven voor feiten van intimidatie, haatspraak en discriminatie online en offline (met name inzake aanwerving en huisvesting), en de opvang van slachtoffers bevorderen.",
          },
          textToVerify: false,
        },
        {
          code: "1.6",
          title: {
            fr: "Favoriser l'accompagnement et la prise en charge (y compris de manière préventive) des auteurs de violences sur les plans psychologique, administratif et judiciaire le cas échéant, en prêtant une attention particulière à la période de transition que constitue la sortie de prison et la réinsertion.",
            nl: "De begeleiding en de behandeling (ook preventief) van plegers van geweld op psychologisch, administratief en in voorkomend geval gerechtelijk vlak bevorderen, met bijzondere aandacht voor de overgangsperiode van de vrijlating uit de gevangenis en de re-integratie.",
          },
          textToVerify: false,
        },
        {
          code: "1.7",
          title: {
            fr: "Affiner l'image (quantitative et qualitative) des phénomènes par la récolte de données – permettant de réduire le sous rapportage des violences (notamment eu regard du genre) - le développement et le suivi d'indicateurs, ainsi que l'élaboration d'analyses afin d'identifier les réponses les plus adaptées",
            nl: "Het (kwantitatieve en kwalitatieve) beeld van de fenomenen verfijnen door gegevens te verzamelen – om de onderrapportering van geweld te verminderen (met name op het vlak van gender) –, indicatoren te ontwikkelen en op te volgen en analyses uit te voeren om de meest geschikte antwoorden te bepalen.",
          },
          textToVerify: false,
        },
        {
          code: "1.8",
          title: {
            fr: "Mener une recherche-action sur le trajet d'une plainte et/ou d'un signalement jusqu'à sa judiciarisation afin d'identifier les améliorations possibles (du « front office » au moment du dépôt de la plainte/du signalement, en passant par la nomenclature jusqu'à la sanction des auteurs et l'accompagnement des victimes).",
            nl: "Een actieonderzoek voeren naar het traject van een klacht en/of een melding tot aan de gerechtelijke behandeling ervan, om mogelijke verbeteringen vast te stellen (van de 'front office' bij het indienen van de klacht/melding, via de nomenclatuur, tot de bestraffing van de daders en de begeleiding van de slachtoffers).",
          },
          textToVerify: false,
        },
        {
          code: "1.9",
          title: {
            fr: "Promouvoir une conceptualisation et une occupation responsable, partagée et inclusive de l'espace public, visant à lutter contre les phénomènes de violences physiques, de harcèlement et de discriminations",
            nl: "Een verantwoorde, gedeelde en inclusieve invulling en inrichting van de openbare ruimte bevorderen om fysiek geweld, intimidatie en discriminatie tegen te gaan.",
          },
          textToVerify: false,
        },
      ],
    },
    {
      code: "2",
      title: { fr: "Polarisation et radicalisation", nl: "Polarisering en radicalisering" },
      measures: [
        {
          code: "2.1",
          title: {
            fr: "Renforcer la formation multidisciplinaire de l'ensemble des acteurs concernées afin de valoriser l'expertise du terrain, de perpétuer la mise en réseau, de stimuler des échanges de bonnes pratiques.",
            nl: "De multidisciplinaire opleiding van alle betrokken actoren versterken om de terreinexpertise te valoriseren, de netwerking te bestendigen en de uitwisseling van goede praktijken te stimuleren.",
          },
          textToVerify: false,
        },
        {
          code: "2.2",
          title: {
            fr: "Soutenir l'élaboration des initiatives et des campagnes de sensibilisation afin de prévenir les dynamiques de polarisation individuelle et groupale, de renforcer la résilience aux idéologies radicales et l'esprit critique.",
            nl: "De uitwerking van initiatieven en sensibiliseringscampagnes ondersteunen om polarisering bij individuen en groepen te voorkomen, de weerbaarheid tegen radicale ideologieën te versterken en het kritisch denken te stimuleren.",
          },
          textToVerify: false,
        },
        {
          code: "2.3",
          title: {
            fr: "Le développement d'initiatives et de campagnes visant à promouvoir la confiance et le respect réciproque entre la police et les citoyens, comme le monitoring systématique des processus sociaux et des méthodes de police influant sur la relation entre la police et les citoyens, ainsi que les rencontres systématiques entre services de sécurité et (organisations de) citoyens",
            nl: "De ontwikkeling van initiatieven en campagnes om het wederzijds vertrouwen en respect tussen politie en burgers te bevorderen, zoals de systematische monitoring van de sociale processen en de politiemethoden die de relatie tussen politie en burgers beïnvloeden, en systematische ontmoetingen tussen veiligheidsdiensten en (organisaties van) burgers.",
          },
          textToVerify: false,
        },
        {
          code: "2.4",
          title: {
            fr: "Promouvoir la communication des initiatives existantes à l'attention du public dans un souci de renforcer le lien avec les citoyen.ne.s et le sentiment de sécurité.",
            nl: "De communicatie over bestaande initiatieven naar het publiek bevorderen om de band met de burgers en het veiligheidsgevoel te versterken.",
          },
          textToVerify: false,
        },
        {
          code: "2.5",
          title: {
            fr: "Assurer une prise en charge et relai adaptés des individus ou groupes d'individus concernés par le phénomène de la radicalisation auteurs et victimes potentiels avec une attention particulière aux groupes cibles vulnérables.",
            nl: "Zorgen voor een gepaste opvang en doorverwijzing van personen of groepen die betrokken zijn bij het fenomeen radicalisering, als potentiële daders en slachtoffers, met bijzondere aandacht voor kwetsbare doelgroepen.",
          },
          textToVerify: false,
        },
        {
          code: "2.6",
          title: {
            fr: "Optimiser les actions locales par un système de coordination de projets. Une attention spécifique sera portée dans ce cadre aux violences à l'encontre des acteurs de la prévention, de la sécurité et du secours.",
            nl: "De lokale acties optimaliseren via een systeem van projectcoördinatie. Daarbij gaat bijzondere aandacht naar geweld tegen actoren van preventie, veiligheid en hulpverlening.",
          },
          textToVerify: false,
        },
        {
          code: "2.7",
          title: {
            fr: "Travailler au développement de procédures d'évaluation et de plainte accessibles afin que les citoyens puissent facilement évaluer le travail des services de police (notamment en ligne) et déposer plainte pour des intervention de police qu'ils jugent non justifiées ou disproportionnées.",
            nl: "Werken aan de ontwikkeling van toegankelijke evaluatie- en klachtenprocedures, zodat burgers het werk van de politiediensten gemakkelijk kunnen evalueren (met name online) en klacht kunnen indienen tegen politieoptredens die zij ongerechtvaardigd of onevenredig vinden.",
          },
          textToVerify: false,
        },
        {
          code: "2.8",
          title: {
            fr: "Produire une image affinée des phénomènes dans leur résonance bruxelloise et mettre des analyses thématiques à disposition des autorités locales afin de permettre des mesures adaptées et équilibrées.",
            nl: "Een verfijnd beeld opstellen van de fenomenen en hun weerklank in Brussel, en thematische analyses ter beschikking stellen van de lokale overheden om aangepaste en evenwichtige maatregelen mogelijk te maken.",
          },
          textToVerify: false,
        },
      ],
    },
    {
      code: "3",
      title: { fr: "Drogues et assuétudes", nl: "Drugs en verslavingen" },
      measures: [
        {
          code: "3.1",
          title: {
            fr: "Renforcer des dispositifs d'accompagnateurs sociaux mobiles à destination des usagers de drogues souffrant d'exclusion sociale.",
            nl: "De voorzieningen van mobiele maatschappelijke begeleiders voor sociaal uitgesloten druggebruikers versterken.",
          },
          textToVerify: false,
        },
        {
          code: "3.2",
          title: {
            fr: "Constituer un répertoire actualisé des structures spécialisées en promotion de la santé et en prévention des assuétudes à destination des services non spécialisés.",
            nl: "Een geactualiseerd repertorium aanleggen van de gespecialiseerde structuren voor gezondheidsbevordering en verslavingspreventie, ten behoeve van niet-gespecialiseerde diensten.",
          },
          textToVerify: false,
        },
        {
          code: "3.3",
          title: {
            fr: "Poursuivre le déploiement et le renforcement de l'offre de formation multidisciplinaire afin de capitaliser sur l'expertise existante au sein de la Région et de contribuer aux échanges et expériences entre acteurs de terrain.",
            nl: "Het multidisciplinaire opleidingsaanbod verder uitrollen en versterken om voort te bouwen op de bestaande expertise in het Gewest en bij te dragen tot de uitwisseling van ervaringen tussen terreinactoren.",
          },
          textToVerify: false,
        },
        {
          code: "3.4",
          title: {
            fr: "Organiser des campagnes de communication et de prévention liées à la thématique, ainsi que développer et renforcer la sensibilisation des consommateurs.",
            nl: "Communicatie- en preventiecampagnes rond het thema organiseren en de sensibilisering van gebruikers ontwikkelen en versterken.",
          },
          textToVerify: false,
        },
        {
          code: "3.5",
          title: {
            fr: "Améliorer la détection rapide et l'identification des producteurs (par exemple de cannabis) sur le territoire de la Région de Bruxelles-Capitale.",
            nl: "De snelle opsporing en identificatie van producenten (bijvoorbeeld van cannabis) op het grondgebied van het Brussels Hoofdstedelijk Gewest verbeteren.",
          },
          textToVerify: false,
        },
        {
          code: "3.6",
          title: {
            fr: "Diagnostiquer les besoins relatifs à une approche des marchés locaux de la drogue via internet.",
            nl: "De behoeften in kaart brengen voor een aanpak van de lokale drugsmarkten via het internet.",
          },
          textToVerify: false,
        },
        {
          code: "3.7",
          title: {
            fr: "Poursuivre la mise en réseau des équipes de recherche bruxelloises dans le domaine de drogues afin de développer l'expertise pour orienter la politique et améliorer la connaissance des produits en circulation.",
            nl: "De netwerking van de Brusselse onderzoeksteams op het vlak van drugs voortzetten om expertise op te bouwen die het beleid kan sturen en de kennis van de circulerende producten te verbeteren.",
          },
          textToVerify: false,
        },
        {
          code: "3.8",
          title: {
            fr: "Mettre en place et diversifier l'offre de prise en charge à destination des personnes souffrant d'assuétudes et renforcer l'accompagnement des usagers.",
            nl: "Het zorg- en opvangaanbod voor personen met een verslaving uitbouwen en diversifiëren en de begeleiding van gebruikers versterken.",
          },
          textToVerify: false,
        },
        {
          code: "3.9",
          title: {
            fr: "Affiner la connaissance et l'image des assuétudes en lien avec la sécurité et le sentiment de sécurité par la récolte de données, le développement et le suivi d'indicateurs et l'élaboration d'analyses permettant d'identifier des réponses adaptées.",
            nl: "De kennis en het beeld van verslavingen in relatie tot veiligheid en veiligheidsgevoel verfijnen door gegevens te verzamelen, indicatoren te ontwikkelen en op te volgen en analyses uit te voeren om gepaste antwoorden te bepalen.",
          },
          textToVerify: false,
        },
      ],
    },
    {
      code: "4",
      title: { fr: "Traite et trafic des êtres humains", nl: "Mensenhandel en mensensmokkel" },
      measures: [
        {
          code: "4.1",
          title: {
            fr: "Renforcer la lutte contre la mendicité organisée.",
            nl: "De strijd tegen georganiseerde bedelarij versterken.",
          },
          textToVerify: false,
        },
        {
          code: "4.2",
          title: {
            fr: "Poursuivre le déploiement et le renforcement de l'offre de formation multidisciplinaire afin de capitaliser sur l'expertise existante au sein de la Région et de contribuer aux échanges et expériences entre acteurs de terrain.",
            nl: "Het multidisciplinaire opleidingsaanbod verder uitrollen en versterken om voort te bouwen op de bestaande expertise in het Gewest en bij te dragen tot de uitwisseling van ervaringen tussen terreinactoren.",
          },
          textToVerify: false,
        },
        {
          code: "4.3",
          title: {
            fr: "Organiser des campagnes de communication et de sensibilisation ainsi que des campagnes de prévention.",
            nl: "Communicatie- en sensibiliseringscampagnes en preventiecampagnes organiseren.",
          },
          textToVerify: false,
        },
        {
          code: "4.4",
          title: {
            fr: "Développer une collaboration autour de la problématique des marchands de sommeil entre les différents services compétents afin de fluidifier l'échange d'information.",
            nl: "Een samenwerking tussen de verschillende bevoegde diensten ontwikkelen rond de problematiek van huisjesmelkers, om de informatie-uitwisseling vlotter te laten verlopen.",
          },
          textToVerify: false,
        },
        {
          code: "4.5",
          title: {
            fr: "Renforcer la lutte contre les infractions de droit pénal social.",
            nl: "De strijd tegen inbreuken op het sociaal strafrecht versterken.",
          },
          textToVerify: false,
        },
        {
          code: "4.6",
          title: {
            fr: "Affiner l'image, de la traite et du trafic des êtres humains au niveau régional, en développant les synergies entre BPS et les acteurs concernés",
            nl: "Het beeld van mensenhandel en mensensmokkel op gewestelijk niveau verfijnen door synergieën te ontwikkelen tussen BPV en de betrokken actoren.",
          },
          textToVerify: false,
        },
        {
          code: "4.7",
          title: {
            fr: "Harmoniser et développer les approches en matière de prostitution et sur l'espace public et sur internet.",
            nl: "De benaderingen inzake prostitutie, zowel in de openbare ruimte als op het internet, harmoniseren en verder ontwikkelen.",
          },
          textToVerify: false,
        },
        {
          code: "4.8",
          title: {
            fr: "Développer une approche coordonnée en matière de lutte contre la traite à des fins d'exploitation sexuelle.",
            nl: "Een gecoördineerde aanpak ontwikkelen in de strijd tegen mensenhandel met het oog op seksuele uitbuiting.",
          },
          textToVerify: false,
        },
        {
          code: "4.9",
          title: {
            fr: "Améliorer la prise en charge des victimes de traite et de trafic des êtres humains.",
            nl: "De opvang van slachtoffers van mensenhandel en mensensmokkel verbeteren.",
          },
          textToVerify: false,
        },
        {
          code: "4.10",
          title: {
            fr: "Faciliter l'enregistrement des données et les opérations de contrôle utiles à la lutte contre la traite et le trafic des êtres humains.",
            nl: "De gegevensregistratie en de controleacties die nuttig zijn in de strijd tegen mensenhandel en mensensmokkel vergemakkelijken.",
          },
          textToVerify: false,
        },
      ],
    },
    {
      code: "5",
      title: { fr: "Atteintes aux biens", nl: "Aantasting van goederen" },
      measures: [
        {
          code: "5.1",
          title: {
            fr: "Poursuivre l'optimisation de la présence visible et dissuasive du personnel de sécurité dans l'espace public et sur le réseau de transport en commun afin de prévenir les phénomènes tels que le vol, l'extorsion, les dommages aux biens mobiliers et immobiliers.",
            nl: "De zichtbare en ontradende aanwezigheid van veiligheidspersoneel in de openbare ruimte en op het openbaarvervoernetwerk verder optimaliseren om fenomenen zoals diefstal, afpersing en schade aan roerende en onroerende goederen te voorkomen.",
          },
          textToVerify: false,
        },
        {
          code: "5.2",
          title: {
            fr: "Améliorer l'organisation de l'espace public dans le but de décourager les auteurs d'atteintes aux biens et d'améliorer la sécurité et le sentiment de sécurité des citoyen.ne.s.",
            nl: "De inrichting van de openbare ruimte verbeteren om plegers van vermogensdelicten te ontmoedigen en de veiligheid en het veiligheidsgevoel van de burgers te verbeteren.",
          },
          textToVerify: false,
        },
        {
          code: "5.3",
          title: {
            fr: "Poursuivre le déploiement et le renforcement de l'offre de formation multidisciplinaire portant sur les différents phénomènes d'atteintes aux biens afin de capitaliser sur l'expertise existante au sein de la Région et de contribuer aux échanges de bonnes pratiques entre acteurs de terrain.",
            nl: "Het multidisciplinaire opleidingsaanbod over de verschillende soorten vermogensdelicten verder uitrollen en versterken om voort te bouwen op de bestaande expertise in het Gewest en bij te dragen tot de uitwisseling van goede praktijken tussen terreinactoren.",
          },
          textToVerify: false,
        },
        {
          code: "5.4",
          title: {
            fr: "Développer des campagnes de sensibilisation et d'information visant à associer plus étroitement les citoyen.ne.s à la prévention de phénomènes spécifiques d'atteinte aux biens.",
            nl: "Sensibiliserings- en informatiecampagnes ontwikkelen om de burgers nauwer te betrekken bij de preventie van specifieke soorten vermogensdelicten.",
          },
          textToVerify: false,
        },
        {
          code: "5.5",
          title: {
            fr: "Renforcer une approche coordonnée pour lutter contre le vol de vélos.",
            nl: "Een gecoördineerde aanpak van fietsdiefstal versterken.",
          },
          textToVerify: false,
        },
        {
          code: "5.6",
          title: {
            fr: "Étendre la possibilité de signaler par voie numérique les atteintes aux biens afin d'abaisser le seuil d'accès au dépôt de plainte, de faciliter un suivi proactif des plaintes déposées et de permettre une professionnalisation accrue de l'aide aux victimes ainsi que d'améliorer la géolocalisation des phénomènes, des modes opératoires et des zones à risque.",
            nl: "De mogelijkheid uitbreiden om vermogensdelicten digitaal te melden, om de drempel voor het indienen van een klacht te verlagen, een proactieve opvolging van de ingediende klachten te vergemakkelijken, de slachtofferhulp verder te professionaliseren en de geolokalisatie van fenomenen, werkwijzen en risicozones te verbeteren.",
          },
          textToVerify: false,
        },
        {
          code: "5.7",
          title: {
            fr: "Affiner l'image des tendances en matière d'atteintes aux biens et produire des analyses afin de pouvoir ajuster les politiques publiques de manière appropriée.",
            nl: "Het beeld van de tendensen inzake vermogensdelicten verfijnen en analyses opstellen om het overheidsbeleid gepast te kunnen bijsturen.",
          },
          textToVerify: false,
        },
      ],
    },
    {
      code: "6",
      title: { fr: "Mobilité et sécurité routière", nl: "Mobiliteit en verkeersveiligheid" },
      measures: [
        {
          code: "6.1",
          title: {
            fr: "Prioriser une approche coordonnée autour des nuisances, la criminalité et d'autres problématiques de sûreté sur le réseau de transport public, en stations et dans les arrêts des transports en commun et ses infrastructures.",
            nl: "Voorrang geven aan een gecoördineerde aanpak van overlast, criminaliteit en andere veiligheidsproblemen op het openbaarvervoernetwerk, in de stations en aan de haltes van het openbaar vervoer en de bijbehorende infrastructuur.",
          },
          textToVerify: false,
        },
        {
          code: "6.2",
          title: {
            fr: "Promouvoir des bonnes pratiques en terme de rénovation et aménagement des infrastructures (voiries/espaces publics) afin de faciliter et sécuriser la coexistence d'une pluralité d'usagers de réseaux de transport et à partager l'espace public.",
            nl: "Goede praktijken bevorderen inzake de renovatie en de inrichting van infrastructuur (wegen/openbare ruimte) om het samengaan van verschillende gebruikers van de vervoersnetwerken en het delen van de openbare ruimte te vergemakkelijken en veiliger te maken.",
          },
          textToVerify: false,
        },
        {
          code: "6.3",
          title: {
            fr: "Assurer la formation des acteurs de la prévention et de la sécurité en privilégiant une approche multidisciplinaire des phénomènes couverts par la thématique et sur la manière de les gérer, depuis la prévention et la détection des victimes jusqu'à la prise en charge et l'accompagnement des victimes et auteurs.",
            nl: "Zorgen voor de opleiding van de preventie- en veiligheidsactoren via een multidisciplinaire aanpak van de fenomenen die onder het thema vallen en van de manier om ermee om te gaan, van de preventie en de opsporing van slachtoffers tot de opvang en de begeleiding van slachtoffers en daders.",
          },
          textToVerify: false,
        },
        {
          code: "6.4",
          title: {
            fr: "Organiser des campagnes de communication et de sensibilisation ciblées (professionnels, jeunes, aînés, etc.) en matière de comportements à risque, mobilité et autres dangers sur la route.",
            nl: "Gerichte communicatie- en sensibiliseringscampagnes organiseren (professionals, jongeren, ouderen, enz.) over risicogedrag, mobiliteit en andere gevaren op de weg.",
          },
          textToVerify: false,
        },
        {
          code: "6.5",
          title: {
            fr: "Améliorer la chaîne contrôle-sanction des infractions au Code de la route afin de fluidifier le suivi par le Parquet et le Tribunal et développer des sanctions alternatives en cas d'infraction grave.",
            nl: "De keten controle-sanctie van overtredingen van de wegcode verbeteren om de opvolging door het parket en de rechtbank vlotter te laten verlopen, en alternatieve sancties ontwikkelen bij ernstige overtredingen.",
          },
          textToVerify: false,
        },
        {
          code: "6.6",
          title: {
            fr: "Affiner l'image des phénomènes en rapport avec la thématique par la mise en œuvre et le suivi d'indicateurs en développant les synergies entre BPS et les parties prenantes en matière de mobilité.",
            nl: "Het beeld van de fenomenen die verband houden met het thema verfijnen door indicatoren in te voeren en op te volgen en synergieën te ontwikkelen tussen BPV en de belanghebbenden op het vlak van mobiliteit.",
          },
          textToVerify: false,
        },
        {
          code: "6.7",
          title: {
            fr: "Développer une approche régionale en termes de problèmes de sécurité et de sentiment d'insécurité liés aux nouvelles formes de mobilité.",
            nl: "Een gewestelijke aanpak ontwikkelen voor de veiligheidsproblemen en het onveiligheidsgevoel die verband houden met nieuwe vormen van mobiliteit.",
          },
          textToVerify: false,
        },
        {
          code: "6.8",
          title: {
            fr: "Améliorer la prise en charge des personnes impliquées, directement ou indirectement, dans les accidents de la route et renforcer le suivi des auteurs d'infractions routières.",
            nl: "De opvang verbeteren van personen die rechtstreeks of onrechtstreeks betrokken zijn bij verkeersongevallen, en de opvolging van plegers van verkeersovertredingen versterken.",
          },
          textToVerify: false,
        },
        {
          code: "6.9",
          title: {
            fr: "Renforcer et intégrer les différents dispositifs d'accompagnement, d'orientation et de prise en charge des personnes sans-abris et mendiants présentes sur les réseaux de transport en RBC.",
            nl: "De verschillende voorzieningen voor begeleiding, doorverwijzing en opvang van daklozen en bedelaars op de vervoersnetwerken in het BHG versterken en integreren.",
          },
          textToVerify: false,
        },
      ],
    },
    {
      code: "7",
      title: { fr: "Environnement et incivilités", nl: "Leefmilieu en overlast" },
      measures: [
        {
          code: "7.1",
          title: {
            fr: "Optimaliser la présence visible des différents acteurs de prévention et sécurité au niveau local sur base d'une analyse des besoins selon l'heure de la journée et nuit et d'une concertation entre ces services, afin de prévenir et diminuer les incivilités et de renforcer le sentiment de sécurité.",
            nl: "De zichtbare aanwezigheid van de verschillende preventie- en veiligheidsactoren op lokaal niveau optimaliseren op basis van een behoefteanalyse volgens het tijdstip van de dag en de nacht en van overleg tussen die diensten, om overlast te voorkomen en te verminderen en het veiligheidsgevoel te versterken.",
          },
          textToVerify: false,
        },
        {
          code: "7.2",
          title: {
            fr: "Promouvoir des bonnes pratiques en terme de rénovation et aménagement urbains afin de renforcer la convivialité et la sécurité pour tous dans les parcs et espaces verts bruxellois.",
            nl: "Goede praktijken bevorderen inzake stadsrenovatie en stedelijke inrichting om de gezelligheid en de veiligheid voor iedereen in de Brusselse parken en groene ruimten te versterken.",
          },
          textToVerify: false,
        },
        {
          code: "7.3",
          title: {
            fr: "Assurer la formation des acteurs de la prévention et de la sécurité sur les phénomènes couverts par la thématique et sur la manière de les gérer, en privilégiant une approche multidisciplinaire.",
            nl: "Zorgen voor de opleiding van de preventie- en veiligheidsactoren over de fenomenen die onder het thema vallen en over de manier om ermee om te gaan, bij voorkeur via een multidisciplinaire aanpak.",
          },
          textToVerify: false,
        },
        {
          code: "7.4",
          title: {
            fr: "Organiser des campagnes de communication et de sensibilisation liées à la thématique ou sur les bons gestes à avoir pour un espace public agréable, ainsi que des campagnes de prévention des incivilités et infractions environnementales.",
            nl: "Communicatie- en sensibiliseringscampagnes organiseren rond het thema of over de juiste gewoonten voor een aangename openbare ruimte, alsook campagnes ter voorkoming van overlast en milieu-inbreuken.",
          },
          textToVerify: false,
        },
        {
          code: "7.5",
          title: {
            fr: "Promouvoir les actions de contrôle conjointes (Région/zones de police/communes) et l'usage des nouvelles technologies pour la recherche et la poursuite des infractions en matière environnementale.",
            nl: "Gezamenlijke controleacties (Gewest/politiezones/gemeenten) en het gebruik van nieuwe technologieën voor de opsporing en vervolging van milieu-inbreuken bevorderen.",
          },
          textToVerify: false,
        },
        {
          code: "7.6",
          title: {
            fr: "Affiner l'image quantitative et qualitative des incivilités dans l'espace public et des infractions liées au cadre de vie et produire des analyses en développant les synergies entre BPS et les acteurs concernés.",
            nl: "Het kwantitatieve en kwalitatieve beeld van overlast in de openbare ruimte en van inbreuken op de leefomgeving verfijnen en analyses opstellen door synergieën te ontwikkelen tussen BPV en de betrokken actoren.",
          },
          textToVerify: false,
        },
        {
          code: "7.7",
          title: {
            fr: "Favoriser les mesures alternatives de type médiation et prestation citoyenne afin de répondre aux incivilités en responsabilisant les auteurs et en dédommageant les victimes.",
            nl: "Alternatieve maatregelen zoals bemiddeling en gemeenschapsdienst bevorderen om overlast aan te pakken door de daders te responsabiliseren en de slachtoffers te vergoeden.",
          },
          textToVerify: false,
        },
        {
          code: "7.8",
          title: {
            fr: "Soutenir les acteurs de la sécurité et de la prévention afin d'assurer l'adéquation de leurs prérogatives et la mise à disposition des équipements nécessaires à l'exécution de leur mission de lutte contre les incivilités, ainsi qu'à l'adaptation de leurs propres équipements afin d'en réduire les nuisances environnementales.",
            nl: "De veiligheids- en preventieactoren ondersteunen zodat hun bevoegdheden aangepast zijn en de uitrusting beschikbaar is die nodig is voor hun opdracht in de strijd tegen overlast, en hun eigen uitrusting aanpassen om de milieuhinder ervan te beperken.",
          },
          textToVerify: false,
        },
      ],
    },
    {
      code: "8",
      title: { fr: "Trafic et fraude", nl: "Illegale handel en fraude" },
      measures: [
        {
          code: "8.1",
          title: {
            fr: "Assurer le contrôle de la détention, de la revente et du recel des biens commercialisables au niveau local et supralocal (hors ligne et en ligne).",
            nl: "Zorgen voor de controle op het bezit, de doorverkoop en de heling van verhandelbare goederen op lokaal en bovenlokaal niveau (offline en online).",
          },
          textToVerify: false,
        },
        {
          code: "8.2",
          title: {
            fr: "Dans la lutte contre la fraude et le trafic, développer une approche holistique afin de fluidifier l'échange d'informations et d'optimiser la concertation stratégique entre les services administratifs et judiciaire en vue de dissuader et/ou perturber la criminalité organisée.",
            nl: "In de strijd tegen fraude en illegale handel een holistische aanpak ontwikkelen om de informatie-uitwisseling vlotter te laten verlopen en het strategisch overleg tussen de administratieve en gerechtelijke diensten te optimaliseren, om de georganiseerde criminaliteit te ontraden en/of te verstoren.",
          },
          textToVerify: false,
        },
        {
          code: "8.3",
          title: {
            fr: "Poursuivre le déploiement et le renforcement de l'offre de formation multidisciplinaire pour les autorités locales et supralocales afin de capitaliser sur l'expertise existante au sein de la Région et de contribuer aux échanges et expériences entre acteurs de terrain.",
            nl: "Het multidisciplinaire opleidingsaanbod voor de lokale en bovenlokale overheden verder uitrollen en versterken om voort te bouwen op de bestaande expertise in het Gewest en bij te dragen tot de uitwisseling van ervaringen tussen terreinactoren.",
          },
          textToVerify: false,
        },
        {
          code: "8.4",
          title: {
            fr: "Organiser des campagnes de communication et de sensibilisation liés à la criminalité organisée et développer des campagnes de prévention sur l'importance de la cybersécurité.",
            nl: "Communicatie- en sensibiliseringscampagnes organiseren over georganiseerde criminaliteit en preventiecampagnes ontwikkelen over het belang van cyberveiligheid.",
          },
          textToVerify: false,
        },
        {
          code: "8.5",
          title: {
            fr: "Développer un centre de connaissances et des partenariats avec des universités sur le sujet de la cybercriminalité, la cybersécurité et la cyber-résilience afin d'élargir l'expertise et de soutenir le réseautage au sein de la Région.",
            nl: "Een kenniscentrum en partnerschappen met universiteiten ontwikkelen rond cybercriminaliteit, cyberveiligheid en cyberweerbaarheid om de expertise te verbreden en de netwerking binnen het Gewest te ondersteunen.",
          },
          textToVerify: false,
        },
        {
          code: "8.6",
          title: {
            fr: "Renforcer les capacités de recherche et de poursuites efficaces sur le darknet et le deepweb afin notamment de lutter de manière proactive contre le développement de divers phénomènes criminels.",
            nl: "De capaciteit voor doeltreffende opsporing en vervolging op het darknet en het deep web versterken, met name om de ontwikkeling van diverse criminele fenomenen proactief tegen te gaan.",
          },
          textToVerify: true,
          verificationNote:
            "In the annex of the 2021-2022 implementation report, 8.6 and 8.7 carry exactly the same text (darknet/deepweb). The annex text is kept for both; at least one of the two is probably wrong. Check against the official PGSP 2021-2024.",
        },
        {
          code: "8.7",
          title: {
            fr: "Renforcer les capacités de recherche et de poursuites efficaces sur le darknet et le deepweb afin notamment de lutter de manière proactive contre le développement de divers phénomènes criminels.",
            nl: "De capaciteit voor doeltreffende opsporing en vervolging op het darknet en het deep web versterken, met name om de ontwikkeling van diverse criminele fenomenen proactief tegen te gaan.",
          },
          textToVerify: true,
          verificationNote:
            "In the annex of the 2021-2022 implementation report, 8.6 and 8.7 carry exactly the same text (darknet/deepweb). The annex text is kept for both; at least one of the two is probably wrong. Check against the official PGSP 2021-2024.",
        },
        {
          code: "8.8",
          title: {
            fr: "Veiller à une bonne prise en charge des victimes des actes de cybercriminalité.",
            nl: "Zorgen voor een goede opvang van slachtoffers van cybercriminaliteit.",
          },
          textToVerify: false,
        },
      ],
    },
    {
      code: "9",
      title: { fr: "Gestion de crise et résilience", nl: "Crisisbeheer en weerbaarheid" },
      measures: [
        {
          code: "9.1",
          title: {
            fr: "Promouvoir des bonnes pratiques afin de renforcer la résilience de la population lors de situation d'urgences.",
            nl: "Goede praktijken bevorderen om de weerbaarheid van de bevolking in noodsituaties te versterken.",
          },
          textToVerify: false,
        },
        {
          code: "9.2",
          title: {
            fr: "Promouvoir des bonnes pratiques en terme de rénovation et aménagement des infrastructures afin de renforcer la résilience urbaine contre des menaces émergentes.",
            nl: "Goede praktijken bevorderen inzake de renovatie en de inrichting van infrastructuur om de stedelijke weerbaarheid tegen nieuwe dreigingen te versterken.",
          },
          textToVerify: false,
        },
        {
          code: "9.3",
          title: {
            fr: "Organiser des campagnes de prévention aux citoyen.ne.s sur les bons gestes à avoir en cas de situation de crise et d'urgence.",
            nl: "Preventiecampagnes organiseren voor de burgers over de juiste handelingen bij crisis- en noodsituaties.",
          },
          textToVerify: false,
        },
        {
          code: "9.4",
          title: {
            fr: 'Consolider la "chaîne de sécurité bruxelloise" aux secteurs de la planification d\'urgence et de la gestion de crise.',
            nl: "De 'Brusselse veiligheidsketen' consolideren in de sectoren noodplanning en crisisbeheer.",
          },
          textToVerify: false,
        },
        {
          code: "9.5",
          title: {
            fr: "Améliorer la prise en charge des impliqués et intervenants.",
            nl: "De opvang van betrokkenen en hulpverleners verbeteren.",
          },
          textToVerify: false,
        },
        {
          code: "9.6",
          title: {
            fr: "Développer une approche de contrôle et une méthodologie d'inspection des itinéraires des convois de transport exceptionnel et de produits dangereux.",
            nl: "Een controleaanpak en een inspectiemethodologie ontwikkelen voor de trajecten van uitzonderlijke transporten en van transporten van gevaarlijke stoffen.",
          },
          textToVerify: false,
        },
        {
          code: "9.7",
          title: {
            fr: "Identifier et mettre en œuvre des outils informatiques pour la préparation et gestion des grandes événements et situations de crise et d'urgence.",
            nl: "Informaticatools identificeren en invoeren voor de voorbereiding en het beheer van grote evenementen en van crisis- en noodsituaties.",
          },
          textToVerify: false,
        },
        {
          code: "9.8",
          title: {
            fr: "Elargir l'offre de formations et d'exercices pratiques proposée par Brusafe (Erap, etc.) afin de capitaliser sur l'expertise existante au sein de la Région et de contribuer aux échanges et expériences entre acteurs de terrain.",
            nl: "Het aanbod aan opleidingen en praktijkoefeningen van Brusafe (GSOB, enz.) uitbreiden om voort te bouwen op de bestaande expertise in het Gewest en bij te dragen tot de uitwisseling van ervaringen tussen terreinactoren.",
          },
          textToVerify: false,
        },
        {
          code: "9.9",
          title: {
            fr: "Suivre les évolutions contextuelles (démographique, sociale, économique, urbaine, environnementale et de mobilité) de la vulnérabilité aux situations de crise et leurs liens avec le sentiment de sécurité des citoyens.",
            nl: "De contextuele evoluties (demografisch, sociaal, economisch, stedelijk, ecologisch en op het vlak van mobiliteit) van de kwetsbaarheid voor crisissituaties en hun verband met het veiligheidsgevoel van de burgers opvolgen.",
          },
          textToVerify: false,
        },
      ],
    },
  ],
};
