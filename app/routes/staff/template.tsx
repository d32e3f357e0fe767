import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { data, Form, href, Link, redirect } from "react-router";
import type { Route } from "./+types/template";
import { ErrorSummaryBox } from "~/components/ui/error-summary";
import { PageTitle } from "~/components/ui/page-title";
import { StatusTag } from "~/components/ui/tags";
import { can } from "~/modules/auth/permissions";
import { requirePermission } from "~/modules/auth/session.server";
import { formatDate, formatDateTime, formatNumber } from "~/modules/i18n/format";
import type { Key } from "~/modules/i18n/keys";
import { langParam } from "~/modules/i18n/lang-param";
import { languages, localized, type Language } from "~/modules/i18n/languages";
import type { Question, SectionDefinition } from "~/modules/questionnaires/definition";
import { publishTemplateVersion } from "~/modules/questionnaires/templates-admin.server";
import { getTemplate } from "~/modules/questionnaires/templates.server";
import { badRequest, notFound } from "~/utils/http.server";
import { readFormData, SMALL_FORM_BYTES } from "~/utils/multipart.server";

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
  const lang = langParam(params);
  const current = await requirePermission(request, lang, "return:read-any");
  const template = await getTemplate(params.templateId);
  if (!template) notFound();
  const search = new URL(request.url).searchParams;
  const banner: Banner | null = banners.find((b) => search.get(b) === "1") ?? null;
  return {
    lang,
    canManage: can(current.roles, "templates:manage"),
    banner,
    // "?imported=1&published=1": imported (or found unchanged) and published in one go.
    alsoPublished: banner !== "published" && search.get("published") === "1",
    template: {
      id: template.id,
      key: template.key,
      version: template.version,
      status: template.status,
      titleFr: template.titleFr,
      titleNl: template.titleNl,
      checksum: template.checksum.slice(0, 12),
      sourceName: template.sourceName,
      createdAt: template.createdAt,
      publishedAt: template.publishedAt,
    },
    campaigns: template.campaigns,
    definition: template.parsed,
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
  const { t } = useTranslation("templates");
  return <StatusTag status={props.status} label={t(`status.${props.status}`)} />;
}

export default function StaffTemplate({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation(["templates", "partners", "common"]);
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
          <SectionSummary key={section.id} section={section} templateId={template.id} lang={lang} />
        ))}
      </section>
    </>
  );
}

