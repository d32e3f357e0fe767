// Demo answers of the call for projects' activity report (templates/asbl-activity-report.yaml):
// what a non-profit would have typed, in French or Dutch (our own words), and its activity and
// financial reports as small PDF files, stored as an upload is (outside public/, by a random
// key, with its row).
import { createHash, randomBytes } from "node:crypto";
import { rm, writeFile } from "node:fs/promises";
import type { Prisma } from "../../app/generated/prisma/client";
import { storagePath } from "../../app/modules/returns/stored-files.server";
import { prisma, type Tx } from "../../app/utils/db.server";

export const ACTIVITY_REPORT_KEY = "asbl-activity-report";

type Language = "fr" | "nl";

export interface DemoSection {
  id: string;
  returnId: string;
  templateSection: string;
  answers: unknown;
  measure: { code: string } | null;
  funding: { title: string } | null;
}

/**
 * Writes the demo answers of the activity report's sections named in `only` (all by default),
 * each completed. The reports section is completed only when its two files are attached
 * (attachDemoReports): its answers are the files.
 */
export async function writeActivityReportAnswers(
  tx: Tx,
  sections: readonly DemoSection[],
  options: {
    updatedById: string | null;
    declarant: string;
    year: number;
    language: Language;
    only?: readonly string[];
    reportsAttached?: boolean;
  },
) {
  const text = TEXT[options.language];
  for (const section of sections) {
    if (options.only && !options.only.includes(section.templateSection)) continue;
    const answers = answersOf(section, text, options);
    if (answers === null) continue;
    await tx.returnSection.update({
      where: { id: section.id },
      data: {
        answers: answers as Prisma.InputJsonValue,
        answersLanguage: options.language,
        status: "COMPLETED",
        version: { increment: 1 },
        updatedById: options.updatedById,
      },
    });
  }
}

function answersOf(
  section: DemoSection,
  text: (typeof TEXT)[Language],
  options: { year: number; declarant: string; reportsAttached?: boolean },
): Record<string, unknown> | null {
  const { year } = options;
  switch (section.templateSection) {
    case "organisation":
      return { ...(section.answers as object), detailsConfirmed: "yes" };
    case "project":
      return {
        objectives: text.objectives(section.funding?.title ?? "", section.measure?.code ?? ""),
        status: "done",
        actions: text.actions(year),
        startDate: `${year}-01-09`,
        endDate: `${year}-12-15`,
        figures: text.figures,
        targetPublics: ["youth", "professionals"],
        targetDetails: text.targetDetails,
        peopleReached: "640",
        reachedUnder12: "40",
        reached12To17: "260",
        reached18To25: "190",
        reached26To64: "140",
        reached65Plus: "10",
        reachedWomen: "350",
        reachedMen: "280",
        reachedOtherGender: "10",
        reachedByCommune: text.communes,
        partners: text.partners,
        difficulties: text.difficulties,
        adjustments: text.adjustments,
      };
    case "budget":
      return {
        grantReceived: "45000",
        spentStaff: "32400",
        spentOperating: "9150",
        spentInvestment: "1200",
        amountSpent: "42750",
        fullySpent: "no",
        balanceExplanation: text.balance,
        otherFunding: text.otherFunding,
      };
    case "documents":
      return options.reportsAttached ? {} : null;
    case "declaration":
      return {
        declarantName: options.declarant,
        declarantRole: text.declarantRole,
        confirmation: ["accurate"],
      };
    default:
      throw new Error(`The activity report has no section "${section.templateSection}"`);
  }
}

/**
 * Attaches the year's activity and financial reports (small PDFs) to the reports section, as
 * the upload use case stores them: the file first, then its row; the files are removed if the
 * rows cannot be written. Returns the number of files.
 */
export async function attachDemoReports(
  section: DemoSection,
  options: { uploadedById: string | null; year: number; language: Language },
) {
  const text = TEXT[options.language];
  const files = [
    { questionId: "activityReport", ...text.activityReport(options.year) },
    { questionId: "financialReport", ...text.financialReport(options.year) },
  ].map((file) => {
    const bytes = demoPdf(file.heading);
    return {
      ...file,
      bytes,
      storageKey: randomBytes(16).toString("hex"),
      sha256: createHash("sha256").update(bytes).digest("hex"),
    };
  });
  const written: string[] = [];
  try {
    for (const file of files) {
      await writeFile(storagePath(file.storageKey), file.bytes, { flag: "wx", mode: 0o600 });
      written.push(file.storageKey);
    }
    await prisma.attachment.createMany({
      data: files.map((file) => ({
        returnId: section.returnId,
        sectionId: section.id,
        questionId: file.questionId,
        fileName: file.fileName,
        mimeType: "application/pdf",
        sizeBytes: file.bytes.length,
        sha256: file.sha256,
        storageKey: file.storageKey,
        uploadedById: options.uploadedById,
      })),
    });
  } catch (error) {
    for (const key of written) await rm(storagePath(key), { force: true });
    throw error;
  }
  return files.length;
}

