/** Quotes a table or column name as an SQL identifier (names come from code, never from clients; quoting keeps them inert). */
export const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
