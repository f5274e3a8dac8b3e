/**
 * "Update available — reload" must never lose progress: before the page reloads into a new
 * version, every open game writes its pending save. The reload side dispatches one event on the
 * window; each listener (GameView) adds the promise of its flush; we wait for them all (bounded,
 * so a stuck storage layer cannot block the update forever).
 */
export const BEFORE_RELOAD = 'firedrill:before-reload';

export interface BeforeReloadDetail {
  waitFor: Promise<unknown>[];
}

/** Registers a flush to run before an update reload; returns the unsubscribe function. */
export function onBeforeReload(flush: () => Promise<unknown>, target: EventTarget = window): () => void {
  const listener = (event: Event) => {
    (event as CustomEvent<BeforeReloadDetail>).detail.waitFor.push(flush());
  };
  target.addEventListener(BEFORE_RELOAD, listener);
  return () => target.removeEventListener(BEFORE_RELOAD, listener);
}

/** Asks every open game to save now and waits for the writes (at most `timeoutMs`). */
export async function flushBeforeReload(target: EventTarget = window, timeoutMs = 3000): Promise<void> {
  const detail: BeforeReloadDetail = { waitFor: [] };
  target.dispatchEvent(new CustomEvent<BeforeReloadDetail>(BEFORE_RELOAD, { detail }));
  if (detail.waitFor.length === 0) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, timeoutMs);
  });
  await Promise.race([Promise.allSettled(detail.waitFor), timeout]);
  clearTimeout(timer);
}
