/**
 * Serves `virtual:firedrill/scenarios`: a small `catalog` for the picker and `loadScenario(id)`,
 * which imports one scenario's validated data on demand (its own chunk). Every
 * scenarios/<id>/scenario.yaml is validated at build time: a broken file fails the build with the
 * file, the path inside it and what was expected.
 */
import type { Plugin } from 'vite';
import { SCENARIOS_DIR, loadScenarioFile, scenarioIds, scenarioPath } from '../src/incident/node';

const CATALOG_ID = 'virtual:firedrill/scenarios';
const ONE_PREFIX = 'virtual:firedrill/scenario/';

export function firedrillScenarios(options: { dir?: string } = {}): Plugin {
  const dir = options.dir ?? SCENARIOS_DIR;
  return {
    name: 'firedrill-scenarios',
    resolveId(id) {
      if (id === CATALOG_ID || id.startsWith(ONE_PREFIX)) return `\0${id}`;
      return null;
    },
    load(id) {
      if (id === `\0${CATALOG_ID}`) {
        this.addWatchFile(dir);
        const ids = scenarioIds(dir);
        const catalog = ids.map((sid) => {
          this.addWatchFile(scenarioPath(sid, dir));
          const s = loadScenarioFile(scenarioPath(sid, dir));
          return { id: s.id, title: s.title, summary: s.summary, failureType: s.failureType, difficulty: s.difficulty, estimatedMinutes: s.estimatedMinutes };
        });
        const loaders = ids.map((sid) => `  ${JSON.stringify(sid)}: () => import(${JSON.stringify(ONE_PREFIX + sid)}),`).join('\n');
        return [
          `export const catalog = ${JSON.stringify(catalog)};`,
          `const loaders = {\n${loaders}\n};`,
          // Own-property lookup: an id from the URL must not reach Object.prototype.
          `export async function loadScenario(id) {`,
          `  if (!Object.prototype.hasOwnProperty.call(loaders, id)) return undefined;`,
          `  return (await loaders[id]()).default;`,
          `}`,
        ].join('\n');
      }
      if (id.startsWith(`\0${ONE_PREFIX}`)) {
        const sid = id.slice(ONE_PREFIX.length + 1);
        const path = scenarioPath(sid, dir);
        this.addWatchFile(path);
        const scenario = loadScenarioFile(path);
        // JSON.parse of a string literal is faster for engines than a large object literal.
        return `export default JSON.parse(${JSON.stringify(JSON.stringify(scenario))});`;
      }
      return null;
    },
    handleHotUpdate({ file, server }) {
      if (!file.startsWith(dir) || !file.endsWith('.yaml')) return;
      for (const mod of server.moduleGraph.idToModuleMap.values()) {
        if (mod.id?.startsWith('\0virtual:firedrill/')) server.moduleGraph.invalidateModule(mod);
      }
      server.ws.send({ type: 'full-reload' });
      return [];
    },
  };
}
