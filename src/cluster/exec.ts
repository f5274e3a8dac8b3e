/**
 * `kubectl exec` inside a simulated container: a small busybox-like userland (env, printenv,
 * cat, ls, hostname, echo, date, wget, curl) over what the container really has: the environment
 * the kubelet gave its process, the files of its volume mounts and the files the kubelet writes
 * (/etc/hosts, /etc/resolv.conf, /etc/hostname), and Services reached through kube-proxy to a
 * ready endpoint whose container answers as its behaviour says. Messages are busybox's, curl's
 * and the container runtime's.
 */
import type { Container, Pod, Service } from 'kubernetes-types/core/v1';
import type { ClusterView, ExecRequest, ExecResult } from './api';
import type { PodRt, Run } from './controllers/kubeletRuntime';
import { isRunning } from './controllers/kubeletRuntime';
import { SERVICE_NAME_LABEL } from './controllers/endpoints';
import { containerFiles, normalizePath } from './controllers/volumes';
import { fnv32a, stableHex64 } from './names';

export type RuntimeLookup = (namespace: string, pod: string) => PodRt | undefined;

const PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
/** An Alpine-based image's top-level directories. */
const ROOT_DIRS = ['bin', 'dev', 'etc', 'home', 'lib', 'media', 'mnt', 'opt', 'proc', 'root', 'run', 'sbin', 'srv', 'sys', 'tmp', 'usr', 'var'];
const COMMANDS = new Set(['env', 'printenv', 'cat', 'ls', 'hostname', 'echo', 'date', 'wget', 'curl', 'sh', 'ash', 'true', 'false', 'pwd']);

interface Proc {
  view: ClusterView;
  runtimes: RuntimeLookup;
  pod: Pod;
  container: Container;
  run: Run;
  tty: boolean;
}

interface Out {
  stdout: string;
  stderr: string;
  exitCode: number;
}

const ok = (stdout: string, stderr = '', exitCode = 0): Out => ({ stdout, stderr, exitCode });

