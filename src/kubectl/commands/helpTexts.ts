/**
 * `--help` texts in kubectl's layout, shortened to the commands and flags Firedrill simulates.
 * Wording follows kubectl 1.32's own help so that what learners read here holds on a real cluster.
 */

const FOOTER = 'Use "kubectl options" for a list of global command-line options (applies to all commands).\n';

function help(parts: { long: string; examples: string[][]; options: [string, string][]; usage: string }): string {
  const ex = parts.examples.map(([c, cmd]) => `  # ${c}\n  ${cmd}`).join('\n  \n');
  const opts = parts.options.map(([f, d]) => `    ${f}:\n\t${d}`).join('\n\n');
  return `${parts.long}\n\nExamples:\n${ex}\n\nOptions:\n${opts}\n\nUsage:\n  ${parts.usage}\n\n${FOOTER}`;
}

export const ROOT_HELP = `kubectl controls the Kubernetes cluster manager.

 Find more information at: https://kubernetes.io/docs/reference/kubectl/

Basic Commands (Beginner):
  create          Create a resource from a file or from stdin
  set             Set specific features on objects

Basic Commands (Intermediate):
  explain         Get documentation for a resource
  get             Display one or many resources
  edit            Edit a resource on the server
  delete          Delete resources by file names, stdin, resources and names, or by resources and label selector

Deploy Commands:
  rollout         Manage the rollout of a resource
  scale           Set a new size for a deployment, replica set, or replication controller

Cluster Management Commands:
  cluster-info    Display cluster information
  top             Display resource (CPU/memory) usage

Troubleshooting and Debugging Commands:
  describe        Show details of a specific resource or group of resources
  logs            Print the logs for a container in a pod
  exec            Execute a command in a container
  events          List events

Advanced Commands:
  apply           Apply a configuration to a resource by file name or stdin
  patch           Update fields of a resource

Other Commands:
  api-resources   Print the supported API resources on the server
  config          Modify kubeconfig files
  version         Print the client and server version information

(Firedrill simulates the commands above; a real kubectl has many more.)

Usage:
  kubectl [flags] [options]

Use "kubectl <command> --help" for more information about a given command.
${FOOTER}`;

