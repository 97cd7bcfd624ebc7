import type { RestRequest } from "../http/request.js";
import type { SerializerField } from "../serializers/fields/base.js";
import type { APIView } from "./api-view.js";
import type { GenericAPIView } from "./generic-api-view.js";
import { SimpleMetadata, type Metadata } from "./metadata.js";

/** OPTIONS description of one serializer field (DRF's `SimpleMetadata.get_field_info`). */
export function fieldInfo(field: SerializerField): Record<string, unknown> {
  const info: Record<string, unknown> = {
    type: field.type,
    required: field.required,
    read_only: field.readOnly,
    label: field.label,
  };
  if (field.helpText) info.help_text = field.helpText;
  const extra = field.metadata();
  if (field.readOnly) delete extra.choices;
  return Object.assign(info, extra);
}

/**
 * DRF's `SimpleMetadata` for model views: adds `actions` with the writable methods' fields
 * (POST on lists, PUT on details) when the client may use them.
 */
export const ModelMetadata: Metadata = {
  async determine(request, view) {
    const base = (await SimpleMetadata.determine(request, view)) as Record<string, unknown>;
    const generic = view as GenericAPIView;
    if (!generic.serializer) return base;
    const actions: Record<string, unknown> = {};
    const allowedMethods = view.allowedMethods();
    for (const method of ["PUT", "POST"] as const) {
      if (!allowedMethods.includes(method)) continue;
      if (!(await allowed(request, view, method))) continue;
      if (method === "PUT") {
        try {
          await generic.getObject();
        } catch {
          continue;
        }
      }
      actions[method] = Object.fromEntries(generic.getSerializer().fields.map((f) => [f.name, fieldInfo(f)]));
    }
    if (Object.keys(actions).length) base.actions = actions;
    return base;
  },
};

/** Would the view's permissions let this client use `method`? (DRF clones the request.) */
async function allowed(request: RestRequest, view: APIView, method: string): Promise<boolean> {
  const probe = Object.create(request, { method: { value: method } }) as RestRequest;
  try {
    await view.checkPermissions(probe);
    return true;
  } catch {
    return false;
  }
}
