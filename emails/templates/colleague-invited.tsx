import { Link } from "@react-email/link";
import { Text } from "@react-email/text";
import type { TFunction } from "i18next";
import { z } from "zod";
import { EmailLayout } from "./layout";

// No sign-in link: the colleague asks the login page for one, so a forwarded or scanned
// invitation never opens a session.
export const colleagueInvitedPayload = z.object({
  displayName: z.string(),
  inviterName: z.string(),
  organisationName: z.string(),
  loginLink: z.string().url(),
});

export function colleagueInvitedSubject(
  t: TFunction<"emails">,
  payload: z.infer<typeof colleagueInvitedPayload>,
) {
  return t("colleagueInvited.subject", { organisation: payload.organisationName });
}

export function ColleagueInvitedEmail(props: {
  t: TFunction<"emails">;
  lang: "fr" | "nl";
  payload: z.infer<typeof colleagueInvitedPayload>;
}) {
  const { t, payload, lang } = props;
  return (
    <EmailLayout lang={lang} preview={t("colleagueInvited.preview")} footer={t("footer")}>
      <Text>{t("greeting", { name: payload.displayName })}</Text>
      <Text>
        {t("colleagueInvited.intro", {
          inviter: payload.inviterName,
          organisation: payload.organisationName,
        })}
      </Text>
      <Text>
        {t("colleagueInvited.signIn")} <Link href={payload.loginLink}>{payload.loginLink}</Link>
      </Text>
      <Text>{t("colleagueInvited.ignore")}</Text>
    </EmailLayout>
  );
}
