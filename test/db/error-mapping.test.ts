import { describe, expect, it } from "vitest";
import { IntegrityError, OperationalError } from "torest";
import { isConnectionFailure as mysqlLost, mapMysqlError } from "../../src/db/mysql/errors.js";
import { isConnectionFailure as pgLost, mapPostgresError } from "../../src/db/postgres/errors.js";
import { dbName } from "../support/db.js";

/** A driver error of the shape `pg` / `mysql2` raise. */
const driverError = (message: string, fields: Record<string, unknown>) => Object.assign(new Error(message), fields);

// The real errors are produced by the servers in integrity.test.ts and recovery.test.ts; these
// cases cover the shapes a test cannot provoke on a shared server (pool timeouts, shutdowns).
describe(dbName("driver errors map onto torest's errors without a server"), () => {
  it("PostgreSQL", () => {
    const unique = mapPostgresError(driverError("duplicate key", { code: "23505", constraint: "t_name_uniq" }));
    expect(unique).toBeInstanceOf(IntegrityError);
    expect((unique as IntegrityError).constraint).toBe("t_name_uniq");
    const notNull = mapPostgresError(driverError("null value", { code: "23502", table: "t", column: "c" })) as IntegrityError;
    expect([notNull.constraintKind, notNull.constraint]).toEqual(["notNull", "t.c"]);
    const shutdown = mapPostgresError(driverError("terminating connection due to administrator command", { code: "57P01" }));
    expect(shutdown).toBeInstanceOf(OperationalError);
    expect(pgLost(shutdown)).toBe(true);
    const timeout = mapPostgresError(new Error("timeout exceeded when trying to connect"));
    expect(timeout.message).toMatch(/^Timed out waiting for a PostgreSQL connection.*Raise \?pool=/);
    expect(mapPostgresError(driverError("syntax error", { code: "42601" }))).toBeInstanceOf(OperationalError);
    expect(pgLost(mapPostgresError(driverError("syntax error", { code: "42601" })))).toBe(false);
    const bug = new TypeError("not a database error");
    expect(mapPostgresError(bug)).toBe(bug);
  });

  it("MySQL / MariaDB", () => {
    const unique = mapMysqlError(driverError("dup", { errno: 1062, sqlMessage: "Duplicate entry 'a' for key 't_name_uniq'" })) as IntegrityError;
    expect([unique.constraintKind, unique.constraint]).toEqual(["unique", "t_name_uniq"]);
    const fk = mapMysqlError(driverError("fk", {
      errno: 1452, sqlMessage: "Cannot add or update a child row: a foreign key constraint fails (`db`.`t`, CONSTRAINT `t_a_id_fk` FOREIGN KEY (`a_id`) REFERENCES `a` (`id`))",
    })) as IntegrityError;
    expect([fk.constraintKind, fk.constraint]).toEqual(["foreignKey", "t_a_id_fk"]);
    const notNull = mapMysqlError(driverError("nn", { errno: 1048, sqlMessage: "Column 'pages' cannot be null" })) as IntegrityError;
    expect([notNull.constraintKind, notNull.constraint]).toEqual(["notNull", "pages"]);
    const check = mapMysqlError(driverError("ck", { errno: 4025, sqlMessage: "CONSTRAINT `t_n_check` failed for `db`.`t`" })) as IntegrityError;
    expect([check.constraintKind, check.constraint]).toEqual(["check", "t_n_check"]);
    const killed = mapMysqlError(driverError("Connection was killed", { errno: 1927, code: "ER_CONNECTION_KILLED" }));
    expect(killed.message).toBe("Lost the connection to MySQL: Connection was killed");
    expect(mysqlLost(killed)).toBe(true);
    const refused = mapMysqlError(driverError("connect ECONNREFUSED 127.0.0.1:1", { code: "ECONNREFUSED", fatal: true }));
    expect(refused.message).toMatch(/^Could not connect to the MySQL server \(ECONNREFUSED/);
    expect(mapMysqlError(driverError("bad", { errno: 1064, code: "ER_PARSE_ERROR" }))).toBeInstanceOf(OperationalError);
  });
});
