/** The learner's sentence for a storage that would not open (see idbBackend.ts for the cases). */
export function openProblem(error: unknown): string {
  const name = error instanceof Error ? error.name : '';
  const detail = error instanceof Error && error.message ? error.message : '';
  if (name === 'blocked' || name === 'newer') {
    // The saves are there, just not reachable from this page right now.
    const why =
      name === 'blocked'
        ? 'an older copy of Firedrill in another tab is holding the storage open; close that tab and reload'
        : 'your progress was saved by a newer version of Firedrill; reload the page to update';
    return `Firedrill cannot reach your saved progress: ${why}. You can play, but progress will not be saved until then; your saves are untouched.`;
  }
  const what = name === 'unusable' ? `the storage opened but cannot be read (${detail})` : detail;
  return `This browser will not let Firedrill store data${what ? ` (${what})` : ''}. You can play, but progress will not be saved.`;
}
