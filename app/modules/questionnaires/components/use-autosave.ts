// The autosave of a section form: debounced saves of the draft to a JSON endpoint, a flush
// that sends what is pending and waits for the answer (before a Save button, a language
// switch or a link), a copy in the browser's storage until the server has it, and the states
// the page must show: saving, saved, a conflict with someone else, an ended session, a return
// that no longer takes changes (sent, approved or its campaign closed meanwhile).
import { useCallback, useEffect, useRef, useState } from "react";
import { registerPendingSave } from "~/utils/pending-saves";
import type { RawAnswers } from "../answers";

export interface ConflictView {
  answers: RawAnswers;
  version: number;
  updatedAt: string | Date;
  updatedBy: string | null;
  /** Saved by the same person in another tab or window. */
  byYou?: boolean;
}

/** Why the server no longer takes this return's changes (returns/status.ts, editRefusal). */
export type SaveRefusal = "locked" | "approved" | "closed" | "not-sent-back";
const refusals: readonly string[] = [
  "locked",
  "approved",
  "closed",
  "not-sent-back",
] satisfies SaveRefusal[];

function isRefusal(outcome: string): outcome is SaveRefusal {
  return refusals.includes(outcome);
}

type SaveAnswer =
  | { outcome: "saved"; version: number; savedAt: string }
  | { outcome: "conflict"; theirs: ConflictView }
  | { outcome: SaveRefusal | "session-expired" | "not-found" | "error" };

export type AutosaveStatus = "idle" | "saving" | "saved" | "error";

/** What the browser keeps until the server has it (localStorage, one key per section and user). */
interface StoredDraft {
  entries: [string, string][];
  baseVersion: number;
  typedAt: string;
}

const AUTOSAVE_DELAY_MS = 1500;

function answersOf(form: HTMLFormElement) {
  const data = new FormData(form);
  for (const [key, value] of [...data.entries()]) if (typeof value !== "string") data.delete(key);
  data.delete("_intent");
  data.delete("_version");
  return data;
}

function readStored(key: string | null): StoredDraft | null {
  if (!key) return null;
  try {
    const text = window.localStorage.getItem(key);
    const parsed = text ? (JSON.parse(text) as StoredDraft) : null;
    return parsed && Array.isArray(parsed.entries) ? parsed : null;
  } catch {
    return null; // storage disabled or full: the page still saves to the server
  }
}

function writeStored(key: string | null, draft: StoredDraft | null) {
  if (!key) return;
  try {
    if (draft) window.localStorage.setItem(key, JSON.stringify(draft));
    else window.localStorage.removeItem(key);
  } catch {
    // Storage full or disabled: nothing more to do, the server save goes on.
  }
}

