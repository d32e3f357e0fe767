/**
 * Text typed into the server's HTML before the section form's scripts took over.
 *
 * Hydration renders the form (and react-hook-form reads its saved answers) several tasks
 * before it commits and writes those answers into the fields. Anything typed in between
 * would be overwritten, so from the first render until the commit every keystroke updates a
 * copy of the form's values; the form puts that copy back once it is mounted.
 */

/** The form's text fields as posted, grouped by name (files, _version and buttons left out). */
export function fieldValues(form: HTMLFormElement) {
  const grouped = new Map<string, string[]>();
  for (const [name, value] of new FormData(form).entries())
    if (typeof value === "string" && !name.startsWith("_"))
      grouped.set(name, [...(grouped.get(name) ?? []), value]);
  return grouped;
}

/**
 * The values the server rendered the form with (its fields' defaults), whatever has been typed
 * since: react-hook-form keeps text typed before it was ready, so the fields cannot tell.
 */
export function savedFieldValues(form: HTMLFormElement) {
  const copy = form.cloneNode(true) as HTMLFormElement;
  copy.reset();
  return fieldValues(copy);
}

let hydrated = false;
let recording: { latest: Map<string, string[]>; stop: () => void } | null = null;

/** Starts keeping the typed text, during the first render of the page's first section form. */
export function recordTypedText(formId: string) {
  if (hydrated || recording || typeof document === "undefined") return;
  const form = document.getElementById(formId);
  if (!(form instanceof HTMLFormElement)) return;
  const current = { latest: fieldValues(form), stop: () => {} };
  const onInput = (event: Event) => {
    if (event.target instanceof Node && form.contains(event.target))
      current.latest = fieldValues(form);
  };
  // On the window, capturing: before React's listener on the document, which can finish the
  // hydration there and then (an input during hydration) and write the saved answer back.
  window.addEventListener("input", onInput, true);
  window.addEventListener("change", onInput, true);
  current.stop = () => {
    window.removeEventListener("input", onInput, true);
    window.removeEventListener("change", onInput, true);
  };
  recording = current;
}

/** At the form's commit: what was typed before it (null once the page is hydrated). */
export function takeTypedText(): Map<string, string[]> | null {
  hydrated = true;
  const taken = recording;
  recording = null;
  taken?.stop();
  return taken?.latest ?? null;
}
