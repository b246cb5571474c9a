import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface VersionAdded {
  documentId: string;
  versionId: string;
  number: number;
  /** The version it is based on (lineage runs from it), or null for a first version. */
  parent: { id: string; number: number } | null;
}

export type VersionAddedHook = (em: EntityManager, event: VersionAdded) => Promise<void>;

/**
 * Lets other areas act inside the transaction that adds a version (e.g. comments carry their anchors into it)
 * without the documents area knowing them. Hooks register at module init.
 */
@Injectable()
export class VersionHooks {
  private readonly hooks: VersionAddedHook[] = [];

  onVersionAdded(hook: VersionAddedHook): void {
    this.hooks.push(hook);
  }

  async versionAdded(em: EntityManager, event: VersionAdded): Promise<void> {
    for (const hook of this.hooks) await hook(em, event);
  }
}
