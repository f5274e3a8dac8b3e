/**
 * What a scenario says about its cluster: the starting objects, the scripted history that leads to
 * the moment the learner arrives, and how each container image behaves given what it gets.
 * The incident layer's zod schema validates YAML into this shape (it must stay assignable to it).
 *
 * Times in `history` are seconds relative to the learner's arrival (t = 0, negative = before).
 */

export interface WorldSpec {
  /** Seeds every generated name, IP and id: same seed + same inputs -> same world. */
  seed: number;
  /** The kubectl context's namespace when the learner arrives. */
  contextNamespace: string;
  nodes: NodeSpec[];
  namespaces: string[];
  secrets?: SecretSpec[];
  configMaps?: ConfigMapSpec[];
  services?: ServiceSpec[];
  /** Scripted changes, applied at their times before (or after) arrival, in order. */
  history: HistoryStep[];
  /** How containers behave, by exact image reference. */
  images: ImageBehaviour[];
  /**
   * Facts about the world outside the cluster (e.g. `dbSchema: "3"`) that behaviour can depend on
   * and that a run completing can change (a migration job bumping the schema).
   */
  facts?: Record<string, string>;
  /**
   * Files in the learner's working directory (path -> text), e.g. a fixed manifest to
   * `kubectl apply -f`. The shell's `ls` and `cat` show them; the cluster does not read them.
   */
  files?: Record<string, string>;
}

export interface NodeSpec {
  name: string;
  internalIP: string;
  /** Pod IPs on this node are allocated from this /24, e.g. "10.244.1.0/24". */
  podCIDR: string;
  /** Capacity (default 4 CPUs, 16375356Ki); allocatable is what the scheduler fits requests into. */
  cpu?: string;
  memory?: string;
}

export interface SecretSpec {
  name: string;
  namespace: string;
  /** Plain text values; the simulator stores them base64-encoded as the API does. */
  stringData: Record<string, string>;
  type?: string;
}

export interface ConfigMapSpec {
  name: string;
  namespace: string;
  data: Record<string, string>;
}

export interface ServiceSpec {
  name: string;
  namespace: string;
  labels?: Record<string, string>;
  selector: Record<string, string>;
  ports: { name?: string; port: number; targetPort: number | string; protocol?: 'TCP' | 'UDP' }[];
  type?: 'ClusterIP' | 'NodePort' | 'LoadBalancer';
}

export interface EnvVarSpec {
  name: string;
  value?: string;
  valueFrom?: {
    secretKeyRef?: { name: string; key: string; optional?: boolean };
    configMapKeyRef?: { name: string; key: string; optional?: boolean };
  };
}

export interface EnvFromSpec {
  prefix?: string;
  secretRef?: { name: string; optional?: boolean };
  configMapRef?: { name: string; optional?: boolean };
}

/** A probe as the pod template writes it; defaults as the API server applies them. */
export interface ProbeSpec {
  httpGet?: { path?: string; port: number | string; scheme?: 'HTTP' | 'HTTPS'; host?: string };
  tcpSocket?: { port: number | string; host?: string };
  exec?: { command: string[] };
  initialDelaySeconds?: number;
  /** Default 1. */
  timeoutSeconds?: number;
  /** Default 10. */
  periodSeconds?: number;
  /** Default 1 (must be 1 for liveness and startup). */
  successThreshold?: number;
  /** Default 3. */
  failureThreshold?: number;
}

export interface ContainerSpec {
  name: string;
  image: string;
  ports?: { containerPort: number; name?: string; protocol?: 'TCP' | 'UDP' }[];
  env?: EnvVarSpec[];
  /** Every key of a Secret or ConfigMap as an env var (prefixed); `env` entries override them. */
  envFrom?: EnvFromSpec[];
  livenessProbe?: ProbeSpec;
  readinessProbe?: ProbeSpec;
  startupProbe?: ProbeSpec;
  resources?: {
    requests?: { cpu?: string; memory?: string };
    limits?: { cpu?: string; memory?: string };
  };
  /** Volumes of the pod template mounted into this container. */
  volumeMounts?: VolumeMountSpec[];
}

