import { expect, it } from 'vitest';
import { postmortemMarkdown } from '../../../src/incident/postmortemMarkdown';

const T = Date.UTC(2026, 11, 1, 9, 30, 0);

it('exports the postmortem as Markdown: sections in template order, the learner text kept, the timeline appended', () => {
  const md = postmortemMarkdown({
    title: 'TaskFlow API down after a deploy',
    draft: {
      summary: 'The API failed for 15 minutes.',
      impact: '',
      rootCause: '# Not my heading\nThe 2.4.0 release lacked a setting.',
      trigger: 'The 2.4.0 deploy.',
      resolution: 'Rolled back.',
      actionItems: '- Validate settings (owner: platform)\n- Canary (owner: api)',
    },
    timeline: [{ at: T, kind: 'action', text: 'Ran kubectl rollout undo deployment/api-service' }],
  });
  const headings = md.split('\n').filter((l) => l.startsWith('#'));
  expect(headings).toEqual([
    '# Postmortem: TaskFlow API down after a deploy',
    '## Summary',
    '## Impact',
    '## Timeline',
    '## Root cause',
    '## Trigger',
    '## Detection',
    '## Resolution and recovery',
    '## What went well',
    '## What went badly',
    '## Action items',
    '## Appendix: incident timeline',
  ]);
  expect(md).toContain('## Detection\n\n_Not written._\n');
  expect(md).toContain('## Impact\n\n_Not written._\n');
  expect(md).toContain('    # Not my heading\nThe 2.4.0 release lacked a setting.');
  expect(md).toContain('- Validate settings (owner: platform)\n- Canary (owner: api)\n');
  expect(md).toContain('- **2026-12-01 09:30:00** (Action) Ran kubectl rollout undo deployment/api-service\n');
});
