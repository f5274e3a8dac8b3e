/**
 * `--field-selector`: kubectl sends the text as is and the API server filters. Each kind supports
 * only the fields its registry declares (metadata.name and metadata.namespace everywhere, a few
 * more per kind); any other field is a BadRequest `field label not supported: F`.
 */
import type { AnyObject } from '../cluster/api';
import type { ResourceType } from './resources';

export interface FieldTerm {
  field: string;
  op: '=' | '!=';
  value: string;
}

export type FieldParse = { ok: true; terms: FieldTerm[] } | { ok: false; error: string };

type Getter = (obj: AnyObject) => string;

/** The string at a dotted path; absent fields read as '' (the server's field sets do the same). */
const at =
  (path: string): Getter =>
  (obj) => {
    let cur: unknown = obj;
    for (const part of path.split('.')) {
      if (typeof cur !== 'object' || cur === null) return '';
      cur = (cur as Record<string, unknown>)[part];
    }
    return cur === undefined || cur === null ? '' : String(cur);
  };
const boolAt =
  (path: string): Getter =>
  (obj) =>
    at(path)(obj) === 'true' ? 'true' : 'false';

/** Fields each kind's registry adds to metadata.name / metadata.namespace (GetAttrs in kube-apiserver). */
const EXTRA: Record<string, Record<string, Getter>> = {
  Pod: {
    'spec.nodeName': at('spec.nodeName'),
    'spec.restartPolicy': at('spec.restartPolicy'),
    'spec.schedulerName': at('spec.schedulerName'),
    'spec.serviceAccountName': at('spec.serviceAccountName'),
    'spec.hostNetwork': boolAt('spec.hostNetwork'),
    'status.phase': at('status.phase'),
    'status.podIP': at('status.podIP'),
    'status.nominatedNodeName': at('status.nominatedNodeName'),
  },
  Event: {
    'involvedObject.kind': at('involvedObject.kind'),
    'involvedObject.namespace': at('involvedObject.namespace'),
    'involvedObject.name': at('involvedObject.name'),
    'involvedObject.uid': at('involvedObject.uid'),
    'involvedObject.apiVersion': at('involvedObject.apiVersion'),
    'involvedObject.resourceVersion': at('involvedObject.resourceVersion'),
    'involvedObject.fieldPath': at('involvedObject.fieldPath'),
    reason: at('reason'),
    reportingComponent: at('reportingComponent'),
    source: at('source.component'),
    type: at('type'),
  },
  Secret: { type: at('type') },
  Node: { 'spec.unschedulable': boolAt('spec.unschedulable') },
  Namespace: { 'status.phase': at('status.phase') },
  ReplicaSet: { 'status.replicas': at('status.replicas') },
  Job: { 'status.successful': at('status.successful') },
};

/** fields.ParseSelector: `f=v`, `f==v`, `f!=v`, comma-separated. */
export function parseFieldSelector(text: string): FieldParse {
  const terms: FieldTerm[] = [];
  if (text === '') return { ok: true, terms };
  for (const part of text.split(',')) {
    const ne = part.indexOf('!=');
    const eq = part.indexOf('=');
    if (ne > 0 && (eq < 0 || ne < eq)) {
      terms.push({ field: part.slice(0, ne).trim(), op: '!=', value: part.slice(ne + 2) });
    } else if (eq > 0) {
      const value = part.slice(part[eq + 1] === '=' ? eq + 2 : eq + 1);
      terms.push({ field: part.slice(0, eq).trim(), op: '=', value });
    } else {
      return { ok: false, error: `invalid selector: '${text}'; can't understand '${part}'` };
    }
  }
  return { ok: true, terms };
}

function getter(rt: ResourceType, field: string): Getter | undefined {
  if (field === 'metadata.name') return at('metadata.name');
  if (field === 'metadata.namespace') return rt.namespaced ? at('metadata.namespace') : () => '';
  return EXTRA[rt.kind]?.[field];
}

/** The first field this type's server does not support, if any. */
export function unsupportedField(rt: ResourceType, terms: readonly FieldTerm[]): string | undefined {
  return terms.find((t) => getter(rt, t.field) === undefined)?.field;
}

export function fieldsMatch(rt: ResourceType, terms: readonly FieldTerm[], obj: AnyObject): boolean {
  return terms.every((t) => {
    const v = getter(rt, t.field)?.(obj) ?? '';
    return t.op === '=' ? v === t.value : v !== t.value;
  });
}

/** kubectl's wrapping of a list's BadRequest when a selector was given (resource helper). */
export function selectorListError(rt: ResourceType, labelSelector: string, fieldSelector: string, message: string): string {
  const gvr = `${rt.group}/${rt.version}, Resource=${rt.resource}`;
  return `Error from server (BadRequest): Unable to find "${gvr}" that match label selector "${labelSelector}", field selector "${fieldSelector}": ${message}`;
}
