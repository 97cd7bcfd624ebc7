import { apps, type Options } from "../index.js";
import { ContentType } from "./models/content-type.js";
import { Permission } from "./models/permission.js";

/** Django's `Options.default_permissions`. */
export const DEFAULT_PERMISSIONS = ["add", "change", "delete", "view"] as const;

/**
 * Django's `create_contenttypes` + `create_permissions` (the post_migrate handlers of the
 * contenttypes and auth apps): a content type for every registered model (generated
 * many-to-many tables left out) and its `add_`, `change_`, `delete_`, `view_` permissions,
 * named "Can add question". Existing rows are kept; running it again creates only what is
 * missing.
 */
export async function createPermissions(context: { using?: string } = {}): Promise<{ contentTypes: number; permissions: number }> {
  const using = context.using;
  const models = apps.all().filter((o) => !o.autoCreated);
  const types = await ContentType.objects.using(using).all();
  const byKey = new Map(types.map((ct) => [`${ct.app_label}.${ct.model}`, ct]));
  const missingTypes = models.filter((o) => !byKey.has(`${o.appLabel}.${o.modelName}`));
  if (missingTypes.length) {
    // ignoreConflicts: another process starting at the same time may have made some already.
    await ContentType.objects.using(using).bulkCreate(missingTypes.map((o) => new ContentType({ app_label: o.appLabel, model: o.modelName })), { ignoreConflicts: true });
    for (const ct of await ContentType.objects.using(using).all()) byKey.set(`${ct.app_label}.${ct.model}`, ct);
  }
  const existing = new Set(
    ((await Permission.objects.using(using).valuesList("content_type_id", "codename")) as [unknown, string][]).map(([ct, code]) => `${String(ct)}:${code}`),
  );
  const wanted: Permission[] = [];
  for (const options of models) {
    const ct = byKey.get(`${options.appLabel}.${options.modelName}`) as ContentType;
    for (const [codename, name] of permissionsOf(options)) {
      if (!existing.has(`${String(ct.pk)}:${codename}`)) wanted.push(new Permission({ content_type_id: ct.pk, codename, name }));
    }
  }
  if (wanted.length) await Permission.objects.using(using).bulkCreate(wanted, { ignoreConflicts: true });
  return { contentTypes: missingTypes.length, permissions: wanted.length };
}

/** `[codename, name]` of a model's default permissions (Django's `_get_builtin_permissions`). */
export function permissionsOf(options: Options): [string, string][] {
  return DEFAULT_PERMISSIONS.map((action) => [`${action}_${options.modelName}`, `Can ${action} ${options.verboseName}`]);
}
