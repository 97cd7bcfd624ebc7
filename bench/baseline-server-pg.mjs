// The practical limit for torest's REST endpoints on PostgreSQL: the same hand-written
// node:http server as baseline-server.mjs, over a `pg` pool with named (prepared) statements,
// serving the quickstart's polls endpoints with the same JSON shapes. Seeds 1,000 questions x
// 3 choices into an empty database.
//
//   node bench/baseline-server-pg.mjs PORT postgres://postgres@127.0.0.1:5432/DBNAME
import http from "node:http";
import pg from "pg";

const [port = "8000", url = "postgres://postgres@127.0.0.1:5432/test"] = process.argv.slice(2);
// bigint ids come back as strings by default; an application turns them into numbers.
pg.types.setTypeParser(20, (value) => Number(value));
const pool = new pg.Pool({ connectionString: url, max: 10 });
pool.on("error", () => undefined);

await pool.query(`CREATE TABLE IF NOT EXISTS polls_question (id bigserial PRIMARY KEY, question_text varchar(200) NOT NULL, pub_date timestamptz NOT NULL);
CREATE TABLE IF NOT EXISTS polls_choice (id bigserial PRIMARY KEY, question_id bigint NOT NULL REFERENCES polls_question(id) DEFERRABLE INITIALLY DEFERRED, choice_text varchar(200) NOT NULL, votes integer NOT NULL);
CREATE INDEX IF NOT EXISTS polls_choice_question_id ON polls_choice(question_id);`);
if ((await pool.query("SELECT count(*)::int AS n FROM polls_question")).rows[0].n === 0) {
  const client = await pool.connect();
  await client.query("BEGIN");
  for (let i = 1; i <= 1000; i++) {
    const { rows } = await client.query("INSERT INTO polls_question (question_text, pub_date) VALUES ($1, now()) RETURNING id", [`Question ${i}?`]);
    for (let j = 1; j <= 3; j++) await client.query("INSERT INTO polls_choice (question_id, choice_text, votes) VALUES ($1, $2, 0)", [rows[0].id, `Choice ${j}`]);
  }
  await client.query("COMMIT");
  client.release();
}

const statement = (name, text) => (values) => pool.query({ name, text, values });
const getQ = statement("get-q", "SELECT id, question_text, pub_date FROM polls_question WHERE id = $1");
const listQ = statement("list-q", "SELECT id, question_text, pub_date FROM polls_question ORDER BY id LIMIT $1 OFFSET $2");
const countQ = statement("count-q", "SELECT count(*)::int AS n FROM polls_question");
const choicesOf = statement("choices-of", "SELECT id, choice_text, votes, question_id FROM polls_choice WHERE question_id = $1 ORDER BY id");
const qExists = statement("q-exists", "SELECT 1 FROM polls_question WHERE id = $1");
const insC = statement("ins-c", "INSERT INTO polls_choice (question_id, choice_text, votes) VALUES ($1, $2, $3) RETURNING id");

const qJson = (r) => ({ id: r.id, question_text: r.question_text, pub_date: r.pub_date.toISOString(), choices: `/rest/v1/polls/question/${r.id}/choices/` });
const cJson = (r) => ({ id: r.id, choice_text: r.choice_text, votes: r.votes, question: r.question_id });
function send(res, status, body, allow) {
  const s = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(s), Allow: allow, Vary: "Accept" });
  res.end(s);
}
const LIST = "GET, POST, HEAD, OPTIONS", DETAIL = "GET, PUT, PATCH, DELETE, HEAD, OPTIONS";
const QUESTION = /^\/rest\/v1\/polls\/question\/(\d+)\/$/;
const CHOICES = /^\/rest\/v1\/polls\/question\/(\d+)\/choices\/$/;

async function handle(req, res) {
  const url = new URL(req.url, "http://x");
  const p = url.pathname;
  let m;
  if (req.method === "GET" && (m = p.match(QUESTION))) {
    const { rows } = await getQ([Number(m[1])]);
    return rows[0] ? send(res, 200, qJson(rows[0]), DETAIL) : send(res, 404, { detail: "Not found." }, DETAIL);
  }
  if (req.method === "GET" && p === "/rest/v1/polls/question/") {
    const limit = Number(url.searchParams.get("limit") ?? 100), offset = Number(url.searchParams.get("offset") ?? 0);
    const [count, list] = await Promise.all([countQ([]), listQ([limit, offset])]);
    return send(res, 200, { count: count.rows[0].n, next: null, previous: null, results: list.rows.map(qJson) }, LIST);
  }
  if (req.method === "GET" && (m = p.match(CHOICES))) {
    return send(res, 200, (await choicesOf([Number(m[1])])).rows.map(cJson), "GET, HEAD, OPTIONS");
  }
  if (req.method === "POST" && p === "/rest/v1/polls/choice/") {
    let body = "";
    for await (const chunk of req) body += chunk;
    let d;
    try { d = JSON.parse(body); } catch { return send(res, 400, { detail: "JSON parse error" }, LIST); }
    const errs = {};
    if (typeof d.choice_text !== "string" || !d.choice_text) errs.choice_text = ["This field is required."];
    else if (d.choice_text.length > 200) errs.choice_text = ["Ensure this field has no more than 200 characters."];
    const votes = d.votes ?? 0;
    if (!Number.isInteger(Number(votes))) errs.votes = ["A valid integer is required."];
    if (!Number.isInteger(Number(d.question)) || !(await qExists([Number(d.question)])).rows.length) errs.question = [`Invalid pk "${d.question}" - object does not exist.`];
    if (Object.keys(errs).length) return send(res, 400, errs, LIST);
    const { rows } = await insC([Number(d.question), d.choice_text, Number(votes)]);
    return send(res, 201, { id: rows[0].id, choice_text: d.choice_text, votes: Number(votes), question: Number(d.question) }, LIST);
  }
  send(res, 404, { detail: "Not found." }, "");
}

http.createServer((req, res) => {
  handle(req, res).catch(() => send(res, 500, { detail: "A server error occurred." }, ""));
}).listen(Number(port), "127.0.0.1", () => console.log(`baseline (pg) serving on ${port}`));
