import { Initial1764500000000 } from './1764500000000-initial';
import { Comments1764600000000 } from './1764600000000-comments';
import { CommentCounts1764700000000 } from './1764700000000-comment-counts';
import { DecisionReopen1764800000000 } from './1764800000000-decision-reopen';
import { ClausePaths1764810000000 } from './1764810000000-clause-paths';
import { LoginThrottle1764820000000 } from './1764820000000-login-throttle';
import { LiveEvents1764930000000 } from './1764930000000-live-events';

/** Every migration, in order. Listed here (not globbed) so the compiled service and the tests load the same set. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const MIGRATIONS: Function[] = [
  Initial1764500000000,
  Comments1764600000000,
  CommentCounts1764700000000,
  DecisionReopen1764800000000,
  ClausePaths1764810000000,
  LoginThrottle1764820000000,
  LiveEvents1764930000000,
];
