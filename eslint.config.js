// @ts-check
// ESLint for the whole repository (flat config). `npm run lint` runs it through turbo, one
// workspace at a time (each workspace's `lint` script is `eslint .`, which finds this file), and
// .ci/run runs that before the tests.
//
// Besides the usual recommended rules, the rules below hold the architecture (ARCHITECTURE.md,
// "Which package may import which"):
//   - the environment is read in one place (apps/server/src/env.ts);
//   - Prisma is imported only by packages/db;
//   - roles are compared only by the access policy (packages/domain/src/policy/);
//   - each package imports only the packages the table allows.
// No type-aware rules: lint stays a syntax pass (no TypeScript program is built), so it is fast.
// `npm run typecheck` does the type checking.
import comments from "@eslint-community/eslint-plugin-eslint-comments/configs";
import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

const ALL = ["**/*.{js,mjs,cjs,ts,tsx,mts,cts}"];
// apps/server/src/access-matrix/ is the generated access matrix's runner and oracle: test code that
// describes personas by their role, as the tests do
const TESTS = ["**/*.test.{ts,tsx}", "**/test/**", "apps/e2e/**", "apps/server/src/access-matrix/**"];

// ---- the environment --------------------------------------------------------------------------

const noProcessEnv = {
  "no-restricted-properties": [
    "error",
    {
      object: "process",
      property: "env",
      message: "Read the environment in apps/server/src/env.ts (parsed once with zod) and pass what you need down.",
    },
  ],
};

// ---- imports ----------------------------------------------------------------------------------

const PRISMA = {
  group: ["@prisma/*", "prisma", "prisma/*", "pglite-prisma-adapter", "**/generated/prisma", "**/generated/prisma/**"],
  message: "Only packages/db imports Prisma: use what @crewboard/db exports (openDatabase, its types).",
};
// A relative path into another package's sources bypasses that package's `exports`: import the
// package by name instead (and add it to this workspace's dependencies).
const INTO_ANOTHER_PACKAGE = {
  regex: "^(\\.\\.?/)+(.+/)?(server|web|e2e|db|domain|contracts|bench)/(src|scripts|e2e)(/|$)",
  message: "Import another package by its name (its package.json `exports`), never by a relative path into its files.",
};
const pkg = (names, why) => ({ group: names, message: why });

/**
 * @typescript-eslint/no-restricted-imports for one area. Each area names everything it refuses, since
 * a later config object replaces a rule's options instead of merging them.
 * @param {{ paths?: any[], patterns?: any[], prisma?: boolean }} area
 */
function imports({ paths = [], patterns = [], prisma = false }) {
  return {
    "no-restricted-imports": "off",
    "@typescript-eslint/no-restricted-imports": [
      "error",
      { paths, patterns: [...(prisma ? [] : [PRISMA]), INTO_ANOTHER_PACKAGE, ...patterns] },
    ],
  };
}

// ---- the web app's imports ----------------------------------------------------------------------

// The web bundle must not carry zod: the package's main entry (the schemas) is for types only.
const WEB_CONTRACTS_TYPES_ONLY = {
  name: "@crewboard/contracts",
  allowTypeImports: true,
  message:
    "apps/web imports @crewboard/contracts for types only (`import type`): its zod schemas stay out of the bundle.",
};
// The one value the web takes from contracts: the catalogue's plain table of REST operations
// (method and path, no zod), exported on its own as `@crewboard/contracts/http` so the API client
// (lib/api.ts) derives every URL from the catalogue instead of spelling paths out. No other entry.
const WEB_CONTRACTS_HTTP_ONLY = pkg(
  ["@crewboard/contracts/*", "!@crewboard/contracts/http"],
  "apps/web takes only @crewboard/contracts/http (the zod-free table of REST operations) as values from contracts.",
);
const WEB_ONLY_DOMAIN_AND_CONTRACTS = pkg(
  [
    "@crewboard/db",
    "@crewboard/db/*",
    "@crewboard/server",
    "@crewboard/server/*",
    "@crewboard/e2e",
    "@crewboard/e2e/*",
    "@crewboard/bench",
  ],
  "apps/web imports only @crewboard/domain and @crewboard/contracts (types, and its zod-free /http table).",
);

// ---- role checks ------------------------------------------------------------------------------

const ROLE = "/^(admin|manager|crew|client)$/";
const ROLE_MESSAGE =
  "Roles are compared only in the access policy (packages/domain/src/policy/): ask its predicates and rules (isStaff, mayEditTask, belongsToTeam …).";
const noRoleChecks = {
  "no-restricted-syntax": [
    "error",
    // role === "admin", "client" !== user.role, …
    { selector: `BinaryExpression[operator=/^[!=]==?$/][right.value=${ROLE}]`, message: ROLE_MESSAGE },
    { selector: `BinaryExpression[operator=/^[!=]==?$/][left.value=${ROLE}]`, message: ROLE_MESSAGE },
    // ["admin", "manager"].includes(user.role), STAFF.has(role)
    {
      selector: `CallExpression[callee.property.name=/^(includes|has)$/][arguments.0.property.name="role"]`,
      message: ROLE_MESSAGE,
    },
    {
      selector: `CallExpression[callee.property.name=/^(includes|has)$/][arguments.0.name="role"]`,
      message: ROLE_MESSAGE,
    },
    // An exhaustive `switch (role)` (navigation, home screen) is a table of every role, which
    // TypeScript checks names them all: not a check, so it is allowed.
  ],
};

