/** One storage connection for the page, opened on first use (the picker and the play screen share it). */
import { openStorage, type OpenedStorage } from '../storage';

let opened: Promise<OpenedStorage> | undefined;

export function getStorage(): Promise<OpenedStorage> {
  opened ??= openStorage();
  return opened;
}
