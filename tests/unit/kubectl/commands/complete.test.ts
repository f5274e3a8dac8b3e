import { describe, expect, it } from 'vitest';
import { complete } from '../../../../src/kubectl/shell/complete';
import { NS, shell } from './helpers';

const sh = shell(NS);
const at = (line: string, namespace = NS) => complete(line, line.length, { cluster: sh.cluster, namespace });
const names = (prefix: string) =>
  sh
    .run(`kubectl get ${prefix} -o name`)
    .stdout.split('\n')
    .filter((l) => l !== '')
    .map((l) => l.slice(l.indexOf('/') + 1));

describe('tab completion', () => {
  it('completes the first word from the shell programs, and filters after a pipe', () => {
    expect(at('ku')).toEqual({ start: 0, candidates: ['kubectl'] });
    expect(at('').candidates).toEqual(['cat', 'clear', 'date', 'echo', 'help', 'history', 'k', 'kubectl', 'ls', 'watch']);
    expect(at('kubectl get pods | gr')).toEqual({ start: 19, candidates: ['grep'] });
    expect(at('nope x').candidates).toEqual([]);
  });

  it('completes kubectl subcommands and the rollout group', () => {
    expect(at('kubectl desc').candidates).toEqual(['describe']);
    expect(at('k ro').candidates).toEqual(['rollout']);
    expect(at('kubectl rollout ').candidates).toEqual(expect.arrayContaining(['history', 'status', 'undo']));
    expect(at('kubectl rollout u').candidates).toEqual(['undo']);
    expect(at('kubectl -n kube-system ge').candidates).toEqual(['get']);
  });

  it('completes resource types by plural and short name', () => {
    expect(at('kubectl get po').candidates).toEqual(['po', 'poddisruptionbudgets', 'pods']);
    expect(at('kubectl get dep').candidates).toEqual(['deploy', 'deployments']);
    expect(at('kubectl describe sv').candidates).toEqual(['svc']);
  });

  it("completes object names in the line's namespace, or the context's", () => {
    const pods = names('pods');
    expect(pods.length).toBeGreaterThan(2);
    expect(at('kubectl get pods ').candidates).toEqual([...pods].sort());
    expect(at('kubectl get pods web').candidates).toEqual(pods.filter((p) => p.startsWith('web')).sort());
    expect(at('kubectl get deploy api', 'default').candidates).toEqual([]);
    expect(at(`kubectl get deploy -n ${NS} api`, 'default').candidates).toEqual(['api-service']);
    expect(at(`kubectl --namespace=${NS} describe deployment w`, 'default').candidates).toEqual(['web-frontend', 'worker']);
    expect(at('kubectl logs api').candidates).toEqual(pods.filter((p) => p.startsWith('api')).sort());
  });

  it('completes TYPE/NAME, namespaces after -n, formats after -o, and flags', () => {
    expect(at('kubectl rollout undo deployment/a')).toEqual({ start: 'kubectl rollout undo '.length, candidates: ['deployment/api-service'] });
    expect(at('kubectl get pods -n kube-').candidates).toEqual(['kube-node-lease', 'kube-public', 'kube-system']);
    expect(at('kubectl get pods -o y').candidates).toEqual(['yaml']);
    expect(at('kubectl get pods --wa').candidates).toEqual(['--watch', '--watch-only']);
    expect(at('kubectl logs --pre').candidates).toEqual(['--prefix', '--previous']);
    expect(at('kubectl config set-context --current --namespace=task', 'default').candidates).toEqual(['--namespace=taskflow-demo']);
    expect(at('kubectl get pods -o=j').candidates).toEqual(['-o=json']);
    const pod = names('pods').find((p) => p.startsWith('api-service-'))!;
    expect(at(`kubectl logs ${pod} -c `).candidates).toEqual(['api-service']);
  });

  it('completes the command inside watch', () => {
    expect(at('watch -n 5 kubectl get dep').candidates).toEqual(['deploy', 'deployments']);
    expect(at('watch kub').candidates).toEqual(['kubectl']);
  });
});