export interface VolumeMountSpec {
  /** The name of a volume of the pod template. */
  name: string;
  mountPath: string;
  readOnly?: boolean;
  /** One file or directory of the volume instead of all of it. */
  subPath?: string;
}

/** `items` of a Secret or ConfigMap volume: only these keys, at these paths. */
export interface KeyToPathSpec {
  key: string;
  path: string;
  mode?: number;
}

/** A pod template volume: a Secret's or ConfigMap's keys as files, or an empty directory. */
export interface VolumeSpec {
  name: string;
  secret?: { secretName: string; items?: KeyToPathSpec[]; optional?: boolean; defaultMode?: number };
  configMap?: { name: string; items?: KeyToPathSpec[]; optional?: boolean; defaultMode?: number };
  emptyDir?: { medium?: '' | 'Memory'; sizeLimit?: string };
}

export interface DeploymentSpec {
  name: string;
  namespace: string;
  replicas: number;
  labels: Record<string, string>;
  /** Matches the pod template labels. */
  selector: Record<string, string>;
  strategy?:
    | { type: 'Recreate' }
    | { type: 'RollingUpdate'; maxSurge?: number | string; maxUnavailable?: number | string };
  progressDeadlineSeconds?: number;
  revisionHistoryLimit?: number;
  template: {
    labels: Record<string, string>;
    annotations?: Record<string, string>;
    containers: ContainerSpec[];
    volumes?: VolumeSpec[];
  };
}

export type HistoryStep =
  | { at: number; action: 'createDeployment'; deployment: DeploymentSpec; changeCause?: string }
  /** A new pod template for an existing deployment (a deploy): a new revision. */
  | {
      at: number;
      action: 'updateDeployment';
      namespace: string;
      name: string;
      containers: ContainerSpec[];
      /** The template's volumes after the deploy; absent: the volumes stay as they were. */
      volumes?: VolumeSpec[];
      /**
       * The template's labels after the deploy (a label rename); absent: as they were. They must
       * still match the deployment's selector, as the API server requires.
       */
      labels?: Record<string, string>;
      changeCause?: string;
    }
  /** Someone (or a script) scales a deployment, as `kubectl scale` does: no new revision. */
  | { at: number; action: 'scaleDeployment'; namespace: string; name: string; replicas: number }
  /** A Job (batch/v1), e.g. a schema migration that runs on deploy. */
  | { at: number; action: 'createJob'; job: JobSpec }
  /** Someone creates a Secret or ConfigMap (the fix for a missing volume or env source). */
  | { at: number; action: 'createSecret'; secret: SecretSpec }
  | { at: number; action: 'createConfigMap'; configMap: ConfigMapSpec }
  /** Someone edits a ConfigMap's data in place (`kubectl edit`, `apply`): running containers keep the env they started with. */
  | { at: number; action: 'updateConfigMap'; configMap: ConfigMapSpec }
  /** A Secret deleted and created again with new data (a rotation script): a new uid and creation time. */
  | { at: number; action: 'recreateSecret'; secret: SecretSpec }
  /** `kubectl rollout restart`: the template gains a restartedAt annotation, a new revision whose pods start afresh. */
  | { at: number; action: 'restartDeployment'; namespace: string; name: string; changeCause?: string };

export interface JobSpec {
  name: string;
  namespace: string;
  /** Default 6: retries before the job fails with BackoffLimitExceeded. */
  backoffLimit?: number;
  /** Default 1. */
  completions?: number;
  /** Default 1. */
  parallelism?: number;
  activeDeadlineSeconds?: number;
  template: {
    labels?: Record<string, string>;
    /** Jobs allow only Never and OnFailure. */
    restartPolicy: 'Never' | 'OnFailure';
    containers: ContainerSpec[];
  };
}

/**
 * A container image's behaviour. The first outcome whose `when` holds for what the container gets
 * decides how this run goes; every run of the container is evaluated afresh.
 */
export interface ImageBehaviour {
  image: string;
  outcomes: Outcome[];
}

