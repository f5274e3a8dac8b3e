import { describe, expect, it } from 'vitest';
import { NS, shell } from './helpers';

describe('kubectl events -o', () => {
  it('prints a v1 EventList in YAML, oldest first, with the typed struct fields', () => {
    const sh = shell(NS);
    const r = sh.run('kubectl events -o yaml');
    expect(r.exitCode).toBe(0);
    expect(r.stdout.startsWith('apiVersion: v1\nitems:\n- apiVersion: v1\n')).toBe(true);
    expect(r.stdout.endsWith('kind: EventList\nmetadata: {}\n')).toBe(true);
    const n = sh.cluster.list('Event', NS).length;
    expect(r.stdout.match(/^ {2}kind: Event$/gm)).toHaveLength(n);
    expect(r.stdout.match(/^ {2}eventTime: /gm)).toHaveLength(n);
    const seen = [...r.stdout.matchAll(/^ {2}lastTimestamp: "(.*)"$/gm)].map((m) => m[1]!);
    expect(seen).toEqual([...seen].sort());
  });

  it('prints nothing for -o name and kubectl\'s printer error for an unknown format', () => {
    const sh = shell(NS);
    expect(sh.run('kubectl events -o name')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(sh.run('kubectl events -o wide').stderr).toBe(
      'error: unable to match a printer suitable for the output format "wide", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n',
    );
    expect(sh.run('kubectl events -n nope -o yaml').stderr).toBe('No events found in nope namespace.\n');
  });
});
