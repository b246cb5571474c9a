import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { KEYS_GENERATION_SQL } from '../database/keys-generation';

/** Named queries of the diff area. */
@Injectable()
export class DiffRepository {
  /** The document's keys generation (see KEYS_GENERATION_SQL): cached comparisons go stale exactly when it changes. */
  async keysGeneration(em: EntityManager, documentId: string): Promise<string> {
    const [row] = await em.query<{ generation: string }[]>(`SELECT ${KEYS_GENERATION_SQL('$1')} AS generation`, [
      documentId,
    ]);
    return row.generation;
  }
}
