import { Form, Link, useNavigation } from "react-router";
import { Tag, type TagTone } from "~/components/ui/tags";
import { formatDate } from "~/modules/i18n/format";
import type { Language } from "~/modules/i18n/languages";
import { useT } from "~/modules/i18n/use-t";
import type { CampaignPageData } from "../campaign-page.server";

const TONES: Record<CampaignPageData["campaign"]["status"], TagTone> = {
  DRAFT: "grey",
  OPEN: "green",
  CLOSED: "blue",
};

export function CampaignStatusTag(props: { status: CampaignPageData["campaign"]["status"] }) {
  const { t } = useT("campaigns");
  return <Tag tone={TONES[props.status]}>{t(`status.${props.status}`)}</Tag>;
}

/**
 * The move the campaign's state allows: open a draft, close an open campaign (after a
 * confirmation page, so no JavaScript is needed), or say since when it is closed.
 */
export function LifecyclePanel(props: {
  campaign: CampaignPageData["campaign"];
  lang: Language;
  organisations: number;
  unsent: number;
  canManage: boolean;
  confirmClose: boolean;
  /** The page without the confirmation step (its "cancel" link). */
  pageUrl: string;
}) {
  const { t } = useT("campaigns");
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const { campaign, lang } = props;
  if (campaign.status === "CLOSED")
    return (
      <div className="inset inset--notice" role="note">
        <p>
          {t("close.closedNotice", { date: formatDate(campaign.closedAt ?? new Date(), lang) })}
        </p>
      </div>
    );
  if (!props.canManage) return null;
  if (campaign.status === "DRAFT")
    return (
      <section aria-labelledby="open-title" className="section">
        <h2 id="open-title">{t("open.title")}</h2>
        <p>{t("open.intro", { count: props.organisations })}</p>
        <Form method="post">
          <input type="hidden" name="intent" value="open" />
          <button type="submit" className="button" disabled={busy}>
            {t("open.button")}
          </button>
        </Form>
      </section>
    );
  if (props.confirmClose)
    return (
      <section aria-labelledby="close-title" className="panel" id="close">
        <h2 id="close-title">{t("close.confirmTitle", { title: campaign.title })}</h2>
        <p>{t("close.confirmBody", { count: props.unsent })}</p>
        <Form method="post" className="button-group">
          <input type="hidden" name="intent" value="close" />
          <input type="hidden" name="confirm" value="yes" />
          <button type="submit" className="button button--warning" disabled={busy}>
            {t("close.confirmButton")}
          </button>
          <Link to={props.pageUrl} className="link-button">
            {t("close.cancel")}
          </Link>
        </Form>
      </section>
    );
  return (
    <section aria-labelledby="close-title" className="section">
      <h2 id="close-title">{t("close.title")}</h2>
      <p>{t("close.intro")}</p>
      <Form method="post">
        <input type="hidden" name="intent" value="close" />
        <button type="submit" className="button button--secondary" disabled={busy}>
          {t("close.button")}
        </button>
      </Form>
    </section>
  );
}
