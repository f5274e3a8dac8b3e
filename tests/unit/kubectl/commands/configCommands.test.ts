import { describe, expect, it } from 'vitest';
import { NS, shell } from './helpers';

describe('kubectl config', () => {
  it('-o json prints the kubeconfig in client-go\'s struct order with the current namespace', () => {
    const r = shell(NS).run('kubectl config view -o json');
    const keys = Object.keys(JSON.parse(r.stdout) as Record<string, unknown>);
    expect(keys).toEqual(['kind', 'apiVersion', 'preferences', 'clusters', 'users', 'contexts', 'current-context']);
    expect(r.stdout).toContain(`"namespace": "${NS}"`);
  });

  it('refuses output formats as kubectl does', () => {
    const sh = shell(NS);
    expect(sh.run('kubectl config get-contexts -o wide').stderr).toBe(
      'error: --output wide is not available in kubectl config get-contexts; resetting to default output format\n',
    );
    expect(sh.run('kubectl config view -o wide').stderr).toBe(
      'error: unable to match a printer suitable for the output format "wide", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n',
    );
  });

  it('set-context --current --namespace changes where later commands look', () => {
    const sh = shell('default');
    const r = sh.run('kubectl config set-context --current --namespace=taskflow-demo');
    expect(r.stdout).toBe('Context "firedrill" modified.\n');
    expect(r.namespace).toBe(NS);
    expect(sh.run('kubectl get pods', r.namespace).stdout).toMatch(/api-service-/);
  });
});
