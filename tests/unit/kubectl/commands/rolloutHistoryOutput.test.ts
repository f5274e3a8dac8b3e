import { describe, expect, it } from 'vitest';
import { NS, shell } from './helpers';

describe('kubectl rollout history -o', () => {
  it('prints the revisions\' ReplicaSets by revision, as kubectl\'s typed printer does', () => {
    const sh = shell(NS);
    const names = sh.run('kubectl rollout history deploy/api-service -o name');
    expect(names.exitCode).toBe(0);
    const lines = names.stdout.split('\n').filter(Boolean);
    expect(lines).toHaveLength(2);
    for (const l of lines) expect(l).toMatch(/^replicaset\.apps\/api-service-\w+$/);
    const yaml = sh.run('kubectl rollout history deploy/api-service -o yaml').stdout;
    expect(yaml.split('\n---\n')).toHaveLength(2);
    expect(yaml).toContain('deployment.kubernetes.io/revision: "1"');
    expect(yaml.indexOf('revision: "1"')).toBeLessThan(yaml.indexOf('revision: "2"'));
    expect(yaml).toContain('    metadata:\n      creationTimestamp: null\n');
    const one = sh.run('kubectl rollout history deploy/api-service -o yaml --revision=2').stdout;
    expect(one).not.toContain('---');
    expect(one).toContain('deployment.kubernetes.io/revision: "2"');
  });

  it('refuses formats rollout history does not have, with kubectl\'s list', () => {
    const sh = shell(NS);
    expect(sh.run('kubectl rollout history deploy/api-service -o wide').stderr).toBe(
      'error: unable to match a printer suitable for the output format "wide", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n',
    );
    expect(sh.run('kubectl rollout history deploy/api-service --revision=7').stderr).toBe('error: unable to find the specified revision\n');
  });
});
