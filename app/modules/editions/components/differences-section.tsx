import { href, Link } from "react-router";
import type { ChangedEntry, TableDifference } from "../diff";
import { DataTable } from "~/components/ui/data-table";
import { datasetQuery } from "~/modules/dataset/filters";
import { formatDateTime } from "~/modules/i18n/format";
import type { Language } from "~/modules/i18n/languages";
import { fundingChannels } from "~/modules/organisations/schema";
import { useT } from "~/modules/i18n/use-t";

/** Cells listed per changed table; the count says how many there are in all. */
const CELLS_SHOWN = 30;

interface Differences {
  tables: TableDifference[];
  changedTables: number;
  added: { count: number; rows: ChangedEntry[] };
  removed: { count: number; rows: ChangedEntry[] };
  republished: { count: number; rows: ChangedEntry[] };
}

/**
 * "Differences since the freeze": each table unchanged or with its changed cells (frozen value
 * and current value side by side), then the entries added, removed and published otherwise
 * since, with counts and the first rows, each linking to where the entry can be read.
 */
export function DifferencesSection(props: { lang: Language; differences: Differences }) {
  const { t } = useT(["editions", "partners"]);
  const { lang, differences } = props;
  const none =
    differences.changedTables === 0 &&
    differences.added.count === 0 &&
    differences.removed.count === 0 &&
    differences.republished.count === 0;
  return (
    <section aria-labelledby="differences-title" className="section no-print">
      <h2 id="differences-title">{t("differences.title")}</h2>
      <p>{t("differences.intro")}</p>
      {none ? (
        <p className="inset inset--notice">{t("differences.none")}</p>
      ) : (
        <>
          <h3>{t("differences.tables")}</h3>
          <ul>
            {differences.tables.map((table) => (
              <li key={table.name}>
                {table.changes.length === 0
                  ? t("differences.unchanged", { table: table.title })
                  : t("differences.changed", { table: table.title, count: table.changes.length })}
              </li>
            ))}
          </ul>
          {differences.tables
            .filter((table) => table.changes.length > 0)
            .map((table) => (
              <CellChanges key={table.name} table={table} />
            ))}
          <EntryList
            lang={lang}
            title={t("differences.added")}
            count={t("differences.addedCount", { count: differences.added.count })}
            caption={t("differences.addedCaption")}
            atLabel={t("differences.addedAt")}
            list={differences.added}
            id="added"
          />
          <EntryList
            lang={lang}
            title={t("differences.removed")}
            count={t("differences.removedCount", { count: differences.removed.count })}
            caption={t("differences.removedCaption")}
            atLabel={t("differences.removedAt")}
            list={differences.removed}
            id="removed"
          />
          <EntryList
            lang={lang}
            title={t("differences.republished")}
            count={t("differences.republishedCount", { count: differences.republished.count })}
            caption={t("differences.republishedCaption")}
            atLabel={t("differences.republishedAt")}
            list={differences.republished}
            id="republished"
          />
        </>
      )}
    </section>
  );
}

function CellChanges({ table }: { table: TableDifference }) {
  const { t } = useT("editions");
  const shown = table.changes.slice(0, CELLS_SHOWN);
  const more = table.changes.length - shown.length;
  return (
    <>
      <DataTable
        caption={t("differences.changesCaption", { table: table.title })}
        captionVisible
        columns={[
          { label: t("differences.row") },
          { label: t("differences.column") },
          { label: t("differences.frozen"), numeric: true },
          { label: t("differences.current"), numeric: true },
        ]}
      >
        <tbody>
          {shown.map((change) => (
            <tr key={`${change.rowKey}:${change.columnKey}`}>
              <th scope="row">{change.rowLabel}</th>
              <td>{change.columnLabel}</td>
              <td className="numeric">{change.frozen ?? t("differences.missing")}</td>
              <td className="numeric">{change.current ?? t("differences.missing")}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>
      {more > 0 ? <p>{t("differences.moreChanges", { count: more })}</p> : null}
    </>
  );
}

function EntryList(props: {
  lang: Language;
  id: string;
  title: string;
  count: string;
  caption: string;
  atLabel: string;
  list: { count: number; rows: ChangedEntry[] };
}) {
  const { t } = useT(["editions", "partners"]);
  const { lang, list } = props;
  const linkTo = (entry: ChangedEntry) =>
    entry.returnId
      ? href("/:lang/staff/returns/:returnId", { lang, returnId: entry.returnId })
      : `${href("/:lang/staff/dataset", { lang })}${datasetQuery({
          year: entry.year,
          organisation: entry.organisationId,
          measure: entry.measureId,
          history: true,
        })}`;
  return (
    <section aria-labelledby={`${props.id}-title`}>
      <h3 id={`${props.id}-title`}>{props.title}</h3>
      <p>{props.count}</p>
      {list.rows.length > 0 ? (
        <>
          {list.count > list.rows.length ? (
            <p>{t("differences.firstRows", { count: list.rows.length })}</p>
          ) : null}
          <DataTable
            caption={props.caption}
            columns={[
              { label: t("differences.organisation") },
              { label: t("differences.year"), numeric: true },
              { label: t("differences.channel") },
              { label: t("differences.measure") },
              { label: props.atLabel },
              { label: t("differences.open") },
            ]}
          >
            <tbody>
              {list.rows.map((entry) => (
                <tr key={entry.entryId} data-entry={entry.entryId}>
                  <th scope="row">{entry.organisationName}</th>
                  <td className="numeric">{entry.year}</td>
                  <td>{channelLabel(t, entry.channel)}</td>
                  <td>{entry.measureCode}</td>
                  <td>{formatDateTime(entry.at, lang)}</td>
                  <td>
                    <Link to={linkTo(entry)}>
                      {t(entry.returnId ? "differences.openReturn" : "differences.openDataset", {
                        organisation: entry.organisationName,
                        measure: entry.measureCode,
                        year: entry.year,
                      })}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        </>
      ) : null}
    </section>
  );
}

function channelLabel(t: ReturnType<typeof useT<["editions", "partners"]>>["t"], channel: string) {
  const known = fundingChannels.find((c) => c === channel);
  return known ? t(`partners:channelsShort.${known}`) : channel;
}
