/**
 * The scenario file format (`scenarios/<id>/scenario.yaml`), as a zod schema. Objects are strict,
 * so a typo'd key fails validation instead of being silently ignored. `parseScenario` turns any
 * problem into one message naming the file, the path inside it and what was expected.
 */
import { z } from 'zod';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { WorldSpec } from '../cluster/spec';

const labels = z.record(z.string(), z.string());
const nonEmpty = z.string().trim().min(1, 'expected a non-empty string');
const id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected an id in kebab-case (a-z, 0-9, -)');
/** A regular expression written as a string; checked to compile. */
const regex = z.string().refine(
  (source) => {
    try {
      new RegExp(source, 'm');
      return true;
    } catch {
      return false;
    }
  },
  { message: 'expected a valid regular expression' },
);

// ---- the world (must stay assignable to WorldSpec) ----

const envVar = z.strictObject({
  name: nonEmpty,
  value: z.string().optional(),
  valueFrom: z
    .strictObject({
      secretKeyRef: z.strictObject({ name: nonEmpty, key: nonEmpty, optional: z.boolean().optional() }).optional(),
      configMapKeyRef: z.strictObject({ name: nonEmpty, key: nonEmpty, optional: z.boolean().optional() }).optional(),
    })
    .optional(),
});

const quantityPair = z.strictObject({ cpu: z.string().optional(), memory: z.string().optional() });

const probePort = z.union([z.number().int().min(1).max(65535), z.string().regex(/^[a-z0-9-]{1,15}$/, 'expected a port number or name')]);
const probe = z.strictObject({
  httpGet: z
    .strictObject({ path: z.string().optional(), port: probePort, scheme: z.enum(['HTTP', 'HTTPS']).optional(), host: z.string().optional() })
    .optional(),
  tcpSocket: z.strictObject({ port: probePort, host: z.string().optional() }).optional(),
  exec: z.strictObject({ command: z.array(z.string()).min(1) }).optional(),
  initialDelaySeconds: z.number().int().min(0).optional(),
  timeoutSeconds: z.number().int().min(1).optional(),
  periodSeconds: z.number().int().min(1).optional(),
  successThreshold: z.number().int().min(1).optional(),
  failureThreshold: z.number().int().min(1).optional(),
});

