// One runner for the process's periodic work (reminders, the weekly digest, the outbox): it
// knows tasks by name and interval only; the entry points list them (app/boot.server.ts).
// Ticks never overlap, a failing task is logged by name and retried at its next tick, and
// the clock is injected, so tests drive it instead of sleeping. Safety across processes is
// not the runner's business: each task is safe to run twice (unique keys, row locks).
export interface Task {
  name: string;
  /** Wanted interval between two runs of the task. */
  everyMs: number;
  run(now: Date): Promise<unknown>;
}

export interface TaskResult {
  name: string;
  ok: boolean;
  result?: unknown;
}

/** Runs every task due at `now` (all of them when `lastRun` is empty), one after another. */
export async function runDueTasks(
  tasks: readonly Task[],
  now: Date,
  lastRun: Map<string, number> = new Map(),
): Promise<TaskResult[]> {
  const results: TaskResult[] = [];
  for (const task of tasks) {
    const last = lastRun.get(task.name);
    if (last !== undefined && now.getTime() - last < task.everyMs) continue;
    lastRun.set(task.name, now.getTime());
    try {
      results.push({ name: task.name, ok: true, result: await task.run(now) });
    } catch (error) {
      // The error's code and class only: messages may quote data.
      const e = error as { code?: string; name?: string };
      console.error(`job ${task.name} failed:`, e.code ?? e.name ?? "error");
      results.push({ name: task.name, ok: false });
    }
  }
  return results;
}

/**
 * Runs each task in its own loop until stopped (a slow reminder run never holds up the outbox);
 * a task's runs never overlap. Returns the stop function, which waits for the running ones.
 */
export function startJobRunner(
  tasks: readonly Task[],
  options: { clock?: () => Date; onStop?: () => void } = {},
) {
  const clock = options.clock ?? (() => new Date());
  const timers = new Set<NodeJS.Timeout>();
  const running = new Set<Promise<unknown>>();
  let stopped = false;
  const loop = (task: Task) => {
    if (stopped) return;
    const run = runDueTasks([task], clock()).finally(() => {
      running.delete(run);
      if (stopped) return;
      const timer = setTimeout(() => {
        timers.delete(timer);
        loop(task);
      }, task.everyMs);
      timers.add(timer);
    });
    running.add(run);
  };
  for (const task of tasks) {
    const timer = setTimeout(() => {
      timers.delete(timer);
      loop(task);
    }, 50);
    timers.add(timer);
  }
  return async function stop() {
    stopped = true;
    for (const timer of timers) clearTimeout(timer);
    await Promise.all(running);
    options.onStop?.();
  };
}
