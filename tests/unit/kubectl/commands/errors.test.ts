import { describe, expect, it } from 'vitest';
import { shell } from './helpers';

describe('kubectl errors (kubectl 1.32 wording, exit 1)', () => {
  const sh = shell();
  it.each([
    ['kubectl get pdo', 'error: the server doesn\'t have a resource type "pdo"\n'],
    ['kubectl get pods --bogus', "Error: unknown flag: --bogus\nSee 'kubectl get --help' for usage.\n"],
    ['kubectl get pods -x', "Error: unknown shorthand flag: 'x' in -x\nSee 'kubectl get --help' for usage.\n"],
    ['kubectl get pods -n', "Error: flag needs an argument: 'n' in -n\nSee 'kubectl get --help' for usage.\n"],
    ['kubectl foo', 'Error: unknown command "foo" for "kubectl"\n\nDid you mean this?\n\ttop\n\n'],
    ['kubectl lgos', 'Error: unknown command "lgos" for "kubectl"\n\nDid you mean this?\n\tlogs\n\n'],
    ['kubectl zzzzz', 'Error: unknown command "zzzzz" for "kubectl"\n'],
    [
      'kubectl describe',
      'error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n',
    ],
    ['kubectl rollout undo', 'error: required resource not specified\n'],
    ['kubectl rollout bogus', "error: unknown command \"bogus\"\nSee 'kubectl rollout -h' for help and examples\n"],
    ['kubectl get pod nope', 'Error from server (NotFound): pods "nope" not found\n'],
    ['kubectl get deploy nope', 'Error from server (NotFound): deployments.apps "nope" not found\n'],
    ['kubectl get pods,svc nope', 'error: you must specify only one resource\n'],
    ['kubectl get pods -o foo', 'error: unable to match a printer suitable for the output format "foo", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml\n'],
    ['kubectl config set-context', 'error: you must specify a non-empty context name or --current\n'],
  ])('%s', (line, stderr) => {
    const r = sh.run(line);
    expect(r).toEqual({ stdout: '', stderr, exitCode: 1 });
  });

  it('asks for a type when get has none', () => {
    const r = sh.run('kubectl get');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^You must specify the type of resource to get\./);
    expect(r.stderr).toContain('error: Required resource not specified.');
  });

  it('prints the usage of logs without a pod', () => {
    const r = sh.run('kubectl logs');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe(
      "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples\n",
    );
  });

  it('rejects an unknown context', () => {
    expect(sh.run('kubectl --context=prod get pods').stderr).toBe(
      'Error in configuration: context was not found for specified context: prod\n',
    );
  });
});
