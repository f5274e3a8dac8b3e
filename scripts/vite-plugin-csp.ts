/**
 * The Content-Security-Policy of the built site, delivered as <meta http-equiv> in index.html:
 * the site is static and hosted anywhere (any host, any sub-path, in blog iframes), so we cannot
 * count on setting response headers. Hosts that can set headers should send the same policy as an
 * HTTP header (see README, "Deployment"), where frame-ancestors also works (a <meta> policy
 * ignores frame-ancestors, report-uri and sandbox).
 *
 * Build only: `vite dev` injects inline scripts for hot reloading, which this policy forbids.
 */
import type { Plugin } from 'vite';

/**
 * Every directive, with why. Nothing comes from another origin; no inline script and no eval.
 * - script-src 'self': our own files only (the entry module, its chunks, the classic preload
 *   script of vite-plugin-play-preload). No 'unsafe-inline', no 'unsafe-eval'.
 * - Styles: our stylesheets are files ('self'). xterm.js (the terminal) writes three <style>
 *   elements at run time (its theme colours, scrollbar and cell dimensions, generated per
 *   terminal), and CSP treats a <style> element as inline style whoever creates it, so
 *   style-src-elem needs 'unsafe-inline'. No markup style="" attribute is needed anywhere
 *   (Svelte and xterm set element.style through the CSSOM, which CSP does not govern), so
 *   style-src-attr is 'none'. style-src itself is only the fallback for browsers without CSP
 *   level 3 (-elem/-attr), where xterm's colours need 'unsafe-inline' too. With no remote origin
 *   allowed for images, fonts or connections, injected CSS could not send anything anywhere.
 * - img-src 'self' data: blob: — icons; data: for small images the build may inline; blob: for
 *   the completion card previewed and downloaded as a PNG.
 * - worker-src 'self': the Workbox service worker (sw.js).
 * - object-src 'none', base-uri 'self', form-action 'none': no plugins, no <base> hijack, and our
 *   forms never submit anywhere (every one is handled in script).
 */
export const CSP_DIRECTIVES: readonly (readonly [string, ...string[]])[] = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  ['style-src', "'self'", "'unsafe-inline'"],
  ['style-src-elem', "'self'", "'unsafe-inline'"],
  ['style-src-attr', "'none'"],
  ['img-src', "'self'", 'data:', 'blob:'],
  ['font-src', "'self'"],
  ['connect-src', "'self'"],
  ['worker-src', "'self'"],
  ['manifest-src', "'self'"],
  ['frame-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'self'"],
  ['form-action', "'none'"],
];

export const CSP = CSP_DIRECTIVES.map((d) => d.join(' ')).join('; ');

export function contentSecurityPolicy(policy: string = CSP): Plugin {
  return {
    name: 'firedrill-csp',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        // First thing after the charset: a <meta> policy only governs what comes after it.
        const charset = /<meta charset="[^"]*"\s*\/?>/i;
        if (!charset.test(html)) throw new Error('firedrill-csp: index.html has no <meta charset>');
        if (/<script(?![^>]*\bsrc=)[^>]*>/i.test(html)) throw new Error('firedrill-csp: index.html has an inline <script>, which the policy forbids');
        return html.replace(charset, (tag) => `${tag}\n    <meta http-equiv="Content-Security-Policy" content="${policy}" />`);
      },
    },
  };
}
