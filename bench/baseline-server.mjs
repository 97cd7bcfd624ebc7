// Copied from the project's shared bench references (shared/bench/baseline-server.mjs), unchanged below this line.
// The practical limit for torest's REST endpoints in Node: a hand-written node:http server
// over better-sqlite3 with prepared statements, serving the quickstart's polls endpoints
// with the same JSON shapes. Usage: node baseline-server.mjs PORT DBFILE
// (needs better-sqlite3 resolvable from the working directory)
import http from "node:http";
import { createRequire } from "node:module";
const require = createRequire(process.cwd() + "/");
const Database = require("better-sqlite3");
const [port = 8000, file = ":memory:"] = process.argv.slice(2);
const db = new Database(file);
db.pragma("journal_mode = WAL");
db.exec(`CREATE TABLE IF NOT EXISTS polls_question (id INTEGER PRIMARY KEY AUTOINCREMENT, question_text varchar(200) NOT NULL, pub_date datetime NOT NULL);
CREATE TABLE IF NOT EXISTS polls_choice (id INTEGER PRIMARY KEY AUTOINCREMENT, question_id integer NOT NULL REFERENCES polls_question(id), choice_text varchar(200) NOT NULL, votes integer NOT NULL);
CREATE INDEX IF NOT EXISTS polls_choice_question_id ON polls_choice(question_id);`);
if (db.prepare("SELECT count(*) n FROM polls_question").get().n === 0) {
  const q = db.prepare("INSERT INTO polls_question (question_text, pub_date) VALUES (?, ?)");
  const c = db.prepare("INSERT INTO polls_choice (question_id, choice_text, votes) VALUES (?, ?, 0)");
  db.transaction(() => { for (let i = 1; i <= 1000; i++) { const id = q.run(`Question ${i}?`, new Date().toISOString()).lastInsertRowid; for (let j = 1; j <= 3; j++) c.run(id, `Choice ${j}`); } })();
}
const getQ = db.prepare("SELECT id, question_text, pub_date FROM polls_question WHERE id = ?");
const listQ = db.prepare("SELECT id, question_text, pub_date FROM polls_question ORDER BY id LIMIT ? OFFSET ?");
const countQ = db.prepare("SELECT count(*) n FROM polls_question");
const choicesOf = db.prepare("SELECT id, choice_text, votes, question_id FROM polls_choice WHERE question_id = ? ORDER BY id");
const qExists = db.prepare("SELECT 1 FROM polls_question WHERE id = ?");
const insC = db.prepare("INSERT INTO polls_choice (question_id, choice_text, votes) VALUES (?, ?, ?)");
const qJson = (r) => ({ id: r.id, question_text: r.question_text, pub_date: r.pub_date, choices: `/rest/v1/polls/question/${r.id}/choices/` });
const cJson = (r) => ({ id: r.id, choice_text: r.choice_text, votes: r.votes, question: r.question_id });
function send(res, status, body, allow) {
  const s = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(s), Allow: allow, Vary: "Accept" });
  res.end(s);
}
const LIST = "GET, POST, HEAD, OPTIONS", DETAIL = "GET, PUT, PATCH, DELETE, HEAD, OPTIONS";
http.createServer((req, res) => {
  const url = new URL(req.url, "http://x");
  const p = url.pathname;
  let m;
  if (req.method === "GET" && (m = p.match(/^\/rest\/v1\/polls\/question\/(\d+)\/$/))) {
    const r = getQ.get(Number(m[1]));
    return r ? send(res, 200, qJson(r), DETAIL) : send(res, 404, { detail: "Not found." }, DETAIL);
  }
  if (req.method === "GET" && p === "/rest/v1/polls/question/") {
    const limit = Number(url.searchParams.get("limit") ?? 100), offset = Number(url.searchParams.get("offset") ?? 0);
    return send(res, 200, { count: countQ.get().n, next: null, previous: null, results: listQ.all(limit, offset).map(qJson) }, LIST);
  }
  if (req.method === "GET" && (m = p.match(/^\/rest\/v1\/polls\/question\/(\d+)\/choices\/$/))) {
    return send(res, 200, choicesOf.all(Number(m[1])).map(cJson), "GET, HEAD, OPTIONS");
  }
  if (req.method === "POST" && p === "/rest/v1/polls/choice/") {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      let d; try { d = JSON.parse(body); } catch (e) { return send(res, 400, { detail: "JSON parse error" }, LIST); }
      const errs = {};
      if (typeof d.choice_text !== "string" || !d.choice_text) errs.choice_text = ["This field is required."];
      else if (d.choice_text.length > 200) errs.choice_text = ["Ensure this field has no more than 200 characters."];
      const votes = d.votes ?? 0;
      if (!Number.isInteger(Number(votes))) errs.votes = ["A valid integer is required."];
      if (!qExists.get(Number(d.question))) errs.question = [`Invalid pk "${d.question}" - object does not exist.`];
      if (Object.keys(errs).length) return send(res, 400, errs, LIST);
      const id = insC.run(Number(d.question), d.choice_text, Number(votes)).lastInsertRowid;
      send(res, 201, { id: Number(id), choice_text: d.choice_text, votes: Number(votes), question: Number(d.question) }, LIST);
    });
    return;
  }
  send(res, 404, { detail: "Not found." }, "");
}).listen(Number(port), "127.0.0.1");
