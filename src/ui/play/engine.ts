/**
 * The game's engine (the cluster simulator, the command line, the session) as a chunk of its own:
 * the play screen shows its prompt first and fetches this in the background (see
 * DeferredSession), and a saved game fetches it before replaying. The YAML reader (apply, edit,
 * patch) comes with it, so that no line typed in the browser finds it missing.
 */
import { loadYamlParser } from '../../kubectl/manifest/yamlParser';
import type { Engine } from './deferredSession';

let loaded: Engine | undefined;
let loading: Promise<Engine> | undefined;

/** Fetches the engine (once; again after a failure). Resolves when lines can run. */
export function loadEngine(): Promise<Engine> {
  loading ??= Promise.all([import('../../incident'), loadYamlParser().catch(() => undefined)]).then(
    ([engine]) => (loaded = engine),
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/** The engine, once `loadEngine()` has resolved. */
export function loadedEngine(): Engine {
  if (loaded === undefined) throw new Error('the game engine is not loaded yet');
  return loaded;
}
