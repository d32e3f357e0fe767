// The words around a finding, for the reviewer to judge it: a few dozen characters either side
// of the match, cut at a space where one is near, with an ellipsis where the text goes on.
// Pure; the page marks `match` (<mark>).

export interface Excerpt {
  before: string;
  match: string;
  after: string;
}

const CONTEXT = 60;

export function excerptOf(text: string, start: number, end: number, context = CONTEXT): Excerpt {
  const from = Math.min(Math.max(start, 0), text.length);
  const to = Math.min(Math.max(end, from), text.length);
  let left = Math.max(0, from - context);
  let right = Math.min(text.length, to + context);
  if (left > 0) {
    const space = text.indexOf(" ", left);
    if (space !== -1 && space < from) left = space + 1;
  }
  if (right < text.length) {
    const space = text.lastIndexOf(" ", right);
    if (space > to) right = space;
  }
  const flat = (s: string) => s.replace(/\s+/g, " ");
  return {
    before: (left > 0 ? "…" : "") + flat(text.slice(left, from)),
    match: text.slice(from, to),
    after: flat(text.slice(to, right)) + (right < text.length ? "…" : ""),
  };
}
