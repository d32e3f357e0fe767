import { Link } from "@react-email/link";
import { Text } from "@react-email/text";
import type { TFunction } from "i18next";
import { z } from "zod";
import { EmailLayout } from "./layout";

export const returnReopenedPayload = z.object({
  displayName: z.string(),
  organisationName: z.string(),
  campaignTitle: z.string(),
  /** Why, in the words of the administrator who reopened it (shown as written). */
  reason: z.string(),
  reasonLanguage: z.enum(["fr", "nl"]),
  link: z.string().url(),
});

export function returnReopenedSubject(
  t: TFunction<"emails">,
  payload: z.infer<typeof returnReopenedPayload>,
) {
  return t("returnReopened.subject", { organisation: payload.organisationName });
}

export function ReturnReopenedEmail(props: {
  t: TFunction<"emails">;
  lang: "fr" | "nl";
  payload: z.infer<typeof returnReopenedPayload>;
}) {
  const { t, payload, lang } = props;
  return (
    <EmailLayout lang={lang} preview={t("returnReopened.preview")} footer={t("footer")}>
      <Text>{t("greeting", { name: payload.displayName })}</Text>
      <Text>
        {t("returnReopened.intro", {
          campaign: payload.campaignTitle,
          organisation: payload.organisationName,
        })}
      </Text>
      <Text>{t("returnReopened.reasonIntro")}</Text>
      <Text
        lang={payload.reasonLanguage}
        style={{ whiteSpace: "pre-line", borderLeft: "4px solid #b1b4b6", paddingLeft: "12px" }}
      >
        {payload.reason}
      </Text>
      <Text>{t("returnReopened.next")}</Text>
      <Text>
        <Link href={payload.link}>{payload.link}</Link>
      </Text>
      <Text>{t("returnReopened.removed")}</Text>
    </EmailLayout>
  );
}
