/**
 * Watch output (`kubectl events -w`, `kubectl get -w -o jsonpath|custom-columns`) against real
 * kubectl 1.32. A front server answers kubectl's `watch=true` requests by replaying watch events
 * and passes everything else to the stub API server:
 *  - events -w opens a watch without listing first: the front replays every stored Event as
 *    ADDED, in storage order, as the API server does;
 *  - get -w lists, then watches: the front replays, as MODIFIED, the objects our follower found
 *    changed at each of its polls (in that order), so both sides print the same sequence of
 *    states; the comparison is of how they are printed.
 * Formats with ages are compared only where kubectl prints them at the same instant we do (the
 * ADDED rows of events -w).
 */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnyObject, ClusterControl, ClusterView } from '../../src/cluster/api';
import { createCluster } from '../../src/cluster/index';
import { runLine } from '../../src/kubectl/index';
import { advanceFollowing } from '../../src/kubectl/follow';
import { NS, taskflowSpec } from '../unit/cluster/fixtures';
import { kubectlInstants } from './instants';
import { kubectlAvailable, kubectlFor } from './kubectl';
import { startStubServer, type StubServer } from './stubServer';
import { viewAt } from './viewAt';

interface Front {
  url: string;
  /** What the next watch request is answered with. */
  replay: { type: 'ADDED' | 'MODIFIED'; object: AnyObject }[];
  close(): Promise<void>;
}

async function startFront(stub: StubServer): Promise<Front> {
  const front: { replay: Front['replay'] } = { replay: [] };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.searchParams.get('watch') === 'true') {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
      for (const e of front.replay) res.write(`${JSON.stringify(e)}\n`);
      // The stream ends: kubectl's watch loop returns and the command exits.
      setTimeout(() => res.end(), 150);
      return;
    }
    const upstream = request(stub.url + (req.url ?? '/'), { method: req.method, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get replay() {
      return front.replay;
    },
    set replay(r) {
      front.replay = r;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Our follower's output for `line` over `ms` of sim time, and the states it printed, poll by poll. */
function follow(spec: () => ReturnType<typeof taskflowSpec>, arrival: number, line: string, ms: number): { stdout: string; changes: AnyObject[] } {
  const cluster = createCluster(spec(), arrival);
  const r = runLine(line, { cluster, namespace: NS, history: [] });
  let stdout = r.stdout;
  const seen = new Map(cluster.list('Pod', NS).map((p) => [p.metadata!.name!, p.metadata!.resourceVersion]));
  const changes: AnyObject[] = [];
  advanceFollowing(cluster, r.follow, cluster.now() + ms, (u) => {
    stdout += u.stdout;
    // What changed since the last poll, in the order the API server wrote it (as the follower sees it).
    const changed = cluster
      .list('Pod', NS)
      .filter((p) => seen.get(p.metadata!.name!) !== p.metadata!.resourceVersion)
      .sort((a, b) => Number(a.metadata!.resourceVersion) - Number(b.metadata!.resourceVersion));
    for (const p of changed) seen.set(p.metadata!.name!, p.metadata!.resourceVersion);
    changes.push(...(changed as AnyObject[]));
  });
  r.follow?.stop();
  return { stdout, changes };
}

describe.skipIf(!kubectlAvailable)('watch output matches real kubectl 1.32', () => {
  const arrival = Math.floor(Date.now() / 1000) * 1000;
  let cluster: ClusterControl;
  let stub: StubServer;
  let front: Front;

  beforeAll(async () => {
    cluster = createCluster(taskflowSpec(), arrival);
    stub = await startStubServer(cluster);
    front = await startFront(stub);
  });

  afterAll(async () => {
    await front?.close();
    await stub?.close();
  });

  const ours = (view: ClusterView, line: string): string => runLine(line, { cluster: view as ClusterControl, namespace: NS, history: [] }).stdout;

  for (const args of [['events', '-w'], ['events', '-w', '-A'], ['events', '-w', '--types=Warning'], ['events', '-w', '--no-headers']]) {
    it(`kubectl ${args.join(' ')}: every current Event as ADDED, one header, widths remembered`, async () => {
      front.replay = (cluster.list('Event', args.includes('-A') ? undefined : NS) as AnyObject[])
        .filter((e) => !args.includes('--types=Warning') || (e as { type?: string }).type === 'Warning')
        .map((object) => ({ type: 'ADDED', object }));
      const r = await kubectlFor(front.url, NS).run(args);
      const line = `kubectl ${args.join(' ')}`;
      // kubectl prints each watch event as it arrives, so a whole second may pass between two rows:
      // each row must be ours at some instant of the run, no earlier than the row before it.
      const candidates = kubectlInstants(cluster, r.startedAt, r.endedAt).map((t) => ours(viewAt(cluster, t), line).split('\n'));
      const got = r.stdout.split('\n');
      expect(r.stdout).not.toBe('');
      expect(candidates.every((c) => c.length === got.length)).toBe(true);
      let from = 0;
      const mismatched: string[] = [];
      got.forEach((row, i) => {
        const at = candidates.findIndex((c, k) => k >= from && c[i] === row);
        if (at < 0) mismatched.push(`kubectl: ${JSON.stringify(row)}\n   ours: ${JSON.stringify(candidates[from]?.[i])}`);
        else from = at;
      });
      expect(mismatched).toEqual([]);
    });
  }

  for (const output of [
    `jsonpath={.metadata.name}{" "}{.status.containerStatuses[0].restartCount}{" "}{.status.containerStatuses[0].state}{"\\n"}`,
    'jsonpath-as-json={.metadata.name}',
    'custom-columns=NAME:.metadata.name,RESTARTS:.status.containerStatuses[0].restartCount,STATE:.status.containerStatuses[0].state.waiting.reason',
  ]) {
    it(`kubectl get pods -w -o ${output.split('=')[0]}: the list, then each change`, async () => {
      // Our follower over six minutes of a crash loop, from an arrival six minutes ago.
      const start = arrival - 360_000;
      const shell = (o: string): string => `kubectl get pods -w -o '${o}'`;
      const { stdout, changes } = follow(taskflowSpec, start, shell(output), 360_000);
      expect(changes.length).toBeGreaterThan(2);
      const listed = createCluster(taskflowSpec(), start);
      const listStub = await startStubServer(listed);
      const listFront = await startFront(listStub);
      try {
        listFront.replay = changes.map((object) => ({ type: 'MODIFIED', object }));
        const r = await kubectlFor(listFront.url, NS).run(['get', 'pods', '-w', '-o', output]);
        expect(r.stderr).toBe('');
        expect(stdout).toBe(r.stdout);
      } finally {
        await listFront.close();
        await listStub.close();
      }
    });
  }
});
