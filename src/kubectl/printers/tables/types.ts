/** One kind's server-side table: column headers and a row per object (printers.go). */
export interface TableDef<T> {
  /** Headers as kubectl prints them (upper case); `wide` holds the Priority-1 columns. */
  columns: { name: string; wide?: true; /** Format "name": gets the `kind/` prefix. */ isName?: true }[];
  /** Cells for every column, wide ones included (the caller drops them when not wide). */
  row(obj: T, now: number): string[];
}
