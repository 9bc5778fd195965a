import { describe, expect, it } from 'vitest';
import { defaultRenderContext } from '../../../src/answers/answer-phrases.js';
import { MAX_PART_BYTES, packParts, utf8Bytes } from '../../../src/answers/pack-parts.js';
import { matchMaterials, renderChecklist, renderMissing } from '../../../src/answers/render-checklist.js';
import { loadServiceTemplates } from '../../../src/answers/service-template.loader.js';
import type { Material, ServiceTemplate } from '../../../src/answers/service-template.schema.js';
import { expectedText, syntheticTemplate } from './helpers.js';

const templates = loadServiceTemplates('templates');
const all = [...templates.values()];
const ctx = defaultRenderContext('templates');
const get = (id: ServiceTemplate['id']) => templates.get(id)!;

/** Numbered material lines ("3. 户口本（复印件）") across parts, in order. */
const materialLinesOf = (parts: string[], t: ServiceTemplate) =>
  parts.join('\n').split('\n').filter((line) => {
    const item = /^\d+\. (.*)$/.exec(line)?.[1];
    return item !== undefined && t.materials.some((m) => item.startsWith(expectedText(t, m.name)));
  });

describe.each(all.map((t) => [t.id, t] as const))('checklist %s', (_id, t) => {
  it('tells everything once, in order: conditions, every material, steps, time, where, fee', () => {
    const parts = renderChecklist(t);
    const text = parts.join('\n');
    for (const p of parts) expect(utf8Bytes(p)).toBeLessThanOrEqual(MAX_PART_BYTES);
    for (const m of t.materials) expect(text).toContain(expectedText(t, m.name));
    for (const m of t.materials.filter((x) => x.condition)) expect(text).toContain(expectedText(t, m.condition!));
    for (const s of t.procedure) expect(text).toContain(expectedText(t, s.step));
    expect(text).toContain(expectedText(t, t.fee));
    const order = ['一、申请条件', '二、所需材料', '三、办理流程', '四、办理时限', '五、在哪办', '六、收费'].map((h) => text.indexOf(h));
    expect(order.every((at, i) => at >= 0 && (i === 0 || at > order[i - 1]!))).toBe(true);
  });

  it('splits at a small cap without losing, repeating or reordering anything', () => {
    const whole = renderChecklist(t, ctx, 100_000);
    const parts = renderChecklist(t, ctx, 300);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(utf8Bytes(p)).toBeLessThanOrEqual(300);
    const continued = ctx.phrases.render('checklist_continued', { service: t.name });
    const rejoined = parts.map((p, i) => (i === 0 ? p : p.slice(continued.length + 1))).join('\n');
    expect(rejoined).toBe(whole.join('\n'));
  });

  it('second notice lists exactly the materials not yet there', () => {
    if (t.materials.length === 0) {
      const text = renderMissing(t, []).join('\n');
      expect(text).toContain(expectedText(t, t.materialsNote ?? ''));
      return;
    }
    const haveMaterials = t.materials.filter((_m, i) => i % 2 === 0);
    const say = (m: Material) => m.aliases[0] ?? m.name;
    const match = matchMaterials(t, `我有${haveMaterials.map(say).join('和')}`);
    expect(match.have).toEqual(haveMaterials.map((m) => m.id));
    const missing = t.materials.filter((m) => !match.have.includes(m.id));
    const parts = renderMissing(t, match.have);
    const lines = materialLinesOf(parts, t);
    expect(lines).toHaveLength(missing.length);
    missing.forEach((m, i) => expect(lines[i]).toContain(`${i + 1}. ${expectedText(t, m.name)}`));
  });

  it('says where to go and what happens next when nothing is missing', () => {
    if (t.materials.length === 0) return;
    const text = renderMissing(t, t.materials.map((m) => m.id)).join('\n');
    expect(text).toContain('材料已经齐了');
    expect(text).toContain(expectedText(t, t.procedure[0]!.step));
    expect(materialLinesOf([text], t)).toHaveLength(0);
  });
});

