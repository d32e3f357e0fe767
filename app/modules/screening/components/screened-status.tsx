// The status message after a finding was resolved and the reviewer came back to the page.
import type { FindingStatus } from "~/generated/prisma/enums";
import { useT } from "~/modules/i18n/use-t";

export function ScreenedStatus(props: { status: Exclude<FindingStatus, "OPEN"> | null }) {
  const { t } = useT("screening");
  if (!props.status) return null;
  return (
    <div className="panel" role="status">
      <p>{t(`done.${props.status}`)}</p>
    </div>
  );
}
