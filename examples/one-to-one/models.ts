// The example's models ship with the package as part of the demo (`torest serve` without a
// config): src/cli/demo/one-to-one.ts. In your own project they would live here, importing
// from "torest".
export * from "../../src/cli/demo/one-to-one.js";
