/**
 * The client closed the connection before sending its whole body. Not a server error: it is
 * logged at debug level (see `serverError`), and the answer it gets is never read.
 */
export class ClientDisconnected extends Error {
  override name = "ClientDisconnected";
  constructor(options?: { cause?: unknown }) {
    super("The client closed the connection before sending the whole request body.", options);
  }
}
