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
 *   async handler({ instance }) { instance.votes += 1; await instance.save(); return { votes: instance.votes }; },
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
   * GET; detail actions get the object (404 when it does not exist).
   */
  handler(context: { request: RestRequest; view: CustomActionView; instance: ModelInstance | null }): unknown;
}

/** Runs one custom action behind the view's usual authentication, permissions and throttles. */
export class CustomActionView extends GenericViewSet {
  customAction!: CustomAction;

  async run(request: RestRequest): Promise<RestResponse> {
    const work = async () => {
      const instance = this.customAction.detail ? await this.getObject() : null;
      const result = await this.customAction.handler({ request, view: this, instance });
      return result instanceof RestResponse ? result : new RestResponse(result);
    };
    return request.method === "GET" || request.method === "HEAD" ? work() : this.write(work);
  }
}
