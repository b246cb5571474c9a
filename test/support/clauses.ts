import type { TestApp, TestUser } from './app';

/** A clause as the versions route returns it, without its children. */
export interface Flat {
  key: string;
  label: string;
  text: string;
}

/** The clause tree of a version, in document order. */
export function flat(nodes: (Flat & { children: unknown[] })[]): Flat[] {
  return nodes.flatMap((n) => [n, ...flat(n.children as never)]);
}

/** Every clause of version n, as `user` reads it. */
export async function clausesOf(t: TestApp, user: TestUser, doc: string, n: number): Promise<Flat[]> {
  return flat((await t.http().get(`/api/documents/${doc}/versions/${n}`).set(user.auth).expect(200)).body.clauses);
}
