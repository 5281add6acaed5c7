// The learner's documents (progress, settings, the session journal, each exercise's workspace) as
// JSON files in the user data folder. Plain Node: no Electron import, so it is tested in Node.
//
// Every file is wrapped as { schemaVersion, savedAt, data } and written atomically: a temporary
// file in the same folder, flushed to disk, then renamed over the old one. A crash before the
// rename leaves the old file as it was. A file that cannot be read, or that a newer Pod Lab
// wrote, is moved aside with a timestamp and a notice is kept for the learner.

import { mkdir, open, readFile, readdir, rename, rm, stat, unlink } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { AsideReason, DocumentNotice } from '../bridge-layout';

export const documentSchemaVersion = 1;

export interface StoredEnvelope {
  schemaVersion: number;
  savedAt: string;
  data: unknown;
}

/** Documents are small; a larger file is not one of ours and is not read into memory. */
export const documentSizeLimit = 64 * 1024 * 1024;



export class InvalidDocumentNameError extends Error {
  constructor(name: string) {
    super(`invalid document name "${name}"`);
    this.name = 'InvalidDocumentNameError';
  }
}

/** `progress`, `settings`, `layout`, `journal`, `scrollback`, `window-state`, or `<folder>/<id>` such as `workspace/first-pod-manifest`. */
const documentNamePattern = /^[a-z][a-z0-9-]{0,63}(?:\/[A-Za-z0-9][A-Za-z0-9._-]{0,127})?$/;
const temporaryMarker = '.tmp-';

export function isValidDocumentName(name: string): boolean {
  return documentNamePattern.test(name) && !name.split('/').some((part) => part === '.' || part === '..' || part.includes('..'));
}

/** A filesystem-safe stamp: 2026-11-26T23-46-28-123Z. */
export function fileTimestamp(date: Date): string {
  return date.toISOString().replace(/[:.]/g, '-');
}

export interface DocumentStoreOptions {
  now?: () => Date;
  /** Replaceable for tests that simulate a crash between writing and renaming. */
  rename?: (from: string, to: string) => Promise<void>;
}

export class DocumentStore {
  private readonly root: string;
  private readonly now: () => Date;
  private readonly renameFile: (from: string, to: string) => Promise<void>;
  private readonly notices: DocumentNotice[] = [];
  /** Documents that could be neither read nor moved aside: never written over. */
  private readonly untouchable = new Set<string>();
  /** Writes to one document run one after another, in the order they were asked for. */
  private readonly queues = new Map<string, Promise<unknown>>();
  private temporaryCounter = 0;

  constructor(folder: string, options: DocumentStoreOptions = {}) {
    this.root = resolve(folder);
    this.now = options.now ?? (() => new Date());
    this.renameFile = options.rename ?? rename;
  }

  /** The file of a document; throws for names that could leave the folder. */
  pathOf(name: string): string {
    if (!isValidDocumentName(name)) throw new InvalidDocumentNameError(name);
    const path = resolve(this.root, `${name}.json`);
    if (!path.startsWith(this.root + sep)) throw new InvalidDocumentNameError(name);
    return path;
  }