export interface Condition {
  /** Each of these env vars resolves to a non-empty value. */
  envSet?: string[];
  /** Each of these env vars is absent or empty. */
  envMissing?: string[];
  envEquals?: Record<string, string>;
  /** Each of these env vars is defined (possibly empty). */
  envExists?: string[];
  /** The container's memory limit is at least this quantity (e.g. "512Mi"); no limit counts as unlimited. */
  memoryLimitAtLeast?: string;
  /** The container has a memory limit below this quantity. */
  memoryLimitBelow?: string;
  /** Each of these Services (same namespace) has at least one ready endpoint when the run starts. */
  servicesReachable?: string[];
  /** None of these Services (same namespace) has a ready endpoint when the run starts. */
  servicesUnreachable?: string[];
  /** World facts equal these values when the run starts (an unset fact never equals). */
  facts?: Record<string, string>;
  /** Each of these files (absolute paths in the container, from its volume mounts) exists. */
  fileExists?: string[];
  /** None of these files exists (a volume that is not mounted, an optional object that is absent). */
  fileMissing?: string[];
  /** Each file (absolute path) exists and contains this text, e.g. `{"/etc/taskflow/app.yaml": "queue:"}`. */
  fileContains?: Record<string, string>;
}

export interface Outcome {
  when?: Condition;
  /**
   * Lines written at `after` seconds into the run. `{{time}}` becomes the sim time of the line
   * (RFC 3339, milliseconds), `{{env.NAME}}` the resolved env value, `{{pod}}` the pod name.
   */
  logs: { after: number; text: string }[];
  /** Absent: the process runs until stopped. */
  exit?: { after: number; code: number };
  /** Seconds into the run when the container counts as ready (default 0 when running). */
  readyAfter?: number;
  /** World facts this run sets when it exits with code 0 (e.g. a migration: `dbSchema: "4"`). */
  setsFacts?: Record<string, string>;
  /**
   * Memory the process uses: `mib` from the start, growing by `growMibPerMinute` (a leak, a batch
   * filling up). Past the container's memory limit the kernel kills it: exit 137, OOMKilled.
   */
  memory?: { mib: number; growMibPerMinute?: number };
  /** CPU the process uses while it runs, in millicores (`kubectl top`); default a few millicores. */
  cpuMillicores?: number;
  /**
   * What the process answers over HTTP on its container ports (`kubectl exec ... -- wget -qO-`
   * through a Service): the first entry whose path matches. Absent: every path answers 200 `ok`;
   * present: unlisted paths answer 404. HTTP probes get the same statuses unless `probes.http`
   * says otherwise (say it once here; use `probes.http` for answers that change with time).
   */
  http?: { path: string; status?: number; body?: string }[];
  /** How the process answers the kubelet's probes (see ProbeAnswers); absent: the defaults there. */
  probes?: ProbeAnswers;
  /**
   * How the process takes the SIGTERM of a kubelet that kills it after failed probes: it exits
   * with `code` `after` seconds later; past the grace period (terminationGracePeriodSeconds, 30)
   * it is SIGKILLed: 137. Default: exits at once with 143 (terminated by SIGTERM).
   */
  onSigterm?: { after: number; code: number };
}

/**
 * How a run answers probes. The process listens from `readyAfter` seconds into the run (before
 * that HTTP and TCP probes get "connection refused"); exec probes run in the container at any
 * time. Answers can change with time into the run and with the world (rules with `when`,
 * checked as the probe runs: Services reachable and facts as they are then).
 */
export interface ProbeAnswers {
  /** Ports the process listens on; default: the container's containerPorts (any port if it declares none). */
  ports?: number[];
  /** HTTP status by path: a code, or rules (first that applies; none: 200). Absent: the outcome's `http` statuses, else every path 200; listed but path unlisted: 404. */
  http?: Record<string, number | ProbeRule[]>;
  /** Exec probes by command line (arguments joined with spaces): rules (none applies or unlisted: exit 0, no output). */
  exec?: Record<string, ProbeRule[]>;
  /** From this many seconds into the run the process hangs: HTTP and exec probes time out (TCP still connects). */
  hangAfter?: number;
}

/** One answer, applying from `after` until `until` seconds into the run when `when` holds. */
export interface ProbeRule {
  after?: number;
  until?: number;
  when?: Condition;
  /** HTTP status code (http rules). */
  status?: number;
  /** Exit code (exec rules; default 0) and what the command prints. */
  exitCode?: number;
  output?: string;
}