/** A one-page PDF saying what it stands for (ASCII text: the standard fonts' encoding). */
function demoPdf(heading: string): Buffer {
  const line = heading
    .normalize("NFD")
    .replace(/[^\x20-\x7e]/g, "")
    .replace(/[()\\]/g, "");
  const content = `BT /F1 16 Tf 72 760 Td (${line}) Tj 0 -24 Td /F1 11 Tf (Document de demonstration - demodocument) Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let pdf = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) pdf += `${String(offset).padStart(10, "0")} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, "latin1");
}

// What a non-profit would have typed, in each language (our own words).
const TEXT = {
  fr: {
    objectives: (title: string, code: string) =>
      `Le projet « ${title} » vise à repérer plus tôt les situations à risque, à accompagner les personnes concernées et à outiller les professionnels de première ligne, au service de la mesure ${code} du plan.`,
    actions: (year: number) =>
      `En ${year}, l'association a animé des ateliers chaque semaine dans trois quartiers, tenu une permanence deux après-midi par semaine et formé des intervenants de première ligne en quatre sessions.`,
    figures: [
      { label: "Ateliers animés", value: "38", unit: "séances" },
      { label: "Permanences", value: "312", unit: "heures" },
      { label: "Sessions de formation", value: "4", unit: "sessions" },
    ],
    targetDetails:
      "Des jeunes de 12 à 25 ans des quartiers concernés et les professionnels qui les accompagnent.",
    communes: [
      { commune: "Anderlecht", people: "210" },
      { commune: "Molenbeek-Saint-Jean", people: "185" },
      { commune: "Bruxelles", people: "160" },
      { commune: "Hors Région bruxelloise", people: "85" },
    ],
    partners:
      "Les services de prévention communaux, deux écoles secondaires et une maison de jeunes du quartier, qui nous prêtent leurs locaux.",
    difficulties:
      "Le recrutement d'un animateur a pris trois mois ; deux écoles n'ont pu nous accueillir qu'au second semestre.",
    adjustments:
      "Nous avons concentré les ateliers au printemps et ajouté une permanence en ligne le samedi matin.",
    balance:
      "Un poste d'animateur est resté vacant pendant trois mois : nous proposons de rembourser le solde de 2 250 euros.",
    otherFunding: "Une subvention communale couvre la location des locaux.",
    declarantRole: "Coordination du projet",
    activityReport: (year: number) => ({
      fileName: `rapport-activites-${year}.pdf`,
      heading: `Rapport d'activités ${year}`,
    }),
    financialReport: (year: number) => ({
      fileName: `rapport-financier-${year}.pdf`,
      heading: `Rapport financier ${year}`,
    }),
  },
  nl: {
    objectives: (title: string, code: string) =>
      `Het project '${title}' wil risicosituaties vroeger opsporen, de betrokkenen begeleiden en eerstelijnswerkers de juiste middelen geven, ten dienste van maatregel ${code} van het plan.`,
    actions: (year: number) =>
      `In ${year} gaf de vereniging elke week workshops in drie wijken, hield ze twee namiddagen per week spreekuur en leidde ze eerstelijnswerkers op in vier sessies.`,
    figures: [
      { label: "Gegeven workshops", value: "38", unit: "sessies" },
      { label: "Spreekuren", value: "312", unit: "uren" },
      { label: "Opleidingssessies", value: "4", unit: "sessies" },
    ],
    targetDetails:
      "Jongeren van 12 tot 25 jaar uit de betrokken wijken en de professionals die hen begeleiden.",
    communes: [
      { commune: "Anderlecht", people: "210" },
      { commune: "Sint-Jans-Molenbeek", people: "185" },
      { commune: "Brussel", people: "160" },
      { commune: "Buiten het Brussels Gewest", people: "85" },
    ],
    partners:
      "De gemeentelijke preventiediensten, twee secundaire scholen en een jeugdhuis uit de wijk, dat ons zijn lokalen ter beschikking stelt.",
    difficulties:
      "De aanwerving van een begeleider duurde drie maanden; twee scholen konden ons pas in het tweede semester ontvangen.",
    adjustments:
      "We hebben de workshops in de lente gebundeld en op zaterdagochtend een online spreekuur toegevoegd.",
    balance:
      "Een functie van begeleider bleef drie maanden vacant: we stellen voor het saldo van 2.250 euro terug te betalen.",
    otherFunding: "Een gemeentelijke subsidie dekt de huur van de lokalen.",
    declarantRole: "Projectcoördinatie",
    activityReport: (year: number) => ({
      fileName: `activiteitenverslag-${year}.pdf`,
      heading: `Activiteitenverslag ${year}`,
    }),
    financialReport: (year: number) => ({
      fileName: `financieel-verslag-${year}.pdf`,
      heading: `Financieel verslag ${year}`,
    }),
  },
} as const;
