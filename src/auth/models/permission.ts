import { AutoField, CASCADE, CharField, ForeignKey, Model } from "../../index.js";
import { ContentType } from "./content-type.js";

/**
 * Django's `Permission` (`auth_permission`): `codename` on a content type, named in checks as
 * `"<app_label>.<codename>"` (`polls.view_question`).
 */
export class Permission extends Model("auth", {
  id: AutoField({ primaryKey: true, verboseName: "ID" }),
  name: CharField({ maxLength: 255 }),
  content_type: ForeignKey(() => ContentType, { onDelete: CASCADE, verboseName: "content type" }),
  codename: CharField({ maxLength: 100 }),
}, {
  dbTable: "auth_permission",
  verboseName: "permission",
  verboseNamePlural: "permissions",
  uniqueTogether: [["content_type", "codename"]],
  ordering: ["content_type__app_label", "content_type__model", "codename"],
}) {
  override toString(): string {
    return `${String(this.content_type_id)} | ${this.name}`;
  }
}
