import { describe, expect, it } from 'vitest';
import { createSession, restoreSession, type GameState, type Session } from '../../../src/incident';
import { boardReview } from '../../../src/incident/boardReview';
import { ARRIVAL, NS, scenario } from './fixtures';

const MISSING_CONFIG_TITLE = 'The 2.4.0 logs say NOTIFICATIONS_QUEUE_URL is required and not set';

function started(): Session {
  const s = createSession(scenario(), { arrivalMs: ARRIVAL });
  expect(s.dispatch({ type: 'setSeverity', severity: 'SEV2' })).toEqual({ ok: true });
  expect(s.dispatch({ type: 'startInvestigation' })).toEqual({ ok: true });
  return s;
}

function apiPod(s: Session): string {
  const names = s.exec(`kubectl get pods -n ${NS} -o name`).stdout.split('\n');
  const pod = names.find((n) => n.startsWith('pod/api-service-'));
  expect(pod, 'an api-service pod').toBeDefined();
  return pod!.slice('pod/'.length);
}

const card = (s: Session, id: string) => s.state().board.find((c) => c.id === id)!;

describe('the board promotes an assumption to a fact when its evidence appears', () => {
  it('an assumption proven by a newly revealed clue becomes a fact citing it, and the timeline says so', () => {
    const s = started();
    const pod = apiPod(s);
    expect(s.dispatch({ type: 'moveCard', cardId: 'missing-setting', column: 'assumption' })).toEqual({ ok: true });
    expect(s.dispatch({ type: 'moveCard', cardId: 'database-down', column: 'assumption' })).toEqual({ ok: true });
    expect(card(s, 'missing-setting').column).toBe('assumption');

    s.exec(`kubectl logs ${pod} -n ${NS} --previous`);
    const promoted = card(s, 'missing-setting');
    expect(promoted).toMatchObject({ column: 'fact', evidenceClueId: 'missing-config', promotedAt: s.cluster.now() });
    expect(s.state().timeline.map((t) => t.text)).toContain(
      `Now a fact: api-service 2.4.0 exits at start-up because NOTIFICATIONS_QUEUE_URL is not set, shown by ${MISSING_CONFIG_TITLE}`,
    );
    // A red herring stays where the learner put it: nothing proves it.
    expect(card(s, 'database-down').column).toBe('assumption');
  });

  it('leaves Unknown alone: an unjudged card is the learner’s to sort', () => {
    const s = started();
    const pod = apiPod(s);
    s.exec(`kubectl logs ${pod} -n ${NS} --previous`);
    expect(s.state().clues.some((c) => c.id === 'missing-config')).toBe(true);
    expect(card(s, 'missing-setting').column).toBe('unsorted');
    expect(s.state().timeline.some((t) => t.text.startsWith('Now a fact'))).toBe(false);
  });

  it('promotes only when the evidence appears: an assumption made after it was seen stays one', () => {
    const s = started();
    const pod = apiPod(s);
    s.exec(`kubectl logs ${pod} -n ${NS} --previous`);
    s.dispatch({ type: 'moveCard', cardId: 'missing-setting', column: 'assumption' });
    s.exec(`kubectl logs ${pod} -n ${NS} --previous`);
    expect(card(s, 'missing-setting').column).toBe('assumption');
  });

  it('a card moved by hand forgets that it was promoted', () => {
    const s = started();
    const pod = apiPod(s);
    s.dispatch({ type: 'moveCard', cardId: 'missing-setting', column: 'assumption' });
    s.exec(`kubectl logs ${pod} -n ${NS} --previous`);
    expect(card(s, 'missing-setting').promotedAt).toBeDefined();
    expect(s.dispatch({ type: 'moveCard', cardId: 'missing-setting', column: 'assumption' })).toEqual({ ok: true });
    expect(card(s, 'missing-setting')).not.toHaveProperty('promotedAt');
    expect(card(s, 'missing-setting')).not.toHaveProperty('evidenceClueId');
  });

  it('a save replays to the same board and timeline', () => {
    const s = started();
    const pod = apiPod(s);
    s.dispatch({ type: 'moveCard', cardId: 'missing-setting', column: 'assumption' });
    s.dispatch({ type: 'moveCard', cardId: 'deploy-trigger', column: 'assumption' });
    s.dispatch({ type: 'moveCard', cardId: 'node-memory', column: 'assumption' });
    s.exec(`kubectl logs ${pod} -n ${NS} --previous`);
    s.exec(`kubectl rollout history deployment/api-service -n ${NS}`);
    expect(card(s, 'deploy-trigger')).toMatchObject({ column: 'fact', evidenceClueId: 'recent-deploy' });

    const restored = restoreSession(scenario(), s.save());
    expect(restored.state().board).toEqual(s.state().board);
    expect(restored.state().timeline).toEqual(s.state().timeline);
    expect(restored.state().board.filter((c) => c.promotedAt !== undefined).map((c) => c.id)).toEqual(['missing-setting', 'deploy-trigger']);
  });
});

