import { Link } from "@react-email/link";
import { Text } from "@react-email/text";
import type { TFunction } from "i18next";
import { z } from "zod";
import { EmailLayout } from "./layout";

export const returnApprovedPayload = z.object({
  displayName: z.string(),
  organisationName: z.string(),
  campaignTitle: z.string(),
  approvedAt: z.iso.datetime(),
  link: z.string().url(),
});

export function returnApprovedSubject(
  t: TFunction<"emails">,
  payload: z.infer<typeof returnApprovedPayload>,
) {
  return t("returnApproved.subject", { organisation: payload.organisationName });
}

export function ReturnApprovedEmail(props: {
  t: TFunction<"emails">;
  lang: "fr" | "nl";
  payload: z.infer<typeof returnApprovedPayload>;
}) {
  const { t, payload, lang } = props;
  const when = new Intl.DateTimeFormat(lang === "nl" ? "nl-BE" : "fr-BE", {
    dateStyle: "long",
    timeZone: "Europe/Brussels",
  }).format(new Date(payload.approvedAt));
  return (
    <EmailLayout lang={lang} preview={t("returnApproved.preview")} footer={t("footer")}>
      <Text>{t("greeting", { name: payload.displayName })}</Text>
      <Text>
        {t("returnApproved.intro", {
          campaign: payload.campaignTitle,
          organisation: payload.organisationName,
          when,
        })}
      </Text>
      <Text>{t("returnApproved.locked")}</Text>
      <Text>
        {t("returnApproved.copy")} <Link href={payload.link}>{payload.link}</Link>
      </Text>
      <Text>{t("returnApproved.thanks")}</Text>
    </EmailLayout>
  );
}
