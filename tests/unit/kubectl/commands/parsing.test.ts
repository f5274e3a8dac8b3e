import { describe, expect, it } from 'vitest';
import { tokenize } from '../../../../src/kubectl/shell/tokenize';
import { parseFlags } from '../../../../src/kubectl/flags';
import { resolveResource } from '../../../../src/kubectl/resources';

describe('tokenize', () => {
  it('splits on blanks and keeps quoted text whole', () => {
    expect(tokenize(`kubectl  get pods -l 'app=api service' "a\\"b"`).commands).toEqual([
      ['kubectl', 'get', 'pods', '-l', 'app=api service', 'a"b'],
    ]);
  });
  it('splits pipelines and reports an unterminated quote as bash does', () => {
    expect(tokenize('kubectl get pods | grep api').commands).toEqual([['kubectl', 'get', 'pods'], ['grep', 'api']]);
    expect(tokenize("echo 'oops").error).toBe("bash: unexpected EOF while looking for matching `''");
    expect(tokenize('| grep x').error).toContain('syntax error');
  });
});

describe('parseFlags (pflag rules)', () => {
  const specs = [
    { name: 'namespace', shorthand: 'n', type: 'string' as const },
    { name: 'output', shorthand: 'o', type: 'string' as const },
    { name: 'all-namespaces', shorthand: 'A', type: 'bool' as const },
    { name: 'previous', shorthand: 'p', type: 'bool' as const },
    { name: 'tail', type: 'int' as const },
  ];
  it.each([
    [['--namespace=x'], 'x'],
    [['--namespace', 'x'], 'x'],
    [['-nx'], 'x'],
    [['-n', 'x'], 'x'],
    [['-n=x'], 'x'],
  ])('reads the namespace from %j', (argv, ns) => {
    const r = parseFlags(argv, specs);
    expect(r.ok && r.value.values.get('namespace')).toBe(ns);
  });
  it('reads grouped booleans with a trailing value flag, and flags among arguments', () => {
    const r = parseFlags(['pods', '-Apoyaml', 'x'], specs);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.values.get('all-namespaces')).toBe(true);
    expect(r.value.values.get('previous')).toBe(true);
    expect(r.value.values.get('output')).toBe('yaml');
    expect(r.value.args).toEqual(['pods', 'x']);
  });
  it('words errors as pflag does', () => {
    expect(parseFlags(['--bogus'], specs)).toEqual({ ok: false, error: 'unknown flag: --bogus' });
    expect(parseFlags(['-x'], specs)).toEqual({ ok: false, error: "unknown shorthand flag: 'x' in -x" });
    expect(parseFlags(['-n'], specs)).toEqual({ ok: false, error: "flag needs an argument: 'n' in -n" });
    expect(parseFlags(['--tail'], specs)).toEqual({ ok: false, error: 'flag needs an argument: --tail' });
    expect(parseFlags(['--tail=x'], specs)).toEqual({
      ok: false,
      error: 'invalid argument "x" for "--tail" flag: strconv.ParseInt: parsing "x": invalid syntax',
    });
  });
  it('stops reading flags at --', () => {
    const r = parseFlags(['--', '-n', 'x'], specs);
    expect(r.ok && r.value.args).toEqual(['-n', 'x']);
  });
});

describe('resolveResource', () => {
  it.each(['pods', 'pod', 'po', 'PODS', 'pods.v1'])('%s is pods', (t) => expect(resolveResource(t)?.resource).toBe('pods'));
  it.each(['deploy', 'deployment', 'deployments.apps', 'deployment.v1.apps'])('%s is deployments', (t) =>
    expect(resolveResource(t)?.resource).toBe('deployments'),
  );
  it('knows short names and rejects unknown types and wrong groups', () => {
    expect(resolveResource('svc')?.kind).toBe('Service');
    expect(resolveResource('cm')?.kind).toBe('ConfigMap');
    expect(resolveResource('pdo')).toBeUndefined();
    expect(resolveResource('pods.apps')).toBeUndefined();
  });
});
