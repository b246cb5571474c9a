/**
 * The release rules as SQL fragments, shared by every area that decides what a delegate may read or comment on
 * (consultations, comments, documents). No imports of classes: repositories of several areas use them, and
 * VersionAccess re-exports them.
 */
import type { Visibility } from './consultations.entities';

/** A consultation as the access rules need it. */
export interface ConsultationRef {
  id: string;
  versionId: string;
  opensAt: Date;
  closesAt: Date;
  visibility: Visibility;
  title: string;
  open: boolean;
}

/** "Is this consultation addressed to the delegate": every delegate, or the delegate's group is in the audience. */
export const AUDIENCE_SQL = (alias: string, groupParam: string) =>
  `(${alias}.audience_all OR ${groupParam}::uuid = ANY(${alias}.audience_groups))`;

/**
 * "This consultation has released its version to the delegate": it has opened, and it is addressed to the delegate's
 * group. The one rule for what a delegate may read; `alias` names the consultations row, `groupParam` the group.
 */
export const RELEASED_SQL = (alias: string, groupParam: string) =>
  `${alias}.opens_at <= now() AND ${AUDIENCE_SQL(alias, groupParam)}`;

export const REF_SELECT = `SELECT c.id, c.version_id AS "versionId", c.opens_at AS "opensAt", c.closes_at AS "closesAt",
    c.visibility, c.title, (now() >= c.opens_at AND now() < c.closes_at) AS open
  FROM consultations c JOIN versions v ON v.id = c.version_id`;

/**
 * The one consultation that decides whether a delegate may comment on a version now: among those addressed to the
 * delegate's group, an open one if any (the newest opening), else the newest opening (for the "window" message).
 * At most one row; none for a delegate without a group. Placeholders are SQL parameter names. Also used inside the
 * comment create query, so the rule lives here once.
 */
export const CONSULTATION_FOR_COMMENT_SQL = (doc: string, num: string, group: string) => `${REF_SELECT}
  WHERE v.document_id = ${doc} AND v.number = ${num} AND ${group}::uuid IS NOT NULL AND ${AUDIENCE_SQL('c', group)}
  ORDER BY (now() >= c.opens_at AND now() < c.closes_at) DESC, c.opens_at DESC LIMIT 1`;
