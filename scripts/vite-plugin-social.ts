/**
 * Sharing metadata (Open Graph and Twitter cards) for the site, with the static preview image
 * public/og-image.png (1200×630). Link previews want absolute URLs, and a static build does not
 * know where it will be hosted: set FIREDRILL_SITE_URL (e.g. https://example.org/firedrill/) when
 * building for a known address; without it the tags use relative URLs, which some previewers accept.
 */
import type { Plugin } from 'vite';

const TITLE = 'Firedrill — Kubernetes incident drills';
const DESCRIPTION = 'Practise Kubernetes incident response in a simulated kubectl terminal, right in your browser: 12 incidents, no account, no cluster.';

function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

export function socialMeta(siteUrl = process.env.FIREDRILL_SITE_URL): Plugin {
  let base: URL | undefined;
  if (siteUrl) {
    base = new URL(siteUrl.endsWith('/') ? siteUrl : `${siteUrl}/`);
    if (base.protocol !== 'https:' && base.protocol !== 'http:') throw new Error(`FIREDRILL_SITE_URL must be an http(s) URL, got ${siteUrl}`);
  }
  const image = base ? new URL('og-image.png', base).href : './og-image.png';
  const tags: [string, string, string][] = [
    ['property', 'og:type', 'website'],
    ['property', 'og:site_name', 'Firedrill'],
    ['property', 'og:title', TITLE],
    ['property', 'og:description', DESCRIPTION],
    ...(base ? ([['property', 'og:url', base.href]] as [string, string, string][]) : []),
    ['property', 'og:image', image],
    ['property', 'og:image:width', '1200'],
    ['property', 'og:image:height', '630'],
    ['property', 'og:image:alt', 'Firedrill: a kubectl terminal showing a CrashLoopBackOff pod and a rollout undo'],
    ['name', 'twitter:card', 'summary_large_image'],
    ['name', 'twitter:title', TITLE],
    ['name', 'twitter:description', DESCRIPTION],
    ['name', 'twitter:image', image],
  ];
  const html = tags.map(([attr, key, value]) => `<meta ${attr}="${key}" content="${escapeAttr(value)}" />`).join('\n    ');
  return {
    name: 'firedrill-social-meta',
    transformIndexHtml: {
      order: 'post',
      handler: (page) => page.replace('</title>', `</title>\n    ${html}`),
    },
  };
}
