/**
 * The service's API for the web app: the typed client and the shapes it answers with. Every shape is a name for a
 * schema of the OpenAPI document (./schema.d.ts is generated from openapi.json by `npm run contract`); none is
 * written by hand, so the app cannot expect a field the server does not send.
 */
import type { components } from './schema';

export { api, ApiError, data, download, getToken, setToken, whenUnauthenticated } from './client';
export { allComments, consultationsOf, heatOf, versionOf } from './queries';

type S = components['schemas'];

export type User = S['UserResponseDto'];
export type Role = User['role'];
export type Group = S['GroupListItemDto'];
export type DocumentView = S['DocumentResponseDto'];
export type VersionMeta = S['VersionResponseDto'];
export type VersionFull = S['VersionWithClausesResponseDto'];
export type NewVersion = S['CreateVersionDto'];
export type ClauseNode = S['ClauseNodeDto'];
export type LineageEdge = S['LineageEdgeDto'];
export type AlignmentRow = S['AlignmentRowDto'];
export type ChangeType = AlignmentRow['type'];
export type DiffSide = S['ClauseRefDto'];
export type DiffChange = S['DiffChangeDto'];
export type DiffResult = S['DiffResponseDto'];
export type ReferenceWarning = S['ReferenceWarningDto'];
export type HistoryEntry = S['HistoryEntryDto'];
export type HistoryComment = S['HistoryCommentDto'];
export type BlameSpan = S['BlameSpanDto'];
export type Explanation = S['ExplanationDto'];
export type ExplanationComment = S['ExplanationCommentDto'];
export type Consultation = S['ConsultationResponseDto'];
export type PendingGroup = S['PendingGroupDto'];
export type JobView = S['JobResponseDto'];
export type LiveEvent = S['LiveEventDto'];
export type CommentKind = S['CommentResponseDto']['kind'];
export type Outcome = S['CurrentDecisionDto']['outcome'];
export type Anchor = S['AnchorDto'];
export type Revision = S['CommentRevisionDto'];
export type CommentDetail = S['CommentDetailDto'];
export type Proposal = S['ProposalView'];
/**
 * A comment as the screens show it: as every route sends it, plus what the route it came from adds — its place in
 * a version (a version's list) or its replies and latest place (my comments).
 */
export type Comment = S['CommentResponseDto'] &
  Partial<Pick<S['VersionCommentDto'], 'anchor'> & Pick<S['MyCommentDto'], 'replies' | 'latest'>>;
