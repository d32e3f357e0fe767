import { formatDateTime, formatNumber } from "~/modules/i18n/format";
import type { Language } from "~/modules/i18n/languages";
import { useT } from "~/modules/i18n/use-t";

/** What an edition is: its plan, period, when and by whom it was frozen, how many entries. */
export function EditionFacts(props: {
  lang: Language;
  edition: {
    planCode: string;
    planTitle: string;
    fromYear: number;
    toYear: number;
    frozenAt: Date;
    frozenBy: string | null;
    entryCount: number;
    suppressBelow: number;
  };
}) {
  const { t } = useT("editions");
  const { edition, lang } = props;
  const facts: [string, string][] = [
    [t("edition.plan"), `${edition.planCode} – ${edition.planTitle}`],
    [t("edition.period"), t("period", { from: edition.fromYear, to: edition.toYear })],
    [t("edition.frozenAt"), formatDateTime(edition.frozenAt, lang)],
    [t("edition.frozenBy"), edition.frozenBy ?? t("edition.nobody")],
    [t("edition.entries"), formatNumber(edition.entryCount, lang)],
    [
      t("edition.suppressBelow"),
      edition.suppressBelow > 0
        ? t("edition.suppressBelowValue", { count: edition.suppressBelow })
        : t("edition.suppressNone"),
    ],
  ];
  return (
    <dl className="summary-list" aria-label={t("edition.facts")}>
      {facts.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