function SectionSummary(props: { section: SectionDefinition; templateId: string; lang: Language }) {
  const { t } = useTranslation("templates");
  const { section, lang } = props;
  const headingId = `section-${section.id}`;
  const title = section.title[lang];
  return (
    <section aria-labelledby={headingId} className="section">
      <h3 id={headingId}>{title}</h3>
      <dl className="summary-list">
        <div>
          <dt>{t("detail.sections.id")}</dt>
          <dd>
            <code>{section.id}</code>
          </dd>
        </div>
        <div>
          <dt>{t("detail.sections.repeat")}</dt>
          <dd>{t(`repeat.${section.repeat}`)}</dd>
        </div>
        {section.prefill ? (
          <div>
            <dt>{t("detail.sections.prefill")}</dt>
            <dd>{t(`prefill.${section.prefill}`)}</dd>
          </div>
        ) : null}
        {section.description
          ? languages.map((l) => (
              <div key={l}>
                <dt>{t(`detail.sections.description.${l}`)}</dt>
                <dd lang={l}>{section.description?.[l]}</dd>
              </div>
            ))
          : null}
      </dl>
      <ul>
        {languages.map((l) => (
          <li key={l}>
            <Link
              to={href("/:lang/staff/templates/:templateId/preview/:sectionId", {
                lang: l,
                templateId: props.templateId,
                sectionId: section.id,
              })}
              reloadDocument={l !== lang}
              hrefLang={l}
            >
              {t(`detail.sections.preview.${l}`)}
              <span className="visually-hidden">{t("detail.sections.previewOf", { title })}</span>
            </Link>
          </li>
        ))}
      </ul>
      {/* Focusable, so that keyboard users can scroll it on a small screen. */}
      <div
        className="table-wrapper"
        role="region"
        aria-labelledby={`${headingId}-caption`}
        tabIndex={0}
      >
        <table className="table">
          <caption id={`${headingId}-caption`} className="visually-hidden">
            {t("detail.questions.caption", { title })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t("detail.questions.id")}</th>
              <th scope="col">{t("detail.questions.kind")}</th>
              <th scope="col">{t("detail.questions.label.fr")}</th>
              <th scope="col">{t("detail.questions.label.nl")}</th>
              <th scope="col">{t("detail.questions.required")}</th>
              <th scope="col">{t("detail.questions.rules")}</th>
            </tr>
          </thead>
          <tbody>
            {section.questions.flatMap((q) => [
              <QuestionRow key={q.id} question={q} siblings={section.questions} lang={lang} />,
              ...(q.kind === "repeatableGroup"
                ? q.questions.map((inner) => (
                    <QuestionRow
                      key={`${q.id}.${inner.id}`}
                      question={inner}
                      siblings={q.questions}
                      group={q.id}
                      lang={lang}
                    />
                  ))
                : []),
            ])}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function QuestionRow(props: {
  question: Question;
  siblings: readonly Question[];
  group?: string;
  lang: Language;
}) {
  const { t } = useTranslation(["templates", "returns"]);
  const { question: q, lang } = props;
  const rules = rulesOf(q, props.siblings, t, lang);
  return (
    <tr>
      <td>
        <code>{q.id}</code>
        {props.group ? (
          <div className="hint">{t("detail.questions.inGroup", { group: props.group })}</div>
        ) : null}
      </td>
      <td>{t(`kinds.${q.kind}`)}</td>
      {languages.map((l) => (
        <td key={l} lang={l}>
          {q.label[l]}
          {q.hint ? <div className="hint">{q.hint[l]}</div> : null}
        </td>
      ))}
      <td>{t(q.required ? "detail.questions.yes" : "detail.questions.no")}</td>
      <td>
        {rules.length === 0 ? (
          "–"
        ) : (
          <ul>
            {rules.map((rule) => (
              <li key={rule}>{rule}</li>
            ))}
          </ul>
        )}
      </td>
    </tr>
  );
}

/** A question's constraints, in words, in the page language. */
function rulesOf(
  q: Question,
  siblings: readonly Question[],
  t: TFunction<["templates", "returns"]>,
  lang: Language,
): string[] {
  const rules: string[] = [];
  if (q.visibleWhen) {
    const { question: targetId, equals } = q.visibleWhen;
    const target = siblings.find((s) => s.id === targetId);
    const valueText = (value: string | boolean) => {
      if (typeof value === "boolean") return t(value ? "returns:form.yes" : "returns:form.no");
      if (target && (target.kind === "singleChoice" || target.kind === "multipleChoice")) {
        const choice = target.choices.find((c) => c.value === value);
        if (choice) return choice.label[lang];
      }
      return value;
    };
    rules.push(
      t("rules.visibleWhen", {
        question: target ? target.label[lang] : targetId,
        values: [equals]
          .flat()
          .map((v) => t("rules.quoted", { value: valueText(v) }))
          .join(t("rules.or")),
      }),
    );
  }
  const n = (value: number) => formatNumber(value, lang);
  switch (q.kind) {
    case "shortText":
    case "longText":
      if (q.minLength) rules.push(t("rules.minLength", { count: q.minLength }));
      rules.push(t("rules.maxLength", { count: q.maxLength }));
      break;
    case "integer":
    case "decimal":
      if (q.min != null) rules.push(t("rules.min", { value: n(q.min) }));
      if (q.max != null) rules.push(t("rules.max", { value: n(q.max) }));
      if (q.kind === "decimal") rules.push(t("rules.decimals", { count: q.decimals }));
      if (q.unit) rules.push(t("rules.unit", { unit: q.unit[lang] }));
      break;
    case "date":
      if (q.min) rules.push(t("rules.dateMin", { date: formatDate(q.min, lang) }));
      if (q.max) rules.push(t("rules.dateMax", { date: formatDate(q.max, lang) }));
      break;
    case "singleChoice":
    case "multipleChoice":
      rules.push(
        t("rules.choices", {
          choices: q.choices.map((c) => `${c.label[lang]} (${c.value})`).join(", "),
        }),
      );
      if (q.kind === "multipleChoice" && q.minSelected)
        rules.push(t("rules.minSelected", { count: q.minSelected }));
      if (q.kind === "multipleChoice" && q.maxSelected)
        rules.push(t("rules.maxSelected", { count: q.maxSelected }));
      break;
    case "measurePicker":
      rules.push(t(q.multiple ? "rules.measuresMultiple" : "rules.measuresSingle"));
      break;
    case "figuresTable":
      rules.push(t("rules.maxRows", { count: q.maxRows }));
      break;
    case "attachments":
      rules.push(t("rules.maxFiles", { count: q.maxFiles }));
      break;
    case "repeatableGroup":
      rules.push(t("rules.items", { min: q.minItems, max: q.maxItems, label: q.itemLabel[lang] }));
      break;
    case "yesNo":
      break;
  }
  return rules;
}
