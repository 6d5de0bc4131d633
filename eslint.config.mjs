import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: ["node_modules/**", ".next/**", ".next-test/**", ".data/**", "lib/db/generated/**", "next-env.d.ts", "test-results/**", "playwright-report/**", "screenshots/**"],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-imports": ["error", { paths: [{ name: "next/link", message: "Use @/components/ui/Link (no prefetching of per-user dynamic pages)." }] }],
    },
  },
  {
    files: ["components/ui/Link.tsx"],
    rules: { "no-restricted-imports": "off" },
  },
];

export default config;