export default defineConfig([
  globalIgnores([
    "**/node_modules/",
    "**/dist/",
    "**/dist-server/",
    "**/.data/",
    "**/.turbo/",
    "packages/db/src/generated/",
    "bench/results/",
    "docs/",
    "test-results/",
  ]),
  {
    linterOptions: { reportUnusedDisableDirectives: "error", reportUnusedInlineConfigs: "error" },
  },
  { files: ALL, ...js.configs.recommended },
  comments.recommended,
  ...tseslint.configs.recommended,
  {
    files: ALL,
    languageOptions: { ecmaVersion: 2023, sourceType: "module", globals: { ...globals.node } },
    rules: {
      ...noProcessEnv,
      ...noRoleChecks,
      ...imports({}),
      // `_` marks an argument kept for its position (Express error handlers, callbacks).
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none", ignoreRestSiblings: true },
      ],
      // every eslint-disable says why, after " -- "
      "@eslint-community/eslint-comments/require-description": "error",
    },
  },
  {
    // Test and benchmark clients hand back parsed JSON as `any` so that a test can reach into a
    // response; the assertions check its shape. Application code keeps the rule.
    files: [...TESTS, "apps/web/src/**/testing.ts", "bench/**"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },

  // ---- the environment: who else may read it, and why ----------------------------------------
  {
    files: [
      // the one place the server reads it
      "apps/server/src/env.ts",
      // test harness: the URLs of the services CI starts (TEST_DATABASE_URL, TEST_REDIS_URL) are
      // test-only settings, never the app's configuration
      "apps/server/src/test/**",
      // the browser tests' harness: where Chromium is, whether to rebuild the web app
      "apps/e2e/**",
      // operator scripts of the db package (migrate, seed, create a migration) and Prisma's own
      // CLI config: they run without the server, so they cannot use its env.ts
      "packages/db/src/scripts/**",
      "packages/db/prisma.config.ts",
      // build tooling: Vite's dev proxy target
      "apps/web/vite.config.ts",
      // the scaled and upgrade tests: they start servers, HAProxy and npm as processes, with the environment
      "deploy/test/**",
      // benchmarks: their own knobs (BENCH_*), and they start the server with its environment
      "bench/**",
      "apps/server/bench/**",
    ],
    rules: { "no-restricted-properties": "off" },
  },

  // ---- role checks: only the policy compares roles -------------------------------------------
  {
    // Tests choose their subjects by role and check what the policy decided; they decide nothing.
    files: ["packages/domain/src/policy/**", ...TESTS],
    rules: { "no-restricted-syntax": "off" },
  },

  // ---- which package may import which (ARCHITECTURE.md) --------------------------------------
  {
    files: ["packages/db/**"],
    rules: imports({
      prisma: true,
      patterns: [pkg(["@crewboard/*", "!@crewboard/domain"], "packages/db imports only @crewboard/domain.")],
    }),
  },
  {
    // Pure rules, no I/O, no dependencies: the web bundle carries all of it.
    files: ["packages/domain/src/**"],
    ignores: TESTS,
    rules: imports({
      patterns: [
        {
          regex: "^[^.]",
          message: "packages/domain imports nothing (pure rules with no dependencies): only its own files.",
        },
      ],
    }),
  },
  {
    files: TESTS.map((g) => `packages/domain/src/${g}`),
    rules: imports({
      patterns: [
        {
          regex: "^(?!\\.|vitest(/|$)|fast-check$)",
          message: "packages/domain's tests use only vitest and fast-check.",
        },
      ],
    }),
  },
  {
    files: ["packages/contracts/**"],
    rules: imports({
      patterns: [pkg(["@crewboard/*", "!@crewboard/domain"], "packages/contracts imports only @crewboard/domain.")],
    }),
  },
  {
    files: ["apps/server/**"],
    rules: imports({
      patterns: [
        pkg(
          ["@crewboard/web", "@crewboard/web/*", "@crewboard/e2e", "@crewboard/e2e/*", "@crewboard/bench"],
          "The server never imports the web app, the browser tests or the benchmarks.",
        ),
      ],
    }),
  },
  {
    files: ["apps/web/src/**"],
    rules: imports({
      paths: [WEB_CONTRACTS_TYPES_ONLY],
      patterns: [WEB_ONLY_DOMAIN_AND_CONTRACTS, WEB_CONTRACTS_HTTP_ONLY],
    }),
  },
  {
    files: ["apps/web/src/**"],
    // Tests run in Node (some scan the sources): only the app's own code is bound to the browser.
    ignores: TESTS,
    rules: imports({
      paths: [WEB_CONTRACTS_TYPES_ONLY],
      patterns: [
        WEB_ONLY_DOMAIN_AND_CONTRACTS,
        WEB_CONTRACTS_HTTP_ONLY,
        pkg(["node:*"], "apps/web/src runs in the browser."),
      ],
    }),
  },
  {
    files: ["bench/**"],
    rules: imports({
      patterns: [
        pkg(
          ["@crewboard/server", "@crewboard/server/*", "@crewboard/web", "@crewboard/web/*", "@crewboard/e2e"],
          "bench starts the real server as a child process; it never imports server or web code.",
        ),
      ],
    }),
  },

  // ---- the web app ---------------------------------------------------------------------------
  {
    files: ["apps/web/src/**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { "react-hooks": reactHooks },
    // The rules of hooks, as errors: a missing dependency is a bug, not a hint. The plugin's React
    // Compiler rules (set-state-in-effect, refs, purity …) are not on: they compile every component,
    // which tripled the time of a lint run here (about 12 s of CPU for apps/web alone), and they
    // belong with a decision to adopt the compiler.
    rules: { "react-hooks/rules-of-hooks": "error", "react-hooks/exhaustive-deps": "error" },
  },
]);
