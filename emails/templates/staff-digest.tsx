import { Link } from "@react-email/link";
import { Text } from "@react-email/text";
import type { TFunction } from "i18next";
import { z } from "zod";
import { formatDay } from "./invitation";
import { EmailLayout } from "./layout";

export const staffDigestPayload = z.object({
  displayName: z.string(),
  /** Monday of the week (Brussels day). */
  weekOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** Sent returns waiting for a decision, and the longest wait in days. */
  queue: z.object({ waiting: z.number().int().min(0), oldestDays: z.number().int().nullable() }),
  /** Per open campaign: partners past their due date without having sent their return. */
  campaigns: z.array(
    z.object({
      title: z.string(),
      overdue: z.number().int().min(0),
      /** The first names, in the recipient's language; `overdue` counts them all. */
      partners: z.array(z.string()),
    }),
  ),
  /** Emails given up on (bounced or refused) in the last 7 days. */
  bounced: z.number().int().min(0),
  queueLink: z.string().url(),
  outboxLink: z.string().url(),
});

type Payload = z.infer<typeof staffDigestPayload>;

export function staffDigestSubject(t: TFunction<"emails">, payload: Payload, lang: "fr" | "nl") {
  return t("staffDigest.subject", { date: formatDay(payload.weekOf, lang) });
}

export function StaffDigestEmail(props: {
  t: TFunction<"emails">;
  lang: "fr" | "nl";
  payload: Payload;
}) {
  const { t, payload, lang } = props;
  return (
    <EmailLayout
      lang={lang}
      preview={staffDigestSubject(t, payload, lang)}
      footer={t("staffDigest.footer")}
    >
      <Text>{t("greeting", { name: payload.displayName })}</Text>
      <Text>
        {t("staffDigest.queue", { count: payload.queue.waiting })}{" "}
        {payload.queue.oldestDays !== null
          ? t("staffDigest.oldest", { count: payload.queue.oldestDays })
          : null}{" "}
        <Link href={payload.queueLink}>{payload.queueLink}</Link>
      </Text>
      {payload.campaigns.length === 0 ? <Text>{t("staffDigest.noCampaign")}</Text> : null}
      {payload.campaigns.map((campaign, index) => (
        <div key={index}>
          <Text>
            {t("staffDigest.overdue", { campaign: campaign.title, count: campaign.overdue })}
          </Text>
          {campaign.partners.length > 0 ? (
            <ul>
              {campaign.partners.map((name, i) => (
                <li key={i}>{name}</li>
              ))}
              {campaign.overdue > campaign.partners.length ? (
                <li>
                  {t("staffDigest.more", { count: campaign.overdue - campaign.partners.length })}
                </li>
              ) : null}
            </ul>
          ) : null}
        </div>
      ))}
      <Text>
        {t("staffDigest.bounced", { count: payload.bounced })}{" "}
        {payload.bounced > 0 ? <Link href={payload.outboxLink}>{payload.outboxLink}</Link> : null}
      </Text>
    </EmailLayout>
  );
}
