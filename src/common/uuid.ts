const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a path parameter can be an id at all: anything else is answered "not found" without asking the database. */
export const isUuid = (s: string) => UUID_RE.test(s);
