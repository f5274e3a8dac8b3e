import { describe, expect, it } from 'vitest';
import { absoluteHref, embedHref, parseRoute, playHref } from '../../../src/ui/router';

describe('hash routes', () => {
  it('opens the picker for an empty hash or #/', () => {
    expect(parseRoute('')).toEqual({ name: 'picker' });
    expect(parseRoute('#')).toEqual({ name: 'picker' });
    expect(parseRoute('#/')).toEqual({ name: 'picker' });
  });

  it('opens a scenario by id, and round-trips ids that need escaping', () => {
    expect(parseRoute('#/play/taskflow-crashloop')).toEqual({ name: 'play', scenarioId: 'taskflow-crashloop' });
    expect(parseRoute(playHref('a b/c'))).toEqual({ name: 'play', scenarioId: 'a b/c' });
  });

  it('opens a completion card with its payload as given (the card screen validates it)', () => {
    expect(parseRoute('#/card/eyJ2IjoxfQ')).toEqual({ name: 'card', payload: 'eyJ2IjoxfQ' });
    expect(parseRoute('#/card/')).toEqual({ name: 'card', payload: '' });
    expect(parseRoute('#/card/a/b')).toEqual({ name: 'unknown', path: '/card/a/b' });
  });

  it('reports anything else as unknown rather than guessing', () => {
    expect(parseRoute('#/play/')).toEqual({ name: 'unknown', path: '/play/' });
    expect(parseRoute('#/settings')).toEqual({ name: 'unknown', path: '/settings' });
    expect(parseRoute('#/play/%E0%A4%A')).toEqual({ name: 'unknown', path: '/play/%E0%A4%A' });
  });

  it('opens the embed layout by id, and builds absolute addresses for a snippet', () => {
    expect(parseRoute('#/embed/taskflow-crashloop')).toEqual({ name: 'embed', scenarioId: 'taskflow-crashloop' });
    expect(parseRoute(embedHref('a b/c'))).toEqual({ name: 'embed', scenarioId: 'a b/c' });
    expect(parseRoute('#/embed/')).toEqual({ name: 'unknown', path: '/embed/' });
    expect(absoluteHref(embedHref('x'), { origin: 'https://ex.org', pathname: '/sub/path/' })).toBe('https://ex.org/sub/path/#/embed/x');
  });
});