export function useAutosave(options: {
  /** The JSON endpoint (routes/partner/return-section-autosave.tsx); null: nothing is ever saved. */
  url: string | null;
  version: number;
  formRef: React.RefObject<HTMLFormElement | null>;
  /** localStorage key for the unsaved copy; null: none kept. */
  storageKey: string | null;
  /** When the server's version was saved: a stored copy typed after it is newer. */
  serverUpdatedAt: string | Date | null;
  initialConflict: ConflictView | null;
  initialSavedAt: string | Date | null;
}) {
  const { url, formRef, storageKey } = options;
  const [version, setVersionState] = useState(options.version);
  const [conflict, setConflictState] = useState<ConflictView | null>(options.initialConflict);
  const [status, setStatus] = useState<AutosaveStatus>("idle");
  const [savedAt, setSavedAt] = useState<string | Date | null>(options.initialSavedAt);
  const [sessionExpired, setSessionExpired] = useState(false);
  // Final for this page: retrying cannot help, so nothing is sent again and links are not held.
  const [refused, setRefusedState] = useState<SaveRefusal | null>(null);
  const refusedRef = useRef<SaveRefusal | null>(null);
  /** Typed text not confirmed saved yet (shown to tests and scripts as data-autosave). */
  const [pending, setPending] = useState(false);
  // Refs mirror the state for timers, unload handlers and awaited saves, which outlive a render.
  const versionRef = useRef(options.version);
  const conflictRef = useRef<ConflictView | null>(options.initialConflict);
  const dirty = useRef(false);
  const latest = useRef<FormData | null>(null);
  const inFlight = useRef<Promise<SaveAnswer> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const setVersion = useCallback((value: number) => {
    versionRef.current = value;
    setVersionState(value);
  }, []);
  const setConflict = useCallback((value: ConflictView | null) => {
    conflictRef.current = value;
    setConflictState(value);
  }, []);

  /** One request with the latest answers; resolves with the server's answer. */
  const sendOnce = useCallback(async (): Promise<SaveAnswer> => {
    const data = latest.current;
    if (!url || !data) return { outcome: "saved", version: versionRef.current, savedAt: "" };
    dirty.current = false;
    const body = new FormData();
    for (const [key, value] of data.entries()) body.append(key, value);
    body.set("_version", String(versionRef.current));
    // Marks the request as an autosave for proxies, logs and tests watching the network.
    body.set("_intent", "autosave");
    setStatus("saving");
    let answer: SaveAnswer;
    try {
      const response = await fetch(url, {
        method: "POST",
        body,
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      const json = (await response.json().catch(() => null)) as SaveAnswer | null;
      answer = json && typeof json.outcome === "string" ? json : { outcome: "error" };
      if (response.status === 401) answer = { outcome: "session-expired" };
    } catch {
      answer = { outcome: "error" }; // offline or the server went away: kept, retried later
    }
    if (answer.outcome === "saved") {
      setVersion(answer.version);
      setSavedAt(answer.savedAt);
      setSessionExpired(false);
      setStatus("saved");
      // Typed while this save was on its way: the stored copy and the next save keep it.
      if (!dirty.current) {
        writeStored(storageKey, null);
        setPending(false);
      }
    } else {
      dirty.current = true; // not saved: still to send
      setStatus(answer.outcome === "error" ? "error" : "idle");
      if (answer.outcome === "session-expired") setSessionExpired(true);
      if (answer.outcome === "conflict") setConflict(answer.theirs);
      if (isRefusal(answer.outcome)) {
        refusedRef.current = answer.outcome;
        setRefusedState(answer.outcome);
      }
    }
    return answer;
  }, [url, storageKey, setVersion, setConflict]);

  /** Sends what is not saved yet (after the save on its way, if any) and waits for it. */
  const flush = useCallback(async (): Promise<SaveAnswer> => {
    clearTimeout(timer.current);
    for (let round = 0; round < 3; round++) {
      if (inFlight.current) await inFlight.current;
      if (!dirty.current || conflictRef.current || refusedRef.current) break;
      const sending = sendOnce();
      inFlight.current = sending;
      const answer = await sending.finally(() => {
        if (inFlight.current === sending) inFlight.current = null;
      });
      if (answer.outcome !== "saved") return answer;
    }
    if (conflictRef.current) return { outcome: "conflict", theirs: conflictRef.current };
    if (refusedRef.current && dirty.current) return { outcome: refusedRef.current };
    return { outcome: "saved", version: versionRef.current, savedAt: "" };
  }, [sendOnce]);

  /** The form changed: keep a copy in the browser, save after a pause in typing. */
  const changed = useCallback(() => {
    const form = formRef.current;
    if (!url || !form) return;
    dirty.current = true;
    setPending(true);
    latest.current = answersOf(form);
    writeStored(storageKey, {
      entries: [...latest.current.entries()] as [string, string][],
      baseVersion: versionRef.current,
      typedAt: new Date().toISOString(),
    });
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      // A conflict is resolved first; an ended session waits for the person to sign in again.
      if (!conflictRef.current && !refusedRef.current) void flush();
    }, AUTOSAVE_DELAY_MS);
  }, [url, formRef, storageKey, flush]);

  /** The person chose to keep their version over the other one: save it on top of theirs. */
  const keepMine = useCallback(() => {
    const theirs = conflictRef.current;
    if (!theirs) return;
    setVersion(theirs.version);
    setConflict(null);
    if (formRef.current) latest.current = answersOf(formRef.current);
    dirty.current = true;
    void flush();
  }, [flush, formRef, setConflict, setVersion]);

  // Language switch and other full-page links wait for this flush (utils/pending-saves.ts).
  useEffect(() => {
    if (!url) return;
    return registerPendingSave(async () => {
      if (dirty.current || inFlight.current) await flush();
    });
  }, [url, flush]);

  // Back from signing in again in another tab, or back online: send what is waiting.
  useEffect(() => {
    if (!url) return;
    const retry = () => {
      if (
        document.visibilityState === "visible" &&
        dirty.current &&
        !conflictRef.current &&
        !refusedRef.current
      )
        void flush();
    };
    window.addEventListener("focus", retry);
    window.addEventListener("online", retry);
    document.addEventListener("visibilitychange", retry);
    return () => {
      window.removeEventListener("focus", retry);
      window.removeEventListener("online", retry);
      document.removeEventListener("visibilitychange", retry);
    };
  }, [url, flush]);

  // Closing the tab: what is not saved yet goes with keepalive, so it arrives as the page
  // goes away (the stored copy stays until a save is confirmed).
  useEffect(() => {
    if (!url) return;
    const sendBeacon = () => {
      const data = latest.current;
      if (!data || !dirty.current || conflictRef.current || refusedRef.current || inFlight.current)
        return;
      clearTimeout(timer.current);
      const body = new FormData();
      for (const [key, value] of data.entries()) body.append(key, value);
      body.set("_version", String(versionRef.current));
      void fetch(url, { method: "POST", body, keepalive: true, credentials: "same-origin" });
    };
    window.addEventListener("pagehide", sendBeacon);
    return () => {
      window.removeEventListener("pagehide", sendBeacon);
      sendBeacon();
    };
  }, [url]);

  /** A copy typed in this browser after the server's version, if any (restored on load). */
  const storedNewer = useCallback((): [string, string][] | null => {
    const stored = readStored(storageKey);
    if (!stored) return null;
    const serverTime = options.serverUpdatedAt ? new Date(options.serverUpdatedAt).getTime() : 0;
    if (new Date(stored.typedAt).getTime() <= serverTime) {
      writeStored(storageKey, null); // older than what the server has: not needed any more
      return null;
    }
    return stored.entries;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- read once, at load
  }, [storageKey]);

  return {
    version,
    setVersion,
    conflict,
    setConflict,
    status,
    savedAt,
    sessionExpired,
    refused,
    pending,
    changed,
    flush,
    keepMine,
    storedNewer,
    versionNow: () => versionRef.current,
    /**
     * Text still to save. After a refusal nothing can be: the link that met it is held once, so
     * the alert is read; the next one is not.
     */
    isDirty: () => !refusedRef.current && (dirty.current || inFlight.current !== null),
  };
}
