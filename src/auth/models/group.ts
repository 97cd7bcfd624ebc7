import { AutoField, CharField, ManyToManyField, Model } from "../../index.js";
import { Permission } from "./permission.js";

/** Django's `Group` (`auth_group`, `auth_group_permissions`): users get its permissions. */
export class Group extends Model("auth", {
  id: AutoField({ primaryKey: true, verboseName: "ID" }),
  name: CharField({ maxLength: 150, unique: true }),
  permissions: ManyToManyField(() => Permission, { blank: true, verboseName: "permissions" }),
}, { dbTable: "auth_group", verboseName: "group", verboseNamePlural: "groups" }) {
  override toString(): string {
    return this.name;
  }
}
