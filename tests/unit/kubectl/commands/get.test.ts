import { describe, expect, it } from 'vitest';
import { NS, shell } from './helpers';

describe('kubectl get: which objects, which namespace', () => {
  it('says "No resources found" on stderr for an empty namespace, exit 0', () => {
    expect(shell('default').run('kubectl get pods')).toEqual({ stdout: '', stderr: 'No resources found in default namespace.\n', exitCode: 0 });
    expect(shell().run('kubectl get pods -n nope').stderr).toBe('No resources found in nope namespace.\n');
    expect(shell().run('kubectl get statefulsets -A').stderr).toBe('No resources found\n');
  });

  it('lists the pods of -n NS in every flag spelling', () => {
    for (const flag of [`-n ${NS}`, `-n${NS}`, `--namespace=${NS}`, `--namespace ${NS}`]) {
      const r = shell().run(`kubectl get pods ${flag}`);
      expect(r.exitCode).toBe(0);
      expect(r.stdout).toContain('api-service-');
      expect(r.stdout).toContain('CrashLoopBackOff');
    }
  });

  it('prints -o name for every pod of the namespace', () => {
    const sh = shell(NS);
    const r = sh.run('kubectl get po -o name');
    const want = sh.cluster.list('Pod', NS).map((p) => `pod/${p.metadata!.name}\n`).join('');
    expect(r.stdout).toBe(want);
    expect(sh.run('kubectl get deploy -oname').stdout).toBe(
      'deployment.apps/api-service\ndeployment.apps/web-frontend\ndeployment.apps/worker\n',
    );
  });

  it('prints one object for one name and a List otherwise (-o json)', () => {
    const sh = shell(NS);
    const one = JSON.parse(sh.run('kubectl get deploy api-service -o json').stdout) as { kind: string };
    expect(one.kind).toBe('Deployment');
    const many = JSON.parse(sh.run('kubectl get deploy api-service worker -o json').stdout) as { kind: string; items: unknown[] };
    expect(many.kind).toBe('List');
    expect(many.items).toHaveLength(2);
    const all = JSON.parse(sh.run('kubectl get svc -o=json').stdout) as { kind: string; items: { metadata: { name: string } }[] };
    expect(all.items.map((i) => i.metadata.name)).toEqual(['api-service', 'web-frontend']);
  });

  it('accepts TYPE/NAME forms and reports each missing name', () => {
    const sh = shell(NS);
    const r = sh.run('kubectl get deploy/api-service svc/nope -o name');
    expect(r.stdout).toBe('deployment.apps/api-service\n');
    expect(r.stderr).toBe('Error from server (NotFound): services "nope" not found\n');
    expect(r.exitCode).toBe(1);
    expect(sh.run('kubectl get deploy api-service/x').stderr).toContain('there is no need to specify a resource type');
  });

  it('filters with -l', () => {
    const r = shell(NS).run('kubectl get pods -l app=worker -o name');
    expect(r.stdout).toMatch(/^pod\/worker-[a-z0-9]+-[a-z0-9]{5}\n$/);
  });

  it('finds cluster-scoped objects whatever the namespace', () => {
    expect(shell('nope').run('kubectl get nodes -o name').stdout).toBe('node/worker-1\nnode/worker-2\nnode/worker-3\n');
    expect(shell().run('kubectl get ns -o name').stdout).toContain(`namespace/${NS}\n`);
  });

  it('prints several kinds as separate tables, names prefixed with their kind', () => {
    const r = shell(NS).run('kubectl get deploy,svc');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('deployment.apps/api-service');
    expect(r.stdout).toContain('service/web-frontend');
    expect(r.stdout).toMatch(/\n\nNAME/);
  });

  it('adds a NAMESPACE column with -A', () => {
    const r = shell('default').run('kubectl get pods -A');
    expect(r.stdout).toMatch(/^NAMESPACE\s+NAME/);
    expect(r.stdout).toContain(NS);
  });
});

describe('kubectl describe', () => {
  it('describes by name prefix when the exact name is absent', () => {
    const sh = shell(NS);
    const r = sh.run('kubectl describe pod api-service');
    expect(r.exitCode).toBe(0);
    const names = sh.cluster.list('Pod', NS).map((p) => p.metadata!.name!).filter((n) => n.startsWith('api-service'));
    expect(names.length).toBe(2);
    for (const n of names) expect(r.stdout).toContain(n);
  });
  it('gives NotFound when nothing has the prefix', () => {
    expect(shell(NS).run('kubectl describe deploy nope')).toEqual({
      stdout: '',
      stderr: 'Error from server (NotFound): deployments.apps "nope" not found\n',
      exitCode: 1,
    });
  });
  it('says "No resources found" for an empty namespace', () => {
    expect(shell('default').run('kubectl describe pods').stderr).toBe('No resources found in default namespace.\n');
  });
  it('describes TYPE/NAME', () => {
    const r = shell(NS).run('kubectl describe deployment/api-service');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('api-service');
  });
});

