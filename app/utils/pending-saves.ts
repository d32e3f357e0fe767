// Work a page still has to send before the browser may leave it (typed answers not saved
// yet). Links that reload the whole document, such as the language switch, await it first:
// otherwise the next page would show the old answers, and the save racing it would come back
// as a conflict with oneself.
type Flush = () => Promise<unknown>;

const pending = new Set<Flush>();

/** Registers a flush; returns the function that unregisters it. */
export function registerPendingSave(flush: Flush): () => void {
  pending.add(flush);
  return () => pending.delete(flush);
}

/** Sends everything pending and waits for the answers (at most `timeoutMs`, then gives up). */
export async function flushPendingSaves(timeoutMs = 10_000): Promise<void> {
  if (pending.size === 0) return;
  const all = Promise.allSettled([...pending].map((flush) => flush()));
  await Promise.race([all, new Promise((resolve) => setTimeout(resolve, timeoutMs))]);
}

export function hasPendingSaves() {
  return pending.size > 0;
}