describe('boardReview', () => {
  const key = scenario().board;
  const titles = Object.fromEntries(scenario().clues.map((c) => [c.id, c.title]));

  function stateWith(columns: Record<string, GameState['board'][number]['column']>, clues: string[]): Pick<GameState, 'board' | 'clues'> {
    return {
      board: [
        ...key.map((c) => ({
          id: c.id,
          text: c.text,
          origin: 'scenario' as const,
          column: columns[c.id] ?? ('unsorted' as const),
          ...(columns[c.id] === 'fact' ? { evidenceClueId: c.supportedBy[0] } : {}),
        })),
        { id: 'mine-1', text: 'My own guess', origin: 'learner', column: 'assumption' },
      ],
      clues: clues.map((id) => ({ id, at: ARRIVAL, command: 'kubectl get pods', evidence: 'x' })),
    };
  }

  it('proven statements belong in Facts; unprovable ones anywhere else, Unknown included', () => {
    const review = boardReview(
      stateWith({ crashloop: 'fact', 'missing-setting': 'assumption', 'database-down': 'assumption', 'node-memory': 'unsorted' }, ['pods-crashlooping', 'missing-config']),
      key,
      titles,
    );
    expect(review.total).toBe(7);
    const byId = Object.fromEntries(review.items.map((i) => [i.id, i]));
    expect(byId.crashloop).toMatchObject({ placed: 'fact', belongs: 'fact', right: true, note: '' });
    expect(byId['database-down']).toMatchObject({ placed: 'assumption', belongs: 'assumption', right: true });
    expect(byId['node-memory']).toMatchObject({ placed: 'unsorted', belongs: 'assumption', right: true });
    expect(byId['rollback-works']).toMatchObject({ right: true });
    // Evidence on screen but the card not made a fact: say which evidence.
    expect(byId['missing-setting']).toMatchObject({ placed: 'assumption', belongs: 'fact', right: false });
    expect(byId['missing-setting']!.note).toBe(`You saw the evidence for it: ${MISSING_CONFIG_TITLE}.`);
    // Evidence never seen: say where it shows.
    expect(byId['users-affected']!.note).toBe('You did not see the evidence for it; it shows in: Service api-service has no ready endpoints.');
    expect(byId['deploy-trigger']!.explanation).toMatch(/revision 2/);
    expect(review.right).toBe(4);
    // Learner cards have no key.
    expect(review.items.some((i) => i.id === 'mine-1')).toBe(false);
  });

  it('marks cards the game promoted, and a finished session reviews its own board', () => {
    const s = started();
    const pod = apiPod(s);
    s.dispatch({ type: 'moveCard', cardId: 'missing-setting', column: 'assumption' });
    s.exec(`kubectl logs ${pod} -n ${NS} --previous`);
    const review = boardReview(s.state(), key, titles);
    expect(review.items.find((i) => i.id === 'missing-setting')).toMatchObject({ right: true, promoted: true, placed: 'fact' });
    expect(review.items.find((i) => i.id === 'crashloop')).toMatchObject({ right: false, promoted: false, placed: 'unsorted' });
  });
});
