// A finding as staff pages show it (findings.server.ts reads it; components render it).
import type { Excerpt } from "./excerpt";
import type { FindingStatus, PersonalDataKind } from "~/generated/prisma/enums";

export interface FindingView {
  id: string;
  kind: PersonalDataKind;
  /** Null: the narrative; otherwise the figure's position (0-based), its label, and which of
   * its texts the finding is in (its label or its unit). */
  figure: { index: number; label: string; part: "label" | "unit" } | null;
  status: FindingStatus;
  excerpt: Excerpt;
  replacement: string | null;
  reason: string | null;
  resolvedBy: string | null;
  resolvedAt: Date | null;
}

export interface FindingEntry {
  id: string;
  year: number;
  measureCode: string;
  organisationName: string;
  returnId: string | null;
  sectionId: string | null;
  import: { fileName: string; line: number } | null;
}
