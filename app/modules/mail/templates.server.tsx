import { render } from "@react-email/render";
import type { TFunction } from "i18next";
import { getFixedT } from "~/modules/i18n/i18n.server";
import {
  LoginLinkEmail,
  loginLinkPayload,
  loginLinkSubject,
} from "../../../emails/templates/login-link";
import {
  ReturnReceiptEmail,
  returnReceiptPayload,
  returnReceiptSubject,
} from "../../../emails/templates/return-receipt";

// One entry per message. Each validates its payload, so a malformed row fails loudly
// (and ends as a dead letter) instead of sending a broken email.
const templates = {
  "login-link": {
    payload: loginLinkPayload,
    subject: loginLinkSubject,
    component: LoginLinkEmail,
  },
  "return-receipt": {
    payload: returnReceiptPayload,
    subject: returnReceiptSubject,
    component: ReturnReceiptEmail,
  },
} as const;

export type TemplateName = keyof typeof templates;

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

export function isTemplateName(name: string): name is TemplateName {
  return name in templates;
}

export async function renderEmail(
  name: string,
  lang: "fr" | "nl",
  rawPayload: unknown,
): Promise<RenderedEmail> {
  if (!isTemplateName(name)) throw new Error(`Unknown email template: ${name}`);
  const t = getFixedT(lang, "emails");
  // Each entry pairs a payload schema with its component; TypeScript cannot follow the
  // pairing through the union, so each is rendered through its own narrow function.
  const { subject, element } = build(name, t, lang, rawPayload);
  return {
    subject,
    html: await render(element),
    text: await render(element, { plainText: true }),
  };
}

function build(name: TemplateName, t: TFunction<"emails">, lang: "fr" | "nl", raw: unknown) {
  switch (name) {
    case "login-link": {
      const payload = templates[name].payload.parse(raw);
      return {
        subject: loginLinkSubject(t),
        element: <LoginLinkEmail t={t} lang={lang} payload={payload} />,
      };
    }
    case "return-receipt": {
      const payload = templates[name].payload.parse(raw);
      return {
        subject: returnReceiptSubject(t, payload),
        element: <ReturnReceiptEmail t={t} lang={lang} payload={payload} />,
      };
    }
  }
}
