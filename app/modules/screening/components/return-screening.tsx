// The review page's part of the screening. Before approval: how many possible pieces of
// personal data the accepted sections hold (the reviewer knows; approval is not blocked).
// After: the return's entries that hold findings, each finding with the words around it and,
// while open, the reviewer's three choices.
import type { FindingStatus } from "~/generated/prisma/enums";
import type { Language } from "~/modules/i18n/languages";
import { useT } from "~/modules/i18n/use-t";
import type { FindingEntry, FindingView } from "../finding-view";
import { FindingCard } from "./finding-card";
import { ScreenedStatus } from "./screened-status";

/** The anchor the resolution forms come back to. */
export const RETURN_SCREENING_ID = "screening";

export function ApprovalScreeningWarning(props: { count: number }) {
  const { t } = useT("screening");
  if (props.count === 0) return null;
  return (
    <div className="inset inset--notice">
      <p>{t("review.beforeApproval", { count: props.count })}</p>
    </div>
  );
}

export function ReturnScreening(props: {
  entries: readonly { entry: FindingEntry; findings: readonly FindingView[] }[];
  lang: Language;
  /** The review page's own path: the forms come back to it. */
  pagePath: string;
  canResolve: boolean;
  screened: Exclude<FindingStatus, "OPEN"> | null;
}) {
  const { t } = useT("screening");
  if (props.entries.length === 0) return null;
  const open = props.entries.some((e) => e.findings.some((f) => f.status === "OPEN"));
  return (
    <section aria-labelledby={`${RETURN_SCREENING_ID}-title`} id={RETURN_SCREENING_ID}>
      <h2 id={`${RETURN_SCREENING_ID}-title`}>{t("review.title")}</h2>
      <ScreenedStatus status={props.screened} />
      <p>{open ? t("review.intro") : t("review.allResolved")}</p>
      {props.entries.map(({ entry, findings }) => (
        <section key={entry.id} aria-labelledby={`screening-entry-${entry.id}`}>
          <h3 id={`screening-entry-${entry.id}`}>
            {t("review.entry", { measure: entry.measureCode })}
          </h3>
          {findings.map((finding) => (
            <FindingCard
              key={finding.id}
              finding={finding}
              lang={props.lang}
              returnTo={`${props.pagePath}#${RETURN_SCREENING_ID}`}
              canResolve={props.canResolve}
              headingLevel={4}
            />
          ))}
        </section>
      ))}
    </section>
  );
}
