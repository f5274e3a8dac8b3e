/**
 * Two tabs on one game: each tab says which game it has open on a BroadcastChannel, and answers
 * a tab that opens the same one, so both learners' tabs can say so at once. The revision check
 * in progressStore is what keeps either from overwriting the other; this is only the early word.
 * Loaded after the prompt is up.
 */
export const OTHER_TAB_NOTICE =
  'This game is also open in another tab. Play it in one tab only: whichever tab saves first keeps saving, and the other stops rather than overwrite it.';

interface Hello {
  scenarioId: string;
  from: string;
  reply?: true;
}

export function watchOtherTabs(scenarioId: string, onOtherTab: () => void): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => {};
  const channel = new BroadcastChannel('firedrill-open-games');
  const me = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  channel.onmessage = (event: MessageEvent<Partial<Hello> | null>) => {
    const hello = event.data;
    if (hello?.scenarioId !== scenarioId || typeof hello.from !== 'string' || hello.from === me) return;
    if (!hello.reply) channel.postMessage({ scenarioId, from: me, reply: true } satisfies Hello);
    onOtherTab();
  };
  channel.postMessage({ scenarioId, from: me } satisfies Hello);
  return () => channel.close();
}