  async read(name: string): Promise<unknown> {
    const path = this.pathOf(name);
    return this.serialised(name, async () => {
      let text: string;
      try {
        const size = (await stat(path)).size;
        if (size > documentSizeLimit) throw Object.assign(new Error(`the file is too large: ${size} bytes`), { code: 'EFBIG' });
        text = await readFile(path, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        await this.setAside(name, path, 'unreadable').catch(() => this.leaveUntouched(name, error));
        return undefined;
      }
      const envelope = parseEnvelope(text);
      if (!envelope) {
        await this.setAside(name, path, 'corrupt');
        return undefined;
      }
      if (envelope.schemaVersion > documentSchemaVersion) {
        await this.setAside(name, path, 'newer');
        return undefined;
      }
      return envelope.data;
    });
  }

  async write(name: string, data: unknown): Promise<void> {
    const path = this.pathOf(name);
    const envelope: StoredEnvelope = { schemaVersion: documentSchemaVersion, savedAt: this.now().toISOString(), data };
    const text = JSON.stringify(envelope, null, 2) + '\n';
    if (this.untouchable.has(name)) throw new Error(`not saved: ${name}.json could not be read and is left as it is`);
    await this.serialised(name, () => this.writeAtomically(path, text)).catch((error: unknown) => {
      throw new Error(systemMessage(error));
    });
  }

  async remove(name: string): Promise<boolean> {
    const path = this.pathOf(name);
    return this.serialised(name, async () => {
      try {
        await unlink(path);
        return true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
        throw error;
      }
    });
  }

  /** Names of every stored document, sorted. */
  async list(): Promise<string[]> {
    const names: string[] = [];
    const visit = async (folder: string, prefix: string, depth: number) => {
      const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
      for (const entry of entries) {
        if (entry.isDirectory() && depth === 0) {
          await visit(join(folder, entry.name), `${entry.name}/`, 1);
        } else if (entry.isFile() && entry.name.endsWith('.json') && !entry.name.includes(temporaryMarker)) {
          const name = prefix + entry.name.slice(0, -'.json'.length);
          if (isValidDocumentName(name)) names.push(name);
        }
      }
    };
    await visit(this.root, '', 0);
    return names.sort();
  }

  get pendingNoticeCount(): number {
    return this.notices.length;
  }

  /** Notices about files set aside since the last call; each is returned once. */
  takeNotices(): DocumentNotice[] {
    return this.notices.splice(0, this.notices.length);
  }

  /** Removes temporary files a crash left behind. Their documents were never replaced. */
  async removeLeftoverTemporaryFiles(): Promise<number> {
    let removed = 0;
    const visit = async (folder: string, depth: number) => {
      const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
      for (const entry of entries) {
        const full = join(folder, entry.name);
        if (entry.isDirectory() && depth === 0) await visit(full, 1);
        else if (entry.isFile() && entry.name.includes('.json' + temporaryMarker)) {
          await rm(full, { force: true });
          removed++;
        }
      }
    };
    await visit(this.root, 0);
    return removed;
  }

  private async writeAtomically(path: string, text: string): Promise<void> {
    await mkdir(dirname(path), { recursive: true });
    const temporary = `${path}${temporaryMarker}${process.pid}-${++this.temporaryCounter}`;
    try {
      const handle = await open(temporary, 'wx');
      try {
        await handle.writeFile(text, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await this.renameFile(temporary, path);
    } catch (error) {
      // A full disk fails the write itself: the half-written temporary file goes too.
      await rm(temporary, { force: true });
      throw error;
    }
    await syncFolder(dirname(path));
  }

  private leaveUntouched(name: string, error: unknown): void {
    this.untouchable.add(name);
    const why = (error as NodeJS.ErrnoException).code === 'EFBIG' ? (error as Error).message : systemMessage(error);
    const message = `Your ${describeDocument(name)} could not be read (${why}). It is left as it is, and nothing will be saved over it until Pod Lab restarts.`;
    this.notices.push({ document: name, reason: 'unreadable', movedTo: '', message });
  }

  private async setAside(name: string, path: string, reason: AsideReason): Promise<void> {
    const fileName = path.slice(path.lastIndexOf(sep) + 1);
    const movedTo = `${fileName}.${reason}-${fileTimestamp(this.now())}`;
    await rename(path, join(dirname(path), movedTo));
    const what = describeDocument(name);
    const message =
      reason === 'corrupt'
        ? `Your ${what} could not be read (the file is damaged). It was set aside as ${movedTo} and a fresh one was started.`
        : reason === 'unreadable'
          ? `Your ${what} could not be read. It was set aside as ${movedTo} and a fresh one was started.`
          : `Your ${what} was saved by a newer version of Pod Lab. It was set aside as ${movedTo} so that nothing is lost; update Pod Lab to use it again.`;
    this.notices.push({ document: name, reason, movedTo, message });
  }

  private serialised<T>(name: string, task: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(name) ?? Promise.resolve();
    const next = previous.then(task, task);
    const settled = next.catch(() => undefined);
    this.queues.set(name, settled);
    void settled.then(() => {
      if (this.queues.get(name) === settled) this.queues.delete(name);
    });
    return next;
  }
}

function parseEnvelope(text: string): StoredEnvelope | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const record = parsed as Record<string, unknown>;
  const version = record.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1 || !('data' in record)) return undefined;
  return { schemaVersion: version, savedAt: String(record.savedAt ?? ''), data: record.data };
}

function systemMessage(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const known: Record<string, string> = {
    EACCES: 'Permission denied',
    EPERM: 'Operation not permitted',
    EISDIR: 'Is a directory',
    EIO: 'Input/output error',
    ENOSPC: 'No space left on device',
    EDQUOT: 'Disk quota exceeded',
    EROFS: 'Read-only file system',
  };
  return (code && known[code]) ?? (error instanceof Error ? error.message : String(error));
}

function describeDocument(name: string): string {
  if (name.startsWith('workspace/')) return `workspace for the exercise ${name.slice('workspace/'.length)}`;
  if (name === 'progress') return 'saved progress';
  return `${name} file`;
}

/** Makes the rename itself durable; not possible on Windows, where it is skipped. */
async function syncFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') return;
  try {
    const handle = await open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some filesystems refuse to sync a directory; the rename has still happened.
  }
}
