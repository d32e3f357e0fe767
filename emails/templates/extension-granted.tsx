import { Link } from "@react-email/link";
import { Text } from "@react-email/text";
import type { TFunction } from "i18next";
import { z } from "zod";
import { EmailLayout } from "./layout";

export const extensionGrantedPayload = z.object({
  displayName: z.string(),
  organisationName: z.string(),
  campaignTitle: z.string(),
  /** The new due date, already written out in the recipient's language (Brussels day). */
  dueDate: z.string(),
  link: z.string().url(),
});

export function extensionGrantedSubject(
  t: TFunction<"emails">,
  payload: z.infer<typeof extensionGrantedPayload>,
) {
  return t("extensionGranted.subject", { organisation: payload.organisationName });
}

/**
 * To one organisation's report contacts only: safe.brussels gave them until another day. The
 * reason stays with staff (it may say things about the partner the partner did not write).
 */
export function ExtensionGrantedEmail(props: {
  t: TFunction<"emails">;
  lang: "fr" | "nl";
  payload: z.infer<typeof extensionGrantedPayload>;
}) {
  const { t, payload, lang } = props;
  return (
    <EmailLayout lang={lang} preview={t("extensionGranted.preview")} footer={t("footer")}>
      <Text>{t("greeting", { name: payload.displayName })}</Text>
      <Text>
        {t("extensionGranted.intro", {
          campaign: payload.campaignTitle,
          organisation: payload.organisationName,
          date: payload.dueDate,
        })}
      </Text>
      <Text>{t("extensionGranted.next")}</Text>
      <Text>
        <Link href={payload.link}>{payload.link}</Link>
      </Text>
    </EmailLayout>
  );
}
