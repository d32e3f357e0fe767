type Env = Record<string, string | undefined>;
export function publicUrl(env: Env): string;
export function devMailboxEnabled(env: Env): boolean;
export function remindersRehearsalEnabled(env: Env): boolean;
export function trustProxySetting(value: string | undefined): number | string[] | false;
export function configurationProblems(env: Env): string[];
