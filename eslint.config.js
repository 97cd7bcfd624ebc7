import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  // Verbatim copies of reference material (see their provenance notes) are not ours to restyle.
  { ignores: ["dist/**", "node_modules/**", "coverage/**", "test/fixtures/conformance/**", "bench/baseline-server.mjs",
    // A user project the packaging check installs torest into, type-checked there; generated benchmark projects.
    "scripts/pack-check/**", ".bench/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-unsafe-declaration-merging": "off",
      "@typescript-eslint/no-empty-object-type": "off",
      "no-constant-condition": ["error", { checkLoops: false }],
      // Model classes are passed around as constructors of unknown shape.
      "@typescript-eslint/no-unsafe-function-type": "off",
    },
  },
  {
    files: ["**/*.mjs", "**/*.js"],
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly", setTimeout: "readonly", clearTimeout: "readonly", fetch: "readonly", Buffer: "readonly" } },
  },
);
