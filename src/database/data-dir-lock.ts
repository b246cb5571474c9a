import * as fs from 'node:fs';
import * as path from 'node:path';

export class DataDirLockedError extends Error {}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * An exclusive lock on the embedded database folder: a file created with O_EXCL holding the owner's pid.
 * A lock left by a process that no longer runs is taken over.
 */
export class DataDirLock {
  private released = false;
  private constructor(private readonly file: string) {}

  static acquire(dataDir: string): DataDirLock {
    const file = path.join(dataDir, 'draftline.lock');
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = fs.openSync(file, 'wx');
        fs.writeSync(fd, String(process.pid));
        fs.closeSync(fd);
        return new DataDirLock(file);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
        const owner = Number(fs.readFileSync(file, 'utf8').trim());
        if (Number.isInteger(owner) && owner > 0 && processAlive(owner)) {
          throw new DataDirLockedError(
            `The embedded database in ${dataDir} is in use by another process (pid ${owner}). ` +
              'Only one process may use it at a time: stop that one, use another DATA_DIR, or set DATABASE_URL ' +
              'to share a PostgreSQL server between instances.',
          );
        }
        fs.rmSync(file, { force: true }); // stale lock
      }
    }
    throw new DataDirLockedError(`Could not lock ${file}`);
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    try {
      if (fs.readFileSync(this.file, 'utf8').trim() === String(process.pid)) fs.rmSync(this.file, { force: true });
    } catch {
      /* already gone */
    }
  }
}
