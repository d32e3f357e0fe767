import { useT } from "~/modules/i18n/use-t";
import { data, Form, href, Link, redirect } from "react-router";
import type { Route } from "./+types/template";
import { ErrorSummaryBox } from "~/components/ui/error-summary";
import { PageTitle } from "~/components/ui/page-title";
import { StatusTag } from "~/components/ui/tags";
import { can } from "~/modules/auth/permissions";
import { requirePermission } from "~/modules/auth/session.server";
import { formatDateTime } from "~/modules/i18n/format";
import type { Key } from "~/modules/i18n/keys";
import { langParam } from "~/modules/i18n/lang-param";
import { languages, localized } from "~/modules/i18n/languages";
import { TemplateSectionOutline } from "~/modules/questionnaires/components/template-outline";
import {
  loadTemplateDetail,
  publishTemplateVersion,
} from "~/modules/questionnaires/templates-admin.server";
import { badRequest, notFound } from "~/utils/http.server";
import { readFormData, SMALL_FORM_BYTES } from "~/utils/multipart.server";
import { pageUrl } from "~/utils/page-url";

// Set by the import and publish redirects; "published" is checked last (see alsoPublished).
const banners = ["imported", "unchanged", "published"] as const;
type Banner = (typeof banners)[number];
// "published" is never also published (alsoPublished): its text is the same either way.
const bannerText = {
  imported: { alone: "detail.banner.imported", andPublished: "detail.banner.importedAndPublished" },
  unchanged: {
    alone: "detail.banner.unchanged",
    andPublished: "detail.banner.unchangedAndPublished",
  },
  published: { alone: "detail.banner.published", andPublished: "detail.banner.published" },
} as const satisfies Record<Banner, Record<"alone" | "andPublished", Key<"templates">>>;

export async function loader({ request, params }: Route.LoaderArgs) {
  const url = pageUrl(request);
  const lang = langParam(params);
  const current = await requirePermission(request, lang, "return:read-any");
  const detail = await loadTemplateDetail(params.templateId);
  if (!detail) notFound();
  const search = url.searchParams;
  const banner: Banner | null = banners.find((b) => search.get(b) === "1") ?? null;
  return {
    lang,
    canManage: can(current.roles, "templates:manage"),
    banner,
    // "?imported=1&published=1": imported (or found unchanged) and published in one go.
    alsoPublished: banner !== "published" && search.get("published") === "1",
    ...detail,
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const lang = langParam(params);
  const current = await requirePermission(request, lang, "templates:manage");
  const form = await readFormData(request, SMALL_FORM_BYTES);
  if (form.get("intent") !== "publish") badRequest();
  const result = await publishTemplateVersion({
    templateId: params.templateId,
    actorUserId: current.user.id,
  });
  if (result.outcome === "not-found") notFound();
  if (result.outcome === "not-draft") return data({ error: "notDraft" as const }, { status: 409 });
  throw redirect(
    `${href("/:lang/staff/templates/:templateId", { lang, templateId: params.templateId })}?published=1`,
  );
}

function TemplateStatusTag(props: { status: "DRAFT" | "PUBLISHED" | "RETIRED" }) {
  const { t } = useT("templates");
  return <StatusTag status={props.status} label={t(`status.${props.status}`)} />;
}

export default function StaffTemplate({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useT(["templates", "partners", "common"]);
  const { lang, canManage, banner, alsoPublished, template, campaigns, definition } = loaderData;
  const title = localized(template, "title", lang);
  const heading = t("detail.title", { title, version: template.version });
  return (
    <>
      <PageTitle title={heading} hasErrors={Boolean(actionData?.error)} />
      <nav aria-label={t("common:breadcrumbs")} className="breadcrumbs">
        <ol>
          <li>
            <Link to={href("/:lang/staff/templates", { lang })}>{t("list.title")}</Link>
          </li>
        </ol>
      </nav>
      {actionData?.error ? (
        <ErrorSummaryBox focusKey={actionData}>
          <p>{t("detail.publish.notDraft")}</p>
        </ErrorSummaryBox>
      ) : null}
      {banner ? (
        <div className="panel" role="status">
          <p>
            {t(bannerText[banner][alsoPublished ? "andPublished" : "alone"], {
              version: template.version,
            })}
          </p>
        </div>
      ) : null}
      <h1>{heading}</h1>
      <dl className="summary-list">
        <div>
          <dt>{t("detail.summary.key")}</dt>
          <dd>
            <code>{template.key}</code>
          </dd>
        </div>
        <div>
          <dt>{t("detail.summary.version")}</dt>
          <dd>{template.version}</dd>
        </div>
        <div>
          <dt>{t("detail.summary.status")}</dt>
          <dd>
            <TemplateStatusTag status={template.status} />
          </dd>
        </div>
        {languages.map((l) => (
          <div key={l}>
            <dt>{t(`detail.summary.title.${l}`)}</dt>
            <dd lang={l}>{localized(template, "title", l)}</dd>
          </div>
        ))}
        <div>
          <dt>{t("detail.summary.checksum")}</dt>
          <dd>
            <code>{template.checksum}</code>
          </dd>
        </div>
        <div>
          <dt>{t("detail.summary.source")}</dt>
          <dd>{template.sourceName ?? t("detail.summary.noSource")}</dd>
        </div>
        <div>
          <dt>{t("detail.summary.created")}</dt>
          <dd>{formatDateTime(template.createdAt, lang)}</dd>
        </div>
        <div>
          <dt>{t("detail.summary.published")}</dt>
          <dd>
            {template.publishedAt
              ? formatDateTime(template.publishedAt, lang)
              : t("detail.summary.notPublished")}
          </dd>
        </div>
        <div>
          <dt>{t("detail.summary.campaigns")}</dt>
          <dd>
            {campaigns.length === 0 ? (
              t("detail.summary.noCampaigns")
            ) : (
              <ul>
                {campaigns.map((c) => (
                  <li key={c.id}>{localized(c, "title", lang)}</li>
                ))}
              </ul>
            )}
          </dd>
        </div>
      </dl>

      {canManage && template.status === "DRAFT" ? (
        <section aria-labelledby="publish-title" className="section">
          <h2 id="publish-title">{t("detail.publish.title")}</h2>
          <p>{t("detail.publish.body")}</p>
          <div className="inset">
            <p>
              <strong>{t("detail.publish.warning")}</strong>
            </p>
          </div>
          <Form
            method="post"
            action={href("/:lang/staff/templates/:templateId", { lang, templateId: template.id })}
          >
            <button type="submit" name="intent" value="publish" className="button">
              {t("detail.publish.button", { version: template.version })}
            </button>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="rules-title" className="section">
        <h2 id="rules-title">{t("detail.channelRules.title")}</h2>
        {definition.channelRules.length === 0 ? (
          <p>{t("detail.channelRules.none")}</p>
        ) : (
          <ul>
            {definition.channelRules.map((rule) => (
              <li key={`${rule.channel}-${rule.fromYear}`}>
                {t("detail.channelRules.rule", {
                  channel: t(`partners:channels.${rule.channel}`),
                  year: rule.fromYear,
                  measures: rule.requiredMeasures.join(", "),
                  count: rule.requiredMeasures.length,
                })}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="sections-title" className="section">
        <h2 id="sections-title">{t("detail.sections.title")}</h2>
        <p>{t("detail.sections.intro", { count: definition.sections.length })}</p>
        {definition.sections.map((section) => (
          <TemplateSectionOutline
            key={section.id}
            section={section}
            templateId={template.id}
            lang={lang}
          />
        ))}
      </section>
    </>
  );
}
