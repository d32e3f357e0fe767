import { Link } from "@react-email/link";
import { Text } from "@react-email/text";
import type { TFunction } from "i18next";
import { z } from "zod";
import { EmailLayout } from "./layout";

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const invitationPayload = z.object({
  displayName: z.string(),
  organisationName: z.string(),
  campaignTitle: z.string(),
  /** The return's effective due day (Brussels), its extension's if it has one. */
  dueDay: day,
  completed: z.number().int().min(0),
  total: z.number().int().min(0),
  /** The return's page: it asks to sign in first (a link by email), never signs in itself. */
  link: z.string().url(),
});

/** A Brussels calendar day in the recipient's language ("31 mars 2024", "31 maart 2024"). */
export function formatDay(value: string, lang: "fr" | "nl") {
  return new Intl.DateTimeFormat(lang === "nl" ? "nl-BE" : "fr-BE", {
    dateStyle: "long",
    timeZone: "UTC",
  }).format(new Date(`${value}T12:00:00Z`));
}

export function invitationSubject(
  t: TFunction<"emails">,
  payload: z.infer<typeof invitationPayload>,
) {
  return t("invitation.subject", { campaign: payload.campaignTitle });
}

export function InvitationEmail(props: {
  t: TFunction<"emails">;
  lang: "fr" | "nl";
  payload: z.infer<typeof invitationPayload>;
}) {
  const { t, payload, lang } = props;
  return (
    <EmailLayout lang={lang} preview={t("invitation.preview")} footer={t("footer")}>
      <Text>{t("greeting", { name: payload.displayName })}</Text>
      <Text>
        {t("invitation.intro", {
          campaign: payload.campaignTitle,
          organisation: payload.organisationName,
        })}
      </Text>
      <Text>{t("invitation.due", { date: formatDay(payload.dueDay, lang) })}</Text>
      {payload.total > 0 ? (
        <Text>
          {t("invitation.progress", { completed: payload.completed, total: payload.total })}
        </Text>
      ) : null}
      <Text>
        {t("invitation.link")} <Link href={payload.link}>{payload.link}</Link>
      </Text>
      <Text>{t("invitation.signIn")}</Text>
    </EmailLayout>
  );
}
