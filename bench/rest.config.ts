// The REST benchmark's project: the quickstart's polls models, paginated with ?limit/&offset
// as the baseline answers them. Served by `torest serve --config bench/rest.config.ts`.
import { CASCADE, CharField, DateTimeField, ForeignKey, IntegerField, Model } from "torest";
import { LimitOffsetPagination } from "torest/rest";
import { defineConfig } from "torest/cli";

export class Question extends Model("polls", {
  question_text: CharField({ maxLength: 200 }),
  pub_date: DateTimeField({ verboseName: "date published" }),
}) {}

export class Choice extends Model("polls", {
  question: ForeignKey(() => Question, { onDelete: CASCADE, relatedName: "choices" }),
  choice_text: CharField({ maxLength: 200 }),
  votes: IntegerField({ default: 0 }),
}) {}

export default defineConfig({
  database: process.env.TOREST_BENCH_DATABASE_URL ?? "sqlite:///bench-rest.db",
  models: [Question, Choice],
  app: { pagination: new LimitOffsetPagination() },
});
