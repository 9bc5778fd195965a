import { z } from 'zod';

/**
 * Schema of a service template (templates/services/<id>.yml) and of the office list (templates/offices.yml).
 * Templates are plain data: the admin review workflow stores and versions them as they are.
 *
 * Text fields may reference a placeholder with `{key}`; `placeholders.key.value` holds either the admin-filled text
 * or a pending marker `【待管理员填写：…】`. A pending placeholder is shown to villagers as its `confirm` sentence,
 * never as a number someone guessed.
 */

export const SERVICE_IDS = [
  'dibao', 'wubao', 'youfu', 'dabing', 'jiuzai', 'linshi', 'canji',
  'shiye', 'xinfang', 'yishenqing', 'sanzi', 'zhaotoubiao', 'wangshang',
] as const;
export type ServiceId = (typeof SERVICE_IDS)[number];

/** policy: policy/law text, publishable without review (000 §1-6) · town: reviewed first · internal: never sent. */
export const CATEGORIES = ['policy', 'town', 'internal'] as const;
export type Category = (typeof CATEGORIES)[number];

export const MATERIAL_FORMS = ['original', 'copy', 'original_and_copy'] as const;
export type MaterialForm = (typeof MATERIAL_FORMS)[number];

/** The marker that says an admin still has to fill a value in. */
export const PENDING_MARKER = '【待管理员填写：';
export const isPending = (value: string): boolean => value.trimStart().startsWith(PENDING_MARKER);

const slug = z.string().regex(/^[a-z][a-z0-9_]*$/, 'lowercase letters, digits, _');
const text = z.string().trim().min(1);

export const MaterialSchema = z.strictObject({
  id: slug,
  name: text,
  copies: z.int().positive().optional(),
  form: z.enum(MATERIAL_FORMS).optional(),
  /** when the item is needed, e.g. 属五保/特困对象的提供证件复印件 */
  condition: text.optional(),
  /** words villagers use for it: 身份证, 户口本, 病历 … */
  aliases: z.array(text).default([]),
});
export type Material = z.infer<typeof MaterialSchema>;

export const StepSchema = z.strictObject({ step: text, office: slug });
export type Step = z.infer<typeof StepSchema>;

export const TimeLimitSchema = z.strictObject({ what: text, limit: text });
export type TimeLimit = z.infer<typeof TimeLimitSchema>;

export const LegalBasisSchema = z.strictObject({
  seed: z.enum(['000', '001', '002', '003', '004']),
  article: text,
});
export type LegalBasis = z.infer<typeof LegalBasisSchema>;

export const PlaceholderSchema = z.strictObject({
  /** admin-filled text, or a pending marker 【待管理员填写：…】 */
  value: text,
  /** what villagers read while the value is pending, e.g. 具体金额请以镇民政办公布为准 */
  confirm: text,
});
export type Placeholder = z.infer<typeof PlaceholderSchema>;

/**
 * A question villagers ask that the nine aspects do not answer, with its answer (issue 11). Written only from
 * the seeds; the admin console edits exactly this shape. `questions` are variants of the same question.
 */
export const FaqEntrySchema = z.strictObject({
  id: slug,
  questions: z.array(text).min(1),
  answer: text,
});
export type FaqEntry = z.infer<typeof FaqEntrySchema>;

export const ServiceTemplateSchema = z.strictObject({
  id: z.enum(SERVICE_IDS),
  name: text,
  /** other names villagers use for the service (最低生活保障, 低保户 …) */
  aliases: z.array(text).default([]),
  category: z.enum(CATEGORIES),
  summary: text,
  eligibility: z.array(text).default([]),
  materials: z.array(MaterialSchema).default([]),
  /** said after the material list: "民政部门要求提供的其他材料" or a pending placeholder */
  materialsNote: text.optional(),
  procedure: z.array(StepSchema).min(1),
  timeLimits: z.array(TimeLimitSchema).default([]),
  /** the office that receives the villager (where/who/hours/phone come from templates/offices.yml) */
  office: slug,
  approver: text.optional(),
  fee: text,
  standards: z.array(text).default([]),
  legalBasis: z.array(LegalBasisSchema).min(1),
  /** YYYY-MM-DD, or a `{key}` placeholder when the seed gives no date */
  effectiveDate: z.union([z.iso.date(), z.string().regex(/^\{\w+\}$/)]),
  placeholders: z.record(z.string().regex(/^\w+$/), PlaceholderSchema).default({}),
  /** for editors only, never rendered: where a figure came from, what the seed says that is outdated … */
  adminNotes: z.array(text).default([]),
  /** questions the aspects miss, answered from the seeds (src/answers/facts.ts retrieves them) */
  faq: z.array(FaqEntrySchema).optional(),
});
export type ServiceTemplate = z.infer<typeof ServiceTemplateSchema>;

export const OfficeSchema = z.strictObject({
  name: text,
  level: z.enum(['village', 'town', 'county']),
  address: text,
  hours: text,
  phone: text,
  contactPerson: text.optional(),
  adminNotes: z.array(text).default([]),
});
export type Office = z.infer<typeof OfficeSchema>;

export const OfficesFileSchema = z.record(slug, OfficeSchema);
export type Offices = ReadonlyMap<string, Office>;

/** policy texts may go straight out; town material waits for review; internal material never leaves. */
export const isSendableToVillagers = (t: Pick<ServiceTemplate, 'category'>): boolean => t.category !== 'internal';
export const needsReview = (t: Pick<ServiceTemplate, 'category'>): boolean => t.category === 'town';
