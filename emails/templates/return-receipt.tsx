import { Link } from "@react-email/link";
import { Text } from "@react-email/text";
import type { TFunction } from "i18next";
import { z } from "zod";
import { EmailLayout } from "./layout";

export const returnReceiptPayload = z.object({
  displayName: z.string(),
  organisationName: z.string(),
  campaignTitle: z.string(),
  submittedAt: z.iso.datetime(),
  sections: z.array(z.string()),
  link: z.string().url(),
});

export function returnReceiptSubject(
  t: TFunction<"emails">,
  payload: z.infer<typeof returnReceiptPayload>,
) {
  return t("returnReceipt.subject", { organisation: payload.organisationName });
}

export function ReturnReceiptEmail(props: {
  t: TFunction<"emails">;
  lang: "fr" | "nl";
  payload: z.infer<typeof returnReceiptPayload>;
}) {
  const { t, payload, lang } = props;
  const when = new Intl.DateTimeFormat(lang === "nl" ? "nl-BE" : "fr-BE", {
    dateStyle: "long",
    timeStyle: "short",
    timeZone: "Europe/Brussels",
  }).format(new Date(payload.submittedAt));
  return (
    <EmailLayout lang={lang} preview={t("returnReceipt.preview")} footer={t("footer")}>
      <Text>{t("greeting", { name: payload.displayName })}</Text>
      <Text>
        {t("returnReceipt.intro", {
          campaign: payload.campaignTitle,
          organisation: payload.organisationName,
          when,
        })}
      </Text>
      <Text>{t("returnReceipt.summary", { count: payload.sections.length })}</Text>
      <ul>
        {payload.sections.map((title, index) => (
          <li key={index}>{title}</li>
        ))}
      </ul>
      <Text>
        {t("returnReceipt.copy")} <Link href={payload.link}>{payload.link}</Link>
      </Text>
      <Text>{t("returnReceipt.next")}</Text>
    </EmailLayout>
  );
}