export function execInContainer(view: ClusterView, runtimes: RuntimeLookup, req: ExecRequest): ExecResult {
  const pod = view.get('Pod', req.namespace, req.pod);
  if (pod === undefined) return { ok: false, message: `Error from server (NotFound): pods "${req.pod}" not found` };
  if (!pod.spec?.nodeName) return { ok: false, message: `Error from server (BadRequest): pod ${req.pod} does not have a host assigned` };
  const container = pod.spec.containers.find((c) => c.name === req.container);
  const rt = runtimes(req.namespace, req.pod);
  const crt = rt?.containers.find((c) => c.spec.name === req.container);
  if (container === undefined || crt === undefined || !isRunning(crt) || crt.latest === undefined) {
    return { ok: false, message: `error: unable to upgrade connection: container not found ("${req.container}")` };
  }
  const [prog, ...args] = req.command;
  const name = (prog ?? '').split('/').pop() ?? '';
  if (!COMMANDS.has(name) || (prog!.includes('/') && !/^\/(usr\/)?s?bin\//.test(prog!))) {
    const id = stableHex64(`${pod.metadata?.uid}${view.now()}${req.command.join(' ')}`);
    return {
      ok: false,
      message: `error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${id}": OCI runtime exec failed: exec failed: unable to start container process: exec: "${prog}": ${prog!.includes('/') ? 'stat ' + prog + ': no such file or directory' : 'executable file not found in $PATH'}: unknown`,
    };
  }
  const p: Proc = { view, runtimes, pod, container, run: crt.latest, tty: req.tty };
  const r = runProgram(p, name, args);
  return { ok: true, ...r };
}

function runProgram(p: Proc, name: string, args: readonly string[]): Out {
  switch (name) {
    case 'env':
      return ok(environment(p).map(([k, v]) => `${k}=${v}\n`).join(''));
    case 'printenv': {
      const env = new Map(environment(p));
      if (args.length === 0) return ok([...env].map(([k, v]) => `${k}=${v}\n`).join(''));
      let out = '';
      let missing = false;
      for (const a of args) {
        const v = env.get(a);
        if (v === undefined) missing = true;
        else out += `${v}\n`;
      }
      return ok(out, '', missing ? 1 : 0);
    }
    case 'hostname':
      return ok(`${p.pod.metadata?.name ?? ''}\n`);
    case 'echo':
      return ok(`${args.join(' ')}\n`);
    case 'true':
      return ok('');
    case 'false':
      return ok('', '', 1);
    case 'pwd':
      return ok('/\n');
    case 'date':
      return ok(`${busyboxDate(p.view.now())}\n`);
    case 'cat':
      return cat(p, args);
    case 'ls':
      return ls(p, args);
    case 'wget':
      return wget(p, args);
    case 'curl':
      return curl(p, args);
    default:
      return shell(p, name, args);
  }
}

/**
 * `sh -c 'SCRIPT'`: a simple command with quotes and $VAR expansion runs; pipes, redirects and
 * lists are beyond this userland and say so. A shell without a script reads its stdin: nothing
 * arrives, so it exits at once.
 */
function shell(p: Proc, name: string, args: readonly string[]): Out {
  if (args[0] !== '-c') return ok('');
  const script = args[1];
  if (script === undefined) return ok('', `${name}: -c requires an argument\n`, 2);
  const words = splitScript(script, new Map(environment(p)));
  if (words === undefined) {
    return ok('', `${name}: firedrill: only simple commands run in containers here (no pipes, redirects, ;, && or subshells)\n`, 2);
  }
  const [prog, ...rest] = words;
  if (prog === undefined) return ok('');
  const base = prog.split('/').pop() ?? '';
  if (!COMMANDS.has(base)) return ok('', `${name}: ${prog}: not found\n`, 127);
  return runProgram(p, base, rest);
}

/** Words of a simple command (quotes, backslashes, $VAR and ${VAR}); undefined for anything more. */
function splitScript(script: string, env: ReadonlyMap<string, string>): string[] | undefined {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  const expand = (i: number): [string, number] => {
    const braced = script[i + 1] === '{';
    const m = (braced ? /^\{([A-Za-z_][A-Za-z0-9_]*)\}/ : /^([A-Za-z_][A-Za-z0-9_]*)/).exec(script.slice(i + 1));
    if (m === null) return ['$', i];
    return [env.get(m[1]!) ?? '', i + m[0].length];
  };
  for (let i = 0; i < script.length; i++) {
    const ch = script[i]!;
    if (quote === "'") {
      if (ch === "'") quote = undefined;
      else word += ch;
      continue;
    }
    if (quote === '"') {
      if (ch === '"') quote = undefined;
      else if (ch === '$') {
        const [v, end] = expand(i);
        word += v;
        i = end;
      } else if (ch === '`') return undefined;
      else word += ch;
      continue;
    }
    if (ch === "'" || ch === '"') {
      quote = ch;
      inWord = true;
    } else if (ch === '\\' && i + 1 < script.length) {
      word += script[++i];
      inWord = true;
    } else if (ch === ' ' || ch === '\t' || ch === '\n') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else if ('|&;<>()`*?'.includes(ch)) {
      return undefined;
    } else if (ch === '$') {
      const [v, end] = expand(i);
      word += v;
      i = end;
      inWord = true;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (quote !== undefined) return undefined;
  if (inWord) words.push(word);
  return words;
}

// ---- environment ---------------------------------------------------------------------------

/** The process environment in the order containerd builds it (service variables last, sorted). */
function environment(p: Proc): [string, string][] {
  const out: [string, string][] = [['PATH', PATH], ['HOSTNAME', p.pod.metadata?.name ?? '']];
  if (p.tty) out.push(['TERM', 'xterm']);
  const own = p.run.env ?? new Map<string, string>();
  for (const [k, v] of own) out.push([k, v]);
  const startedAt = p.run.startedAt;
  const ns = p.pod.metadata?.namespace ?? '';
  const services = [...p.view.list('Service', ns)];
  if (ns !== 'default') {
    const k8s = p.view.get('Service', 'default', 'kubernetes');
    if (k8s) services.push(k8s);
  }
  // Only Services that existed when the container started are in its environment.
  const visible = services
    .filter((s) => Date.parse(s.metadata?.creationTimestamp ?? '') <= startedAt)
    .sort((a, b) => (a.metadata!.name! < b.metadata!.name! ? -1 : 1));
  if (p.pod.spec?.enableServiceLinks === false) {
    for (const [k, v] of serviceEnv(visible.filter((s) => s.metadata?.namespace === 'default' && s.metadata.name === 'kubernetes'))) if (!own.has(k)) out.push([k, v]);
  } else {
    for (const [k, v] of serviceEnv(visible)) if (!own.has(k)) out.push([k, v]);
  }
  out.push(['HOME', '/root']);
  return out;
}

const envName = (s: string) => s.toUpperCase().replace(/-/g, '_');

/** envvars.FromServices: host, first port, named ports, then the Docker link variables. */
export function serviceEnv(services: readonly Service[]): [string, string][] {
  const out: [string, string][] = [];
  for (const svc of services) {
    const ip = svc.spec?.clusterIP;
    const ports = svc.spec?.ports ?? [];
    if (!ip || ip === 'None' || ports.length === 0) continue;
    const prefix = envName(svc.metadata?.name ?? '');
    out.push([`${prefix}_SERVICE_HOST`, ip]);
    out.push([`${prefix}_SERVICE_PORT`, String(ports[0]!.port)]);
    for (const sp of ports) if (sp.name) out.push([`${prefix}_SERVICE_PORT_${envName(sp.name)}`, String(sp.port)]);
    ports.forEach((sp, i) => {
      const proto = (sp.protocol ?? 'TCP').toLowerCase();
      const url = `${proto}://${ip}:${sp.port}`;
      if (i === 0) out.push([`${prefix}_PORT`, url]);
      const pp = `${prefix}_PORT_${sp.port}_${proto.toUpperCase()}`;
      out.push([pp, url], [`${pp}_PROTO`, proto], [`${pp}_PORT`, String(sp.port)], [`${pp}_ADDR`, ip]);
    });
  }
  return out;
}

// ---- files ---------------------------------------------------------------------------------

interface Fs {
  files: Map<string, string>;
  dirs: Set<string>;
}

function filesystem(p: Proc): Fs {
  const ns = p.pod.metadata?.namespace ?? '';
  const name = p.pod.metadata?.name ?? '';
  const { files, dirs } = containerFiles(p.view, ns, name, p.pod.spec, p.container);
  dirs.add('/');
  for (const d of ROOT_DIRS) dirs.add(`/${d}`);
  files.set('/etc/hostname', `${name}\n`);
  files.set('/etc/resolv.conf', `search ${ns}.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n`);
  files.set(
    '/etc/hosts',
    '# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n' +
      (p.pod.status?.podIP ? `${p.pod.status.podIP}\t${name}\n` : ''),
  );
  return { files, dirs };
}

function cat(p: Proc, args: readonly string[]): Out {
  const fs = filesystem(p);
  let stdout = '';
  let stderr = '';
  let code = 0;
  for (const a of args.filter((x) => x !== '--')) {
    if (a.startsWith('-') && a !== '-') continue;
    const path = normalizePath(a);
    const text = fs.files.get(path);
    if (text !== undefined) stdout += text;
    else if (fs.dirs.has(path)) {
      stderr += 'cat: read error: Is a directory\n';
      code = 1;
    } else {
      stderr += `cat: can't open '${a}': No such file or directory\n`;
      code = 1;
    }
  }
  return ok(stdout, stderr, code);
}

function children(fs: Fs, dir: string): string[] {
  const prefix = dir === '/' ? '/' : `${dir}/`;
  const names = new Set<string>();
  for (const path of [...fs.files.keys(), ...fs.dirs]) {
    if (path !== dir && path.startsWith(prefix)) names.add(path.slice(prefix.length).split('/')[0]!);
  }
  return [...names].sort();
}

function ls(p: Proc, args: readonly string[]): Out {
  const fs = filesystem(p);
  const all = args.some((a) => /^-[a-zA-Z]*a/.test(a));
  const paths = args.filter((a) => !a.startsWith('-') || a === '-');
  const targets = paths.length === 0 ? ['.'] : paths;
  let stdout = '';
  let stderr = '';
  let code = 0;
  const listings: { label: string; names: string[] }[] = [];
  const fileArgs: string[] = [];
  for (const t of targets) {
    const path = normalizePath(t === '.' ? '/' : t);
    if (fs.files.has(path)) fileArgs.push(t);
    else if (fs.dirs.has(path)) listings.push({ label: t, names: [...(all ? ['.', '..'] : []), ...children(fs, path)] });
    else {
      stderr += `ls: ${t}: No such file or directory\n`;
      code = 1;
    }
  }
  for (const f of fileArgs.sort()) stdout += `${f}\n`;
  const labelled = targets.length > 1;
  listings.forEach((l, i) => {
    if (labelled) stdout += `${i > 0 || fileArgs.length > 0 ? '\n' : ''}${l.label}:\n`;
    for (const n of l.names) stdout += `${n}\n`;
  });
  return ok(stdout, stderr, code);
}

// ---- the network ---------------------------------------------------------------------------

interface Url {
  host: string;
  port: number;
  path: string;
  /** The host as typed, with its port (busybox names it that way in errors). */
  hostPort: string;
}

function parseUrl(raw: string): Url | undefined {
  const m = /^(?:(https?):\/\/)?([^/:?#]+)(?::(\d+))?([^#]*)/.exec(raw);
  if (m === null) return undefined;
  const scheme = m[1] ?? 'http';
  const port = m[3] !== undefined ? Number(m[3]) : scheme === 'https' ? 443 : 80;
  const path = m[4] === undefined || m[4] === '' ? '/' : m[4].startsWith('/') ? m[4] : `/${m[4]}`;
  return { host: m[2]!, port, path, hostPort: m[3] !== undefined ? `${m[2]}:${m[3]}` : m[2]! };
}

type Connect =
  | { kind: 'unresolved' }
  | { kind: 'refused'; ip: string }
  | { kind: 'timeout'; ip: string }
  | { kind: 'response'; ip: string; status: number; body: string };

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  301: 'Moved Permanently',
  302: 'Found',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** A name as the pod's resolver expands it (search list: NS.svc.cluster.local, svc.cluster.local). */
function resolveService(view: ClusterView, ns: string, host: string): Service | undefined {
  const parts = host.replace(/\.$/, '').toLowerCase().split('.');
  const suffix = parts.slice(2).join('.');
  if (parts.length === 1) return view.get('Service', ns, parts[0]!);
  if (parts.length === 2 || suffix === 'svc' || suffix === 'svc.cluster.local') return view.get('Service', parts[1]!, parts[0]!);
  return undefined;
}

function connect(p: Proc, url: Url): Connect {
  const view = p.view;
  const ns = p.pod.metadata?.namespace ?? '';
  // The pod's own network namespace: /etc/hosts maps localhost to 127.0.0.1 (busybox prefers IPv4).
  if (url.host.toLowerCase() === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(url.host)) {
    return answer(p, ns, p.pod.metadata?.name ?? '', url.port, url.host === 'localhost' ? '127.0.0.1' : url.host, url.path);
  }
  const isIp = /^\d+\.\d+\.\d+\.\d+$/.test(url.host);
  const svc = isIp ? view.list('Service').find((s) => s.spec?.clusterIP === url.host) : resolveService(view, ns, url.host);
  if (svc !== undefined) {
    const ip = svc.spec?.clusterIP ?? '';
    const sp = svc.spec?.ports?.find((x) => x.port === url.port);
    if (sp === undefined) return { kind: 'timeout', ip };
    const slices = view.list('EndpointSlice', svc.metadata?.namespace).filter((s) => s.metadata?.labels?.[SERVICE_NAME_LABEL] === svc.metadata?.name);
    const ready: { pod: string; ns: string; port: number }[] = [];
    for (const s of slices) {
      const port = s.ports?.find((x) => (x.name ?? '') === (sp.name ?? ''))?.port;
      if (port === undefined || port === null) continue;
      for (const e of s.endpoints ?? []) {
        if (e.conditions?.ready === true && e.targetRef?.name) ready.push({ pod: e.targetRef.name, ns: e.targetRef.namespace ?? '', port });
      }
    }
    // kube-proxy rejects connections to a Service without ready endpoints.
    if (ready.length === 0) return { kind: 'refused', ip };
    const pick = ready[fnv32a(`${view.now()}${url.path}`) % ready.length]!;
    return answer(p, pick.ns, pick.pod, pick.port, ip, url.path);
  }
  if (isIp) {
    const target = view.list('Pod').find((x) => x.status?.podIP === url.host);
    if (target === undefined) return { kind: 'timeout', ip: url.host };
    return answer(p, target.metadata?.namespace ?? '', target.metadata?.name ?? '', url.port, url.host, url.path);
  }
  return { kind: 'unresolved' };
}

/** The container of `pod` listening on `port` answers (when it runs), as its behaviour says. */
function answer(p: Proc, ns: string, podName: string, port: number, ip: string, path: string): Connect {
  const pod = p.view.get('Pod', ns, podName);
  const rt = p.runtimes(ns, podName);
  const spec = pod?.spec?.containers.find((c) => (c.ports ?? []).some((cp) => cp.containerPort === port));
  const crt = spec === undefined ? undefined : rt?.containers.find((c) => c.spec.name === spec.name);
  if (crt === undefined || !isRunning(crt) || crt.latest === undefined) return { kind: 'refused', ip };
  const run = crt.latest;
  const routes = run.outcome?.http;
  const fill = (body: string) =>
    body.replace(/\{\{\s*pod\s*\}\}/g, podName).replace(/\{\{\s*env\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g, (_m, n: string) => run.env?.get(n) ?? '');
  if (routes === undefined) return { kind: 'response', ip, status: 200, body: 'ok\n' };
  const bare = path.split('?')[0]!;
  const hit = routes.find((r) => r.path === bare);
  if (hit === undefined) return { kind: 'response', ip, status: 404, body: '404 page not found\n' };
  return { kind: 'response', ip, status: hit.status ?? 200, body: fill(hit.body ?? '') };
}

const statusLine = (status: number) => `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? ''}`.trimEnd();

/** busybox wget: `-q`, `-O FILE` (only `-` is kept: there is no disk to write to), `-T`. */
function wget(p: Proc, args: readonly string[]): Out {
  let quiet = false;
  let toStdout = false;
  let url: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--quiet') quiet = true;
    else if (a === '--output-document') toStdout = args[++i] === '-';
    else if (a.startsWith('--output-document=')) toStdout = a.slice(18) === '-';
    else if (a.startsWith('--')) continue;
    else if (a.startsWith('-') && a.length > 1) {
      // Grouped short options; -O, -T, -U take the rest of the word or the next one.
      for (let j = 1; j < a.length; j++) {
        const ch = a[j]!;
        if (ch === 'q') quiet = true;
        else if ('OTUPo'.includes(ch)) {
          const value = j + 1 < a.length ? a.slice(j + 1) : args[++i];
          if (ch === 'O') toStdout = value === '-';
          break;
        }
      }
    } else url = a;
  }
  if (url === undefined) return ok('', 'BusyBox v1.36.1 (2024-06-10 07:11:47 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n', 1);
  const u = parseUrl(url);
  if (u === undefined) return ok('', `wget: bad address '${url}'\n`, 1);
  const c = connect(p, u);
  const note = (ip: string) => (quiet ? '' : `Connecting to ${u.hostPort} (${ip}:${u.port})\n`);
  switch (c.kind) {
    case 'unresolved':
      return ok('', `wget: bad address '${u.hostPort}'\n`, 1);
    case 'refused':
      return ok('', `${note(c.ip)}wget: can't connect to remote host (${c.ip}): Connection refused\n`, 1);
    case 'timeout':
      return ok('', `${note(c.ip)}wget: can't connect to remote host (${c.ip}): Connection timed out\n`, 1);
    default:
      if (c.status >= 400) return ok('', `${note(c.ip)}wget: server returned error: ${statusLine(c.status)}\n`, 1);
      if (!toStdout) {
        const file = u.path.split('?')[0]!.split('/').pop() || 'index.html';
        return ok('', `${note(c.ip)}wget: can't open '${file}': Read-only file system\n`, 1);
      }
      return ok(c.body, quiet ? '' : `${note(c.ip)}writing to stdout\n${'-'.padEnd(20)} 100% |********************************| ${String(c.body.length).padStart(4)}  0:00:00 ETA\nwritten to stdout\n`);
  }
}

/** curl 8: `-s`, `-S`, `-f`, `-i`, `-o -`; errors with curl's exit codes. */
function curl(p: Proc, args: readonly string[]): Out {
  let silent = false;
  let showError = false;
  let fail = false;
  let include = false;
  let url: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-o' || a === '--output' || a === '-H' || a === '--header' || a === '-m' || a === '--max-time' || a === '-X' || a === '--request') i++;
    else if (a === '--silent') silent = true;
    else if (a === '--show-error') showError = true;
    else if (a === '--fail') fail = true;
    else if (a === '--include') include = true;
    else if (/^-[a-zA-Z]+$/.test(a)) {
      if (a.includes('s')) silent = true;
      if (a.includes('S')) showError = true;
      if (a.includes('f')) fail = true;
      if (a.includes('i')) include = true;
    } else if (!a.startsWith('-')) url = a;
  }
  if (url === undefined) return ok('', "curl: no URL specified!\ncurl: try 'curl --help' or 'curl --manual' for more information\n", 2);
  const u = parseUrl(url);
  const meter = (bytes: number) =>
    silent
      ? ''
      : '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n' +
        '\r  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0' +
        (bytes > 0 ? `\r100 ${String(bytes).padStart(5)}  100 ${String(bytes).padStart(5)}    0     0  ${String(bytes * 500).padStart(5)}      0 --:--:-- --:--:-- --:--:-- ${String(bytes * 500).padStart(5)}\n` : '\n');
  const failed = (code: number, text: string) => ok('', meter(0) + (silent && !showError ? '' : `curl: (${code}) ${text}\n`), code);
  if (u === undefined) return failed(3, 'URL rejected: Bad hostname');
  const c = connect(p, u);
  switch (c.kind) {
    case 'unresolved':
      return failed(6, `Could not resolve host: ${u.host}`);
    case 'refused':
      return failed(7, `Failed to connect to ${u.host} port ${u.port} after 1 ms: Couldn't connect to server`);
    case 'timeout':
      return failed(28, `Failed to connect to ${u.host} port ${u.port} after 130003 ms: Couldn't connect to server`);
    default: {
      if (fail && c.status >= 400) return failed(22, `The requested URL returned error: ${c.status}`);
      const head = include ? `${statusLine(c.status)}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${c.body.length}\r\n\r\n` : '';
      return ok(head + c.body, meter(c.body.length));
    }
  }
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** busybox date: `Tue Nov 24 15:40:00 UTC 2026`. */
function busyboxDate(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}
