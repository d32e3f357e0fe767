// The benchmark's reference page (docs/benchmarks.md): what a bare React Router page of 60
// labelled text areas costs on this server, in the same layout as every page and with no data.
// Issue 7 measures the section page against it. Served only when BENCH_PAGES=1 (`npm run bench`).
import { PageTitle } from "~/components/ui/page-title";
import { useT } from "~/modules/i18n/use-t";
import { env } from "~/utils/env.server";

const FIELDS = Array.from({ length: 60 }, (_, i) => i + 1);

export function loader() {
  if (!env.benchPages) throw new Response(null, { status: 404 });
  return null;
}

export default function BenchBareForm() {
  const { t } = useT("common");
  return (
    <>
      <PageTitle title={t("benchForm.title")} />
      <h1>{t("benchForm.title")}</h1>
      <form method="post">
        {FIELDS.map((number) => (
          <div key={number}>
            <label htmlFor={`field-${number}`}>{t("benchForm.field", { number })}</label>
            <textarea id={`field-${number}`} name={`field${number}`} rows={3} />
          </div>
        ))}
      </form>
    </>
  );
}
