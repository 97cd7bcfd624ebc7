import type { IncomingMessage, ServerResponse } from "node:http";

/** Wraps a node:http listener to log one line per request: method, path, status, time. */
export function withRequestLog(
  listener: (req: IncomingMessage, res: ServerResponse) => void,
  log: (line: string) => void = (line) => console.log(line),
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const started = process.hrtime.bigint();
    res.once("finish", () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      log(`${new Date().toISOString()} ${req.method} ${req.url} ${res.statusCode} ${ms.toFixed(1)}ms`);
    });
    listener(req, res);
  };
}