export const GET_HELP = help({
  long:
    'Display one or many resources.\n\n Prints a table of the most important information about the specified resources. You can filter the list using a label selector and the --selector flag. If the desired resource type is namespaced you will only see results in the current namespace if you don\'t specify any namespace.\n\n By specifying the output as \'template\' and providing a Go template as the value of the --template flag, you can filter the attributes of the fetched resources.\n\nUse "kubectl api-resources" for a complete list of supported resources.',
  examples: [
    ['List all pods in ps output format', 'kubectl get pods'],
    ['List all pods in ps output format with more information (such as node name)', 'kubectl get pods -o wide'],
    ['List a single replication controller with specified NAME in ps output format', 'kubectl get replicationcontroller web'],
    ['List deployments in JSON output format, in the "v1" version of the "apps" API group', 'kubectl get deployments.v1.apps -o json'],
    ['List a single pod in JSON output format', 'kubectl get -o json pod web-pod-13je7'],
    ['List all replication controllers and services together in ps output format', 'kubectl get rc,services'],
    ['List one or more resources by their type and names', 'kubectl get rc/web service/frontend pods/web-pod-13je7'],
  ],
  options: [
    ['-A, --all-namespaces=false', 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.'],
    ['--ignore-not-found=false', 'If the requested object does not exist the command will return exit code 0.'],
    ['--no-headers=false', 'When using the default or custom-column output format, don\'t print headers (default print headers).'],
    ['-o, --output=\'\'', 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file, custom-columns, custom-columns-file, wide). See custom columns [https://kubernetes.io/docs/reference/kubectl/#custom-columns], golang template [http://golang.org/pkg/text/template/#pkg-overview] and jsonpath template [https://kubernetes.io/docs/reference/kubectl/jsonpath/].'],
    ['-l, --selector=\'\'', "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints."],
    ['--show-kind=false', 'If present, list the resource type for the requested object(s).'],
  ],
  usage: 'kubectl get [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file|custom-columns|custom-columns-file|wide] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags] [options]',
});

export const DESCRIBE_HELP = help({
  long:
    'Show details of a specific resource or group of resources.\n\n Print a detailed description of the selected resources, including related resources such as events or controllers. You may select a single object by name, all objects of that type, provide a name prefix, or label selector. For example:\n\n        $ kubectl describe TYPE NAME_PREFIX\n        \n will first check for an exact match on TYPE and NAME_PREFIX. If no such resource exists, it will output details for every resource that has a name prefixed with NAME_PREFIX.\n\nUse "kubectl api-resources" for a complete list of supported resources.',
  examples: [
    ['Describe a pod', 'kubectl describe pods/nginx'],
    ['Describe pods by label name=myLabel', 'kubectl describe pods -l name=myLabel'],
    ["Describe all pods managed by the 'frontend' replication controller\n  # (rc-created pods get the name of the rc as a prefix in the pod name)", 'kubectl describe pods frontend'],
  ],
  options: [
    ['-A, --all-namespaces=false', 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.'],
    ['-l, --selector=\'\'', "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints."],
    ['--show-events=true', 'If true, display events related to the described object.'],
  ],
  usage: 'kubectl describe (-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME) [options]',
});

/** `kubectl logs -h`, as kubectl 1.32 prints it (every flag is simulated). */
export const LOGS_HELP = "Print the logs for a container in a pod or specified resource. If the pod has only one container, the container name is optional.\n\nExamples:\n  # Return snapshot logs from pod nginx with only one container\n  kubectl logs nginx\n  \n  # Return snapshot logs from pod nginx, prefixing each line with the source pod and container name\n  kubectl logs nginx --prefix\n  \n  # Return snapshot logs from pod nginx, limiting output to 500 bytes\n  kubectl logs nginx --limit-bytes=500\n  \n  # Return snapshot logs from pod nginx, waiting up to 20 seconds for it to start running.\n  kubectl logs nginx --pod-running-timeout=20s\n  \n  # Return snapshot logs from pod nginx with multi containers\n  kubectl logs nginx --all-containers=true\n  \n  # Return snapshot logs from all pods in the deployment nginx\n  kubectl logs deployment/nginx --all-pods=true\n  \n  # Return snapshot logs from all containers in pods defined by label app=nginx\n  kubectl logs -l app=nginx --all-containers=true\n  \n  # Return snapshot logs from all pods defined by label app=nginx, limiting concurrent log requests to 10 pods\n  kubectl logs -l app=nginx --max-log-requests=10\n  \n  # Return snapshot of previous terminated ruby container logs from pod web-1\n  kubectl logs -p -c ruby web-1\n  \n  # Begin streaming the logs from pod nginx, continuing even if errors occur\n  kubectl logs nginx -f --ignore-errors=true\n  \n  # Begin streaming the logs of the ruby container in pod web-1\n  kubectl logs -f -c ruby web-1\n  \n  # Begin streaming the logs from all containers in pods defined by label app=nginx\n  kubectl logs -f -l app=nginx --all-containers=true\n  \n  # Display only the most recent 20 lines of output in pod nginx\n  kubectl logs --tail=20 nginx\n  \n  # Show all logs from pod nginx written in the last hour\n  kubectl logs --since=1h nginx\n  \n  # Show all logs with timestamps from pod nginx starting from August 30, 2024, at 06:00:00 UTC\n  kubectl logs nginx --since-time=2024-08-30T06:00:00Z --timestamps=true\n  \n  # Show logs from a kubelet with an expired serving certificate\n  kubectl logs --insecure-skip-tls-verify-backend nginx\n  \n  # Return snapshot logs from first container of a job named hello\n  kubectl logs job/hello\n  \n  # Return snapshot logs from container nginx-1 of a deployment named nginx\n  kubectl logs deployment/nginx -c nginx-1\n\nOptions:\n    --all-containers=false:\n\tGet all containers' logs in the pod(s).\n\n    --all-pods=false:\n\tGet logs from all pod(s). Sets prefix to true.\n\n    -c, --container='':\n\tPrint the logs of this container\n\n    -f, --follow=false:\n\tSpecify if the logs should be streamed.\n\n    --ignore-errors=false:\n\tIf watching / following pod logs, allow for any errors that occur to be non-fatal\n\n    --insecure-skip-tls-verify-backend=false:\n\tSkip verifying the identity of the kubelet that logs are requested from.  In theory, an attacker could provide invalid log content back. You might want to use this if your kubelet serving certificates have expired.\n\n    --limit-bytes=0:\n\tMaximum bytes of logs to return. Defaults to no limit.\n\n    --max-log-requests=5:\n\tSpecify maximum number of concurrent logs to follow when using by a selector. Defaults to 5.\n\n    --pod-running-timeout=20s:\n\tThe length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running\n\n    --prefix=false:\n\tPrefix each log line with the log source (pod name and container name)\n\n    -p, --previous=false:\n\tIf true, print the logs for the previous instance of the container in a pod if it exists.\n\n    -l, --selector='':\n\tSelector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.\n\n    --since=0s:\n\tOnly return logs newer than a relative duration like 5s, 2m, or 3h. Defaults to all logs. Only one of since-time / since may be used.\n\n    --since-time='':\n\tOnly return logs after a specific date (RFC3339). Defaults to all logs. Only one of since-time / since may be used.\n\n    --tail=-1:\n\tLines of recent log file to display. Defaults to -1 with no selector, showing all log lines otherwise 10, if a selector is provided.\n\n    --timestamps=false:\n\tInclude timestamps on each line in the log output\n\nUsage:\n  kubectl logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER] [options]\n\nUse \"kubectl options\" for a list of global command-line options (applies to all commands).\n";

export const ROLLOUT_HELP = `Manage the rollout of one or many resources.
        
 Valid resource types include:

  *  deployments
  *  daemonsets
  *  statefulsets

Examples:
  # Rollback to the previous deployment
  kubectl rollout undo deployment/abc
  
  # Check the rollout status of a daemonset
  kubectl rollout status daemonset/foo

Available Commands:
  history       View rollout history
  status        Show the status of the rollout
  undo          Undo a previous rollout

Usage:
  kubectl rollout SUBCOMMAND [options]

Use "kubectl rollout <command> --help" for more information about a given command.
${FOOTER}`;

export const ROLLOUT_HISTORY_HELP = help({
  long: 'View previous rollout revisions and configurations.',
  examples: [
    ['View the rollout history of a deployment', 'kubectl rollout history deployment/abc'],
    ['View the details of daemonset revision 3', 'kubectl rollout history daemonset/abc --revision=3'],
  ],
  options: [['--revision=0', 'See the details, including podTemplate of the revision specified']],
  usage: 'kubectl rollout history (TYPE NAME | TYPE/NAME) [flags] [options]',
});

export const ROLLOUT_STATUS_HELP = help({
  long:
    "Show the status of the rollout.\n\n By default 'rollout status' will watch the status of the latest rollout until it's done. If you don't want to wait for the rollout to finish then you can use --watch=false. Note that if a new rollout starts in-between, then 'rollout status' will continue watching the latest revision. If you want to pin to a specific revision and abort if it is rolled over by another revision, use --revision=N where N is the revision you need to watch for.",
  examples: [['Watch the rollout status of a deployment', 'kubectl rollout status deployment/nginx']],
  options: [
    ['--revision=0', 'Pin to a specific revision for showing its status. Defaults to 0 (last revision).'],
    ['--timeout=0s', 'The length of time to wait before ending watch, zero means never. Any other values should contain a corresponding time unit (e.g. 1s, 2m, 3h).'],
    ['-w, --watch=true', 'Watch the status of the rollout until it\'s done.'],
  ],
  usage: 'kubectl rollout status (TYPE NAME | TYPE/NAME) [flags] [options]',
});

export const ROLLOUT_UNDO_HELP = help({
  long: 'Roll back to a previous rollout.',
  examples: [
    ['Roll back to the previous deployment', 'kubectl rollout undo deployment/abc'],
    ['Roll back to daemonset revision 3', 'kubectl rollout undo daemonset/abc --to-revision=3'],
    ['Roll back to the previous deployment with dry-run', 'kubectl rollout undo --dry-run=server deployment/abc'],
  ],
  options: [['--to-revision=0', 'The revision to rollback to. Default to 0 (last revision).']],
  usage: 'kubectl rollout undo (TYPE NAME | TYPE/NAME) [flags] [options]',
});

export const EVENTS_HELP = help({
  long:
    'Display events.\n\n Prints a table of the most important information about events. You can request events for a namespace, for all namespace, or filtered to only those pertaining to a specified resource.',
  examples: [
    ['List recent events in the default namespace', 'kubectl events'],
    ['List recent events in all namespaces', 'kubectl events --all-namespaces'],
    ['List recent events for the specified pod, then wait for more events and list them as they arrive', 'kubectl events --for pod/web-pod-13je7 --watch'],
    ['List recent events in YAML format', 'kubectl events -oyaml'],
    ["List recent only events of type 'Warning' or 'Normal'", 'kubectl events --types=Warning,Normal'],
  ],
  options: [
    ['-A, --all-namespaces=false', 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.'],
    ['--for=\'\'', 'Filter events to only those pertaining to the specified resource.'],
    ['--no-headers=false', "When using the default output format, don't print headers."],
    ['--types=[]', 'Output only events of given types.'],
  ],
  usage: 'kubectl events [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file] [--for TYPE/NAME] [--watch] [--types=Normal,Warning] [options]',
});

export const CONFIG_HELP = `Modify kubeconfig files using subcommands like "kubectl config set current-context my-context".

Available Commands:
  current-context   Display the current-context
  get-contexts      Describe one or many contexts
  set-context       Set a context entry in kubeconfig
  use-context       Set the current-context in a kubeconfig file
  view              Display merged kubeconfig settings or a specified kubeconfig file

Usage:
  kubectl config SUBCOMMAND [options]

Use "kubectl config <command> --help" for more information about a given command.
${FOOTER}`;

function simple(long: string, examples: string[][], usage: string): string {
  const ex = examples.map(([c, cmd]) => `  # ${c}\n  ${cmd}`).join('\n  \n');
  return `${long}\n\nExamples:\n${ex}\n\nUsage:\n  ${usage}\n\n${FOOTER}`;
}

/** `kubectl config current-context -h`, as kubectl 1.32 prints it. */
export const CONFIG_CURRENT_CONTEXT_HELP = "Display the current-context.\n\nExamples:\n  # Display the current-context\n  kubectl config current-context\n\nUsage:\n  kubectl config current-context [flags] [options]\n\nUse \"kubectl options\" for a list of global command-line options (applies to all commands).\n";
export const CONFIG_GET_CONTEXTS_HELP = simple(
  'Display one or many contexts from the kubeconfig file.',
  [['List all the contexts in your kubeconfig file', 'kubectl config get-contexts'], ['Describe one context in your kubeconfig file', 'kubectl config get-contexts my-context']],
  'kubectl config get-contexts [(-o|--output=)name)] [options]',
);
export const CONFIG_VIEW_HELP = simple(
  'Display merged kubeconfig settings or a specified kubeconfig file.\n\n You can use --output jsonpath={...} to extract specific values using a jsonpath expression.',
  [['Show merged kubeconfig settings', 'kubectl config view']],
  'kubectl config view [flags] [options]',
);
export const CONFIG_SET_CONTEXT_HELP = simple(
  'Set a context entry in kubeconfig.\n\n Specifying a name that already exists will merge new fields on top of existing values for those fields.',
  [['Set the user field on the gce context entry without touching other values', 'kubectl config set-context gce --user=cluster-admin']],
  'kubectl config set-context [NAME | --current] [--cluster=cluster_nickname] [--user=user_nickname] [--namespace=namespace] [options]',
);
export const CONFIG_USE_CONTEXT_HELP = `Set the current-context in a kubeconfig file.

Aliases:
use-context, use

Examples:
  # Use the context for the minikube cluster
  kubectl config use-context minikube

Usage:
  kubectl config use-context CONTEXT_NAME [options]

${FOOTER}`;

export const VERSION_HELP = simple(
  'Print the client and server version information for the current context.',
  [['Print the client and server versions for the current context', 'kubectl version']],
  'kubectl version [flags] [options]',
);
export const API_RESOURCES_HELP = simple(
  'Print the supported API resources on the server.',
  [['Print the supported API resources', 'kubectl api-resources'], ['Print the supported namespaced resources', 'kubectl api-resources --namespaced=true']],
  'kubectl api-resources [flags] [options]',
);
export const CLUSTER_INFO_HELP = simple(
  "Display addresses of the control plane and services with label kubernetes.io/cluster-service=true. To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.",
  [['Print the address of the control plane and cluster services', 'kubectl cluster-info']],
  'kubectl cluster-info [flags] [options]',
);

/** `kubectl explain -h`, as kubectl 1.32 prints it (every flag is simulated). */
export const EXPLAIN_HELP = "Describe fields and structure of various resources.\n\n This command describes the fields associated with each supported API resource. Fields are identified via a simple JSONPath identifier:\n\n        <type>.<fieldName>[.<fieldName>]\n        \n Information about each field is retrieved from the server in OpenAPI format.\n\nUse \"kubectl api-resources\" for a complete list of supported resources.\n\nExamples:\n  # Get the documentation of the resource and its fields\n  kubectl explain pods\n  \n  # Get all the fields in the resource\n  kubectl explain pods --recursive\n  \n  # Get the explanation for deployment in supported api versions\n  kubectl explain deployments --api-version=apps/v1\n  \n  # Get the documentation of a specific field of a resource\n  kubectl explain pods.spec.containers\n  \n  # Get the documentation of resources in different format\n  kubectl explain deployment --output=plaintext-openapiv2\n\nOptions:\n    --api-version='':\n\tUse given api-version (group/version) of the resource.\n\n    -o, --output='plaintext':\n\tFormat in which to render the schema. Valid values are: (plaintext, plaintext-openapiv2).\n\n    --recursive=false:\n\tWhen true, print the name of all the fields recursively. Otherwise, print the available fields with their description.\n\nUsage:\n  kubectl explain TYPE [--recursive=FALSE|TRUE] [--api-version=api-version-group] [-o|--output=plaintext|plaintext-openapiv2] [options]\n\nUse \"kubectl options\" for a list of global command-line options (applies to all commands).\n";
