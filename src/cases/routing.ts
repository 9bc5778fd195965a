import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { CaseDataError, type CaseKind } from './case-kinds.js';

const ruleSchema = z.object({
  kind: z.string().optional(),
  service: z.string().optional(),
  category: z.string().optional(),
  office: z.string().min(1),
});

const fileSchema = z.object({
  misconductCategories: z.array(z.string()),
  misconductOffice: z.string().min(1),
  rules: z.array(ruleSchema),
  default: z.string().min(1),
});
export type RoutingTable = z.infer<typeof fileSchema>;

export interface RouteQuery {
  kind: CaseKind;
  service?: string | undefined;
  category?: string | undefined;
}

/** Which office handles a case (templates/cases/routing.yml). */
export class Router {
  constructor(readonly table: RoutingTable) {}

  static load(templatesDir: string): Router {
    const file = path.join(templatesDir, 'cases', 'routing.yml');
    const result = fileSchema.safeParse(parse(readFileSync(file, 'utf8')));
    if (!result.success) throw new CaseDataError(`${file}: ${z.prettifyError(result.error)}`, { cause: result.error });
    return new Router(result.data);
  }

  /** Complaints about staff misconduct (违纪、吃拿卡要、打击报复 …) go to 纪委, whatever the service. */
  isMisconduct(category: string | undefined): boolean {
    return !!category && this.table.misconductCategories.includes(category);
  }

  get disciplineOffice(): string {
    return this.table.misconductOffice;
  }

  route(q: RouteQuery): string {
    if (this.isMisconduct(q.category)) return this.table.misconductOffice;
    const hit = this.table.rules.find(
      (r) => (!r.kind || r.kind === q.kind) && (!r.service || r.service === q.service) && (!r.category || r.category === q.category),
    );
    return hit?.office ?? this.table.default;
  }

  /** Every office code the table names (for checking it against the roster). */
  officeCodes(): string[] {
    return [...new Set([this.table.default, this.table.misconductOffice, ...this.table.rules.map((r) => r.office)])];
  }
}
