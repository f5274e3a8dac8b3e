/**
 * Opening a scenario by its address (#/play/<id> or #/embed/<id>: a bookmark, a reload, a shared link) should not
 * wait for the entry script to run before the play screen's chunk (xterm.js) starts downloading
 * and compiling. In the built index.html this adds a few lines that, only on a play address, ask
 * for that chunk (and its imports and CSS) as a module preload at once, in parallel with the entry.
 * The scenario list (the first screen) loads exactly what it loaded before.
 */
import type { Plugin } from 'vite';

/** The scenario modules of vite-plugin-scenarios (`virtual:firedrill/scenario/<id>`). */
const SCENARIO_MODULE = /^\0virtual:firedrill\/scenario\/(.+)$/;

export function playScreenPreload(options: { module: RegExp } = { module: /src\/ui\/play\/PlayScreen\.svelte$/ }): Plugin {
  return {
    name: 'firedrill-play-preload',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const bundle = ctx.bundle;
        if (bundle === undefined) return html;
        const chunks = Object.values(bundle).flatMap((o) => (o.type === 'chunk' ? [o] : []));
        const play = chunks.find((c) => c.facadeModuleId !== null && options.module.test(c.facadeModuleId));
        if (play === undefined) throw new Error('firedrill-play-preload: the play screen chunk is missing from the build');
        // The chunk, the chunks it imports statically (the entry is there already), and its CSS.
        const entry = chunks.filter((c) => c.isEntry).map((c) => c.fileName);
        const scripts = [play.fileName, ...play.imports.filter((f) => !entry.includes(f))];
        const styles = [...(play.viteMetadata?.importedCss ?? [])];
        const preloads = [
          ...scripts.map((f) => ['modulepreload', f]),
          ...styles.map((f) => ['stylesheet', f]),
        ];
        // And the scenario's own chunk, by the id in the address.
        const scenarios: Record<string, string> = {};
        for (const c of chunks) {
          const id = c.facadeModuleId?.match(SCENARIO_MODULE)?.[1];
          if (id !== undefined) scenarios[id] = `./${c.fileName}`;
        }
        const links = JSON.stringify(preloads.map(([r, f]) => [r, `./${f}`]));
        // Every other address shows the picker: its chunk (and CSS), fetched alongside the entry.
        const pickerChunk = chunks.find((c) => c.facadeModuleId !== null && /src\/ui\/picker\/ScenarioPicker\.svelte$/.test(c.facadeModuleId));
        if (pickerChunk === undefined) throw new Error('firedrill-play-preload: the picker chunk is missing from the build');
        const pickerLinks = JSON.stringify([
          ...[pickerChunk.fileName, ...pickerChunk.imports.filter((f) => !entry.includes(f))].map((f) => ['modulepreload', `./${f}`]),
          ...[...(pickerChunk.viteMetadata?.importedCss ?? [])].map((f) => ['stylesheet', `./${f}`]),
        ]);
        // Plain ES2015 that cannot throw: a malformed address just preloads less.
        const script =
          `(()=>{const m=/^#\\/(?:play|embed)\\/([^/?#]+)/.exec(location.hash),a=(l)=>{for(const[r,h]of l){const e=document.createElement('link');e.rel=r;e.href=h;document.head.appendChild(e)}};` +
          `if(!m){a(${pickerLinks});return}` +
          `const s=${JSON.stringify(scenarios)},l=${links};` +
          `try{const id=decodeURIComponent(m[1]);if(Object.prototype.hasOwnProperty.call(s,id))l.push(["modulepreload",s[id]])}catch(e){}` +
          `a(l)})()`;
        // Early in <head>: after the charset (which must come in the first 1024 bytes), before any
        // stylesheet (a classic script waits for the stylesheets above it to load).
        const charset = /<meta charset="[^"]*"\s*\/?>/i;
        if (!charset.test(html)) throw new Error('firedrill-play-preload: index.html has no <meta charset>');
        return html.replace(charset, (tag) => `${tag}\n    <script>${script}</script>`);
      },
    },
  };
}
