// The browser's localStorage for what the participant page remembers
// (language, picture quality, data saver, the offline copies). Never throws: storage may be missing, full
// or disabled (some private modes throw on mere access).

export type StorageLike = Pick<Storage, 'getItem' | 'setItem'>;

export function localStore(): StorageLike | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/** The stored value, or null when there is none or the storage cannot be read. */
export function readStored(key: string, storage: StorageLike | null = localStore()): string | null {
  try {
    return storage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

/** Stores the value; losing it (full or disabled storage) is not an error worth showing. */
export function writeStored(key: string, value: string, storage: StorageLike | null = localStore()): void {
  try {
    storage?.setItem(key, value);
  } catch {
    /* remembered until the page is closed */
  }
}
