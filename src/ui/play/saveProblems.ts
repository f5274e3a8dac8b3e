/**
 * When a save fails: the sentence the learner reads, and the download that keeps the game safe
 * anyway. Fetched only when something went wrong, so the first screen does not pay for it.
 */
import type { ProgressStore, StoredSession, WriteResult } from '../../storage';
import { EXPORT_FORMAT, type ProgressExport } from '../../storage/transfer';
import { downloadText } from '../download';

type Failure = Extract<WriteResult, { ok: false }>;

/** Local wall-clock time as HH:MM, the way the learner reads their own clock. */
export function clockOf(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** `since`: wall time of the last save that landed (or of opening the game, if none did). */
export function saveProblemText(result: Pick<Failure, 'reason' | 'problem' | 'keptAs'>, since: number): string {
  const at = clockOf(since);
  switch (result.problem) {
    case 'quota':
      return `Your browser is out of storage space for this site, so progress since ${at} is not saved. Keep playing: Firedrill tries again every 15 seconds. To keep it safe now, download your progress, or free some space for this site.`;
    case 'conflict':
      return `This game was saved from another tab after this tab opened it. So as not to overwrite that newer progress, this tab has stopped saving${result.keptAs ? ` and kept what you did here aside` : ''}. Reload to continue from the other tab's progress, or download this tab's game.`;
    case 'closed':
      return CLOSED_TEXT(at);
    default:
      return `Progress since ${at} could not be saved (${result.reason}). Keep playing: Firedrill tries again every 15 seconds. To keep it safe now, download your progress.`;
  }
}

export const CLOSED_TEXT = (at: string): string =>
  `Firedrill was opened in a newer version in another tab, so this tab let go of its storage. Progress since ${at} is not saved here: reload this page to keep saving, or download your progress.`;

/**
 * Downloads every readable save plus this tab's game as it is now (not as last saved), in the
 * export format the picker imports. If storage cannot even be read, the file holds this game alone.
 */
export async function downloadProgress(store: ProgressStore, current: StoredSession, now: number): Promise<void> {
  const all = await store.exportAll();
  const data: ProgressExport = all.ok ? all.data : { format: EXPORT_FORMAT, version: 1, exportedAt: new Date(now).toISOString(), sessions: [], scenarios: [] };
  data.sessions = [...data.sessions.filter((s) => s.scenarioId !== current.scenarioId), current];
  downloadText(`firedrill-progress-${data.exportedAt.slice(0, 10)}.json`, `${JSON.stringify(data, null, 1)}\n`, 'application/json');
}
