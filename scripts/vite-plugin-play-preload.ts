/**
 * Opening a scenario by its address (#/play/<id> or #/embed/<id>: a bookmark, a reload, a shared link) should not
 * wait for the entry script to run before the play screen's chunk (xterm.js) starts downloading
 * and compiling. The built index.html gets a small classic script (assets/preload-<hash>.js, an
 * external file: the Content-Security-Policy forbids inline script) that, on a play address, asks
 * for that chunk (and its imports and CSS) as a module preload at once, in parallel with the entry;
 * on any other address, for the scenario picker's chunk. It is `async`: fetched at once by the
 * preload scanner, it never blocks rendering.
 */
import type { Plugin, Rollup } from 'vite';

type PluginContext = Rollup.PluginContext;

/** The scenario modules of vite-plugin-scenarios (`virtual:firedrill/scenario/<id>`). */
const SCENARIO_MODULE = /^\0virtual:firedrill\/scenario\/(.+)$/;

export function playScreenPreload(options: { module: RegExp } = { module: /src\/ui\/play\/PlayScreen\.svelte$/ }): Plugin {
  return {
    name: 'firedrill-play-preload',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        // In a build Vite runs this hook inside vite:build-html's generateBundle, with that hook's
        // full plugin context (its types only promise the minimal one): we emit the script there.
        const context = this as unknown as PluginContext;
        if (typeof context.emitFile !== 'function') throw new Error('firedrill-play-preload: no emitFile in transformIndexHtml');
        const bundle = ctx.bundle;
        if (bundle === undefined) return html;
        const chunks = Object.values(bundle).flatMap((o) => (o.type === 'chunk' ? [o] : []));
        const play = chunks.find((c) => c.facadeModuleId !== null && options.module.test(c.facadeModuleId));
        if (play === undefined) throw new Error('firedrill-play-preload: the play screen chunk is missing from the build');
        // The chunk, the chunks it imports statically (the entry is there already), and its CSS.
        const entry = chunks.filter((c) => c.isEntry).map((c) => c.fileName);
        const scripts = [play.fileName, ...play.imports.filter((f) => !entry.includes(f))];
        const styles = [...(play.viteMetadata?.importedCss ?? [])];
        // And the scenario's own chunk, by the id in the address: assets/<id>-<hash>.js, so only
        // the hash is listed (every byte here is JS loaded before the prompt).
        const scenarios: Record<string, string> = {};
        for (const c of chunks) {
          const id = c.facadeModuleId?.match(SCENARIO_MODULE)?.[1];
          if (id === undefined) continue;
          const hash = c.fileName.startsWith(`assets/${id}-`) && c.fileName.endsWith('.js') ? c.fileName.slice(`assets/${id}-`.length, -3) : undefined;
          if (hash === undefined || hash.includes('/')) throw new Error(`firedrill-play-preload: scenario chunk ${c.fileName} is not named assets/${id}-<hash>.js`);
          scenarios[id] = hash;
        }
        // Every other address shows the picker: its chunk (and CSS), fetched alongside the entry.
        const pickerChunk = chunks.find((c) => c.facadeModuleId !== null && /src\/ui\/picker\/ScenarioPicker\.svelte$/.test(c.facadeModuleId));
        if (pickerChunk === undefined) throw new Error('firedrill-play-preload: the picker chunk is missing from the build');
        const playFiles = [...scripts, ...styles];
        const pickerFiles = [pickerChunk.fileName, ...pickerChunk.imports.filter((f) => !entry.includes(f)), ...(pickerChunk.viteMetadata?.importedCss ?? [])];
        // Plain ES2015 that cannot throw: a malformed address just preloads less. Files are
        // relative to index.html; a .css file is a stylesheet, anything else a module preload.
        const script =
          `(()=>{const m=/^#\\/(?:play|embed)\\/([^/?#]+)/.exec(location.hash),l=m?${JSON.stringify(playFiles)}:${JSON.stringify(pickerFiles)},s=${JSON.stringify(scenarios)};` +
          `if(m)try{const i=decodeURIComponent(m[1]);if(Object.prototype.hasOwnProperty.call(s,i))l.push('assets/'+i+'-'+s[i]+'.js')}catch(e){}` +
          `for(const f of l){const e=document.createElement('link');e.rel=/\\.css$/.test(f)?'stylesheet':'modulepreload';e.href='./'+f;document.head.appendChild(e)}})()`;
        const ref = context.emitFile({ type: 'asset', name: 'preload.js', source: `${script}\n` });
        const src = `./${context.getFileName(ref)}`;
        // Early in <head>: after the charset (which must come in the first 1024 bytes) and the
        // policy, before any stylesheet.
        const charset = /<meta charset="[^"]*"\s*\/?>/i;
        if (!charset.test(html)) throw new Error('firedrill-play-preload: index.html has no <meta charset>');
        return html.replace(charset, (tag) => `${tag}\n    <script async src="${src}"></script>`);
      },
    },
  };
}
