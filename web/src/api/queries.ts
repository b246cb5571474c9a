/** Reads that several screens share, composed of typed calls. */
import { api, data } from './client';
import type { components, paths } from './schema';

type CommentFilter = Omit<
  NonNullable<paths['/api/documents/{id}/versions/{number}/comments']['get']['parameters']['query']>,
  'page' | 'pageSize'
>;

/** A version with its clause tree (JSON: the text form is asked for with format=text, which this never sends). */
export const versionOf = (id: string, number: number) =>
  data(api.GET('/api/documents/{id}/versions/{number}', { params: { path: { id, number } } })) as Promise<
    components['schemas']['VersionWithClausesResponseDto']
  >;

export const consultationsOf = (id: string) =>
  data(api.GET('/api/documents/{id}/consultations', { params: { path: { id } } }));

/** Every page of a version's comments (the service pages by 200 at most). */
export async function allComments(id: string, number: number, filter: CommentFilter = {}) {
  const out = [];
  for (let page = 1; page <= 50; page++) {
    const r = await data(
      api.GET('/api/documents/{id}/versions/{number}/comments', {
        params: { path: { id, number }, query: { ...filter, page, pageSize: 200 } },
      }),
    );
    out.push(...r.items);
    if (out.length >= r.total || !r.items.length) break;
  }
  return out;
}

/** Open comments per clause key of a version (the heat map). */
export const heatOf = async (id: string, number: number): Promise<Record<string, number>> =>
  Object.fromEntries(
    (
      await data(api.GET('/api/documents/{id}/versions/{number}/comments/counts', { params: { path: { id, number } } }))
    ).map((r) => [r.clauseKey, r.count]),
  );
