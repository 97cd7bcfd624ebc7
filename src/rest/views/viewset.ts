import type { APIView } from "./api-view.js";
import { GenericAPIView } from "./generic-api-view.js";

/**
 * A generic view whose HTTP methods map to named actions (DRF's `GenericViewSet` bound with
 * `as_view({"get": "list", "post": "create"})`): one class serves both the list and the detail
 * route, each bound with its own `actions` table.
 */
export class GenericViewSet extends GenericAPIView {
  /** Method (lower case) → action method name. */
  actions: Readonly<Record<string, string>> = {};
  /** The action of the current request (`list`, `retrieve`...). */
  action: string | null = null;

  override handlerFor(method: string): ReturnType<APIView["handlerFor"]> {
    if (method === "OPTIONS") return this.options;
    const name = this.actions[method.toLowerCase()];
    if (name === undefined) return method === "HEAD" ? this.handlerFor("GET") : undefined;
    const handler = (this as unknown as Record<string, unknown>)[name];
    if (typeof handler !== "function") throw new Error(`${this.constructor.name} has no action "${name}".`);
    this.action = name;
    return handler as ReturnType<APIView["handlerFor"]>;
  }
}
