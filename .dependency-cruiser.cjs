/* global module */
// Import rules for app/ and emails/, checked by `npm run lint` (ADR 0012).
// Modules depend one way: a module may import only modules below it. Then a module can be
// read, tested and changed knowing only what is beneath it, and no change ripples upwards
// through a cycle. Type-only imports count too: they couple modules just the same.

/**
 * The module layers under app/modules, lowest first. A module may import modules of lower
 * layers only; modules sharing a layer never import each other. Every folder under
 * app/modules must be listed here (rule "module-without-a-layer").
 */
const LAYERS = [
  // Shared services that know nothing about returns: translations, the audit trail, the
  // email outbox and worker, background jobs, sign-in, organisations.
  ["i18n"],
  ["audit"],
  ["mail", "jobs"],
  ["auth"],
  ["organisations"],
  // The domain, in the order a return is built: the plan's catalogue, questionnaire
  // definitions, returns; then the features that work on returns.
  ["plan"],
  ["questionnaires"],
  ["returns"],
  // Personal-data screening of what enters the dataset, and what may be published of it.
  ["screening"],
  // Campaigns (lifecycle, deadlines, generation), the central dataset, the partner directory
  // kept by staff (organisations with their fundings, which name the plan's measures).
  ["campaigns", "dataset", "directory"],
  // Review writes the dataset when it approves a return; reminders and the completeness
  // dashboard read campaigns and returns; historical contributions are imported into the
  // dataset beside approvals.
  ["review", "reminders", "completeness", "contributions"],
  // The annual report's tables count what the dataset holds (issue 10).
  ["reports"],
  // Served from the tables and the dataset: the read API, frozen report editions.
  ["api", "editions"],
];

const modulePath = (names) => `^app/modules/(${names.join("|")})/`;

const layerRules = LAYERS.flatMap((layer, index) => {
  const higher = LAYERS.slice(index + 1).flat();
  return layer.map((name) => {
    const forbidden = [...higher, ...layer.filter((other) => other !== name)];
    return {
      name: `${name}-imports-only-lower-modules`,
      comment:
        `app/modules/${name} sits in layer ${index + 1} of LAYERS: it may not import ` +
        `${forbidden.join(", ")}. Move the shared code down to the lowest module that ` +
        "needs it instead.",
      severity: "error",
      from: { path: `^app/modules/${name}/` },
      to: { path: modulePath(forbidden) },
    };
  });
});

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      comment:
        "A cycle means neither side can be understood, tested or changed alone. Break it by " +
        "moving the shared part down into its own file.",
      severity: "error",
      from: { path: "^(app|emails)/" },
      to: { circular: true },
    },
    ...layerRules,
    {
      name: "module-without-a-layer",
      comment:
        "Every folder under app/modules has a place in LAYERS (.dependency-cruiser.cjs); " +
        "add a new module there so its imports are checked.",
      severity: "error",
      from: { path: `^app/modules/(?!(${LAYERS.flat().join("|")})/)` },
      to: {},
    },
    {
      name: "utils-are-the-bottom",
      comment:
        "app/utils holds plumbing (database, environment, logging, HTTP helpers) that every " +
        "layer uses, so it imports nothing of the app but the generated Prisma client. " +
        "Wiring that starts modules (the outbox worker) belongs to the entry point.",
      severity: "error",
      from: { path: "^app/utils/" },
      to: { path: "^(app/(?!utils/|generated/)|emails/)" },
    },
    {
      name: "modules-never-import-routes",
      comment:
        "Routes are the top: thin adapters over modules. Code below them (modules, shared " +
        "components, utils, templates) never reaches up into a route, the root or the entries.",
      severity: "error",
      from: { path: "^(app/(modules|components|utils)/|emails/)" },
      to: { path: "^app/(routes/|routes\\.ts$|root\\.tsx$|entry\\.)" },
    },
    {
      name: "audiences-stay-apart",
      comment:
        "Routes are grouped by audience (public, partner, staff) so each can change alone: a " +
        "route of one audience never imports another's route file. What two pages share lives " +
        "in a module or a component.",
      severity: "error",
      from: { path: "^app/routes/(public|partner|staff)/" },
      to: { path: "^app/routes/(public|partner|staff)/", pathNot: "^app/routes/$1/" },
    },
    {
      name: "modules-use-only-ui-primitives",
      comment:
        "app/components (outside ui/) are page-level pieces built on modules; a module that " +
        "imported them would depend on its own users. Modules may use app/components/ui.",
      severity: "error",
      from: { path: "^app/modules/" },
      to: { path: "^app/components/(?!ui/)" },
    },
    {
      name: "ui-primitives-stay-generic",
      comment:
        "app/components/ui are design-system primitives used by modules' components: they " +
        "know translations at most, no domain module.",
      severity: "error",
      from: { path: "^app/components/ui/" },
      to: { path: "^app/(modules/(?!i18n/)|components/(?!ui/))" },
    },
    {
      name: "server-code-not-from-ui",
      comment:
        "Server and domain code never imports a React component, not even a type: the type " +
        "belongs to the module that produces the data, and the component imports it from there.",
      severity: "error",
      from: { path: "^app/(modules|utils)/", pathNot: "(^app/modules/[^/]+/components/|\\.tsx$)" },
      to: { path: "(^app/components/|^app/modules/[^/]+/components/)" },
    },
    {
      name: "emails-are-templates-only",
      comment:
        "emails/ holds message templates only (emails/templates); the outbox, worker and " +
        "transports live in app/modules/mail.",
      severity: "error",
      from: { path: "^emails/(?!templates/)" },
      to: {},
    },
    {
      name: "templates-import-nothing-of-the-app",
      comment:
        "A template turns a payload and a translate function into markup. It imports no app " +
        "code, so app/modules/mail can render it without a cycle and it stays previewable alone.",
      severity: "error",
      from: { path: "^emails/" },
      to: { path: "^app/" },
    },
    {
      name: "no-test-code-in-the-app",
      comment: "Test fixtures and helpers never ship in the app.",
      severity: "error",
      from: { path: "^(app|emails)/" },
      to: { path: "^tests/" },
    },
    {
      name: "no-unresolvable-imports",
      comment:
        "An import that cannot be resolved cannot be checked by the rules above. Route types " +
        "(./+types/*) are generated by react-router typegen and import nothing of ours.",
      severity: "error",
      from: { path: "^(app|emails)/" },
      to: { couldNotResolve: true, pathNot: "^\\./\\+types/" },
    },
  ],
  options: {
    // Type-only imports couple modules as much as value imports do.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    doNotFollow: { path: "node_modules" },
    // Generated Prisma client: large, and imports nothing of ours.
    exclude: { path: "^app/generated/" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      mainFields: ["module", "main", "types", "typings"],
    },
    skipAnalysisNotInRules: true,
  },
};