const container = z.strictObject({
  name: id,
  image: nonEmpty,
  ports: z
    .array(
      z.strictObject({
        containerPort: z.number().int().min(1).max(65535),
        name: z.string().optional(),
        protocol: z.enum(['TCP', 'UDP']).optional(),
      }),
    )
    .optional(),
  env: z.array(envVar).optional(),
  envFrom: z
    .array(
      z.strictObject({
        prefix: z.string().optional(),
        secretRef: z.strictObject({ name: id, optional: z.boolean().optional() }).optional(),
        configMapRef: z.strictObject({ name: id, optional: z.boolean().optional() }).optional(),
      }),
    )
    .optional(),
  livenessProbe: probe.optional(),
  readinessProbe: probe.optional(),
  startupProbe: probe.optional(),
  resources: z.strictObject({ requests: quantityPair.optional(), limits: quantityPair.optional() }).optional(),
  volumeMounts: z
    .array(
      z.strictObject({
        name: nonEmpty,
        mountPath: z.string().regex(/^\//, 'expected an absolute path'),
        readOnly: z.boolean().optional(),
        subPath: z.string().optional(),
      }),
    )
    .optional(),
});

const keyToPath = z.strictObject({ key: nonEmpty, path: nonEmpty, mode: z.number().int().min(0).max(0o777).optional() });
const fileMode = z.number().int().min(0).max(0o777).optional();
const volume = z.strictObject({
  name: nonEmpty,
  secret: z
    .strictObject({ secretName: nonEmpty, items: z.array(keyToPath).optional(), optional: z.boolean().optional(), defaultMode: fileMode })
    .optional(),
  configMap: z
    .strictObject({ name: nonEmpty, items: z.array(keyToPath).optional(), optional: z.boolean().optional(), defaultMode: fileMode })
    .optional(),
  emptyDir: z.strictObject({ medium: z.enum(['', 'Memory']).optional(), sizeLimit: z.string().optional() }).optional(),
});

const deployment = z.strictObject({
  name: id,
  namespace: id,
  replicas: z.number().int().min(0).max(50),
  labels,
  selector: labels,
  strategy: z
    .union([
      z.strictObject({ type: z.literal('Recreate') }),
      z.strictObject({
        type: z.literal('RollingUpdate'),
        maxSurge: z.union([z.number(), z.string()]).optional(),
        maxUnavailable: z.union([z.number(), z.string()]).optional(),
      }),
    ])
    .optional(),
  progressDeadlineSeconds: z.number().int().positive().optional(),
  revisionHistoryLimit: z.number().int().min(0).optional(),
  template: z.strictObject({
    labels,
    annotations: labels.optional(),
    containers: z.array(container).min(1),
    volumes: z.array(volume).optional(),
  }),
});

const secretSpec = z.strictObject({ name: id, namespace: id, stringData: z.record(z.string(), z.string()), type: z.string().optional() });
const configMapSpec = z.strictObject({ name: id, namespace: id, data: z.record(z.string(), z.string()) });

const historyStep = z.discriminatedUnion('action', [
  z.strictObject({ at: z.number(), action: z.literal('createDeployment'), deployment, changeCause: z.string().optional() }),
  z.strictObject({
    at: z.number(),
    action: z.literal('updateDeployment'),
    namespace: id,
    name: id,
    containers: z.array(container).min(1),
    volumes: z.array(volume).optional(),
    /** The template's labels after the deploy (a label rename); absent: as they were. */
    labels: labels.optional(),
    changeCause: z.string().optional(),
  }),
  z.strictObject({ at: z.number(), action: z.literal('scaleDeployment'), namespace: id, name: id, replicas: z.number().int().min(0).max(50) }),
  z.strictObject({
    at: z.number(),
    action: z.literal('createJob'),
    job: z.strictObject({
      name: id,
      namespace: id,
      backoffLimit: z.number().int().min(0).optional(),
      completions: z.number().int().min(1).optional(),
      parallelism: z.number().int().min(1).optional(),
      activeDeadlineSeconds: z.number().int().positive().optional(),
      template: z.strictObject({
        labels: labels.optional(),
        restartPolicy: z.enum(['Never', 'OnFailure']),
        containers: z.array(container).min(1),
      }),
    }),
  }),
  z.strictObject({ at: z.number(), action: z.literal('createSecret'), secret: secretSpec }),
  z.strictObject({ at: z.number(), action: z.literal('createConfigMap'), configMap: configMapSpec }),
  z.strictObject({ at: z.number(), action: z.literal('updateConfigMap'), configMap: configMapSpec }),
  z.strictObject({ at: z.number(), action: z.literal('recreateSecret'), secret: secretSpec }),
  z.strictObject({ at: z.number(), action: z.literal('restartDeployment'), namespace: id, name: id, changeCause: z.string().optional() }),
]);

/** A memory quantity as the API writes it: 256Mi, 1Gi, 500M, 1048576. */
const quantity = z.string().regex(/^\d+(\.\d+)?(Ki|Mi|Gi|Ti|k|M|G|T)?$/, 'expected a quantity such as 256Mi');

const condition = z.strictObject({
  envSet: z.array(nonEmpty).optional(),
  envMissing: z.array(nonEmpty).optional(),
  envEquals: z.record(z.string(), z.string()).optional(),
  envExists: z.array(nonEmpty).optional(),
  memoryLimitAtLeast: quantity.optional(),
  memoryLimitBelow: quantity.optional(),
  servicesReachable: z.array(id).optional(),
  servicesUnreachable: z.array(id).optional(),
  facts: z.record(z.string(), z.string()).optional(),
  fileExists: z.array(nonEmpty).optional(),
  fileMissing: z.array(nonEmpty).optional(),
  fileContains: z.record(z.string(), z.string()).optional(),
});

const probeRule = z.strictObject({
  after: z.number().min(0).optional(),
  until: z.number().min(0).optional(),
  when: condition.optional(),
  status: z.number().int().min(100).max(599).optional(),
  exitCode: z.number().int().min(0).max(255).optional(),
  output: z.string().optional(),
});

const outcome = z.strictObject({
  when: condition.optional(),
  logs: z.array(z.strictObject({ after: z.number().min(0), text: z.string() })),
  exit: z.strictObject({ after: z.number().min(0), code: z.number().int().min(0).max(255) }).optional(),
  readyAfter: z.number().min(0).optional(),
  setsFacts: z.record(z.string(), z.string()).optional(),
  memory: z.strictObject({ mib: z.number().min(0), growMibPerMinute: z.number().min(0).optional() }).optional(),
  probes: z
    .strictObject({
      ports: z.array(z.number().int().min(1).max(65535)).optional(),
      http: z.record(z.string(), z.union([z.number().int().min(100).max(599), z.array(probeRule)])).optional(),
      exec: z.record(z.string(), z.array(probeRule)).optional(),
      hangAfter: z.number().min(0).optional(),
    })
    .optional(),
  onSigterm: z.strictObject({ after: z.number().min(0), code: z.number().int().min(0).max(255) }).optional(),
  cpuMillicores: z.number().min(0).optional(),
  http: z
    .array(z.strictObject({ path: z.string().regex(/^\//, 'expected a path such as /healthz'), status: z.number().int().min(100).max(599).optional(), body: z.string().optional() }))
    .optional(),
});

const world = z.strictObject({
  seed: z.number().int(),
  contextNamespace: id,
  nodes: z
    .array(
      z.strictObject({
        name: nonEmpty,
        internalIP: z.ipv4(),
        podCIDR: z.string().regex(/^\d+\.\d+\.\d+\.0\/24$/, 'expected a /24 such as 10.244.1.0/24'),
        cpu: z.string().regex(/^\d+(\.\d+)?m?$/, 'expected a CPU quantity such as 4 or 3500m').optional(),
        memory: quantity.optional(),
      }),
    )
    .min(1),
  namespaces: z.array(id),
  secrets: z.array(secretSpec).optional(),
  configMaps: z.array(configMapSpec).optional(),
  services: z
    .array(
      z.strictObject({
        name: id,
        namespace: id,
        labels: labels.optional(),
        selector: labels,
        ports: z
          .array(
            z.strictObject({
              name: z.string().optional(),
              port: z.number().int().min(1).max(65535),
              targetPort: z.union([z.number().int().min(1).max(65535), nonEmpty]),
              protocol: z.enum(['TCP', 'UDP']).optional(),
            }),
          )
          .min(1),
        type: z.enum(['ClusterIP', 'NodePort', 'LoadBalancer']).optional(),
      }),
    )
    .optional(),
  history: z.array(historyStep),
  images: z.array(z.strictObject({ image: nonEmpty, outcomes: z.array(outcome).min(1) })),
  /**
   * Image references the registry does not have (a mistyped tag): history may name them, and every
   * pull fails as containerd reports a missing manifest (ErrImagePull, then ImagePullBackOff).
   */
  missingImages: z.array(nonEmpty).optional(),
  facts: z.record(z.string(), z.string()).optional(),
  files: z.record(z.string().regex(/^[A-Za-z0-9._-]+(?:\/[A-Za-z0-9._-]+)*$/, 'expected a relative path such as fixes/api.yaml'), z.string()).optional(),
});

// ---- the story and the game ----

/** How a clue is revealed: the learner ran a matching command and its output matched. */
const revealRule = z.strictObject({
  /** Matched against the typed line (with a leading `k` read as `kubectl`). */
  command: regex.optional(),
  /** Matched line by line against what the command printed (stdout and stderr). */
  output: regex,
});

const clue = z.strictObject({
  id,
  /** Short, as a learner would say it: shown on the board's evidence list. */
  title: nonEmpty,
  /** The timeline entry when it is revealed. */
  finding: nonEmpty,
  reveal: z.array(revealRule).min(1),
});

const step = z.strictObject({
  id,
  title: nonEmpty,
  /** The step is done when any of these clues has been revealed. */
  clues: z.array(id).min(1),
});

const hintSet = z.strictObject({
  id,
  title: nonEmpty,
  levels: z.array(z.strictObject({ text: nonEmpty, cost: z.number().int().min(0).max(50) })).min(1),
});

const card = z.strictObject({
  id,
  text: nonEmpty,
  /** Clues that prove it. Empty: it cannot be proven here (an assumption, or a red herring). */
  supportedBy: z.array(id),
  /** Shown on the results screen: why it is a fact or an assumption. */
  explanation: nonEmpty,
});

const decisionOption = z.strictObject({
  /** hold: change nothing in the cluster (a false alarm, or a fix that belongs outside it). */
  choice: z.enum(['rollback', 'fix-forward', 'hold']),
  label: nonEmpty,
  description: nonEmpty,
  feedback: nonEmpty,
  /**
   * Typed lines that carry this choice out (the game notices them in the terminal). A hold has
   * none: the learner chooses it in the decision panel.
   */
  commands: z.array(regex).default([]),
});

const sectionNames = ['summary', 'impact', 'rootCause', 'trigger', 'resolution', 'actionItems'] as const;

const rubricRule = z.strictObject({
  minLength: z.number().int().min(0).default(20),
  /** Each entry is a regular expression (case-insensitive) the section must match. */
  mustMention: z.array(z.strictObject({ pattern: regex, feedback: nonEmpty })).default([]),
  ok: nonEmpty,
});

const postmortemDraft = z.strictObject({
  summary: nonEmpty,
  impact: nonEmpty,
  rootCause: nonEmpty,
  trigger: nonEmpty,
  resolution: nonEmpty,
  actionItems: nonEmpty,
  timeline: nonEmpty.optional(),
  detection: nonEmpty.optional(),
  wentWell: nonEmpty.optional(),
  wentBadly: nonEmpty.optional(),
});

export const scenarioSchema = z.strictObject({
  id,
  title: nonEmpty,
  summary: nonEmpty,
  /** What fails, as the picker's card names it: "CrashLoopBackOff", "No endpoints", "False alarm". */
  failureType: z.string().min(1).max(40),
  difficulty: z.enum(['beginner', 'intermediate', 'advanced']),
  estimatedMinutes: z.number().int().min(1).max(180),
  objectives: z.array(nonEmpty).min(1),
  brief: z.strictObject({
    alert: z.strictObject({ title: nonEmpty, text: nonEmpty }),
    context: nonEmpty,
  }),
  world,
  /** Scripted happenings shown on the timeline, seconds relative to arrival. */
  timeline: z.array(z.strictObject({ at: z.number(), text: nonEmpty })),
  clues: z.array(clue).min(1),
  steps: z.array(step).min(1),
  hints: z.array(hintSet),
  board: z.array(card).min(1),
  decision: z.strictObject({
    question: nonEmpty,
    recommended: z.enum(['rollback', 'fix-forward', 'hold']),
    options: z.array(decisionOption).min(2).max(3),
  }),
  recovery: z.strictObject({
    namespace: id,
    deployment: id,
    /** Ready endpoints required behind this Service. */
    service: id.optional(),
    /** No container may have restarted within this many seconds. */
    stableSeconds: z.number().int().min(0).max(3600),
  }),
  postmortem: z.strictObject(
    Object.fromEntries(sectionNames.map((name) => [name, rubricRule])) as Record<(typeof sectionNames)[number], typeof rubricRule>,
  ),
  answerKey: z.strictObject({
    severity: z.enum(['SEV1', 'SEV2', 'SEV3', 'SEV4']),
    severityWhy: nonEmpty,
    explanation: nonEmpty,
    expectedPath: z.array(z.strictObject({ command: nonEmpty, why: nonEmpty })).min(1),
    examplePostmortem: postmortemDraft,
  }),
});

export type Scenario = z.infer<typeof scenarioSchema>;
export type ClueSpec = Scenario['clues'][number];
export type RubricRule = Scenario['postmortem']['summary'];

// The world the schema accepts must be one the simulator can build.
type Assignable<T extends WorldSpec> = T;
export type CheckedWorld = Assignable<Scenario['world']>;

function pathText(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out === '' ? String(part) : `.${String(part)}`;
  return out === '' ? '(top level)' : out;
}

/** Cross-references zod cannot see: ids that must exist, times that must make sense. */
function checkReferences(s: Scenario): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const clueIds = new Set(s.clues.map((c) => c.id));
  const unique = (items: { id: string }[], where: string) => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      if (seen.has(item.id)) problems.push({ path: `${where}[${i}].id`, message: `duplicate id "${item.id}"` });
      seen.add(item.id);
    });
  };
  unique(s.clues, 'clues');
  unique(s.steps, 'steps');
  unique(s.hints, 'hints');
  unique(s.board, 'board');
  s.steps.forEach((st, i) =>
    st.clues.forEach((c, j) => {
      if (!clueIds.has(c)) problems.push({ path: `steps[${i}].clues[${j}]`, message: `expected the id of a clue, got "${c}"` });
    }),
  );
  s.board.forEach((card, i) =>
    card.supportedBy.forEach((c, j) => {
      if (!clueIds.has(c)) problems.push({ path: `board[${i}].supportedBy[${j}]`, message: `expected the id of a clue, got "${c}"` });
    }),
  );
  const choices = s.decision.options.map((o) => o.choice);
  if (new Set(choices).size !== choices.length) {
    problems.push({ path: 'decision.options', message: 'expected each choice (rollback, fix-forward, hold) at most once' });
  }
  if (!choices.includes(s.decision.recommended)) {
    problems.push({ path: 'decision.recommended', message: `expected one of the options' choices (${choices.join(', ')}), got "${s.decision.recommended}"` });
  }
  s.decision.options.forEach((o, i) => {
    if (o.choice !== 'hold' && o.commands.length === 0) {
      problems.push({ path: `decision.options[${i}].commands`, message: `expected at least one command pattern that carries out ${o.choice} in the terminal` });
    }
    if (o.choice === 'hold' && o.commands.length > 0) {
      problems.push({ path: `decision.options[${i}].commands`, message: 'expected no commands for hold: holding means changing nothing' });
    }
  });
  const images = new Set(s.world.images.map((i) => i.image));
  const missing = new Set(s.world.missingImages ?? []);
  (s.world.missingImages ?? []).forEach((image, i) => {
    if (images.has(image)) problems.push({ path: `world.missingImages[${i}]`, message: `expected an image the registry lacks, but "${image}" is described in world.images` });
  });
  s.world.history.forEach((h, i) => {
    const containers =
      h.action === 'createDeployment'
        ? h.deployment.template.containers
        : h.action === 'createJob'
          ? h.job.template.containers
          : h.action === 'updateDeployment'
            ? h.containers
            : [];
    containers.forEach((c, j) => {
      if (!images.has(c.image) && !missing.has(c.image)) {
        const where =
          h.action === 'createDeployment'
            ? `world.history[${i}].deployment.template.containers[${j}].image`
            : h.action === 'createJob'
              ? `world.history[${i}].job.template.containers[${j}].image`
              : `world.history[${i}].containers[${j}].image`;
        problems.push({ path: where, message: `expected an image described in world.images (or listed in world.missingImages), got "${c.image}"` });
      }
    });
  });
  s.world.history.forEach((h, i) => {
    if (h.action !== 'updateDeployment' || h.labels === undefined) return;
    const created = s.world.history.find((c) => c.action === 'createDeployment' && c.deployment.name === h.name && c.deployment.namespace === h.namespace);
    if (created?.action !== 'createDeployment') return;
    const unmatched = Object.entries(created.deployment.selector).filter(([k, v]) => h.labels![k] !== v);
    if (unmatched.length > 0) {
      problems.push({ path: `world.history[${i}].labels`, message: `expected labels that match the deployment's selector (the API server rejects a template it does not select), missing ${unmatched.map(([k, v]) => `${k}=${v}`).join(', ')}` });
    }
  });
  if (!s.world.namespaces.includes(s.recovery.namespace) && s.recovery.namespace !== 'default') {
    problems.push({ path: 'recovery.namespace', message: `expected one of world.namespaces, got "${s.recovery.namespace}"` });
  }
  return problems;
}

/** Validates a parsed value; throws an Error naming the file, the path and the expectation. */
export function validateScenario(value: unknown, fileName: string): Scenario {
  const result = scenarioSchema.safeParse(value);
  if (!result.success) {
    const lines = result.error.issues.slice(0, 10).map((issue) => `  at ${pathText(issue.path)}: ${issue.message}`);
    const more = result.error.issues.length > 10 ? `\n  …and ${result.error.issues.length - 10} more` : '';
    throw new Error(`${fileName}: invalid scenario\n${lines.join('\n')}${more}`);
  }
  const problems = checkReferences(result.data);
  if (problems.length > 0) {
    throw new Error(`${fileName}: invalid scenario\n${problems.map((p) => `  at ${p.path}: ${p.message}`).join('\n')}`);
  }
  return result.data;
}

/** Parses scenario YAML text (YAML syntax errors name the line and column). */
export function parseScenario(text: string, fileName: string): Scenario {
  let value: unknown;
  try {
    value = parseYaml(text, { prettyErrors: true, uniqueKeys: true });
  } catch (error) {
    const detail = error instanceof YAMLParseError ? error.message : String(error);
    throw new Error(`${fileName}: not valid YAML\n  ${detail.split('\n').join('\n  ')}`, { cause: error });
  }
  return validateScenario(value, fileName);
}
