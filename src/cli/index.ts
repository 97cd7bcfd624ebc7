/** torest's command line, usable programmatically: `serve()`, `defineConfig()`. */
import "../copy-guard.js"; // fails at load time if another copy of torest is already loaded
export { main } from "./main.js";
export { serve, type ServeOptions, type RunningServer } from "./serve.js";
export { defineConfig, type TorestConfig, type TorestApp, type ServedModel } from "./config.js";
