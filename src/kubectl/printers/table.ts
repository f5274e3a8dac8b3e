/**
 * Renders the API server's table for `kubectl get KIND`: the columns of printers.go, laid out by
 * kubectl's table printer (upper-case headers, `-o wide` columns, `-A` namespace column,
 * `kind/` name prefix) through its tabwriter.
 */
import type { Kind, KindMap } from '../../cluster/api';
import { TABLE_TABWRITER, tabwrite, tabwriteCells } from './goTabwriter';
import { kindWithGroup } from './kindNames';
import { formatLabels } from './labels';
import { configMapTable, namespaceTable, nodeTable, secretTable, serviceAccountTable } from './tables/core';
import { eventTable } from './tables/event';
import { endpointSliceTable, endpointsTable, serviceTable } from './tables/network';
import { podTable } from './tables/pod';
import type { TableDef } from './tables/types';
import { deploymentTable, replicaSetTable } from './tables/workloads';
import { jobTable } from './tables/job';

type Tables = { [K in Kind]: TableDef<KindMap[K]> };

const TABLES: Tables = {
  Pod: podTable,
  Deployment: deploymentTable,
  ReplicaSet: replicaSetTable,
  Service: serviceTable,
  EndpointSlice: endpointSliceTable,
  Endpoints: endpointsTable,
  Event: eventTable,
  Namespace: namespaceTable,
  Node: nodeTable,
  Secret: secretTable,
  ServiceAccount: serviceAccountTable,
  ConfigMap: configMapTable,
  Job: jobTable,
};

/** A kind's server-side table definition (the conformance stub serves it as a meta.k8s.io Table). */
export function tableDef<K extends Kind>(kind: K): TableDef<KindMap[K]> {
  return TABLES[kind] as TableDef<KindMap[K]>;
}

export interface TableRenderOptions {
  now: number;
  wide?: boolean;
  withNamespace?: boolean;
  showKind?: boolean;
  noHeaders?: boolean;
  /** `--show-labels`: kubectl appends a LABELS column (after any `-o wide` columns). */
  showLabels?: boolean;
}

/** The cells of the table (header row first unless noHeaders), before alignment. */
export function tableRows<K extends Kind>(kind: K, objs: readonly KindMap[K][], opts: TableRenderOptions): string[][] {
  const def = TABLES[kind] as TableDef<KindMap[K]>;
  const keep = def.columns.map((c) => opts.wide === true || c.wide !== true);
  const rows: string[][] = [];
  if (!opts.noHeaders) {
    const header = def.columns.filter((_, i) => keep[i]).map((c) => c.name);
    if (opts.showLabels === true) header.push('LABELS');
    rows.push(opts.withNamespace ? ['NAMESPACE', ...header] : header);
  }
  const prefix = opts.showKind ? `${kindWithGroup(kind)}/` : '';
  const isName = def.columns.map((c) => c.isName === true);
  for (const obj of objs) {
    const cells = def.row(obj, opts.now);
    const shown: string[] = opts.withNamespace ? [obj.metadata?.namespace ?? ''] : [];
    for (let i = 0; i < cells.length; i++) {
      if (!keep[i]) continue;
      shown.push(isName[i] ? prefix + cells[i]! : cells[i]!);
    }
    if (opts.showLabels === true) shown.push(formatLabels(obj.metadata?.labels));
    rows.push(shown);
  }
  return rows;
}

export function renderTable<K extends Kind>(kind: K, objs: readonly KindMap[K][], opts: TableRenderOptions): string {
  const rows = tableRows(kind, objs, opts);
  // Cells never hold tabs or newlines in the tables we print; if one did, the text form splits
  // it as Go's tabwriter would.
  const plain = rows.every((r) => r.every((c) => !c.includes('\t') && !c.includes('\n')));
  return plain ? tabwriteCells(rows, TABLE_TABWRITER) : tabwrite(rows.map((r) => r.join('\t') + '\n').join(''), TABLE_TABWRITER);
}
