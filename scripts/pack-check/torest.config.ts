import { defineConfig } from "torest/cli";
import * as lab from "./models.js";

// No database: DATABASE_URL, else sqlite:///db.sqlite3.
export default defineConfig({ models: [lab] });
