import type { ModelClass } from "../../index.js";
import { authRoutes, LimitOffsetPagination, type RestifyOptions } from "../../rest/index.js";
import type { TorestConfig } from "../config.js";
import * as auth from "../../auth/index.js";
import * as guide from "./relationships.js";
import { demoUsers } from "./users.js";

/**
 * The demo served without a config: the relationship guide's project plus Django's one-to-one
 * example (examples/one-to-one), on `db.sqlite3`.
 */
export async function demoConfig(): Promise<TorestConfig> {
  // Loaded by URL so the package build (src only) does not need the examples folder.
  const example = new URL("../../../examples/one-to-one/models.ts", import.meta.url).href;
  const oneToOne = (await import(example)) as { Place: ModelClass; Restaurant: ModelClass; Waiter: ModelClass };
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
