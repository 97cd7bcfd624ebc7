import { RestResponse } from "../http/response.js";
import type { RestRequest } from "../http/request.js";
import type { ModelInstance } from "../views/generic-api-view.js";
import { GenericViewSet } from "../views/viewset.js";

/**
 * An extra endpoint on a model (DRF's `@action`, django-to-rest's custom actions):
 * `/<app>/<model>/<name>/` for the collection, `/<app>/<model>/<pk>/<name>/` with `detail`.
 *
 * ```ts
 * @restifyModel({ customActions: [{
 *   name: "vote", detail: true, methods: ["POST"],
 *   async handler({ getObject }) {
 *     const choice = await getObject();        // 404 when the URL names no object
 *     choice.votes += 1; await choice.save(); return { votes: choice.votes };
 *   },
 * }] })
 * ```
 */
export interface CustomAction {
  /** URL segment and route name suffix (`polls_choice-vote`). */
  name: string;
  /** Per object (`<pk>/<name>/`) rather than per collection. */
  detail?: boolean;
  /** Methods answered (default GET). */
  methods?: readonly ("GET" | "POST" | "PUT" | "PATCH" | "DELETE")[];
  /**
   * Returns a response, or data answered with 200. Runs in a transaction unless the method is
   * GET. A detail action loads its object when it wants it, as a DRF action calls
   * `self.get_object()`: `await getObject()` (404 when the URL names none, object permissions
   * checked); `request.params.pk` is the raw key.
   */
  handler(context: CustomActionContext): unknown;
}

/** What a custom action's handler receives. */
export interface CustomActionContext {
  readonly request: RestRequest;
  readonly view: CustomActionView;
  /** The object the URL names (DRF's `get_object()`), loaded on demand. */
  getObject(): Promise<ModelInstance>;
}

/** Runs one custom action behind the view's usual authentication, permissions and throttles. */
export class CustomActionView extends GenericViewSet {
  customAction!: CustomAction;

  async run(request: RestRequest): Promise<RestResponse> {
    const work = async () => {
      const result = await this.customAction.handler({ request, view: this, getObject: () => this.getObject() });
      return result instanceof RestResponse ? result : new RestResponse(result);
    };
    return request.method === "GET" || request.method === "HEAD" ? work() : this.write(work);
  }
}
