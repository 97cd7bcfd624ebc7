/**
 * The six ORM workloads over the polls models, each written twice: with torest and by hand with
 * the raw driver (prepared statements, rows as plain objects with `Date`s, as an application
 * needs them). Both sides work on their own copy of the same data.
 *
 *   W1 insert 10,000 questions (`create` in a loop, one transaction; and `bulkCreate`)
 *   W2 fetch all 10,000 questions
 *   W3 10,000 choices with their question eagerly loaded (`selectRelated`)
 *   W4 1,000 questions with their 10 choices each prefetched (`prefetchRelated`)
 *   W5 get by primary key 10,000 times
 *   W6 filter choices across the foreign key (`question__question_text__startswith`)
 */
import Database from "better-sqlite3";
import { atomic, CASCADE, CharField, DateTimeField, ForeignKey, IntegerField, Model, type Manager, type RelatedManager } from "torest";

export class Question extends Model("benchpolls", {
  question_text: CharField({ maxLength: 200 }),
  pub_date: DateTimeField(),
}) {
  declare static objects: Manager<Question>;
  declare choice_set: RelatedManager<Choice>;
}

export class Choice extends Model("benchpolls", {
  question: ForeignKey(() => Question, { onDelete: CASCADE }),
  choice_text: CharField({ maxLength: 200 }),
  votes: IntegerField({ default: 0 }),
}) {
  declare static objects: Manager<Choice>;
}

export const QUESTIONS = Number(process.env.ROWS ?? 10_000);
/** Questions that have choices, and how many each: W3 and W4 read QUESTIONS_WITH_CHOICES x CHOICES rows. */
export const QUESTIONS_WITH_CHOICES = QUESTIONS / 10;
export const CHOICES = 10;
const PUB_DATE = new Date(Date.UTC(2024, 0, 1, 12, 0, 0));

/** A workload: how many operations one call does, and the call. */
export interface Workload {
  ops: number;
  run(): Promise<void>;
}

export type WorkloadName = "W1 create x10k" | "W1 bulkCreate 10k" | "W2 fetch all" | "W3 selectRelated" | "W4 prefetchRelated" | "W5 get by pk" | "W6 filter across FK";

function check(condition: boolean, what: string): void {
  if (!condition) throw new Error(`benchmark result is wrong: ${what}`);
}

/** The torest side, on the database already configured, with its tables created. */
export async function torestWorkloads(): Promise<Record<WorkloadName, Workload>> {
  await atomic(async () => {
    const questions = await Question.objects.bulkCreate(Array.from({ length: QUESTIONS }, (_, i) => new Question({ question_text: `Question ${i + 1}`, pub_date: PUB_DATE })));
    await Choice.objects.bulkCreate(questions.slice(0, QUESTIONS_WITH_CHOICES).flatMap((question) =>
      Array.from({ length: CHOICES }, (_, c) => new Choice({ question, choice_text: `Choice ${c}`, votes: c }))));
  });
  const ids = (await Question.objects.valuesList("id", { flat: true })) as number[];
  const newQuestions = () => Array.from({ length: QUESTIONS }, (_, i) => ({ question_text: `New ${i}`, pub_date: PUB_DATE }));
  const removeNew = () => Question.objects.filter({ question_text__startswith: "New " }).delete();
  return {
    "W1 create x10k": {
      ops: QUESTIONS,
      async run() {
        await atomic(async () => {
          for (const data of newQuestions()) await Question.objects.create(data);
        });
        await removeNew();
      },
    },
    "W1 bulkCreate 10k": {
      ops: QUESTIONS,
      async run() {
        await Question.objects.bulkCreate(newQuestions().map((data) => new Question(data)));
        await removeNew();
      },
    },
    "W2 fetch all": {
      ops: QUESTIONS,
      async run() {
        check((await Question.objects.all()).length === QUESTIONS, "W2 count");
      },
    },
    "W3 selectRelated": {
      ops: QUESTIONS_WITH_CHOICES * CHOICES,
      async run() {
        const choices = await Choice.objects.selectRelated("question");
        check(choices.length === QUESTIONS_WITH_CHOICES * CHOICES && (await choices[0]!.question).pk === choices[0]!.question_id, "W3");
      },
    },
    "W4 prefetchRelated": {
      ops: QUESTIONS_WITH_CHOICES * CHOICES,
      async run() {
        const questions = await Question.objects.filter({ pk__lte: QUESTIONS_WITH_CHOICES }).prefetchRelated("choice_set");
        let total = 0;
        for (const question of questions) total += (await question.choice_set.all()).length;
        check(total === QUESTIONS_WITH_CHOICES * CHOICES, "W4 total");
      },
    },
    "W5 get by pk": {
      ops: QUESTIONS,
      async run() {
        for (const id of ids) await Question.objects.get({ pk: id });
      },
    },
    "W6 filter across FK": {
      ops: 1,
      async run() {
        check((await Choice.objects.filter({ question__question_text__startswith: "Question 1" })).length > 0, "W6");
      },
    },
  };
}

interface RawQuestion { id: number; question_text: string; pub_date: Date; choice_set?: RawChoice[] }
interface RawChoice { id: number; question_id: number; choice_text: string; votes: number; question?: RawQuestion }
type QuestionRow = Omit<RawQuestion, "pub_date"> & { pub_date: string };

