import { useT } from "~/modules/i18n/use-t";
import { Form, href, Link } from "react-router";
import type { Route } from "./+types/dataset";
import { DataTable } from "~/components/ui/data-table";
import { FilterSelect } from "~/components/ui/filter-select";
import { PageTitle } from "~/components/ui/page-title";
import { can } from "~/modules/auth/permissions";
import { requirePermission } from "~/modules/auth/session.server";
import {
  browseDataset,
  datasetFilterOptions,
  withDefaultYear,
} from "~/modules/dataset/browse.server";
import {
  datasetCursorSchema,
  datasetFiltersSchema,
  datasetLinks,
  datasetQuery,
  datasetSources,
} from "~/modules/dataset/filters";
import { formatDateTime, formatNumber } from "~/modules/i18n/format";
import { langParam } from "~/modules/i18n/lang-param";
import { fundingChannels, organisationKinds } from "~/modules/organisations/schema";
import { pageUrl } from "~/utils/page-url";

export async function loader({ request, params }: Route.LoaderArgs) {
  const url = pageUrl(request);
  const lang = langParam(params);
  const current = await requirePermission(request, lang, "return:read-any");
  const canImport = can(current.roles, "dataset:import");
  const query = Object.fromEntries(url.searchParams);
  const filters = await withDefaultYear(datasetFiltersSchema.parse(query));
  const cursor = datasetCursorSchema.parse(query);
  const [page, options] = await Promise.all([
    browseDataset(filters, cursor, lang),
    datasetFilterOptions(lang),
  ]);
  return { lang, filters, page, options, canImport };
}

