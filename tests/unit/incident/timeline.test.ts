import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../../src/incident/api';
import { filterTimeline, timelineMarkdown } from '../../../src/incident/timeline';

const T = Date.UTC(2026, 11, 1, 9, 30, 0);
const entries: TimelineEntry[] = [
  { at: T + 60_000, kind: 'finding', text: 'Service api-service has no ready endpoints' },
  { at: T, kind: 'system', text: 'Alert fired' },
  { at: T + 120_000, kind: 'action', text: 'Ran kubectl rollout undo deployment/api-service' },
  { at: T + 180_000, kind: 'comms', text: 'Stakeholder update: API errors, rolling back' },
  { at: T + 240_000, kind: 'note', text: '# not a heading | nor a table <script>alert(1)</script>\nsecond line' },
];

describe('the timeline', () => {
  it('filters by group, with notes among comms', () => {
    expect(filterTimeline(entries, new Set(['finding'])).map((e) => e.kind)).toEqual(['finding']);
    expect(filterTimeline(entries, new Set(['comms'])).map((e) => e.kind)).toEqual(['comms', 'note']);
    expect(filterTimeline(entries, new Set())).toEqual([]);
  });

  it('exports as a Markdown list in time order, with learner text kept on one escaped line', () => {
    const md = timelineMarkdown(entries, 'TaskFlow API down');
    expect(md.split('\n').slice(0, 5)).toEqual(['## Timeline: TaskFlow API down', '', 'All times UTC (simulated).', '', '- **2026-12-01 09:30:00** (System) Alert fired']);
    expect(md).toContain('- **2026-12-01 09:32:00** (Action) Ran kubectl rollout undo deployment/api-service\n');
    expect(md).toContain('- **2026-12-01 09:34:00** (Note) \\# not a heading \\| nor a table \\<script\\>alert\\(1\\)\\</script\\> second line\n');
    expect(md.trimEnd().split('\n')).toHaveLength(4 + entries.length);
    expect(timelineMarkdown([], 'x')).toContain('_Nothing recorded._');
  });
});
