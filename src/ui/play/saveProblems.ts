/**
 * When storage lets the learner down: the sentences they read (a save that cannot be read or
 * written), and the download that keeps the game safe anyway. Fetched only when something went
 * wrong, so the first screen does not pay for it.
 */
import type { ProgressStore, StoredSession, WriteResult } from '../../storage';
import type { ProgressExport } from '../../storage/transfer';
import { downloadText } from '../download';

export const NOTICE_UNREADABLE =
  'Your saved progress for this scenario could not be read, so a new game has started. The old save was kept aside, not deleted.';
export const NOTICE_NOT_REPLAYABLE =
  'Your saved progress no longer fits this version of the scenario, so a new game has started. The old save was kept aside, not deleted.';
export const NOTICE_NEWER =
  'Your saved progress for this scenario was made by a newer version of Firedrill, so this copy cannot read it. It is kept exactly as it is: reload the page to update. Until then you can play, but this game will not be saved.';
/** The save could not be read and could not be moved aside: the new game must not overwrite it. */
export const noticeUntouched = (reason: string): string =>
  `Your saved progress could not be read (${reason}). A new game has started; it will not be saved, so the old save stays untouched.`;

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
export async function downloadProgress(
  store: ProgressStore,
  parts: Pick<StoredSession, 'save' | 'status' | 'postmortemDraft' | 'score'>,
  now: number,
): Promise<void> {
  const current: StoredSession = { scenarioId: parts.save.scenarioId, save: parts.save, savedAt: now, status: parts.status };
  if (parts.postmortemDraft) current.postmortemDraft = parts.postmortemDraft;
  if (parts.score !== undefined) current.score = parts.score;
  const all = await store.exportAll();
  const data: ProgressExport = all.ok ? all.data : { format: 'firedrill-progress', version: 1, exportedAt: new Date(now).toISOString(), sessions: [], scenarios: [] };
  data.sessions = [...data.sessions.filter((s) => s.scenarioId !== current.scenarioId), current];
  downloadText(`firedrill-progress-${data.exportedAt.slice(0, 10)}.json`, `${JSON.stringify(data, null, 1)}\n`, 'application/json');
}
