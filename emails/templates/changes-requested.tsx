import { Link } from "@react-email/link";
import { Text } from "@react-email/text";
import type { TFunction } from "i18next";
import { z } from "zod";
import { EmailLayout } from "./layout";

export const changesRequestedPayload = z.object({
  displayName: z.string(),
  organisationName: z.string(),
  campaignTitle: z.string(),
  /** The sections sent back, each with the reviewer's comment as written. */
  sections: z.array(z.object({ title: z.string(), note: z.string() })).min(1),
  link: z.string().url(),
});

export function changesRequestedSubject(
  t: TFunction<"emails">,
  payload: z.infer<typeof changesRequestedPayload>,
) {
  return t("changesRequested.subject", { organisation: payload.organisationName });
}

export function ChangesRequestedEmail(props: {
  t: TFunction<"emails">;
  lang: "fr" | "nl";
  payload: z.infer<typeof changesRequestedPayload>;
}) {
  const { t, payload, lang } = props;
  return (
    <EmailLayout lang={lang} preview={t("changesRequested.preview")} footer={t("footer")}>
      <Text>{t("greeting", { name: payload.displayName })}</Text>
      <Text>
        {t("changesRequested.intro", {
          campaign: payload.campaignTitle,
          organisation: payload.organisationName,
        })}
      </Text>
      <Text>{t("changesRequested.summary", { count: payload.sections.length })}</Text>
      <ul>
        {payload.sections.map((section, index) => (
          <li key={index}>
            <strong>{section.title}</strong>
            <br />
            {t("changesRequested.comment")} {section.note}
          </li>
        ))}
      </ul>
      <Text>{t("changesRequested.onlyThese")}</Text>
      <Text>
        {t("changesRequested.link")} <Link href={payload.link}>{payload.link}</Link>
      </Text>
    </EmailLayout>
  );
}
