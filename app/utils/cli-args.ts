// The command lines' arguments, read one way by every command (`npm run report`, `npm run
// import -- contributions`): `--name value` or `--name=value`, flags without a value, the rest
// positional. What is wrong comes back as a problem the command words in its language, never
// the usage alone. An option given twice is refused rather than the last one silently kept, as
// the API refuses a repeated parameter.

export type CliOptionKinds = Record<string, "string" | "boolean">;

export type CliValues<K extends CliOptionKinds> = {
  [Name in keyof K]?: K[Name] extends "boolean" ? true : string;
};

/** What is wrong with the arguments; `option` as it was typed (`--lang`). */
export type CliArgsProblem = {
  problem: "unknownOption" | "missingValue" | "unexpectedValue" | "repeatedOption";
  option: string;
};

export type CliArgs<K extends CliOptionKinds> =
  { ok: true; values: CliValues<K>; positionals: string[] } | ({ ok: false } & CliArgsProblem);

export function readCliArgs<K extends CliOptionKinds>(args: string[], kinds: K): CliArgs<K> {
  const values: Record<string, string | true> = {};
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--") {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith("-") || arg === "-") {
      positionals.push(arg);
      continue;
    }
    const equals = arg.indexOf("=");
    const option = equals === -1 ? arg : arg.slice(0, equals);
    const inline = equals === -1 ? undefined : arg.slice(equals + 1);
    const name = option.slice(2);
    const kind = option.startsWith("--") && Object.hasOwn(kinds, name) ? kinds[name] : undefined;
    if (!kind) return { ok: false, problem: "unknownOption", option };
    if (Object.hasOwn(values, name)) return { ok: false, problem: "repeatedOption", option };
    if (kind === "boolean") {
      if (inline !== undefined) return { ok: false, problem: "unexpectedValue", option };
      values[name] = true;
      continue;
    }
    const value = inline ?? args[i + 1];
    if (inline === undefined) i++;
    // "--as --dry-run": the next option is not the value of the first.
    if (value === undefined || value.trim() === "" || value.startsWith("--"))
      return { ok: false, problem: "missingValue", option };
    values[name] = value;
  }
  return { ok: true, values: values as CliValues<K>, positionals };
}

/**
 * The value given to an option, read before the rest so that a command speaks its user's
 * language even to say what else is wrong: the first `--name value` or `--name=value`.
 */
export function earlyOptionValue(args: string[], name: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--") break;
    if (arg === `--${name}`) return args[i + 1];
    if (arg.startsWith(`--${name}=`)) return arg.slice(name.length + 3);
  }
  return undefined;
}
