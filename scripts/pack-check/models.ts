// Seed 000 (the relationship guide, one-to-one section): app "lab".
import { CASCADE, CharField, Model, OneToOneField, type Manager, type Related } from "torest";
import { restifyModel } from "torest/rest";

@restifyModel()
export class Student extends Model("lab", {
  name: CharField({ maxLength: 75 }),
  discipline: CharField({ maxLength: 10 }),
  program: CharField({ maxLength: 10 }),
}) {
  declare static objects: Manager<Student>;
  declare system: Related<System>;

  override toString(): string {
    return `[name=${this.name} ; discipline=${this.discipline} ; program=${this.program}]`;
  }
}

@restifyModel()
export class System extends Model("lab", {
  name: CharField({ maxLength: 75 }),
  location: CharField({ maxLength: 20 }),
  student: OneToOneField(() => Student, { onDelete: CASCADE, null: true }),
}) {
  declare static objects: Manager<System>;

  override toString(): string {
    return `[name=${this.name} ; location=${this.location}]`;
  }
}

export const models = [Student, System];