/** The same workloads by hand with better-sqlite3 prepared statements, on its own in-memory database. */
export function rawSqliteWorkloads(): Record<WorkloadName, Workload> {
  const db = new Database(":memory:");
  db.exec(`CREATE TABLE q (id integer PRIMARY KEY AUTOINCREMENT, question_text varchar(200) NOT NULL, pub_date datetime NOT NULL);
    CREATE TABLE c (id integer PRIMARY KEY AUTOINCREMENT, question_id integer NOT NULL REFERENCES q (id), choice_text varchar(200) NOT NULL, votes integer NOT NULL);
    CREATE INDEX c_question ON c (question_id);`);
  const stored = "2024-01-01 12:00:00";
  const toDate = (value: string) => new Date(`${value.replace(" ", "T")}Z`);
  const toQuestion = (r: QuestionRow): RawQuestion => ({ id: r.id, question_text: r.question_text, pub_date: toDate(r.pub_date) });
  const addQ = db.prepare("INSERT INTO q (question_text, pub_date) VALUES (?, ?)");
  const addC = db.prepare("INSERT INTO c (question_id, choice_text, votes) VALUES (?, ?, ?)");
  db.transaction(() => {
    for (let i = 1; i <= QUESTIONS; i++) addQ.run(`Question ${i}`, stored);
    for (let q = 1; q <= QUESTIONS_WITH_CHOICES; q++) for (let c = 0; c < CHOICES; c++) addC.run(q, `Choice ${c}`, c);
  })();
  const removeNew = db.prepare("DELETE FROM q WHERE question_text LIKE 'New %'");
  const all = db.prepare("SELECT id, question_text, pub_date FROM q");
  const joined = db.prepare("SELECT c.id, c.question_id, c.choice_text, c.votes, q.id AS qid, q.question_text, q.pub_date FROM c INNER JOIN q ON c.question_id = q.id").raw();
  const some = db.prepare("SELECT id, question_text, pub_date FROM q WHERE id <= ?");
  const choicesOf = (n: number) => db.prepare(`SELECT id, question_id, choice_text, votes FROM c WHERE question_id IN (${Array(n).fill("?").join(",")})`);
  const one = db.prepare("SELECT id, question_text, pub_date FROM q WHERE id = ?");
  const across = db.prepare("SELECT c.id, c.question_id, c.choice_text, c.votes FROM c INNER JOIN q ON c.question_id = q.id WHERE q.question_text LIKE ? ESCAPE '\\'");
  const ids = (all.all() as QuestionRow[]).map((r) => r.id);
  return {
    "W1 create x10k": {
      ops: QUESTIONS,
      async run() {
        db.transaction(() => {
          for (let i = 0; i < QUESTIONS; i++) addQ.run(`New ${i}`, stored);
        })();
        removeNew.run();
      },
    },
    "W1 bulkCreate 10k": {
      ops: QUESTIONS,
      async run() {
        // A multi-row INSERT, 100 rows a statement (SQLite's parameter limit allows far more).
        const batch = db.prepare(`INSERT INTO q (question_text, pub_date) VALUES ${Array(100).fill("(?, ?)").join(", ")}`);
        db.transaction(() => {
          for (let i = 0; i < QUESTIONS; i += 100) batch.run(Array.from({ length: 200 }, (_, k) => (k % 2 ? stored : `New ${i + (k >> 1)}`)));
        })();
        removeNew.run();
      },
    },
    "W2 fetch all": {
      ops: QUESTIONS,
      async run() {
        check((all.all() as QuestionRow[]).map(toQuestion).length === QUESTIONS, "W2 count");
      },
    },
    "W3 selectRelated": {
      ops: QUESTIONS_WITH_CHOICES * CHOICES,
      async run() {
        const rows = joined.all() as [number, number, string, number, number, string, string][];
        const choices = rows.map(([id, question_id, choice_text, votes, qid, question_text, pub_date]): RawChoice => ({
          id, question_id, choice_text, votes, question: { id: qid, question_text, pub_date: toDate(pub_date) },
        }));
        check(choices.length === QUESTIONS_WITH_CHOICES * CHOICES, "W3");
      },
    },
    "W4 prefetchRelated": {
      ops: QUESTIONS_WITH_CHOICES * CHOICES,
      async run() {
        const questions = (some.all(QUESTIONS_WITH_CHOICES) as QuestionRow[]).map(toQuestion);
        const byId = new Map<number, RawQuestion>();
        for (const q of questions) {
          q.choice_set = [];
          byId.set(q.id, q);
        }
        for (const c of choicesOf(questions.length).all(...questions.map((q) => q.id)) as RawChoice[]) byId.get(c.question_id)!.choice_set!.push(c);
        check(questions.reduce((n, q) => n + q.choice_set!.length, 0) === QUESTIONS_WITH_CHOICES * CHOICES, "W4 total");
      },
    },
    "W5 get by pk": {
      ops: QUESTIONS,
      async run() {
        for (const id of ids) toQuestion(one.get(id) as QuestionRow);
      },
    },
    "W6 filter across FK": {
      ops: 1,
      async run() {
        check((across.all("Question 1%") as RawChoice[]).length > 0, "W6");
      },
    },
  };
}
