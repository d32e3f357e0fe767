export const namespaces = [
  "common",
  "auth",
  "catalogue",
  "partners",
  "emails",
  "returns",
  "admin",
  "templates",
  "campaigns",
  "reminders",
  "completeness",
  "directory",
  "imports",
  "reports",
  "api",
  "screening",
  "contributions",
  "editions",
] as const;
export type Namespace = (typeof namespaces)[number];
export type Resources = Record<Namespace, Record<string, unknown>>;
/** The namespaces pages use: e-mails are rendered on the server only. */
export type PageResources = Omit<Resources, "emails">;
