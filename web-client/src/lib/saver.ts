// The participant's «Экономия трафика» (data saver): the video does not start
// by itself and plays its lowest rung, reaction animations are off. The
// choice is remembered on the device; a phone that says its link is slow or
// metered is offered it at once.

import { localStore, readStored, writeStored, type StorageLike } from './storage';

/** localStorage key: 'on' or 'off' once the participant has chosen */
export const DATA_SAVER_KEY = 'veche.data-saver';

/** null: never chosen on this device */
export type DataSaverChoice = boolean | null;

export function loadDataSaver(storage: StorageLike | null = localStore()): DataSaverChoice {
  const value = readStored(DATA_SAVER_KEY, storage);
  return value === 'on' ? true : value === 'off' ? false : null;
}

export function saveDataSaver(on: boolean, storage: StorageLike | null = localStore()): void {
  writeStored(DATA_SAVER_KEY, on ? 'on' : 'off', storage);
}

/** The part of the Network Information API this reads (Chromium-based browsers have it; others say nothing). */
export interface LinkHints {
  connection?: { saveData?: boolean; effectiveType?: string };
}

/** The browser says the participant wants to save data, or that the link is 3G or slower. */
export function slowOrMeteredLink(hints: LinkHints = globalThis.navigator as LinkHints): boolean {
  const connection = hints?.connection;
  if (!connection) return false;
  return connection.saveData === true || ['slow-2g', '2g', '3g'].includes(connection.effectiveType ?? '');
}
