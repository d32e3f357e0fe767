import { render } from "@react-email/render";
import { getFixedT } from "../../app/modules/i18n/i18n.server";
import { LoginLinkEmail, loginLinkPayload, loginLinkSubject } from "./login-link";

// One entry per message. Each validates its payload, so a malformed row fails loudly
// (and ends as a dead letter) instead of sending a broken email.
const templates = {
  "login-link": {
    payload: loginLinkPayload,
    subject: loginLinkSubject,
    component: LoginLinkEmail,
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
  const template = templates[name];
  const payload = template.payload.parse(rawPayload);
  const t = getFixedT(lang, "emails");
  const Component = template.component;
  const element = <Component t={t} lang={lang} payload={payload} />;
  return {
    subject: template.subject(t),
    html: await render(element),
    text: await render(element, { plainText: true }),
  };
}