export default function StaffDataset({ loaderData }: Route.ComponentProps) {
  const { t } = useT(["admin", "partners"]);
  const { t: tc } = useT("contributions");
  const { t: ts } = useT("screening");
  const { lang, filters, page, options, canImport } = loaderData;
  const at = { lang };
  const here = href("/:lang/staff/dataset", at);
  const years =
    typeof filters.year === "number" && !options.years.includes(filters.year)
      ? [filters.year, ...options.years]
      : options.years;
  return (
    <>
      <PageTitle title={t("dataset.title")} />
      <h1>{t("dataset.title")}</h1>
      <p>{t("dataset.intro")}</p>
      <p>
        <Link to={href("/:lang/staff/screening", at)}>{ts("queue.datasetLink")}</Link>
      </p>
      {canImport ? (
        <p>
          <Link to={href("/:lang/staff/dataset/import", at)}>{tc("link")}</Link>
        </p>
      ) : null}
      <Form method="get" className="filters" role="search" aria-label={t("dataset.filters")}>
        <FilterSelect name="year" label={t("dataset.year")} defaultValue={filters.year ?? "all"}>
          <option value="all">{t("dataset.allYears")}</option>
          {years.map((year) => (
            <option key={year} value={year}>
              {year}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect name="kind" label={t("dataset.kind")} defaultValue={filters.kind ?? ""}>
          <option value="">{t("dataset.all")}</option>
          {organisationKinds.map((kind) => (
            <option key={kind} value={kind}>
              {t(`partners:kinds.${kind}`)}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect
          name="organisation"
          label={t("dataset.organisation")}
          defaultValue={filters.organisation ?? ""}
        >
          <option value="">{t("dataset.all")}</option>
          {options.organisations.map((organisation) => (
            <option key={organisation.id} value={organisation.id}>
              {organisation.name}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect
          name="channel"
          label={t("dataset.channel")}
          defaultValue={filters.channel ?? ""}
        >
          <option value="">{t("dataset.all")}</option>
          {fundingChannels.map((channel) => (
            <option key={channel} value={channel}>
              {t(`partners:channels.${channel}`)}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect name="theme" label={t("dataset.theme")} defaultValue={filters.theme ?? ""}>
          <option value="">{t("dataset.all")}</option>
          {options.themes.map((theme) => (
            <option key={theme.id} value={theme.id}>
              {theme.label}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect
          name="measure"
          label={t("dataset.measure")}
          defaultValue={filters.measure ?? ""}
        >
          <option value="">{t("dataset.all")}</option>
          {options.themes.map((theme) => (
            <optgroup key={theme.id} label={theme.label}>
              {theme.measures.map((measure) => (
                <option key={measure.id} value={measure.id}>
                  {measure.label}
                </option>
              ))}
            </optgroup>
          ))}
        </FilterSelect>
        <FilterSelect name="link" label={t("dataset.link")} defaultValue={filters.link ?? ""}>
          <option value="">{t("dataset.all")}</option>
          {datasetLinks.map((link) => (
            <option key={link} value={link}>
              {t(`dataset.links.${link}`)}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect name="source" label={t("dataset.source")} defaultValue={filters.source ?? ""}>
          <option value="">{t("dataset.all")}</option>
          {datasetSources.map((source) => (
            <option key={source} value={source}>
              {t(`dataset.sources.${source}`)}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect name="import" label={t("dataset.import")} defaultValue={filters.import ?? ""}>
          <option value="">{t("dataset.all")}</option>
          {filters.import && !options.imports.some((i) => i.id === filters.import) ? (
            <option value={filters.import}>{t("dataset.unknownImport")}</option>
          ) : null}
          {options.imports.map((i) => (
            <option key={i.id} value={i.id}>
              {t("dataset.importOption", {
                file: i.fileName,
                date: formatDateTime(i.importedAt, lang),
              })}
            </option>
          ))}
        </FilterSelect>
        <div className="form-group">
          <div className="choice">
            <input
              className="choice__input"
              type="checkbox"
              id="history"
              name="history"
              value="1"
              defaultChecked={filters.history}
            />
            <label className="choice__label" htmlFor="history">
              {t("dataset.history")}
            </label>
          </div>
        </div>
        <button type="submit" className="button button--secondary">
          {t("dataset.apply")}
        </button>{" "}
        <Link to={here}>{t("dataset.reset")}</Link>
      </Form>

      <p role="status">{t("dataset.count", { count: page.total })}</p>
      <h2 className="visually-hidden">{t("dataset.countsByChannel")}</h2>
      <ul className="stat-list" aria-label={t("dataset.countsByChannel")}>
        {fundingChannels.map((channel) => (
          <li key={channel} className="stat">
            <span className="stat__value">{formatNumber(page.counts[channel] ?? 0, lang)}</span>{" "}
            <span className="stat__label">{t(`partners:channelsShort.${channel}`)}</span>
          </li>
        ))}
      </ul>
      {page.total > 0 ? (
        <p>
          <a
            href={`${href("/:lang/staff/dataset.csv", at)}${datasetQuery(filters)}`}
            download
            aria-describedby="dataset-download-hint"
          >
            {t("dataset.download", { count: page.total })}
          </a>
          <br />
          <span className="hint" id="dataset-download-hint">
            {t("dataset.downloadHint")}
          </span>
        </p>
      ) : null}
      {page.total > 0 ? (
        <p>
          <a
            href={`${href("/:lang/staff/dataset.xlsx", at)}${datasetQuery(filters)}`}
            download
            aria-describedby="dataset-xlsx-hint"
          >
            {t("dataset.downloadXlsx", { count: page.total })}
          </a>
          <br />
          <span className="hint" id="dataset-xlsx-hint">
            {t("dataset.downloadXlsxHint")}
          </span>
        </p>
      ) : null}

      {page.entries.length === 0 ? (
        <p>{t("dataset.empty")}</p>
      ) : (
        <DataTable
          caption={t("dataset.tableCaption")}
          columns={[
            { label: t("dataset.columns.year") },
            { label: t("dataset.columns.organisation") },
            { label: t("dataset.columns.channel") },
            { label: t("dataset.columns.measure") },
            { label: t("dataset.columns.link") },
            { label: t("dataset.columns.narrative") },
            { label: t("dataset.columns.figures") },
            { label: t("dataset.columns.approved") },
            { label: t("dataset.columns.provenance") },
          ]}
        >
          <tbody>
            {page.entries.map((entry) => (
              <tr key={entry.id}>
                <td>{entry.year}</td>
                <td>{entry.organisationName}</td>
                <td>{t(`partners:channelsShort.${entry.channel}`)}</td>
                <td>
                  {entry.measureCode} – {entry.measureTitle}
                </td>
                <td>{t(`dataset.links.${entry.link}`)}</td>
                <td>
                  {entry.narrative ? (
                    <span lang={entry.narrativeLanguage ?? undefined}>{entry.narrative}</span>
                  ) : (
                    t("dataset.none")
                  )}
                </td>
                <td>
                  {entry.figures.length > 0 ? (
                    <ul className="plain-list">
                      {entry.figures.map((figure, index) => (
                        <li key={index}>
                          {figure.label} :{" "}
                          {typeof figure.value === "number"
                            ? formatNumber(figure.value, lang)
                            : (figure.value ?? t("dataset.none"))}
                          {figure.unit ? ` ${figure.unit}` : ""}
                        </li>
                      ))}
                    </ul>
                  ) : (
                    t("dataset.none")
                  )}
                </td>
                <td>
                  {entry.approvedBy ?? t("dataset.none")}
                  <br />
                  {formatDateTime(entry.approvedAt, lang)}
                  {entry.supersededAt ? (
                    <>
                      <br />
                      <strong>
                        {t("dataset.superseded", {
                          date: formatDateTime(entry.supersededAt, lang),
                        })}
                      </strong>
                    </>
                  ) : null}
                </td>
                <td>
                  {entry.returnId ? (
                    <Link
                      to={href("/:lang/staff/returns/:returnId", {
                        lang,
                        returnId: entry.returnId,
                      })}
                      aria-label={t("dataset.returnLinkLabel", {
                        organisation: entry.organisationName,
                        year: entry.year,
                      })}
                    >
                      {t("dataset.returnLink")}
                    </Link>
                  ) : entry.importFile !== null && entry.importLine !== null ? (
                    t("dataset.importedFrom", { file: entry.importFile, line: entry.importLine })
                  ) : (
                    t("dataset.none")
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      {page.previous || page.next ? (
        <nav aria-label={t("dataset.pagination")}>
          <ul className="plain-list">
            {page.previous ? (
              <>
                <li>
                  <Link to={`${here}${datasetQuery(filters)}`}>{t("dataset.first")}</Link>
                </li>
                <li>
                  <Link to={`${here}${datasetQuery(filters, { before: page.previous })}`}>
                    {t("dataset.previous")}
                  </Link>
                </li>
              </>
            ) : null}
            {page.next ? (
              <li>
                <Link to={`${here}${datasetQuery(filters, { after: page.next })}`}>
                  {t("dataset.next")}
                </Link>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
    </>
  );
}
