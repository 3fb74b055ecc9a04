// "Column contains this text" as SQL LIKE, the same on both databases: %, _ and \ in the text are
// escaped, and the ESCAPE clause is explicit because SQLite's LIKE has no escape character of its
// own (PostgreSQL's default is the backslash).
import { sql } from 'kysely';
import type { RawBuilder, SqlBool } from 'kysely';

export function likeEscaped(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function containsText(column: string, text: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`${sql.ref(column)} like ${`%${likeEscaped(text)}%`} escape '\\'`;
}
