// One section of a questionnaire template as staff read it: its settings, links to preview it
// in each language, and a table of its questions (labels side by side, rules in words).
import { useT } from "~/modules/i18n/use-t";
import { href, Link } from "react-router";
import { DataTable } from "~/components/ui/data-table";
import { languages, type Language } from "~/modules/i18n/languages";
import type { Question, SectionDefinition } from "../definition";
import { questionRules } from "../question-rules";

export function TemplateSectionOutline(props: {
  section: SectionDefinition;
  templateId: string;
  lang: Language;
}) {
  const { t } = useT("templates");
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
      <DataTable
        caption={t("detail.questions.caption", { title })}
        columns={[
          { label: t("detail.questions.id") },
          { label: t("detail.questions.kind") },
          { label: t("detail.questions.label.fr") },
          { label: t("detail.questions.label.nl") },
          { label: t("detail.questions.required") },
          { label: t("detail.questions.rules") },
        ]}
      >
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
      </DataTable>
    </section>
  );
}

function QuestionRow(props: {
  question: Question;
  siblings: readonly Question[];
  group?: string;
  lang: Language;
}) {
  const { t } = useT(["templates", "returns"]);
  const { question: q, lang } = props;
  const rules = questionRules(q, props.siblings, t, lang);
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