describe('kubectl get --show-labels', () => {
  it('appends a LABELS column of sorted k=v pairs, after the -o wide columns', () => {
    const sh = shell(NS);
    const lines = sh.run('kubectl get deploy -o wide --show-labels').stdout.split('\n');
    expect(lines[0]).toMatch(/^NAME +READY +UP-TO-DATE +AVAILABLE +AGE +CONTAINERS +IMAGES +SELECTOR +LABELS$/);
    const api = sh.cluster.get('Deployment', NS, 'api-service')!;
    const want = Object.entries(api.metadata!.labels ?? {}).map(([k, v]) => `${k}=${v}`).sort().join(',') || '<none>';
    expect(lines.find((l) => l.startsWith('api-service '))!.endsWith(` ${want}`)).toBe(true);
  });

  it('sorts the k=v strings as apimachinery does, so a prefixed key sorts before its bare prefix', () => {
    const sh = shell(NS);
    sh.run(`kubectl patch deployment web-frontend -p '{"metadata":{"labels":{"app.kubernetes.io/name":"web","app":"web-frontend"}}}'`);
    const line = sh.run('kubectl get deploy web-frontend --show-labels --no-headers').stdout;
    expect(line).toMatch(/\sapp\.kubernetes\.io\/name=web,app=web-frontend(?:,|\n)/);
    sh.run(`kubectl patch service web-frontend -p '{"spec":{"selector":{"app.kubernetes.io/name":"web"}}}'`);
    expect(sh.run('kubectl describe service web-frontend').stdout).toMatch(/^Selector:\s+app\.kubernetes\.io\/name=web,app=web-frontend$/m);
  });

  it('works for cluster-scoped kinds and with -A (NAMESPACE first, LABELS last)', () => {
    const sh = shell(NS);
    const r = sh.run('kubectl get ns --show-labels');
    expect(r.stdout.split('\n')[0]).toMatch(/^NAME +STATUS +AGE +LABELS$/);
    const pods = sh.run('kubectl get pods -A --show-labels').stdout.split('\n');
    expect(pods[0]).toMatch(/^NAMESPACE +NAME +READY +STATUS +RESTARTS +AGE +LABELS$/);
    expect(pods[1]).toContain('pod-template-hash=');
  });
});

describe('kubectl get --field-selector', () => {
  it('filters on the fields the server indexes (=, ==, !=)', () => {
    const sh = shell(NS);
    const api = sh.cluster.list('Pod', NS).find((p) => p.metadata!.name!.startsWith('api-service-'))!.metadata!.name!;
    const one = sh.run(`kubectl get pods --field-selector metadata.name==${api} -o name`);
    expect(one.stdout).toBe(`pod/${api}\n`);
    const others = sh.run(`kubectl get pods --field-selector metadata.name!=${api} -o name`).stdout;
    expect(others).not.toContain(api);
    expect(others.split('\n').filter(Boolean)).toHaveLength(sh.cluster.list('Pod', NS).length - 1);
    const evs = sh.run(`kubectl get events --field-selector involvedObject.name=${api},type=Warning -o name`).stdout.split('\n').filter(Boolean);
    const want = sh.cluster.list('Event', NS).filter((e) => e.involvedObject.name === api && e.type === 'Warning');
    expect(want.length).toBeGreaterThan(0);
    expect(evs).toHaveLength(want.length);
  });

  it('says "No resources found" when nothing matches', () => {
    expect(shell(NS).run('kubectl get pods --field-selector status.phase=Succeeded').stderr).toBe(`No resources found in ${NS} namespace.\n`);
  });

  it('prints the server BadRequest, wrapped as kubectl wraps it, for a field the type does not index', () => {
    const r = shell(NS).run('kubectl get deployments -l app --field-selector status.replicas=1');
    expect(r.stderr).toBe(
      'Error from server (BadRequest): Unable to find "apps/v1, Resource=deployments" that match label selector "app", field selector "status.replicas=1": field label not supported: status.replicas\n',
    );
    expect(r.exitCode).toBe(1);
    expect(shell(NS).run('kubectl get pods --field-selector spec.bogus=x').stderr).toContain('"/v1, Resource=pods" that match label selector "", field selector "spec.bogus=x": field label not supported: spec.bogus');
  });

  it('refuses a name with a field selector', () => {
    expect(shell(NS).run('kubectl get pod x --field-selector a=b').stderr).toBe('error: name cannot be provided when a selector is specified\n');
  });
});
