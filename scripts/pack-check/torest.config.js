// The same models in plain JavaScript: no TypeScript loader, no decorator syntax.
import { CASCADE, CharField, Model, OneToOneField } from "torest";
import { restifyModel } from "torest/rest";
import { defineConfig } from "torest/cli";

export class Student extends Model("lab", {
  name: CharField({ maxLength: 75 }),
  discipline: CharField({ maxLength: 10 }),
  program: CharField({ maxLength: 10 }),
}) {}
restifyModel()(Student);

export class System extends Model("lab", {
  name: CharField({ maxLength: 75 }),
  location: CharField({ maxLength: 20 }),
  student: OneToOneField(() => Student, { onDelete: CASCADE, null: true }),
}) {}
restifyModel()(System);

export default defineConfig({ models: [Student, System] });
