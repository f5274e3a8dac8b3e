/**
 * Renders the API server's table for `kubectl get KIND`: the columns of printers.go, laid out by
 * kubectl's table printer (upper-case headers, `-o wide` columns, `-A` namespace column,
 * `kind/` name prefix) through its tabwriter.
 */
import type { Kind, KindMap } from '../../cluster/api';
import { TABLE_TABWRITER, tabwrite, tabwriteGrid } from './goTabwriter';
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
  const { cells, cols } = tableGrid(kind, objs, opts);
  const rows: string[][] = [];
  for (let i = 0; i < cells.length; i += cols) rows.push(cells.slice(i, i + cols));
  return rows;
}

/** The same cells, line after line in one array, `cols` to a line (no array per row). */
function tableGrid<K extends Kind>(kind: K, objs: readonly KindMap[K][], opts: TableRenderOptions): { cells: string[]; cols: number } {
  const def = TABLES[kind] as TableDef<KindMap[K]>;
  // The columns shown, by index into a row: `-o wide` columns only with -o wide.
  const shownIdx: number[] = [];
  for (let i = 0; i < def.columns.length; i++) if (opts.wide === true || def.columns[i]!.wide !== true) shownIdx.push(i);
  const withNs = opts.withNamespace === true;
  const showLabels = opts.showLabels === true;
  const cols = shownIdx.length + (withNs ? 1 : 0) + (showLabels ? 1 : 0);
  const cells: string[] = new Array<string>((objs.length + (opts.noHeaders ? 0 : 1)) * cols);
  let k = 0;
  if (!opts.noHeaders) {
    if (withNs) cells[k++] = 'NAMESPACE';
    for (const i of shownIdx) cells[k++] = def.columns[i]!.name;
    if (showLabels) cells[k++] = 'LABELS';
  }
  const prefix = opts.showKind ? `${kindWithGroup(kind)}/` : '';
  const isName = def.columns.map((c) => c.isName === true && prefix !== '');
  const now = opts.now;
  for (const obj of objs) {
    const row = def.row(obj, now);
    if (withNs) cells[k++] = obj.metadata?.namespace ?? '';
    for (let j = 0; j < shownIdx.length; j++) {
      const i = shownIdx[j]!;
      cells[k++] = isName[i] ? prefix + row[i]! : row[i]!;
    }
    if (showLabels) cells[k++] = formatLabels(obj.metadata?.labels);
  }
  return { cells, cols };
}

export function renderTable<K extends Kind>(kind: K, objs: readonly KindMap[K][], opts: TableRenderOptions): string {
  const { cells, cols } = tableGrid(kind, objs, opts);
  const fast = tabwriteGrid(cells, cols, TABLE_TABWRITER);
  if (fast !== undefined) return fast;
  // A cell holding a tab or a newline (none of our tables make one): the text form splits it as
  // Go's tabwriter would.
  let text = '';
  for (let i = 0; i < cells.length; i += cols) text += cells.slice(i, i + cols).join('\t') + '\n';
  return tabwrite(text, TABLE_TABWRITER);
}
