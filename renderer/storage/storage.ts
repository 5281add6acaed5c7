// One storage interface for everything the app keeps: progress, settings, workspace files per
// exercise, the session journal. The browser build keeps them in localStorage; the desktop build
// supplies files on disk through the preload bridge `window.podlab.storage`.

export type StoredDocument = 'progress' | 'settings' | 'layout' | 'journal' | 'scrollback' | `workspace/${string}`;

export interface AppStorage {
  /** The named JSON document, or undefined when it was never saved. */
  get<T>(name: StoredDocument): Promise<T | undefined>;
  set<T>(name: StoredDocument, value: T): Promise<void>;
}

const prefix = 'podlab:';

export class LocalStorageBackend implements AppStorage {
  constructor(private readonly store: Storage = window.localStorage) {}

  async get<T>(name: StoredDocument): Promise<T | undefined> {
    const text = this.store.getItem(prefix + name);
    if (text === null) return undefined;
    try {
      return JSON.parse(text) as T;
    } catch {
      return undefined;
    }
  }

  async set<T>(name: StoredDocument, value: T): Promise<void> {
    this.store.setItem(prefix + name, JSON.stringify(value));
  }
}

export class MemoryStorage implements AppStorage {
  readonly documents = new Map<string, string>();

  async get<T>(name: StoredDocument): Promise<T | undefined> {
    const text = this.documents.get(name);
    return text === undefined ? undefined : (JSON.parse(text) as T);
  }

  async set<T>(name: StoredDocument, value: T): Promise<void> {
    this.documents.set(name, JSON.stringify(value));
  }
}

export function pickStorage(): AppStorage {
  if (typeof window !== 'undefined' && window.podlab?.storage) return window.podlab.storage;
  if (typeof window !== 'undefined' && window.localStorage) return new LocalStorageBackend();
  return new MemoryStorage();
}

/**
 * Calls `save` at most once per `delayMs`, and at once on `flush`. A pending save is not pushed
 * back by later changes: with the clock running the cluster changes every frame, and the
 * journal must still reach storage. A save that fails (a full disk) goes to `onError` and never
 * becomes an uncaught error; the next change schedules it again.
 */
export function debounced(save: () => Promise<void> | void, delayMs: number, onError: (error: unknown) => void = () => {}): { schedule(): void; flush(): Promise<void> } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = async () => {
    try {
      await save();
    } catch (error) {
      onError(error);
    }
  };
  return {
    schedule() {
      if (timer !== undefined) return;
      timer = setTimeout(() => {
        timer = undefined;
        void run();
      }, delayMs);
    },
    async flush() {
      if (timer === undefined) return;
      clearTimeout(timer);
      timer = undefined;
      await run();
    },
  };
}
