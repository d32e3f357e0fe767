import { Link } from "@react-email/link";
import { Text } from "@react-email/text";
import type { TFunction } from "i18next";
import { z } from "zod";
import { EmailLayout } from "./layout";

const common = {
  displayName: z.string(),
  organisationName: z.string(),
  campaignTitle: z.string(),
  /** The campaign's due date, which applies again, written out in the recipient's language. */
  dueDate: z.string(),
  link: z.string().url(),
};

/**
 * Where the return stands against that date when the extension is withdrawn: still due,
 * already sent, late (accepted until the campaign closes, or until the end of its grace
 * period), or past the grace period (it can no longer be sent).
 */
export const extensionWithdrawnPayload = z.discriminatedUnion("standing", [
  z.object({ ...common, standing: z.enum(["due", "sent", "late", "pastGrace"]) }),
  z.object({
    ...common,
    standing: z.literal("lateUntil"),
    /** The last day a late return is still accepted, written out in the recipient's language. */
    acceptedUntil: z.string(),
  }),
]);

type Payload = z.infer<typeof extensionWithdrawnPayload>;

export function extensionWithdrawnSubject(t: TFunction<"emails">, payload: Payload) {
  return t("extensionWithdrawn.subject", { organisation: payload.organisationName });
}

/**
 * To one organisation's report contacts only: safe.brussels took back the later day it had
 * given them, so they do not count on it. The reason stays with staff, as when it was granted.
 */
export function ExtensionWithdrawnEmail(props: {
  t: TFunction<"emails">;
  lang: "fr" | "nl";
  payload: Payload;
}) {
  const { t, payload, lang } = props;
  return (
    <EmailLayout lang={lang} preview={t("extensionWithdrawn.preview")} footer={t("footer")}>
      <Text>{t("greeting", { name: payload.displayName })}</Text>
      <Text>
        {t("extensionWithdrawn.intro", {
          campaign: payload.campaignTitle,
          organisation: payload.organisationName,
          date: payload.dueDate,
        })}
      </Text>
      <Text>
        {payload.standing === "lateUntil"
          ? t("extensionWithdrawn.standing.lateUntil", { until: payload.acceptedUntil })
          : t(`extensionWithdrawn.standing.${payload.standing}`, { date: payload.dueDate })}
      </Text>
      <Text>{t("extensionWithdrawn.next")}</Text>
      <Text>
        <Link href={payload.link}>{payload.link}</Link>
      </Text>
    </EmailLayout>
  );
}
