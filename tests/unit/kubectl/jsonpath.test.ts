import { describe, expect, it } from 'vitest';
import { goSharpV, goV, parseJsonPath } from '../../../src/kubectl/jsonpath';

function run(template: string, data: unknown, allowMissingKeys = true): string {
  const p = parseJsonPath(template, allowMissingKeys);
  if (!p.ok) return `parse error: ${p.error}`;
  const r = p.path.execute(data);
  return r.ok ? r.text : `error: ${r.error}`;
}

const list = {
  kind: 'List',
  items: [
    { metadata: { name: 'a', labels: { app: 'x', tier: 'web' } }, status: { restarts: 3, ready: true } },
    { metadata: { name: 'b', labels: { app: 'y' } }, status: { restarts: 0, ready: false } },
  ],
};

describe("kubectl's JSONPath", () => {
  it('prints several results of one action separated by spaces, and literal text as is', () => {
    expect(run('{.items[*].metadata.name}', list)).toBe('a b');
    expect(run('names: {.items[*].metadata.name}!', list)).toBe('names: a b!');
    expect(run('{.kind}{"\\n"}', list)).toBe('List\n');
  });

  it('repeats the body of range for each result, nested ranges included', () => {
    expect(run('{range .items[*]}{.metadata.name}={.status.restarts};{end}', list)).toBe('a=3;b=0;');
    expect(run('{range .items[*]}[{range .metadata.labels.*}{@} {end}]{end}', list)).toBe('[x web ][y ]');
    expect(run('{range .nothing[*]}{.x}{end}after', list)).toBe('after');
  });

  it('filters with ==, !=, <, >, <=, >= and existence; compares ints and bools by type', () => {
    expect(run('{.items[?(@.status.restarts>0)].metadata.name}', list)).toBe('a');
    expect(run('{.items[?(@.status.restarts<=0)].metadata.name}', list)).toBe('b');
    expect(run('{.items[?(@.status.ready==true)].metadata.name}', list)).toBe('a');
    expect(run('{.items[?(@.metadata.labels.tier)].metadata.name}', list)).toBe('a');
    expect(run('{.items[?(@.metadata.name!="a")].metadata.name}', list)).toBe('b');
    expect(run('{.items[?(@.metadata.name=="a")].status.restarts}', list)).toBe('3');
    expect(run('{.items[?(@.status.restarts=="3")]}', list)).toBe('error: incompatible types for comparison');
    expect(run('{.items[?(@.status.ready<true)]}', list)).toBe('error: invalid type for comparison');
  });

  it('indexes, slices, steps and unions as kubectl does, with its bounds errors', () => {
    const arr = { a: [0, 1, 2, 3, 4] };
    expect(run('{.a[1]} {.a[-1]} {.a[1:3]} {.a[::2]} {.a[0,4]} {.a[3:]}', arr)).toBe('1 4 1 2 0 2 4 0 4 3 4');
    expect(run('{.a[5]}', arr)).toBe('error: array index out of bounds: index 5, length 5');
    expect(run('{.a[3:1]}', arr)).toBe('error: starting index 3 is greater than ending index 1');
    expect(run('{.a[0:5:0]}', arr)).toBe('error: step must be > 0');
    expect(run('{.a[2:2]}', arr)).toBe('');
    expect(run('{.a.b[0]}', { a: { b: 'str' } })).toBe('error: string is not array or slice');
  });

  it('walks maps in key order for * and .., and prints maps and lists as compact JSON', () => {
    expect(run('{.items[0].metadata.labels.*}', list)).toBe('x web');
    expect(run('{..name}', list)).toBe('a b');
    expect(run('{.items[1].metadata}', list)).toBe('{"labels":{"app":"y"},"name":"b"}');
    expect(run('{.x}', { x: '<&>' })).toBe('<&>');
    expect(run('{.x[*]}', { x: [{ h: '<b>' }] })).toBe('{"h":"\\u003cb\\u003e"}');
    expect(run('{.n}', { n: null })).toBe('null');
  });

  it('reports missing keys only when missing keys are not allowed', () => {
    expect(run('{.items[0].nope}', list)).toBe('');
    expect(run('{.items[0].nope}', list, false)).toBe('error: nope is not found');
  });

  it("gives the parser's messages for broken templates", () => {
    expect(run('{.a', {})).toBe('parse error: unclosed action');
    expect(run('{.a[}', {})).toBe('parse error: unterminated array');
    expect(run('{.a[x]}', {})).toBe('parse error: invalid array index x');
    expect(run('{....a}', {})).toBe('parse error: invalid multiple recursive descent');
    expect(run('{"\\q"}', {})).toBe('parse error: unquote string "\\q" error invalid syntax');
    expect(run('{1.2.3}', {})).toBe('parse error: cannot parse number 1.2.3');
    expect(run('{end}', {})).toBe('error: not in range, nothing to end');
    expect(run('{foo}', {})).toBe('error: unrecognized identifier foo');
  });

  it("formats values as Go's %v and %#v do", () => {
    expect(goV({ b: [1, 'x'], a: { c: true } })).toBe('map[a:map[c:true] b:[1 x]]');
    expect(goV(null)).toBe('<nil>');
    expect(goSharpV({ b: [1, 'x\n'], a: null })).toBe('map[string]interface {}{"a":interface {}(nil), "b":[]interface {}{1, "x\\n"}}');
  });
});
