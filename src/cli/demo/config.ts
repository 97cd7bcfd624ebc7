import { authRoutes, LimitOffsetPagination, type RestifyOptions } from "../../rest/index.js";
import type { TorestConfig } from "../config.js";
import * as auth from "../../auth/index.js";
import * as oneToOne from "./one-to-one.js";
import * as guide from "./relationships.js";
import { demoUsers } from "./users.js";

/**
 * The demo served without a config: the relationship guide's project plus Django's one-to-one
 * example, on `DATABASE_URL` or `db.sqlite3`. Compiled with the package, so an installed
 * `torest serve` runs it too.
 */
export function demoConfig(): TorestConfig {
  const custom: RestifyOptions = { customViewParams: guide.CustomPermission };
  // Login endpoints (session, token, JWT) under the prefix.
  const routes = authRoutes();
  return {
    database: process.env.DATABASE_URL || "sqlite:///db.sqlite3",
    // torest/auth's users log in to the guide's permission example; demoUsers makes three.
    apps: [auth, demoUsers],
    models: [
      guide.Student, guide.System, guide.Question, guide.Choice, [guide.Question1, custom], [guide.Choice1, custom],
      guide.EduStudent, guide.Course, oneToOne.Place, oneToOne.Restaurant, oneToOne.Waiter,
    ],
    app: { pagination: new LimitOffsetPagination(), schemaPath: "openapi", routes },
  };
}
