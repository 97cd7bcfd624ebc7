import { AutoField, CharField, Model } from "../../index.js";

/**
 * Django's `ContentType` (`django_content_type`): one row per model, which permissions point
 * at. App label `contenttypes`, as in Django, so a Django database's rows are used unchanged.
 */
export class ContentType extends Model("contenttypes", {
  id: AutoField({ primaryKey: true, verboseName: "ID" }),
  app_label: CharField({ maxLength: 100 }),
  model: CharField({ maxLength: 100, verboseName: "python model class name" }),
}, {
  dbTable: "django_content_type",
  verboseName: "content type",
  verboseNamePlural: "content types",
  uniqueTogether: [["app_label", "model"]],
}) {
  override toString(): string {
    return `${this.app_label} | ${this.model}`;
  }
}
