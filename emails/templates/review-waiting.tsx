import { Link } from "@react-email/link";
import { Text } from "@react-email/text";
import type { TFunction } from "i18next";
import { z } from "zod";
import { formatDay } from "./invitation";
import { EmailLayout } from "./layout";

export const reviewWaitingPayload = z.object({
  displayName: z.string(),
  organisationName: z.string(),
  campaignTitle: z.string(),
  /** When the partner last sent it (Brussels day). */
  submittedDay: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  waitingDays: z.number().int().min(0),
  /** The return's staff page. */
  link: z.string().url(),
});

type Payload = z.infer<typeof reviewWaitingPayload>;

export function reviewWaitingSubject(t: TFunction<"emails">, payload: Payload) {
  return t("reviewWaiting.subject", { organisation: payload.organisationName });
}

export function ReviewWaitingEmail(props: {
  t: TFunction<"emails">;
  lang: "fr" | "nl";
  payload: Payload;
}) {
  const { t, payload, lang } = props;
  return (
    <EmailLayout lang={lang} preview={reviewWaitingSubject(t, payload)} footer={t("footer")}>
      <Text>{t("greeting", { name: payload.displayName })}</Text>
      <Text>
        {t("reviewWaiting.intro", {
          organisation: payload.organisationName,
          campaign: payload.campaignTitle,
          date: formatDay(payload.submittedDay, lang),
          count: payload.waitingDays,
        })}
      </Text>
      <Text>
        {t("reviewWaiting.link")} <Link href={payload.link}>{payload.link}</Link>
      </Text>
    </EmailLayout>
  );
}
