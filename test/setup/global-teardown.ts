import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Config } from '@jest/types';
import { CONTRACT_DIR, DOCUMENTED_FILE } from '../support/contract';

/**
 * After a full run: every success answer the OpenAPI document declares (route, status, media type) must have been
 * received and validated against its schema at least once (test/support/contract.ts records them), so no documented
 * answer goes untested. Runs limited to some files or tests skip the check; CONTRACT_COVERAGE=off skips it too.
 */
// eslint-disable-next-line @typescript-eslint/require-await -- async so that a failed check rejects, as Jest expects
export default async function globalTeardown(
  globalConfig: Config.GlobalConfig,
  projectConfig: Config.ProjectConfig,
): Promise<void> {
  if (!isFullRun(globalConfig, projectConfig) || process.env.CONTRACT_COVERAGE === 'off') return;
  if (!fs.existsSync(DOCUMENTED_FILE))
    throw new Error('No HTTP response was validated against the OpenAPI document in this run.');
  const documented: string[] = JSON.parse(fs.readFileSync(DOCUMENTED_FILE, 'utf8'));
  const validated = new Set(
    fs
      .readdirSync(CONTRACT_DIR)
      .filter((f) => f.startsWith('validated-'))
      .flatMap((f) => fs.readFileSync(path.join(CONTRACT_DIR, f), 'utf8').split('\n').filter(Boolean)),
  );
  // An event stream never ends, so no supertest response holds it: test/live opens it with a raw client instead.
  const missing = documented.filter((d) => !validated.has(d) && !d.endsWith(' text/event-stream'));
  if (missing.length) {
    throw new Error(
      `These success answers of the OpenAPI document were never received by a test, so nothing checks them against the service:\n  ${missing.join('\n  ')}\n` +
        'Add an HTTP test that gets each one (test/support/app.ts validates every response), or correct the document.',
    );
  }
  console.log(`\nOpenAPI contract: all ${documented.length} documented success answers were received and validated.`);
}

function isFullRun(g: Config.GlobalConfig, p: Config.ProjectConfig): boolean {
  const patterns = g.testPathPatterns as unknown as { isSet?: () => boolean; patterns?: string[] };
  const pathLimited = typeof patterns?.isSet === 'function' ? patterns.isSet() : (patterns?.patterns?.length ?? 0) > 0;
  const ignoresMore = (p?.testPathIgnorePatterns ?? []).some((x) => !x.includes('node_modules'));
  return (
    !pathLimited &&
    !ignoresMore &&
    !g.testNamePattern &&
    !g.onlyChanged &&
    !g.onlyFailures &&
    !g.findRelatedTests &&
    !g.shard &&
    !g.lastCommit &&
    !g.changedSince
  );
}
