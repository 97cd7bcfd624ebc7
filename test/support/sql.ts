/**
 * SQL as SQLite and PostgreSQL quote it, so that one assertion on captured SQL holds on every
 * backend: MySQL's `name` becomes "name" and PostgreSQL's `$1` placeholders become `?`.
 *
 * ```ts
 * expect(portableSql(queries[0]!.sql)).toMatch(/^SELECT "polls_choice"\."id"/);
 * ```
 */
export function portableSql(sql: string): string {
  return sql.replace(/`((?:[^`]|``)*)`/g, (_, name: string) => `"${name.replace(/``/g, "`").replace(/"/g, '""')}"`).replace(/\$\d+/g, "?");
}
