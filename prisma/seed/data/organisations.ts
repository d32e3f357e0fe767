// Partner organisations for the demo seed. Facts (zone numbers, NIS codes, names) come from
// the 2021-2022 PGSP implementation report and the Brussels municipal register; officialId is
// null when the report gives no enterprise (BCE/KBO) number.
//
// preferredLanguage: mostly "fr"; a few partners are "nl" so that the demo exercises Dutch
// (zone 5340, Ganshoren, Jette, and the Dutch-speaking vzw: JES, Foyer, Medimmigrant,
// Diogenes, Brussel Onthaal).
import type { OrganisationSeed } from "./types";

export const organisations: OrganisationSeed[] = [
  // Police zones (FSE)
  {
    key: "zp-5339",
    kind: "POLICE_ZONE",
    officialId: "5339",
    name: {
      fr: "Zone de police Bruxelles-Capitale/Ixelles",
      nl: "Politiezone Brussel Hoofdstad/Elsene",
    },
    preferredLanguage: "fr",
    coveredCommunesNis: ["21004", "21009"],
  },
  {
    key: "zp-5340",
    kind: "POLICE_ZONE",
    officialId: "5340",
    name: {
      fr: "Zone de police Bruxelles-Ouest",
      nl: "Politiezone Brussel-West",
    },
    preferredLanguage: "nl",
    coveredCommunesNis: ["21003", "21008", "21010", "21011", "21012"],
  },
  {
    key: "zp-5341",
    kind: "POLICE_ZONE",
    officialId: "5341",
    name: {
      fr: "Zone de police Midi",
      nl: "Politiezone Zuid",
    },
    preferredLanguage: "fr",
    coveredCommunesNis: ["21001", "21007", "21013"],
  },
  {
    key: "zp-5342",
    kind: "POLICE_ZONE",
    officialId: "5342",
    name: {
      fr: "Zone de police Uccle/Watermael-Boitsfort/Auderghem (Marlow)",
      nl: "Politiezone Ukkel/Watermaal-Bosvoorde/Oudergem (Marlow)",
    },
    preferredLanguage: "fr",
    coveredCommunesNis: ["21002", "21016", "21017"],
  },
  {
    key: "zp-5343",
    kind: "POLICE_ZONE",
    officialId: "5343",
    name: {
      fr: "Zone de police Montgomery",
      nl: "Politiezone Montgomery",
    },
    preferredLanguage: "fr",
    coveredCommunesNis: ["21005", "21018", "21019"],
  },
  {
    key: "zp-5344",
    kind: "POLICE_ZONE",
    officialId: "5344",
    name: {
      fr: "Zone de police Bruxelles-Nord",
      nl: "Politiezone Brussel-Noord",
    },
    preferredLanguage: "fr",
    coveredCommunesNis: ["21006", "21014", "21015"],
  },

  // Communes (PBPP / PLPP)
  {
    key: "commune-21001",
    kind: "COMMUNE",
    officialId: "21001",
    name: {
      fr: "Commune d'Anderlecht",
      nl: "Gemeente Anderlecht",
    },
    preferredLanguage: "fr",
  },
  {
    key: "commune-21002",
    kind: "COMMUNE",
    officialId: "21002",
    name: {
      fr: "Commune d'Auderghem",
      nl: "Gemeente Oudergem",
    },
    preferredLanguage: "fr",
  },
  {
    key: "commune-21003",
    kind: "COMMUNE",
    officialId: "21003",
    name: {
      fr: "Commune de Berchem-Sainte-Agathe",
      nl: "Gemeente Sint-Agatha-Berchem",
    },
    preferredLanguage: "fr",
  },
  {
    key: "commune-21004",
    kind: "COMMUNE",
    officialId: "21004",
    name: {
      fr: "Ville de Bruxelles",
      nl: "Stad Brussel",
    },
    preferredLanguage: "fr",
  },
  {
    key: "commune-21005",
    kind: "COMMUNE",
    officialId: "21005",
    name: {
      fr: "Commune d'Etterbeek",
      nl: "Gemeente Etterbeek",
    },
    preferredLanguage: "fr",
  },
  {
    key: "commune-21006",
    kind: "COMMUNE",
    officialId: "21006",
    name: {
      fr: "Commune d'Evere",
      nl: "Gemeente Evere",
    },
    preferredLanguage: "fr",
  },
  {
    key: "commune-21007",
    kind: "COMMUNE",
    officialId: "21007",
    name: {
      fr: "Commune de Forest",
      nl: "Gemeente Vorst",
    },
    preferredLanguage: "fr",
  },
  {
    key: "commune-21008",
    kind: "COMMUNE",
    officialId: "21008",
    name: {
      fr: "Commune de Ganshoren",
      nl: "Gemeente Ganshoren",
    },
    preferredLanguage: "nl",
  },
  {
    key: "commune-21009",
    kind: "COMMUNE",
    officialId: "21009",
    name: {
      fr: "Commune d'Ixelles",
      nl: "Gemeente Elsene",
    },
    preferredLanguage: "fr",
  },
  {
    key: "commune-21010",
    kind: "COMMUNE",
    officialId: "21010",
    name: {
      fr: "Commune de Jette",
      nl: "Gemeente Jette",
    },
    preferredLanguage: "nl",
  },
  {
    key: "commune-21011",
    kind: "COMMUNE",
    officialId: "21011",
    name: {
      fr: "Commune de Koekelberg",
      nl: "Gemeente Koekelberg",
    },
    preferredLanguage: "fr",
  },
  {
    key: "commune-21012",
    kind: "COMMUNE",
    officialId: "21012",
    name: {
      fr: "Commune de Molenbeek-Saint-Jean",
      nl: "Gemeente Sint-Jans-Molenbeek",
    },
    preferredLanguage: "fr",
  },
  {
    key: "commune-21013",
    kind: "COMMUNE",
    officialId: "21013",
    name: {
      fr: "Commune de Saint-Gilles",
      nl: "Gemeente Sint-Gillis",
    },
    preferredLanguage: "fr",
  },
  {
    key: "commune-21014",
    kind: "COMMUNE",
    officialId: "21014",
    name: {
      fr: "Commune de Saint-Josse-ten-Noode",
      nl: "Gemeente Sint-Joost-ten-Node",
    },
    preferredLanguage: "fr",
  },
  {
    key: "commune-21015",
    kind: "COMMUNE",
    officialId: "21015",
    name: {
      fr: "Commune de Schaerbeek",
      nl: "Gemeente Schaarbeek",
    },
    preferredLanguage: "fr",
  },
  {
    key: "commune-21016",
    kind: "COMMUNE",
    officialId: "21016",
    name: {
      fr: "Commune d'Uccle",
      nl: "Gemeente Ukkel",
    },
    preferredLanguage: "fr",
  },
  {
    key: "commune-21017",
    kind: "COMMUNE",
    officialId: "21017",
    name: {
      fr: "Commune de Watermael-Boitsfort",
      nl: "Gemeente Watermaal-Bosvoorde",
    },
    preferredLanguage: "fr",
  },
  {
    key: "commune-21018",
    kind: "COMMUNE",
    officialId: "21018",
    name: {
      fr: "Commune de Woluwe-Saint-Lambert",
      nl: "Gemeente Sint-Lambrechts-Woluwe",
    },
    preferredLanguage: "fr",
  },
  {
    key: "commune-21019",
    kind: "COMMUNE",
    officialId: "21019",
    name: {
      fr: "Commune de Woluwe-Saint-Pierre",
      nl: "Gemeente Sint-Pieters-Woluwe",
    },
    preferredLanguage: "fr",
  },

  // LISA antennas named in the report (run by communes)
  {
    key: "lisa-anderlecht-centre-historique",
    kind: "LISA_ANTENNA",
    officialId: null,
    name: {
      fr: "Antenne LISA Anderlecht – Centre historique",
      nl: "LISA-antenne Anderlecht – Historisch centrum",
    },
    preferredLanguage: "fr",
    parentCommuneNis: "21001",
  },
  {
    key: "lisa-anderlecht-peterbos",
    kind: "LISA_ANTENNA",
    officialId: null,
    name: {
      fr: "Antenne LISA Anderlecht – Peterbos",
      nl: "LISA-antenne Anderlecht – Peterbos",
    },
    preferredLanguage: "fr",
    parentCommuneNis: "21001",
  },
  {
    key: "lisa-berchem-cite-moderne",
    kind: "LISA_ANTENNA",
    officialId: null,
    name: {
      fr: "Antenne LISA Berchem-Sainte-Agathe – Cité moderne",
      nl: "LISA-antenne Sint-Agatha-Berchem – Moderne Wijk",
    },
    preferredLanguage: "fr",
    parentCommuneNis: "21003",
  },
  {
    key: "lisa-berchem-hunderenveld",
    kind: "LISA_ANTENNA",
    officialId: null,
    name: {
      fr: "Antenne LISA Berchem-Sainte-Agathe – Hunderenveld",
      nl: "LISA-antenne Sint-Agatha-Berchem – Hunderenveld",
    },
    preferredLanguage: "fr",
    parentCommuneNis: "21003",
  },
  {
    key: "lisa-koekelberg-omer-lepreux",
    kind: "LISA_ANTENNA",
    officialId: null,
    name: {
      fr: "Antenne LISA Koekelberg – rue Omer Lepreux",
      nl: "LISA-antenne Koekelberg – Omer Lepreuxstraat",
    },
    preferredLanguage: "fr",
    parentCommuneNis: "21011",
  },
  {
    key: "lisa-woluwe-saint-lambert-galaxie",
    kind: "LISA_ANTENNA",
    officialId: null,
    name: {
      fr: "Antenne LISA Woluwe-Saint-Lambert – Galaxie",
      nl: "LISA-antenne Sint-Lambrechts-Woluwe – Galaxie",
    },
    preferredLanguage: "fr",
    parentCommuneNis: "21018",
  },

  // Regional bodies. Enterprise numbers left null: not given in the report.
  {
    key: "stib",
    kind: "REGIONAL_BODY",
    officialId: null,
    name: {
      fr: "Société des Transports Intercommunaux de Bruxelles (STIB)",
      nl: "Maatschappij voor het Intercommunaal Vervoer te Brussel (MIVB)",
    },
    preferredLanguage: "fr",
  },
  {
    key: "cirb",
    kind: "REGIONAL_BODY",
    officialId: null,
    name: {
      fr: "Centre d'informatique pour la Région de Bruxelles-Capitale (CIRB – Paradigm.brussels)",
      nl: "Centrum voor Informatica voor het Brussels Gewest (CIBG – Paradigm.brussels)",
    },
    preferredLanguage: "fr",
  },

  // Non-profits funded outside the ASBL call for projects (2021-2022)
  {
    key: "asbl-erip",
    kind: "NON_PROFIT",
    officialId: null,
    name: {
      fr: "École régionale et intercommunale de police (ERIP) – Brusafe",
      nl: "Gewestelijke en Intercommunale Politieschool (GIP) – Brusafe",
    },
    preferredLanguage: "fr",
  },
  {
    key: "asbl-erap",
    kind: "NON_PROFIT",
    officialId: null,
    name: {
      fr: "École régionale d'administration publique (ERAP)",
      nl: "Gewestelijke School voor Openbaar Bestuur (GSOB)",
    },
    preferredLanguage: "fr",
  },
  {
    key: "asbl-transit",
    kind: "NON_PROFIT",
    officialId: null,
    name: {
      fr: "Transit ASBL",
      nl: "Transit vzw",
    },
    preferredLanguage: "fr",
  },
  {
    key: "asbl-infor-jeunes-bruxelles",
    kind: "NON_PROFIT",
    officialId: null,
    name: {
      fr: "Infor Jeunes Bruxelles ASBL",
      nl: "Infor Jeunes Bruxelles vzw",
    },
    preferredLanguage: "fr",
  },
  {
    key: "asbl-solidarcites",
    kind: "NON_PROFIT",
    officialId: null,
    name: {
      fr: "Solidarcités ASBL",
      nl: "Solidarcités vzw",
    },
    preferredLanguage: "fr",
  },
  {
    key: "asbl-ras-el-hanout",
    kind: "NON_PROFIT",
    officialId: null,
    name: {
      fr: "Ras El Hanout ASBL",
      nl: "Ras El Hanout vzw",
    },
    preferredLanguage: "fr",
  },
  {
    key: "asbl-brussel-onthaal",
    kind: "NON_PROFIT",
    officialId: null,
    name: {
      fr: "Brussel Onthaal ASBL",
      nl: "Brussel Onthaal vzw",
    },
    preferredLanguage: "nl",
  },
  {
    key: "asbl-setis",
    kind: "NON_PROFIT",
    officialId: null,
    name: {
      fr: "Service de traduction et d'interprétation en milieu social bruxellois ASBL",
      nl: "Service de traduction et d'interprétation en milieu social bruxellois vzw",
    },
    preferredLanguage: "fr",
  },

  // Non-profits funded under the ASBL call for projects 2021 (renewed in 2022)
  {
    key: "asbl-bale",
    kind: "NON_PROFIT",
    officialId: null,
    name: {
      fr: "Bienveillance à l'école (BALE) ASBL",
      nl: "Bienveillance à l'école (BALE) vzw",
    },
    preferredLanguage: "fr",
  },
  {
    key: "asbl-habitat-et-renovation",
    kind: "NON_PROFIT",
    officialId: null,
    name: {
      fr: "Habitat et Rénovation ASBL",
      nl: "Habitat et Rénovation vzw",
    },
    preferredLanguage: "fr",
  },
  {
    key: "asbl-femmes-de-droit",
    kind: "NON_PROFIT",
    officialId: null,
    name: {
      fr: "Femmes de droit - Droit des femmes ASBL",
      nl: "Femmes de droit - Droit des femmes vzw",
    },
    preferredLanguage: "fr",
  },
  {
    key: "asbl-tpamp",
    kind: "NON_PROFIT",
    officialId: null,
    name: {
      fr: "Touche Pas à Ma Pote (TPAMP) ASBL",
      nl: "Touche Pas à Ma Pote (TPAMP) vzw",
    },
    preferredLanguage: "fr",
  },
  {
    key: "asbl-atmospheres",
    kind: "NON_PROFIT",
    officialId: null,
    name: {
      fr: "AtMOsphères ASBL",
      nl: "AtMOsphères vzw",
    },
    preferredLanguage: "fr",
  },
  {
    key: "asbl-flcpf",
    kind: "NON_PROFIT",
    officialId: null,
    name: {
      fr: "Fédération Laïque de Centres de Planning Familial (FLCPF)",
      nl: "Fédération Laïque de Centres de Planning Familial (FLCPF)",
    },
    preferredLanguage: "fr",
  },
  {
    key: "asbl-cpvcf",
    kind: "NON_PROFIT",
    officialId: null,
    name: {
      fr: "Centre de Prévention des Violences Conjugales et Familiales (CPVCF) ASBL",
      nl: "Centre de Prévention des Violences Conjugales et Familiales (CPVCF) vzw",
    },
    preferredLanguage: "fr",
  },
  {
    key: "asbl-casa-legal",
    kind: "NON_PROFIT",
    officialId: null,
    name: {
      fr: "Casa Legal ASBL",
      nl: "Casa Legal vzw",
    },
    preferredLanguage: "fr",
  },
  {
    key: "asbl-gams",
    kind: "NON_PROFIT",
    officialId: null,
    name: {
      fr: "GAMS Belgique ASBL",
      nl: "GAMS België vzw",
    },
    preferredLanguage: "fr",
  },
  {
    key: "asbl-womando",
    kind: "NON_PROFIT",
    officialId: null,
    name: {
      fr: "Woman'Do ASBL",
      nl: "Woman'Do vzw",
    },
    preferredLanguage: "fr",
  },
  {
    key: "asbl-adde",
    kind: "NON_PROFIT",
    officialId: null,
    name: {
      fr: "Association pour le droit des étrangers (ADDE) ASBL",
      nl: "Association pour le droit des étrangers (ADDE) vzw",
    },
    preferredLanguage: "fr",
  },
  {
    key: "asbl-oasis-belgium",
    kind: "NON_PROFIT",
    officialId: null,
    name: {
      fr: "Oasis Belgium ASBL",
      nl: "Oasis Belgium vzw",
    },
    preferredLanguage: "fr",
  },
  {
    key: "asbl-cab",
    kind: "NON_PROFIT",
    officialId: null,
    name: {
      fr: "Centre d'Appui Bruxellois (CAB) ASBL",
      nl: "Centre d'Appui Bruxellois (CAB) vzw",
    },
    preferredLanguage: "fr",
  },
  {
    key: "asbl-alias",
    kind: "NON_PROFIT",
    officialId: null,
    name: {
      fr: "Alias ASBL",
      nl: "Alias vzw",
    },
    preferredLanguage: "fr",
  },
  {
    key: "asbl-socaba",
    kind: "NON_PROFIT",
    officialId: null,
    name: {
      fr: "Socaba ASBL",
      nl: "Socaba vzw",
    },
    preferredLanguage: "fr",
  },
  {
    key: "asbl-teach-for-belgium",
    kind: "NON_PROFIT",
    officialId: null,
    name: {
      fr: "Teach for Belgium ASBL",
      nl: "Teach for Belgium vzw",
    },
    preferredLanguage: "fr",
  },
  {
    key: "asbl-befus",
    kind: "NON_PROFIT",
    officialId: null,
    name: {
      fr: "Belgian Forum for Urban Security (BeFUS) ASBL",
      nl: "Belgian Forum for Urban Security (BeFUS) vzw",
    },
    preferredLanguage: "fr",
  },
  {
    key: "asbl-cclj",
    kind: "NON_PROFIT",
    officialId: null,
    name: {
      fr: "Centre communautaire laïc juif (CCLJ) ASBL",
      nl: "Centre communautaire laïc juif (CCLJ) vzw",
    },
    preferredLanguage: "fr",
  },
  {
    key: "asbl-jes",
    kind: "NON_PROFIT",
    officialId: null,
    name: {
      fr: "JES ASBL",
      nl: "JES vzw",
    },
    preferredLanguage: "nl",
  },
  {
    key: "asbl-formeville",
    kind: "NON_PROFIT",
    officialId: null,
    name: {
      fr: "Formeville ASBL",
      nl: "Formeville vzw",
    },
    preferredLanguage: "fr",
  },
  {
    key: "asbl-2-bouts",
    kind: "NON_PROFIT",
    officialId: null,
    name: {
      fr: "2 Bouts ASBL",
      nl: "2 Bouts vzw",
    },
    preferredLanguage: "fr",
  },
  {
    key: "asbl-prefer",
    kind: "NON_PROFIT",
    officialId: null,
    name: {
      fr: "Prévention, Recherche et Formation: Emprise et Résilience (PREFER) ASBL",
      nl: "Prévention, Recherche et Formation: Emprise et Résilience (PREFER) vzw",
    },
    preferredLanguage: "fr",
  },
  {
    key: "asbl-dakira",
    kind: "NON_PROFIT",
    officialId: null,
    name: {
      fr: "Dakira ASBL",
      nl: "Dakira vzw",
    },
    preferredLanguage: "fr",
  },
  {
    key: "asbl-grignoux",
    kind: "NON_PROFIT",
    officialId: null,
    name: {
      fr: "Les Grignoux ASBL",
      nl: "Les Grignoux vzw",
    },
    preferredLanguage: "fr",
  },
  {
    key: "asbl-arts-et-publics",
    kind: "NON_PROFIT",
    officialId: null,
    name: {
      fr: "Arts et Publics ASBL",
      nl: "Arts et Publics vzw",
    },
    preferredLanguage: "fr",
  },
  {
    key: "asbl-cnapd",
    kind: "NON_PROFIT",
    officialId: null,
    name: {
      fr: "Coordination Nationale d'Action pour la Paix et la Démocratie (CNAPD) ASBL",
      nl: "Coordination Nationale d'Action pour la Paix et la Démocratie (CNAPD) vzw",
    },
    preferredLanguage: "fr",
  },
  {
    key: "asbl-mjb",
    kind: "NON_PROFIT",
    officialId: null,
    name: {
      fr: "Musée juif de Belgique (MJB)",
      nl: "Joods Museum van België",
    },
    preferredLanguage: "fr",
  },
  {
    key: "asbl-foyer",
    kind: "NON_PROFIT",
    officialId: null,
    name: {
      fr: "Foyer ASBL",
      nl: "Foyer vzw",
    },
    preferredLanguage: "nl",
  },
  {
    key: "asbl-cidj",
    kind: "NON_PROFIT",
    officialId: null,
    name: {
      fr: "Centre d'Information et de Documentation pour Jeunes (CIDJ) ASBL",
      nl: "Centre d'Information et de Documentation pour Jeunes (CIDJ) vzw",
    },
    preferredLanguage: "fr",
  },
  {
    key: "asbl-reseau-intersection",
    kind: "NON_PROFIT",
    officialId: null,
    name: {
      fr: "Réseau Intersection ASBL",
      nl: "Réseau Intersection vzw",
    },
    preferredLanguage: "fr",
  },
  {
    key: "asbl-abrusco",
    kind: "NON_PROFIT",
    officialId: null,
    name: {
      fr: "Abrusco ASBL",
      nl: "Abrusco vzw",
    },
    preferredLanguage: "fr",
  },
  {
    key: "asbl-dune",
    kind: "NON_PROFIT",
    officialId: null,
    name: {
      fr: "Dépannage d'Urgence de Nuit et Echanges (DUNE) ASBL",
      nl: "Dépannage d'Urgence de Nuit et Echanges (DUNE) vzw",
    },
    preferredLanguage: "fr",
  },
  {
    key: "asbl-modus-vivendi",
    kind: "NON_PROFIT",
    officialId: null,
    name: {
      fr: "Modus Vivendi ASBL",
      nl: "Modus Vivendi vzw",
    },
    preferredLanguage: "fr",
  },
  {
    key: "asbl-lama",
    kind: "NON_PROFIT",
    officialId: null,
    name: {
      fr: "LAMA ASBL",
      nl: "LAMA vzw",
    },
    preferredLanguage: "fr",
  },
  {
    key: "asbl-medimmigrant",
    kind: "NON_PROFIT",
    officialId: null,
    name: {
      fr: "Medimmigrant ASBL",
      nl: "Medimmigrant vzw",
    },
    preferredLanguage: "nl",
  },
  {
    key: "asbl-infirmiers-de-rue",
    kind: "NON_PROFIT",
    officialId: null,
    name: {
      fr: "Infirmiers de rue ASBL",
      nl: "Straatverplegers vzw",
    },
    preferredLanguage: "fr",
  },
  {
    key: "asbl-pag-asa",
    kind: "NON_PROFIT",
    officialId: null,
    name: {
      fr: "PAG-ASA ASBL",
      nl: "PAG-ASA vzw",
    },
    preferredLanguage: "fr",
  },
  {
    key: "asbl-fairwork-belgium",
    kind: "NON_PROFIT",
    officialId: null,
    name: {
      fr: "FAIRWORK Belgium ASBL",
      nl: "FAIRWORK Belgium vzw",
    },
    preferredLanguage: "fr",
  },
  {
    key: "asbl-isala",
    kind: "NON_PROFIT",
    officialId: null,
    name: {
      fr: "Isala ASBL",
      nl: "Isala vzw",
    },
    preferredLanguage: "fr",
  },
  {
    key: "asbl-diogenes",
    kind: "NON_PROFIT",
    officialId: null,
    name: {
      fr: "Diogènes ASBL",
      nl: "Diogenes vzw",
    },
    preferredLanguage: "nl",
  },
  {
    key: "asbl-bulle",
    kind: "NON_PROFIT",
    officialId: null,
    name: {
      fr: "Bulle ASBL",
      nl: "Bulle vzw",
    },
    preferredLanguage: "fr",
  },
  {
    key: "asbl-croix-rouge-ess",
    kind: "NON_PROFIT",
    officialId: null,
    name: {
      fr: "Croix-Rouge de Belgique - Education, Santé, Société",
      nl: "Croix-Rouge de Belgique - Education, Santé, Société",
    },
    preferredLanguage: "fr",
  },
];
