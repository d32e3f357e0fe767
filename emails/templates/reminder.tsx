import { Link } from "@react-email/link";
import { Text } from "@react-email/text";
import type { TFunction } from "i18next";
import { z } from "zod";
import { formatDay } from "./invitation";
import { EmailLayout } from "./layout";

export const reminderPayload = z.object({
  /** Before the due day, on it, after it, or sent back and left untouched. */
  variant: z.enum(["before", "due", "after", "changes-untouched"]),
  /** The later reminder: also told to the backup contacts and the staff member following. */
  escalation: z.boolean(),
  /** "staff": the copy for the staff member following the partner. */
  audience: z.enum(["partner", "staff"]),
  displayName: z.string(),
  organisationName: z.string(),
  campaignTitle: z.string(),
  dueDay: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  completed: z.number().int().min(0),
  total: z.number().int().min(0),
  link: z.string().url(),
});

type Payload = z.infer<typeof reminderPayload>;

export function reminderSubject(t: TFunction<"emails">, payload: Payload) {
  if (payload.audience === "staff") {
    return t("reminder.staffSubject", { organisation: payload.organisationName });
  }
  return t(`reminder.subject.${payload.variant}`, { campaign: payload.campaignTitle });
}

export function ReminderEmail(props: {
  t: TFunction<"emails">;
  lang: "fr" | "nl";
  payload: Payload;
}) {
  const { t, payload, lang } = props;
  const date = formatDay(payload.dueDay, lang);
  const names = { campaign: payload.campaignTitle, organisation: payload.organisationName, date };
  return (
    <EmailLayout lang={lang} preview={reminderSubject(t, payload)} footer={t("footer")}>
      <Text>{t("greeting", { name: payload.displayName })}</Text>
      {payload.audience === "staff" ? (
        <Text>{t("reminder.staffIntro", names)}</Text>
      ) : (
        <>
          <Text>{t(`reminder.intro.${payload.variant}`, names)}</Text>
          {payload.escalation ? <Text>{t("reminder.escalation")}</Text> : null}
        </>
      )}
      {payload.total > 0 ? (
        <Text>
          {t("reminder.progress", { completed: payload.completed, total: payload.total })}
        </Text>
      ) : null}
      <Text>
        {t("reminder.link")} <Link href={payload.link}>{payload.link}</Link>
      </Text>
      {payload.audience === "partner" ? <Text>{t("invitation.signIn")}</Text> : null}
    </EmailLayout>
  );
}
