// The reports' run-time setting: the small-count threshold. Project counts below it (and
// above zero) are shown as "< k" in what leaves the platform (CSV/XLSX downloads, the API,
// frozen editions); the staff page shows the real counts. 0 = off, the default.
import { thresholdSchema } from "./threshold";
import { recordAudit } from "~/modules/audit/audit.server";
import { prisma } from "~/utils/db.server";

export const SMALL_COUNT_SETTING = "reports.smallCountThreshold";

export interface ReportSettings {
  smallCountThreshold: number;
}

export async function reportSettings(): Promise<ReportSettings> {
  const row = await prisma.setting.findUnique({ where: { key: SMALL_COUNT_SETTING } });
  const parsed = thresholdSchema.safeParse(row?.value);
  return { smallCountThreshold: parsed.success ? parsed.data : 0 };
}

/** The options published outputs pass to loadReportTable. */
export async function publishedTableOptions(): Promise<{ suppressBelow?: number }> {
  const { smallCountThreshold } = await reportSettings();
  return smallCountThreshold > 0 ? { suppressBelow: smallCountThreshold } : {};
}

/** Sets the threshold (audited with the value before and after), in one transaction. */
export async function setSmallCountThreshold(value: number, userId: string) {
  await prisma.$transaction(async (tx) => {
    const before = await tx.setting.findUnique({ where: { key: SMALL_COUNT_SETTING } });
    await tx.setting.upsert({
      where: { key: SMALL_COUNT_SETTING },
      create: { key: SMALL_COUNT_SETTING, value, updatedById: userId },
      update: { value, updatedById: userId },
    });
    await recordAudit(tx, {
      actorUserId: userId,
      action: "reports.threshold-changed",
      targetType: "Setting",
      targetId: SMALL_COUNT_SETTING,
      details: { from: before?.value ?? 0, to: value },
    });
  });
}
