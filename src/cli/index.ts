/** torest's command line, usable programmatically: `serve()`, `defineConfig()`. */
export { main } from "./main.js";
export { serve, type ServeOptions, type RunningServer } from "./serve.js";
export { defineConfig, type TorestConfig, type TorestApp, type ServedModel } from "./config.js";
