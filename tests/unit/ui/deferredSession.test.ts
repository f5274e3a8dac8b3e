import { describe, expect, it } from 'vitest';
import * as engineModule from '../../../src/incident';
import { createSession } from '../../../src/incident';
import { ACTION_NOT_READY, DeferredSession, ENGINE_FAILED, type Engine } from '../../../src/ui/play/deferredSession';
import { LineEditor } from '../../../src/ui/terminal/lineEditor';
import { ARRIVAL, scenario } from '../incident/fixtures';

/** The scenario's kubectl context namespace, as the prompt shows it. */
const NS = scenario().world.contextNamespace;

/** An engine fetch the test lets through (or fails) when it wants, counting the attempts. */
function controlledEngine() {
  const attempts: { resolve: (e: Engine) => void; reject: (e: Error) => void }[] = [];
  const load = () =>
    new Promise<Engine>((resolve, reject) => {
      attempts.push({ resolve, reject });
    });
  const settle = async () => {
    for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
  };
  // The engine, counting the sessions it has finished making: the world is built a slice per task,
  // so how many tasks that takes depends on the machine; the test waits for the session instead.
  let made = 0;
  const counted: Engine = {
    createSession: (...args) => (made++, engineModule.createSession(...args)),
    restoreSession: (...args) => (made++, engineModule.restoreSession(...args)),
    *createSessionInSlices(...args) {
      const session = yield* engineModule.createSessionInSlices(...args);
      made++;
      return session;
    },
  };
  return {
    load,
    attempts,
    /** The last fetch succeeds; waits until everything that waited on it has run. */
    arrive: async () => {
      const before = made;
      attempts[attempts.length - 1]!.resolve(counted);
      for (let i = 0; i < 100_000 && made === before; i++) await new Promise((r) => setTimeout(r, 0));
      await settle();
    },
    fail: async () => {
      attempts[attempts.length - 1]!.reject(new Error('net::ERR_INTERNET_DISCONNECTED'));
      await settle();
    },
  };
}

