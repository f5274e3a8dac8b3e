import { beforeAll, describe, expect, it } from 'vitest';
import { createSession, restoreSession, type Session } from '../../../src/incident';
import type { FollowEvent } from '../../../src/incident/api';
import { loadYamlParser } from '../../../src/kubectl/manifest/yamlParser';
import { ARRIVAL, NS, scenario } from './fixtures';

beforeAll(loadYamlParser);

function started(): Session {
  const s = createSession(scenario(), { arrivalMs: ARRIVAL });
  s.dispatch({ type: 'setSeverity', severity: 'SEV2' });
  s.dispatch({ type: 'startInvestigation' });
  return s;
}

describe('kubectl edit in a session', () => {
  it('waits for the editor, reopens on an invalid save, applies the valid one, and replays the same', () => {
    const s = started();
    const events: FollowEvent[] = [];
    s.onOutput((e) => events.push(e));
    const r = s.exec(`kubectl edit deployment/api-service -n ${NS}`);
    expect(r.edit).toBeDefined();
    const first = s.editing()!;
    expect(first.text.startsWith('# Please edit the object below.')).toBe(true);

    const invalid = s.submitEdit(first.text.replace(/ {2}replicas: \d+\n/, '  replicas: -1\n'));
    expect(invalid.stderr).toBe('error: deployments.apps "api-service" is invalid\n');
    expect(events.at(-1)).toEqual({ stdout: '', stderr: 'error: deployments.apps "api-service" is invalid\n' });
    const second = s.editing()!;
    expect(second.text).toContain('# deployments.apps "api-service" was not valid:\n');

    const saved = s.submitEdit(second.text.replace('  replicas: -1\n', '  replicas: 4\n'));
    expect(saved.stdout).toBe('deployment.apps/api-service edited\n');
    expect(events.at(-1)).toEqual({ stdout: 'deployment.apps/api-service edited\n', stderr: '', ended: 'done' });
    expect(s.editing()).toBeUndefined();
    expect(s.cluster.get('Deployment', NS, 'api-service')!.spec!.replicas).toBe(4);

    const restored = restoreSession(scenario(), s.save());
    expect(restored.cluster.get('Deployment', NS, 'api-service')!.spec!.replicas).toBe(4);
    expect(restored.save().inputs).toEqual(s.save().inputs);
    expect(restored.editing()).toBeUndefined();
  });

  it('a save taken with the editor open restores with the editor open; a new line cancels the edit', () => {
    const s = started();
    s.exec(`kubectl edit deployment/api-service -n ${NS}`);
    const restored = restoreSession(scenario(), s.save());
    expect(restored.editing()?.text).toBe(s.editing()?.text);
    const next = restored.exec('kubectl get deploy');
    expect(next.exitCode).toBe(0);
    expect(restored.editing()).toBeUndefined();
    expect(restored.save().inputs.filter((i) => i.kind === 'edit')).toEqual([expect.objectContaining({ kind: 'edit', text: null })]);
    expect(restored.save().transcript).toContain('Edit cancelled, no changes made.\n');
    expect(restored.transcriptText()).toBe(restored.save().transcript);
  });
  it('opening the editor is not acting: closed unsaved, no decision and nothing on the timeline; saved with a change, the fix forward', () => {
    const s = started();
    const ran = () => s.state().timeline.filter((e) => e.kind === 'action' && /kubectl edit|Decision/.test(e.text)).map((e) => e.text);
    s.exec(`kubectl edit deployment/api-service -n ${NS}`);
    expect(s.state().decision).toBeUndefined();
    expect(s.state().phase).toBe('investigate');
    expect(s.submitEdit(undefined).stderr).toBe('Edit cancelled, no changes made.\n');
    expect(s.state().decision).toBeUndefined();
    expect(ran()).toEqual([]);

    s.exec(`kubectl edit deployment/api-service -n ${NS}`);
    s.submitEdit(s.editing()!.text.replace(/ {2}replicas: \d+\n/, '  replicas: 4\n'));
    expect(s.state().decision?.choice).toBe('fix-forward');
    expect(ran()).toEqual([`Ran kubectl edit deployment/api-service -n ${NS}`, 'Decision by action: fix forward']);
  });
});
