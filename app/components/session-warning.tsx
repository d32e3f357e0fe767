import { href } from "react-router";
import { useEffect, useState } from "react";
import { useT } from "~/modules/i18n/use-t";
import { formatTime } from "~/modules/i18n/format";
import type { Language } from "~/modules/i18n/languages";

// WCAG 2.2.1 (timing adjustable): a session lasts a few hours; five minutes before it ends the
// page says so and offers to extend it with one button, so no one loses what they are typing.
const WARN_BEFORE_MS = 5 * 60 * 1000;
const CHECK_EVERY_MS = 15 * 1000;

type Phase = "ok" | "soon" | "ended";

/**
 * `expiresAt` and `serverNow` come from the server: the end is counted on the server's clock
 * (offset by the gap between the two clocks), so a browser whose clock is wrong still warns
 * on time.
 */
export function SessionWarning(props: {
  lang: Language;
  expiresAt: string | null;
  serverNow: string;
}) {
  const { t } = useT("common");
  // The session's end on this browser's clock.
  const [end, setEnd] = useState(() =>
    props.expiresAt ? Date.parse(props.expiresAt) - Date.parse(props.serverNow) + Date.now() : null,
  );
  const [phase, setPhase] = useState<Phase>("ok");
  const [extended, setExtended] = useState(false);

  useEffect(() => {
    if (end === null) return;
    const check = () => {
      const left = end - Date.now();
      setPhase(left <= 0 ? "ended" : left <= WARN_BEFORE_MS ? "soon" : "ok");
    };
    check();
    const id = setInterval(check, CHECK_EVERY_MS);
    // Timers sleep in background tabs: check again when the tab comes back. Back from signing
    // in again in another tab, the new session is found by extending it.
    const onBack = () => {
      if (document.visibilityState !== "visible") return;
      if (end - Date.now() <= 0) void extend(true);
      else check();
    };
    document.addEventListener("visibilitychange", onBack);
    window.addEventListener("focus", onBack);
    return () => {
      clearInterval(id);
      document.removeEventListener("visibilitychange", onBack);
      window.removeEventListener("focus", onBack);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- extend() only sets state
  }, [end]);

  async function extend(quiet = false) {
    const response = await fetch(href("/:lang/session/extend", { lang: props.lang }), {
      method: "POST",
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    }).catch(() => null);
    const body = (await response?.json().catch(() => null)) as {
      expiresAt?: string;
      now?: string;
    } | null;
    if (response?.ok && body?.expiresAt && body.now) {
      setEnd(Date.parse(body.expiresAt) - Date.parse(body.now) + Date.now());
      setPhase("ok");
      setExtended(!quiet);
    } else {
      setPhase("ended");
    }
  }

  const time = end === null ? "" : formatTime(end, props.lang);
  const here = typeof window === "undefined" ? "" : window.location.pathname;
  return (
    // No empty alert on every page: each message is an alert of its own when it appears.
    <div className="session-warning-region">
      {phase === "soon" ? (
        <div role="alert" className="inset inset--notice session-warning">
          <p>
            <strong>{t("session.soonTitle")}</strong> {t("session.soonBody", { time })}
          </p>
          <button type="button" className="button" onClick={() => void extend()}>
            {t("session.extend")}
          </button>
        </div>
      ) : phase === "ended" ? (
        <div role="alert" className="inset inset--notice session-warning">
          <p>
            <strong>{t("session.endedTitle")}</strong> {t("session.endedBody")}
          </p>
          <p>
            <a
              href={`${href("/:lang/login", { lang: props.lang })}?${new URLSearchParams({ redirectTo: here })}`}
              target="_blank"
              rel="noopener"
            >
              {t("session.signIn")}
            </a>
          </p>
        </div>
      ) : extended ? (
        <p role="status" className="visually-hidden">
          {t("session.extended", { time })}
        </p>
      ) : null}
    </div>
  );
}
