/**
 * The service template (templates/services/<id>.yml) as the form edits it, and the checks the form makes before it
 * sends anything, in Chinese. The server validates again with the real schema.
 */
export interface Material { id: string; name: string; copies?: number; form?: string; condition?: string; aliases: string[] }
export interface Step { step: string; office: string }
export interface TimeLimit { what: string; limit: string }
export interface LegalBasis { seed: string; article: string }
export interface Placeholder { value: string; confirm: string }
export interface Faq { id: string; questions: string[]; answer: string }

export interface ServiceContent {
  id: string; name: string; aliases: string[]; category: string; summary: string; eligibility: string[];
  materials: Material[]; materialsNote?: string; procedure: Step[]; timeLimits: TimeLimit[]; office: string;
  approver?: string; fee: string; standards: string[]; legalBasis: LegalBasis[]; effectiveDate: string;
  placeholders: Record<string, Placeholder>; adminNotes: string[]; faq?: Faq[];
  [other: string]: unknown;
}

export const CATEGORY_LABELS: Record<string, string> = { policy: '政策法规（可直接发布）', town: '乡镇事务（须审核）', internal: '内部（不发给群众）' };
export const FORM_LABELS: Record<string, string> = { '': '不注明', original: '原件', copy: '复印件', original_and_copy: '原件和复印件' };
export const SEEDS: Record<string, string> = { '000': '000 总则', '001': '001 投诉举报', '002': '002 信息公开', '003': '003 民政等制度', '004': '004 其他' };
export const PENDING_MARKER = '【待管理员填写：';
export const isPending = (v: string | undefined): boolean => (v ?? '').trimStart().startsWith(PENDING_MARKER);

const clean = (xs: string[] | undefined): string[] => (xs ?? []).map((s) => s.trim()).filter(Boolean);
const opt = (s: string | undefined): string | undefined => (s && s.trim() ? s.trim() : undefined);

/** Fills in the defaults the schema has, so the form always has arrays to edit. */
export function fromContent(raw: unknown): ServiceContent {
  const c = (raw && typeof raw === 'object' ? raw : {}) as Partial<ServiceContent>;
  return {
    ...c,
    id: c.id ?? '', name: c.name ?? '', aliases: c.aliases ?? [], category: c.category ?? 'town', summary: c.summary ?? '',
    eligibility: c.eligibility ?? [], materials: (c.materials ?? []).map((m) => ({ ...m, aliases: m.aliases ?? [] })),
    procedure: c.procedure ?? [], timeLimits: c.timeLimits ?? [], office: c.office ?? '', fee: c.fee ?? '',
    standards: c.standards ?? [], legalBasis: c.legalBasis ?? [], effectiveDate: c.effectiveDate ?? '',
    placeholders: c.placeholders ?? {}, adminNotes: c.adminNotes ?? [],
  } as ServiceContent;
}

/** What is sent to the server: trimmed, blank lines and empty optional fields left out. */
export function toContent(f: ServiceContent, hadFaq: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {
    ...f,
    name: f.name.trim(), aliases: clean(f.aliases), summary: f.summary.trim(), eligibility: clean(f.eligibility),
    materials: f.materials.map((m) => {
      const x: Record<string, unknown> = { id: m.id, name: m.name.trim(), aliases: clean(m.aliases) };
      if (m.copies) x.copies = m.copies;
      if (m.form) x.form = m.form;
      if (opt(m.condition)) x.condition = opt(m.condition);
      return x;
    }),
    materialsNote: opt(f.materialsNote), approver: opt(f.approver),
    procedure: f.procedure.map((s) => ({ step: s.step.trim(), office: s.office })),
    timeLimits: f.timeLimits.map((t) => ({ what: t.what.trim(), limit: t.limit.trim() })),
    fee: f.fee.trim(), standards: clean(f.standards), adminNotes: clean(f.adminNotes),
    legalBasis: f.legalBasis.map((l) => ({ seed: l.seed, article: l.article.trim() })),
    effectiveDate: f.effectiveDate.trim(),
  };
  for (const k of ['materialsNote', 'approver']) if (out[k] === undefined) delete out[k];
  const faq = (f.faq ?? []).map((q) => ({ id: q.id, questions: clean(q.questions), answer: q.answer.trim() }));
  if (faq.length > 0 || hadFaq) out.faq = faq; else delete out.faq;
  return out;
}

/** Field-by-field problems, in Chinese, keyed by the input's name. */
export function checkService(f: ServiceContent): { field: string; message: string }[] {
  const p: { field: string; message: string }[] = [];
  const need = (field: string, v: string | undefined, what: string): void => { if (!v || !v.trim()) p.push({ field, message: `请填写${what}` }); };
  need('name', f.name, '事项名称');
  need('summary', f.summary, '简介');
  need('fee', f.fee, '收费说明（不收费请写“不收费”）');
  if (!f.office) p.push({ field: 'office', message: '请选择承办科室' });
  f.materials.forEach((m, i) => need(`materials.${i}.name`, m.name, `第 ${i + 1} 项材料的名称`));
  f.materials.forEach((m, i) => { if (m.copies !== undefined && (!Number.isInteger(m.copies) || m.copies < 1)) p.push({ field: `materials.${i}.copies`, message: `第 ${i + 1} 项材料的份数应为正整数` }); });
  if (f.procedure.length === 0) p.push({ field: 'procedure', message: '至少要有一个办理步骤' });
  f.procedure.forEach((s, i) => { need(`procedure.${i}.step`, s.step, `第 ${i + 1} 步的内容`); if (!s.office) p.push({ field: `procedure.${i}.office`, message: `请为第 ${i + 1} 步选择经办单位` }); });
  f.timeLimits.forEach((t, i) => { need(`timeLimits.${i}.what`, t.what, `第 ${i + 1} 条时限的环节`); need(`timeLimits.${i}.limit`, t.limit, `第 ${i + 1} 条时限`); });
  if (f.legalBasis.length === 0) p.push({ field: 'legalBasis', message: '至少要有一条依据' });
  f.legalBasis.forEach((l, i) => need(`legalBasis.${i}.article`, l.article, `第 ${i + 1} 条依据的条款`));
  if (!/^\d{4}-\d{2}-\d{2}$/.test(f.effectiveDate.trim()) && !/^\{\w+\}$/.test(f.effectiveDate.trim())) {
    p.push({ field: 'effectiveDate', message: '施行日期应写成 2026-01-01 这样的日期，或写待填写变量如 {effective_date}' });
  }
  for (const [k, v] of Object.entries(f.placeholders)) {
    need(`placeholders.${k}.value`, v.value, `“${k}”的内容`);
    need(`placeholders.${k}.confirm`, v.confirm, `“${k}”未填写时对群众说的话`);
  }
  (f.faq ?? []).forEach((q, i) => {
    if (clean(q.questions).length === 0) p.push({ field: `faq.${i}.questions`, message: `第 ${i + 1} 条常见问题至少要有一种问法` });
    need(`faq.${i}.answer`, q.answer, `第 ${i + 1} 条常见问题的回答`);
  });
  return p;
}

/** A fresh slug for a new list item (the schema wants lowercase letters, digits and _). */
export const newId = (prefix: string): string => `${prefix}_${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
