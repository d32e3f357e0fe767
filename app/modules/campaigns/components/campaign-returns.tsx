import { Form, href, Link, useNavigation } from "react-router";
import { DataTable } from "~/components/ui/data-table";
import { DeadlineTag } from "~/components/ui/tags";
import type { Language } from "~/modules/i18n/languages";
import { useT } from "~/modules/i18n/use-t";
import type { CampaignPageData } from "../campaign-page.server";

/**
 * What generation would add (a preview), and, while the campaign is open, the button that adds
 * it (new fundings after opening). A draft's returns are generated when it opens.
 */
export function GenerationPanel(props: {
  status: CampaignPageData["campaign"]["status"];
  preview: CampaignPageData["preview"];
  totals: CampaignPageData["totals"];
  canManage: boolean;
}) {
  const { t } = useT(["admin", "campaigns"]);
  const navigation = useNavigation();
  const { preview, totals } = props;
  return (
    <>
      <p>
        {props.status === "DRAFT"
          ? t("campaigns:generation.draftNote")
          : t("campaigns.generation.intro")}
      </p>
      <p role="status">
        {t("campaigns.generation.totals", {
          returns: t("campaigns.generation.counts.returns", { count: totals.returns }),
          newReturns: t("campaigns.generation.counts.newReturns", { count: totals.newReturns }),
          newBlocks: t("campaigns.generation.counts.newBlocks", { count: totals.newBlocks }),
          warnings: t("campaigns.generation.counts.warnings", { count: totals.warnings }),
        })}
      </p>
      {preview.length > 0 ? (
        <details className="details" open={totals.newBlocks > 0 || undefined}>
          <summary>{t("campaigns.generation.preview")}</summary>
          <DataTable
            caption={t("campaigns.generation.preview")}
            columns={[
              { label: t("campaigns.organisation") },
              { label: t("campaigns.generation.blocks") },
              { label: t("campaigns.generation.warnings") },
            ]}
          >
            <tbody>
              {preview.map((row) => (
                <tr key={row.organisation}>
                  <td>
                    {row.organisation}
                    {row.isNew ? (
                      <strong className="tag tag--blue">
                        {t("campaigns.generation.newReturn")}
                      </strong>
                    ) : null}
                  </td>
                  <td>
                    {row.missing
                      .map((b) =>
                        b.measureCode
                          ? `${b.measureCode}${b.origin === "CHANNEL_RULE" ? ` (${t("campaigns.generation.rule")})` : b.link === "SECONDARY" ? ` (${t("campaigns.generation.secondary")})` : ""}`
                          : (b.missionCode ?? t(`campaigns.generation.kinds.${b.kind}`)),
                      )
                      .join(", ")}
                  </td>
                  <td>
                    {row.warnings.map((w, i) => (
                      <span key={i} className="tag tag--yellow">
                        {t(`campaigns.generation.warning.${w.kind}`, {
                          title: "fundingTitle" in w ? w.fundingTitle : "",
                          code: "code" in w ? w.code : "",
                        })}
                      </span>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        </details>
      ) : null}
      {props.canManage && props.status === "OPEN" ? (
        <Form method="post">
          <input type="hidden" name="intent" value="generate" />
          <button
            type="submit"
            className="button"
            disabled={totals.newBlocks === 0 || navigation.state === "submitting"}
          >
            {t("campaigns.generation.run", { count: totals.newBlocks })}
          </button>
        </Form>
      ) : null}
    </>
  );
}

export function ReturnsTable(props: { lang: Language; returns: CampaignPageData["returns"] }) {
  const { t } = useT(["admin", "returns", "partners"]);
  const { lang } = props;
  return (
    <DataTable
      caption={t("campaigns.returnsTitle")}
      columns={[
        { label: t("campaigns.organisation") },
        { label: t("campaigns.kind") },
        { label: t("campaigns.status") },
        { label: t("campaigns.progress"), numeric: true },
      ]}
    >
      <tbody>
        {props.returns.map((r) => (
          <tr key={r.id}>
            <td>
              <Link to={href("/:lang/staff/returns/:returnId", { lang, returnId: r.id })}>
                {r.organisation}
              </Link>
            </td>
            <td>{t(`partners:kinds.${r.kind}`)}</td>
            <td>
              {t(`returns:returnStatus.${r.status}`)} <DeadlineTag marker={r.marker} />
            </td>
            <td className="numeric">
              {r.completed}/{r.total}
            </td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
