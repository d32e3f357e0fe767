import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "build/**",
      "node_modules/**",
      ".react-router/**",
      "app/generated/**",
      ".data/**",
      "test-results/**",
      "playwright-report/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      "@typescript-eslint/no-non-null-assertion": "off",
      // Server-only modules must never reach the browser bundle.
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/emails/**", "../../emails/*", "../emails/*"],
              message: "emails/ is imported only from *.server.ts files.",
            },
          ],
        },
      ],
    },
  },
  {
    files: [
      "**/*.server.ts",
      "**/*.server.tsx",
      "emails/**",
      "tests/**",
      "prisma/**",
      "scripts/**",
    ],
    rules: { "no-restricted-imports": "off" },
  },
  {
    files: ["**/*.{js,mjs}"],
    languageOptions: {
      globals: {
        process: "readonly",
        console: "readonly",
        URL: "readonly",
        setTimeout: "readonly",
        clearTimeout: "readonly",
        Buffer: "readonly",
        Headers: "readonly",
        Request: "readonly",
        AbortController: "readonly",
      },
    },
  },
);
