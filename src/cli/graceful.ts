import type http from "node:http";

/**
 * Graceful shutdown for a node:http server (gunicorn's graceful timeout): counts the requests in
 * flight so that `close()` can stop accepting connections, let those requests finish within a
 * bounded wait, then drop whatever is left.
 */
export class InFlight {
  #count = 0;
  #drained: (() => void) | null = null;

  /** Wraps a listener so that each request counts until its response is done (or aborted). */
  track(listener: http.RequestListener): http.RequestListener {
    return (req, res) => {
      this.#count++;
      res.once("close", () => {
        if (--this.#count === 0) this.#drained?.();
      });
      listener(req, res);
    };
  }

  get count(): number {
    return this.#count;
  }

  /** Stops accepting, waits up to `timeoutMs` for the requests in flight, then closes every connection. */
  async close(server: http.Server, timeoutMs: number): Promise<void> {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // Keep-alive connections with no request would otherwise hold close() open.
    server.closeIdleConnections();
    if (this.#count > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, timeoutMs);
        this.#drained = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    server.closeAllConnections();
    await closed;
  }
}
