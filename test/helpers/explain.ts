import type mongoose from 'mongoose';

/** What FerretDB's SQLite backend reports for a query: SQLite's EXPLAIN QUERY PLAN rows and whether the filter reached SQL. */
export interface ExplainResult {
  plan: string[];
  filterPushdown: boolean;
}

/**
 * EXPLAINs a find with this filter. On FerretDB every command that reads (find, count, distinct,
 * aggregate's first $match, update, delete, findAndModify) fetches through the same backend
 * query, so its plan is the plan of that filter.
 */
export async function explainFind(conn: mongoose.Connection, collection: string, filter: object): Promise<ExplainResult> {
  const res = await conn.db!.command({ explain: { find: collection, filter }, verbosity: 'queryPlanner' });
  const planner = (res.queryPlanner ?? {}) as { Plan?: string[] };
  return { plan: planner.Plan ?? [], filterPushdown: res.filterPushdown === true };
}

/**
 * The collections a plan reads whole: SQLite's `SCAN <table>` (with or without an index) as
 * opposed to `SEARCH <table> USING INDEX …`. FerretDB names a collection's table `<name>_<8 hex>`.
 */
export function fullScans(res: ExplainResult): string[] {
  const out: string[] = [];
  for (const row of res.plan) {
    const m = /detail=SCAN (\S+)/.exec(row);
    if (m?.[1]) out.push(m[1].replace(/_[0-9a-f]{8}$/, ''));
  }
  return out;
}
