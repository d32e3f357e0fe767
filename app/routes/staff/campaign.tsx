import { useT } from "~/modules/i18n/use-t";
import { Form, href, Link, redirect, useNavigation } from "react-router";
import type { Route } from "./+types/campaign";
import { DataTable } from "~/components/ui/data-table";
import { PageTitle } from "~/components/ui/page-title";
import { DeadlineTag, sentLateMarker } from "~/components/ui/tags";
import { can } from "~/modules/auth/permissions";
import { requirePermission } from "~/modules/auth/session.server";
import { getCampaign, setFourEyes } from "~/modules/campaigns/campaigns.server";
import { generateReturns, planGeneration } from "~/modules/campaigns/generation.server";
import { formatDate } from "~/modules/i18n/format";
import { langParam } from "~/modules/i18n/lang-param";
import { localized } from "~/modules/i18n/languages";
import { deadlineMarker } from "~/modules/returns/status";
import { notFound } from "~/utils/http.server";
import { readFormData, SMALL_FORM_BYTES } from "~/utils/multipart.server";
import { pageUrl } from "~/utils/page-url";

export async function loader({ request, params }: Route.LoaderArgs) {
  const url = pageUrl(request);
  const lang = langParam(params);
  const current = await requirePermission(request, lang, "return:read-any");
  const campaign = await getCampaign(params.campaignId);
  if (!campaign) notFound();
  const plan = await planGeneration(campaign.id);
  return {
    lang,
    campaign: {
      id: campaign.id,
      title: localized(campaign, "title", lang),
      year: campaign.year,
      status: campaign.status,
      opensAt: campaign.opensAt,
      dueAt: campaign.dueAt,
      template: `${campaign.template.key} v${campaign.template.version}`,
      templateId: campaign.template.id,
      fourEyes: campaign.fourEyes,
    },
    returns: campaign.returns.map((r) => ({
      id: r.id,
      organisation: localized(r.organisation, "name", lang),
      kind: r.organisation.kind,
      status: r.status,
      marker: deadlineMarker(r, campaign) ?? sentLateMarker(r.submittedAt, campaign.dueAt),
      completed: r.sections.filter((s) => s.status === "COMPLETED").length,
      total: r.sections.length,
    })),
    preview: plan.returns
      .filter((r) => r.missingSlotKeys.length > 0 || r.warnings.length > 0)
      .map((r) => ({
        organisation: localized(r.organisation, "name", lang),
        isNew: !r.existingReturnId,
        missing: r.blocks
          .filter((b) => r.missingSlotKeys.includes(b.slotKey))
          .map((b) => ({
            slotKey: b.slotKey,
            kind: b.kind,
            measureCode: b.measureCode ?? null,
            missionCode: b.missionCode ?? null,
            origin: b.origin,
            link: b.measureLink ?? null,
          })),
        warnings: r.warnings,
      })),
    totals: plan.totals,
    canManage: can(current.roles, "campaigns:manage"),
    generated: url.searchParams.get("generated"),
    fourEyesSaved: url.searchParams.get("saved") === "four-eyes",
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const lang = langParam(params);
  const current = await requirePermission(request, lang, "campaigns:manage");
  const campaign = await getCampaign(params.campaignId);
  if (!campaign) notFound();
  const form = await readFormData(request, SMALL_FORM_BYTES);
  if (form.get("intent") === "four-eyes") {
    // An unticked checkbox sends nothing: absent means off.
    await setFourEyes(campaign.id, form.get("fourEyes") === "on", current.user.id);
    throw redirect(
      `${href("/:lang/staff/campaigns/:campaignId", { lang, campaignId: campaign.id })}?saved=four-eyes#four-eyes`,
    );
  }
  const result = await generateReturns(campaign.id, current.user.id);
  throw redirect(
    `${href("/:lang/staff/campaigns/:campaignId", { lang, campaignId: campaign.id })}?generated=${result.createdReturns}-${result.createdSections}`,
  );
}

export default function StaffCampaign({ loaderData }: Route.ComponentProps) {
  const { t } = useT(["admin", "returns", "partners", "common"]);
  const navigation = useNavigation();
  const { lang, campaign, returns, preview, totals, canManage, generated, fourEyesSaved } =
    loaderData;
  const [createdReturns, createdSections] = (generated ?? "").split("-");
  return (
    <>
      <PageTitle title={campaign.title} />
      <nav aria-label={t("common:breadcrumbs")} className="breadcrumbs">
        <ol>
          <li>
            <Link to={href("/:lang/staff/campaigns", { lang })}>{t("campaigns.title")}</Link>
          </li>
        </ol>
      </nav>
      <h1>{campaign.title}</h1>
      {generated ? (
        <div className="panel" role="status">
          <p>
            {t("campaigns.generatedResult", { returns: createdReturns, sections: createdSections })}
          </p>
        </div>
      ) : null}
      <dl className="summary-list">
        <div>
          <dt>{t("campaigns.year")}</dt>
          <dd>{campaign.year}</dd>
        </div>
        <div>
          <dt>{t("campaigns.template")}</dt>
          <dd>
            <Link
              to={href("/:lang/staff/templates/:templateId", {
                lang,
                templateId: campaign.templateId,
              })}
            >
              {campaign.template}
            </Link>
          </dd>
        </div>
        <div>
          <dt>{t("campaigns.opens")}</dt>
          <dd>{formatDate(campaign.opensAt, lang)}</dd>
        </div>
        <div>
          <dt>{t("campaigns.due")}</dt>
          <dd>{formatDate(campaign.dueAt, lang)}</dd>
        </div>
        <div>
          <dt>{t("campaigns.status")}</dt>
          <dd>{t(`campaigns.statuses.${campaign.status}`)}</dd>
        </div>
      </dl>

      <h2>{t("campaigns.generation.title")}</h2>
      <p>{t("campaigns.generation.intro")}</p>
      <p role="status">
        {t("campaigns.generation.totals", {
          returns: totals.returns,
          newReturns: totals.newReturns,
          newBlocks: totals.newBlocks,
          warnings: totals.warnings,
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
      {canManage ? (
        <Form method="post">
          <button
            type="submit"
            className="button"
            disabled={totals.newBlocks === 0 || navigation.state === "submitting"}
          >
            {t("campaigns.generation.run", { count: totals.newBlocks })}
          </button>
        </Form>
      ) : null}

      <h2 id="four-eyes">{t("campaigns.fourEyes.title")}</h2>
      {fourEyesSaved ? (
        <div className="panel" role="status">
          <p>
            {t(campaign.fourEyes ? "campaigns.fourEyes.savedOn" : "campaigns.fourEyes.savedOff")}
          </p>
        </div>
      ) : null}
      {canManage ? (
        <Form method="post">
          <input type="hidden" name="intent" value="four-eyes" />
          <div className="form-group">
            <div className="choice">
              <input
                className="choice__input"
                id="fourEyes"
                name="fourEyes"
                type="checkbox"
                value="on"
                defaultChecked={campaign.fourEyes}
                aria-describedby="fourEyes-hint"
              />
              <label className="choice__label" htmlFor="fourEyes">
                {t("campaigns.fourEyes.label")}
              </label>
            </div>
            <div id="fourEyes-hint" className="hint">
              {t("campaigns.fourEyes.hint")}
            </div>
          </div>
          <button
            type="submit"
            className="button button--secondary"
            disabled={navigation.state === "submitting"}
          >
            {t("campaigns.fourEyes.save")}
          </button>
        </Form>
      ) : (
        <p>{t(campaign.fourEyes ? "campaigns.fourEyes.on" : "campaigns.fourEyes.off")}</p>
      )}

      <h2>{t("campaigns.returnsTitle")}</h2>
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
          {returns.map((r) => (
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
    </>
  );
}
