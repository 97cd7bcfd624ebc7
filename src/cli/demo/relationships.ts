// The demo project: the relationship guide's apps (lab, polls, edu), as recorded in
// test/fixtures/conformance/rel_one_to_one.json.
import { CASCADE, CharField, DateTimeField, ForeignKey, IntegerField, ManyToManyField, Model, OneToOneField } from "../../index.js";
import { BasicAuthentication, DEFAULT_PERMS_MAP, DjangoModelPermissions, IsAuthenticated, type ViewParams } from "../../rest/index.js";

const now = () => new Date();

/**
 * The guide's `CustomPermission`: Basic auth against torest/auth's users (the demo makes three,
 * see users.ts), model permissions with django-to-rest's perms map.
 */
export const CustomPermission: ViewParams = {
  authentication: [new BasicAuthentication()],
  permissions: [
    IsAuthenticated,
    DjangoModelPermissions({
      GET: ["{app}.view_{model}"],
      POST: DEFAULT_PERMS_MAP.POST as string[],
      PUT: ["{app}.update_{model}"],
      PATCH: ["{app}.update_{model}"],
      DELETE: DEFAULT_PERMS_MAP.DELETE as string[],
    }),
  ],
};

export class Student extends Model("lab", {
  name: CharField({ maxLength: 75 }),
  discipline: CharField({ maxLength: 10 }),
  program: CharField({ maxLength: 10 }),
}) {}

export class System extends Model("lab", {
  name: CharField({ maxLength: 75 }),
  location: CharField({ maxLength: 20 }),
  student: OneToOneField(() => Student, { onDelete: CASCADE, null: true }),
}) {}

export class Question extends Model("polls", {
  question_text: CharField({ maxLength: 200 }),
  pub_date: DateTimeField({ verboseName: "date published", default: now }),
}) {}

export class Choice extends Model("polls", {
  question: ForeignKey(() => Question, { onDelete: CASCADE, relatedName: "choices" }),
  choice_text: CharField({ maxLength: 200 }),
  votes: IntegerField({ default: 0 }),
}) {}

export class Question1 extends Model("polls", {
  question_text: CharField({ maxLength: 200 }),
  pub_date: DateTimeField({ verboseName: "date published", default: now }),
}) {}

export class Choice1 extends Model("polls", {
  question: ForeignKey(() => Question1, { onDelete: CASCADE, relatedName: "choices" }),
  choice_text: CharField({ maxLength: 200 }),
  votes: IntegerField({ default: 0 }),
}) {}

export class EduStudent extends Model("edu", {
  name: CharField({ maxLength: 75 }),
  friends: ManyToManyField("self"),
}, { name: "Student" }) {}

export class Course extends Model("edu", {
  name: CharField({ maxLength: 75 }),
  student: ManyToManyField(() => EduStudent),
}) {}