describe('splitting a huge checklist', () => {
  const materials: Material[] = Array.from({ length: 120 }, (_v, i) => ({
    id: `m${i}`, name: `第${i}号证明材料${'很长的名称'.repeat(8)}`, form: 'copy', aliases: [],
    condition: `属第${i}类人员的提供`,
  }));
  const huge = syntheticTemplate({ materials, eligibility: Array.from({ length: 40 }, (_v, i) => `条件${i}${'说明'.repeat(20)}`) });

  it('keeps every part under the byte cap and every item exactly once, in order', () => {
    const parts = renderChecklist(huge, ctx);
    expect(parts.length).toBeGreaterThan(5);
    for (const p of parts) expect(utf8Bytes(p)).toBeLessThanOrEqual(MAX_PART_BYTES);
    const text = parts.join('\n');
    let last = -1;
    for (const m of materials) {
      const line = `${m.name}（复印件）——${m.condition}`;
      expect(text.split(line).length - 1, m.id).toBe(1);
      expect(text.indexOf(line)).toBeGreaterThan(last);
      last = text.indexOf(line);
    }
    expect(parts[1]).toMatch(/^【测试事项 一次性告知（接上条）】/);
  });

  it('missing list of the huge template also splits without loss', () => {
    const parts = renderMissing(huge, ['m0', 'm5']);
    for (const p of parts) expect(utf8Bytes(p)).toBeLessThanOrEqual(MAX_PART_BYTES);
    const text = parts.join('\n');
    expect(text).not.toContain(materials[0]!.name);
    expect(text).not.toContain(materials[5]!.name);
    for (const m of materials.slice(1).filter((x) => x.id !== 'm5')) expect(text.split(m.name).length - 1).toBe(1);
  });

  it('cuts a single item larger than a message at character boundaries, losing nothing', () => {
    const giant = '身份证'.repeat(1000);
    const parts = packParts(['头', giant, '尾'], '（续）', 500);
    for (const p of parts) expect(utf8Bytes(p)).toBeLessThanOrEqual(500);
    expect(parts.map((p, i) => (i === 0 ? p : p.slice('（续）\n'.length))).join('\n').replace(/\n/g, '')).toBe(`头${giant}尾`);
  });
});

describe('matchMaterials', () => {
  const shiye = get('shiye');
  it.each<[string, string[], string[], string[]]>([
    ['我只有身份证和户口本', ['id_card', 'hukou'], [], []],
    ['身份证有了 照片还没拍', ['id_card'], ['photos'], []],
    ['身份证有了照片还没拍', ['id_card'], ['photos'], []],
    ['没有身份证和户口本', [], ['id_card', 'hukou'], []],
    ['身份证和户口本都没有', [], ['id_card', 'hukou'], []],
    ['有身份证，缺两寸照', ['id_card'], ['photos'], []],
    ['我有户口簿、毕业证，还有结婚证', ['hukou', 'diploma'], [], ['结婚证']],
    ['材料都齐了', shiye.materials.map((m) => m.id), [], []],
  ])('%s', (text, have, lacking, unknown) => {
    expect(matchMaterials(shiye, text)).toEqual({ have, lacking, unknown });
  });

  it('the 大病救济 example: only ID and household register → the other six, all at once', () => {
    const dabing = get('dabing');
    const m = matchMaterials(dabing, '我只有身份证和户口本，病历还没拿到');
    expect(m.have).toEqual(['id_card', 'hukou']);
    const text = renderMissing(dabing, m.have).join('\n');
    expect(text).toContain('您还缺以下6项材料');
    expect(text).toContain('必要的病史资料');
    expect(text).not.toContain('本人身份证');
  });

  it('mentions unknown documents in the second notice instead of ignoring them', () => {
    const text = renderMissing(shiye, ['id_card'], ctx, ['结婚证']).join('\n');
    expect(text).toContain('“结婚证”不在就业失业登记证的材料清单里');
  });
});