/** The terminal as Terminal.svelte wires it: the line editor over the session. */
function terminal(session: DeferredSession) {
  let out = '';
  const editor = new LineEditor({
    write: (text) => {
      out += text;
    },
    run: (line) => {
      const r = session.exec(line);
      out += r.stdout + r.stderr;
      return false;
    },
    complete: (line, cursor) => session.complete(line, cursor),
    clear: () => {
      out = '';
    },
    prompt: () => `(${session.namespace()}) $ `,
    columns: () => 400,
    pending: () => session.whenReady(),
  });
  editor.showPrompt();
  // What the learner reads: line breaks as typed text shows them, without the redraw sequences.
  // eslint-disable-next-line no-control-regex -- stripping the editor's "erase below"
  return { editor, output: () => out.replace(/\x1b\[J/g, '').replace(/\r\n/g, '\n') };
}

describe('a new game before its engine has arrived', () => {
  it('shows the prompt at once; `kubectl get pods --help` typed first waits for the engine and prints kubectl\'s own help', async () => {
    const engine = controlledEngine();
    const session = new DeferredSession(scenario(), ARRIVAL, engine.load);
    const { editor, output } = terminal(session);
    expect(output()).toBe(`(${NS}) $ `);
    expect(engine.attempts).toHaveLength(0);

    editor.feed('kubectl get pods --help\r');
    // Typing the line fetched the engine; nothing is printed while it comes, and no prompt either.
    expect(engine.attempts).toHaveLength(1);
    expect(output()).toBe(`(${NS}) $ kubectl get pods --help\n`);
    expect(editor.running).toBe(true);

    await engine.arrive();
    const help = createSession(scenario(), { arrivalMs: ARRIVAL }).exec('kubectl get pods --help').stdout;
    expect(help.startsWith('Display one or many resources.\n')).toBe(true);
    expect(help).toContain('Usage:\n  kubectl get [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file|custom-columns|custom-columns-file|wide] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags] [options]\n');
    expect(output()).toBe(`(${NS}) $ kubectl get pods --help\n${help}(${NS}) $ `);
    expect(editor.running).toBe(false);
    expect(session.history()).toEqual(['kubectl get pods --help']);
  });

  it('runs lines pasted together in order once the engine is there, on the same world as an engine loaded up front', async () => {
    const engine = controlledEngine();
    const session = new DeferredSession(scenario(), ARRIVAL, engine.load);
    const { editor, output } = terminal(session);
    editor.feed('kubectl get deploy -A\rkubectl get pods -A | wc -l\r');
    expect(output()).toBe(`(${NS}) $ kubectl get deploy -A\n`);
    await engine.arrive();

    const eager = createSession(scenario(), { arrivalMs: ARRIVAL });
    const deploy = eager.exec('kubectl get deploy -A').stdout;
    const count = eager.exec('kubectl get pods -A | wc -l').stdout;
    expect(deploy).toMatch(/^NAMESPACE +NAME +READY +UP-TO-DATE +AVAILABLE +AGE\ntaskflow-demo +api-service +0\/2 /);
    expect(output()).toBe(`(${NS}) $ kubectl get deploy -A\n${deploy}(${NS}) $ kubectl get pods -A | wc -l\n${count}(${NS}) $ `);
    expect(session.save()).toEqual(eager.save());
  });

  it('Ctrl-C while the engine is on its way abandons the line, as for a running command', async () => {
    const engine = controlledEngine();
    const session = new DeferredSession(scenario(), ARRIVAL, engine.load);
    const { editor, output } = terminal(session);
    editor.feed('kubectl delete deploy api-service -n taskflow-demo\r');
    editor.feed('\x03');
    expect(output()).toBe(`(${NS}) $ kubectl delete deploy api-service -n taskflow-demo\n^C\n(${NS}) $ `);
    await engine.arrive();
    expect(session.history()).toEqual([]);
    expect(session.exec('kubectl get deploy api-service -n taskflow-demo -o name').stdout).toBe('deployment.apps/api-service\n');
  });

  it('Tab pressed before the engine arrived completes once it has', async () => {
    const engine = controlledEngine();
    const session = new DeferredSession(scenario(), ARRIVAL, engine.load);
    const { editor } = terminal(session);
    editor.feed('kubectl desc');
    editor.feed('\t');
    expect(editor.line).toBe('kubectl desc');
    await engine.arrive();
    expect(editor.line).toBe('kubectl describe ');
  });

  it('keeps brief-phase choices and hands them to the engine; waiting on the cluster has to wait for it', async () => {
    const engine = controlledEngine();
    const session = new DeferredSession(scenario(), ARRIVAL, engine.load);
    const eager = createSession(scenario(), { arrivalMs: ARRIVAL });
    expect(session.state()).toEqual(eager.state());
    expect(session.cluster.now()).toBe(ARRIVAL);

    for (const s of [session, eager]) {
      expect(s.dispatch({ type: 'setSeverity', severity: 'SEV2' })).toEqual({ ok: true });
      expect(s.dispatch({ type: 'startInvestigation' })).toEqual({ ok: true });
    }
    expect(session.state()).toEqual(eager.state());
    expect(session.dispatch({ type: 'wait', seconds: 60 })).toEqual({ ok: false, message: ACTION_NOT_READY });
    // A reload now would restore the choices from the save.
    expect(session.save().inputs.map((i) => i.kind === 'action' && i.action.type)).toEqual(['setSeverity', 'startInvestigation']);

    let notified = 0;
    session.subscribe(() => notified++);
    await engine.arrive();
    expect(notified).toBeGreaterThan(0);
    expect(session.state()).toEqual(eager.state());
    expect(session.save()).toEqual(eager.save());
    expect(session.dispatch({ type: 'wait', seconds: 60 })).toEqual({ ok: true });
    expect(session.cluster.now()).toBe(ARRIVAL + 60_000);
  });

  it('says plainly when the engine could not be fetched, and tries again at the next line', async () => {
    const engine = controlledEngine();
    const session = new DeferredSession(scenario(), ARRIVAL, engine.load);
    const { editor, output } = terminal(session);
    editor.feed('kubectl get ns\r');
    await engine.fail();
    expect(output()).toBe(`(${NS}) $ kubectl get ns\n${ENGINE_FAILED}(${NS}) $ `);
    expect(engine.attempts).toHaveLength(2);
    await engine.arrive();
    editor.feed('kubectl get ns -o name\r');
    await new Promise((r) => setTimeout(r, 0));
    expect(output()).toBe(
      `(${NS}) $ kubectl get ns\n${ENGINE_FAILED}(${NS}) $ kubectl get ns -o name\n` +
        'namespace/default\nnamespace/kube-node-lease\nnamespace/kube-public\nnamespace/kube-system\nnamespace/taskflow-demo\n' +
        `(${NS}) $ `,
    );
  });
});
