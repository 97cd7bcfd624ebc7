import type { RestRequest } from "../http/request.js";
import type { APIView } from "./api-view.js";

/**
 * What OPTIONS answers (DRF's `SimpleMetadata`): the view's name and description and the media
 * types it renders and parses. Model views add `actions` with their fields.
 */
export interface Metadata {
  determine(request: RestRequest, view: APIView): Record<string, unknown> | Promise<Record<string, unknown>>;
}

export const SimpleMetadata: Metadata = {
  determine(_request, view) {
    return {
      name: view.getViewName(),
      description: view.description ?? "",
      renders: view.getRenderers().map((renderer) => renderer.mediaType),
      parses: view.getParsers().map((parser) => parser.mediaType),
    };
  },
};

/** DRF's `get_view_name`: `QuestionListView` → `Question List`. */
export function formatViewName(className: string, suffix?: string): string {
  const base = className.replace(/(ViewSet|View)$/, "");
  const words = base.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/_/g, " ").trim();
  return suffix ? `${words} ${suffix}` : words;
}
