import { Button } from "@react-email/button";
import { Text } from "@react-email/text";
import type { TFunction } from "i18next";
import { z } from "zod";
import { EmailLayout } from "./layout";

export const loginLinkPayload = z.object({
  displayName: z.string(),
  link: z.string().url(),
  minutes: z.number().int(),
});

export function loginLinkSubject(t: TFunction<"emails">) {
  return t("loginLink.subject");
}

export function LoginLinkEmail(props: {
  t: TFunction<"emails">;
  lang: "fr" | "nl";
  payload: z.infer<typeof loginLinkPayload>;
}) {
  const { t, payload } = props;
  return (
    <EmailLayout lang={props.lang} preview={t("loginLink.preview")} footer={t("footer")}>
      <Text>{t("greeting", { name: payload.displayName })}</Text>
      <Text>{t("loginLink.intro")}</Text>
      <Button
        href={payload.link}
        style={{ backgroundColor: "#00703c", color: "#ffffff", padding: "10px 16px" }}
      >
        {t("loginLink.button")}
      </Button>
      <Text>{t("loginLink.fallback")}</Text>
      <Text style={{ wordBreak: "break-all" }}>{payload.link}</Text>
      <Text>{t("loginLink.expiry", { minutes: payload.minutes })}</Text>
      <Text>{t("loginLink.ignore")}</Text>
    </EmailLayout>
  );
}
