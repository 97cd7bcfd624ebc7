import { CharField, DateTimeField, Model, TextField } from "../../index.js";

/**
 * Django's `Session` (`django_session`): the key the `sessionid` cookie carries, the signed
 * session data (see `session-store.ts`) and when it expires.
 */
export class Session extends Model("sessions", {
  session_key: CharField({ maxLength: 40, primaryKey: true, verboseName: "session key" }),
  session_data: TextField({ verboseName: "session data" }),
  expire_date: DateTimeField({ dbIndex: true, verboseName: "expire date" }),
}, { dbTable: "django_session", verboseName: "session", verboseNamePlural: "sessions" }) {}
