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
import {
  ChangesRequestedEmail,
  changesRequestedPayload,
  changesRequestedSubject,
} from "../../../emails/templates/changes-requested";
import {
  ReturnApprovedEmail,
  returnApprovedPayload,
  returnApprovedSubject,
} from "../../../emails/templates/return-approved";
import {
  ExtensionGrantedEmail,
  extensionGrantedPayload,
  extensionGrantedSubject,
} from "../../../emails/templates/extension-granted";
import {
  ExtensionWithdrawnEmail,
  extensionWithdrawnPayload,
  extensionWithdrawnSubject,
} from "../../../emails/templates/extension-withdrawn";
import {
  ReturnReopenedEmail,
  returnReopenedPayload,
  returnReopenedSubject,
} from "../../../emails/templates/return-reopened";
import {
  InvitationEmail,
  invitationPayload,
  invitationSubject,
} from "../../../emails/templates/invitation";
import {
  ReminderEmail,
  reminderPayload,
  reminderSubject,
} from "../../../emails/templates/reminder";
import {
  ReviewWaitingEmail,
  reviewWaitingPayload,
  reviewWaitingSubject,
} from "../../../emails/templates/review-waiting";
import {
  StaffDigestEmail,
  staffDigestPayload,
  staffDigestSubject,
} from "../../../emails/templates/staff-digest";
import {
  ColleagueInvitedEmail,
  colleagueInvitedPayload,
  colleagueInvitedSubject,
} from "../../../emails/templates/colleague-invited";

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
  "changes-requested": {
    payload: changesRequestedPayload,
    subject: changesRequestedSubject,
    component: ChangesRequestedEmail,
  },
  "return-approved": {
    payload: returnApprovedPayload,
    subject: returnApprovedSubject,
    component: ReturnApprovedEmail,
  },
  "extension-granted": {
    payload: extensionGrantedPayload,
    subject: extensionGrantedSubject,
    component: ExtensionGrantedEmail,
  },
  "extension-withdrawn": {
    payload: extensionWithdrawnPayload,
    subject: extensionWithdrawnSubject,
    component: ExtensionWithdrawnEmail,
  },
  "return-reopened": {
    payload: returnReopenedPayload,
    subject: returnReopenedSubject,
    component: ReturnReopenedEmail,
  },
  invitation: {
    payload: invitationPayload,
    subject: invitationSubject,
    component: InvitationEmail,
  },
  reminder: { payload: reminderPayload, subject: reminderSubject, component: ReminderEmail },
  "review-waiting": {
    payload: reviewWaitingPayload,
    subject: reviewWaitingSubject,
    component: ReviewWaitingEmail,
  },
  "staff-digest": {
    payload: staffDigestPayload,
    subject: staffDigestSubject,
    component: StaffDigestEmail,
  },
  "colleague-invited": {
    payload: colleagueInvitedPayload,
    subject: colleagueInvitedSubject,
    component: ColleagueInvitedEmail,
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
    case "changes-requested": {
      const payload = templates[name].payload.parse(raw);
      return {
        subject: changesRequestedSubject(t, payload),
        element: <ChangesRequestedEmail t={t} lang={lang} payload={payload} />,
      };
    }
    case "return-approved": {
      const payload = templates[name].payload.parse(raw);
      return {
        subject: returnApprovedSubject(t, payload),
        element: <ReturnApprovedEmail t={t} lang={lang} payload={payload} />,
      };
    }
    case "extension-granted": {
      const payload = templates[name].payload.parse(raw);
      return {
        subject: extensionGrantedSubject(t, payload),
        element: <ExtensionGrantedEmail t={t} lang={lang} payload={payload} />,
      };
    }
    case "extension-withdrawn": {
      const payload = templates[name].payload.parse(raw);
      return {
        subject: extensionWithdrawnSubject(t, payload),
        element: <ExtensionWithdrawnEmail t={t} lang={lang} payload={payload} />,
      };
    }
    case "return-reopened": {
      const payload = templates[name].payload.parse(raw);
      return {
        subject: returnReopenedSubject(t, payload),
        element: <ReturnReopenedEmail t={t} lang={lang} payload={payload} />,
      };
    }
    case "invitation": {
      const payload = templates[name].payload.parse(raw);
      return {
        subject: invitationSubject(t, payload),
        element: <InvitationEmail t={t} lang={lang} payload={payload} />,
      };
    }
    case "reminder": {
      const payload = templates[name].payload.parse(raw);
      return {
        subject: reminderSubject(t, payload),
        element: <ReminderEmail t={t} lang={lang} payload={payload} />,
      };
    }
    case "review-waiting": {
      const payload = templates[name].payload.parse(raw);
      return {
        subject: reviewWaitingSubject(t, payload),
        element: <ReviewWaitingEmail t={t} lang={lang} payload={payload} />,
      };
    }
    case "staff-digest": {
      const payload = templates[name].payload.parse(raw);
      return {
        subject: staffDigestSubject(t, payload, lang),
        element: <StaffDigestEmail t={t} lang={lang} payload={payload} />,
      };
    }
    case "colleague-invited": {
      const payload = templates[name].payload.parse(raw);
      return {
        subject: colleagueInvitedSubject(t, payload),
        element: <ColleagueInvitedEmail t={t} lang={lang} payload={payload} />,
      };
    }
  }
}
