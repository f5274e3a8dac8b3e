import { beforeAll, describe, expect, it } from 'vitest';
import { loadYamlParser } from '../../../../src/kubectl/manifest/yamlParser';
import type { EditRequest } from '../../../../src/kubectl/api';
import { NS, shell } from './helpers';

beforeAll(loadYamlParser);

const HEADER =
  "# Please edit the object below. Lines beginning with a '#' will be ignored,\n" +
  '# and an empty file will abort the edit. If an error occurs while saving this file will be\n' +
  '# reopened with the relevant failures.\n' +
  '#\n';

function opened(s: ReturnType<typeof shell>, line: string): EditRequest {
  const r = s.run(line);
  expect(r).toMatchObject({ stdout: '', stderr: '', exitCode: 0 });
  if (r.edit === undefined) throw new Error('no editor opened');
  return r.edit;
}

describe('kubectl edit', () => {
  it('opens the object as kubectl does: the header, then the YAML of kubectl get -o yaml', () => {
    const s = shell(NS);
    const e = opened(s, 'kubectl edit deployment/worker');
    expect(e.text).toBe(HEADER + s.run('kubectl get deployment worker -o yaml').stdout);
    expect(e.path).toMatch(/^\/tmp\/kubectl-edit-\d+\.yaml$/);
  });

  it('applies a saved change (replicas) and the controllers scale', () => {
    const s = shell(NS);
    const e = opened(s, 'kubectl edit deploy worker');
    const r = e.submit(e.text.replace('  replicas: 1\n', '  replicas: 3\n'));
    expect(r).toEqual({ stdout: 'deployment.apps/worker edited\n', stderr: '', exitCode: 0 });
    s.cluster.advanceBy(60_000);
    expect(s.run('kubectl get deploy worker').stdout).toMatch(/worker\s+3\/3\s+3\s+3/);
  });

  it('close says whether the object was changed: yes when applied; no when cancelled, emptied, refused or reopened', () => {
    const s = shell(NS);
    const e = opened(s, 'kubectl edit deploy worker');
    expect(e.close(e.text.replace('  replicas: 1\n', '  replicas: 3\n'))).toEqual({
      result: { stdout: 'deployment.apps/worker edited\n', stderr: '', exitCode: 0 },
      applied: true,
    });
    expect(opened(s, 'kubectl edit deploy worker').close(undefined)).toMatchObject({ result: { exitCode: 0 }, applied: false });
    expect(opened(s, 'kubectl edit deploy worker').close('# nothing\n')).toMatchObject({ result: { exitCode: 0 }, applied: false });
    const bad = opened(s, 'kubectl edit deploy worker');
    const reopened = bad.close(bad.text.replace(/ {2}replicas: \d+\n/, '  replicas: -1\n'));
    expect(reopened.applied).toBe(false);
    expect(reopened.result.edit).toBeDefined();
    const renamed = opened(s, 'kubectl edit deploy worker');
    expect(renamed.close(renamed.text.replace('  name: worker\n', '  name: worker2\n'))).toMatchObject({ result: { exitCode: 1 }, applied: false });
  });

  it('cancels when nothing changed (or the editor quit), and when the file was emptied', () => {
    const s = shell(NS);
    expect(opened(s, 'kubectl edit deploy worker').submit(undefined)).toEqual({ stdout: '', stderr: 'Edit cancelled, no changes made.\n', exitCode: 0 });
    const e = opened(s, 'kubectl edit deploy worker');
    // Comments and layout do not count as changes.
    expect(e.submit(`# my note\n${e.text}\n`)).toEqual({ stdout: '', stderr: 'Edit cancelled, no changes made.\n', exitCode: 0 });
    expect(opened(s, 'kubectl edit deploy worker').submit('# nothing\n')).toEqual({ stdout: '', stderr: 'Edit cancelled, saved file was empty.\n', exitCode: 0 });
  });

  it('reopens an invalid change with the reasons at the top, and gives up if saved again unchanged', () => {
    const s = shell(NS);
    const e = opened(s, 'kubectl edit deploy worker');
    const bad = e.text.replace('  replicas: 1\n', '  replicas: -1\n');
    const r = e.submit(bad);
    expect(r.stderr).toBe('error: deployments.apps "worker" is invalid\n');
    const again = r.edit!;
    expect(again.text.startsWith(`${HEADER}# deployments.apps "worker" was not valid:\n# * spec.replicas: Invalid value: -1: must be greater than or equal to 0\n#\napiVersion: apps/v1\n`)).toBe(true);
    expect(again.text).toContain('  replicas: -1\n');
    const quit = again.submit(undefined);
    expect(quit.stderr).toBe(`A copy of your changes has been stored to "${e.path}"\nerror: Edit cancelled, no valid changes were saved.\n`);
    expect(quit.exitCode).toBe(1);
    expect(s.cluster.get('Deployment', NS, 'worker')!.spec!.replicas).toBe(1);
  });

  it('reopens on a syntax error, then saves the corrected file', () => {
    const s = shell(NS);
    const e = opened(s, 'kubectl edit deploy worker');
    const r = e.submit(e.text.replace('  replicas: 1\n', '  replicas: [2\n'));
    expect(r.stderr).toBe('');
    expect(r.edit!.text).toMatch(/^# Please edit[^]*#\n# The edited file had a syntax error: error converting YAML to JSON: yaml: [^\n]+\n#\napiVersion/);
    const fixed = r.edit!.text.replace('  replicas: [2\n', '  replicas: 2\n');
    expect(r.edit!.submit(fixed).stdout).toBe('deployment.apps/worker edited\n');
    expect(s.cluster.get('Deployment', NS, 'worker')!.spec!.replicas).toBe(2);
  });

  it('adds an env var to a container and the fix rolls out', () => {
    const s = shell(NS);
    const e = opened(s, 'kubectl edit deployment api-service');
    const edited = e.text.replace('      - env:\n', '      - env:\n        - name: NOTIFICATIONS_QUEUE_URL\n          value: amqp://mq:5672\n');
    expect(edited).not.toBe(e.text);
    expect(e.submit(edited).stdout).toBe('deployment.apps/api-service edited\n');
    s.cluster.advanceBy(120_000);
    expect(s.run('kubectl get deploy api-service').stdout).toMatch(/api-service\s+2\/2\s+2\s+2/);
  });

  it('refuses changes kubectl refuses', () => {
    const s = shell(NS);
    const e = opened(s, 'kubectl edit deploy worker');
    expect(e.submit(e.text.replace('  name: worker\n', '  name: worker2\n'))).toEqual({
      stdout: '',
      stderr: `A copy of your changes has been stored to "${e.path}"\nerror: At least one of apiVersion, kind and name was changed\n`,
      exitCode: 1,
    });
    const e2 = opened(s, 'kubectl edit deploy worker');
    const typed = e2.submit(e2.text.replace('  replicas: 1\n', '  replicas: "3"\n'));
    expect(typed.stderr).toBe(
      `error: deployments.apps "worker" could not be patched: Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32\nYou can run \`kubectl replace -f ${e2.path}\` to try this update again.\n`,
    );
    expect(s.run('kubectl edit').stderr).toContain('error: You must provide one or more resources by argument or filename.');
    expect(s.run('kubectl edit deploy nope').stderr).toBe('Error from server (NotFound): deployments.apps "nope" not found\n');
  });
});
