/** Which part of a service a villager asks about. */
export const ASPECTS = [
  'eligibility', 'materials', 'procedure', 'timeLimit', 'where', 'fee', 'standard', 'approver', 'basis',
] as const;
export type Aspect = (typeof ASPECTS)[number];

/**
 * Cue words per aspect, checked in this order: the first aspect with a cue wins. The order settles overlaps:
 * 多少钱 (fee) before 多少 (standard), 带什么材料 (materials) before 怎么办 (procedure), 几点 (where) before 几天.
 * These are matching cues, not sentences anyone reads, so they live here rather than in templates/.
 */
const CUES: readonly (readonly [Aspect, readonly string[]])[] = [
  // "how much will I get" is the amount, not a fee (大病救济能给多少钱)
  ['standard', ['给多少钱', '能给多少', '给多少', '发多少钱', '补多少', '补助多少', '救济多少', '领多少钱', '能领多少', '能拿多少', '拿多少钱']],
  ['materials', ['材料', '带什么', '带啥', '带哪些', '准备什么', '准备啥', '要什么证', '哪些证', '什么证件', '证件', '资料', '清单']],
  ['fee', ['收费', '多少钱', '要钱', '花钱', '交钱', '交费', '缴费', '免费', '收不收钱', '工本费']],
  ['approver', ['谁审批', '谁批', '谁审核', '谁决定', '谁说了算', '哪里审批', '审批单位', '哪些人批', '谁来批', '哪个部门批', '哪里批',
    '哪些人审批', '哪些部门审批', '谁发', '谁来发', '谁给发']],
  ['where', ['在哪', '哪里办', '去哪', '哪儿', '地址', '地点', '电话', '几点', '上班时间', '办公时间', '找谁', '联系', '是不是在', '是不是也在', '也是在', '到哪']],
  ['timeLimit', ['多久', '几天', '多少天', '多长时间', '时限', '期限', '什么时候', '要等', '办结', '几个工作日', '多少个工作日',
    '几日', '多少日', '几多日', '几多天']],
  ['eligibility', ['条件', '资格', '符合', '能不能', '可不可以', '能否', '够不够', '谁可以', '哪些人', '什么人', '够格', '能申请', '可以申请',
    '算不算', '够不够得上', '能办不', '能不能办',
    '什么情况才', '什么情况可以', '什么情况能', '哪些情况', '哪种情况', '才可以申请', '才能申请', '才可以办', '才能办']],
  ['standard', ['标准', '多少', '金额', '领多少', '发多少', '几块钱', '几百']],
  ['procedure', ['流程', '步骤', '程序', '怎么办', '如何办', '怎么申请', '如何申请', '怎么弄', '怎样办', '手续', '办理']],
  ['basis', ['依据', '根据什么', '哪个文件', '政策原文', '规定在哪', '法规']],
];

/** The aspect a question is about, or undefined for a bare topic ("低保?"). */
export function detectAspect(text: string): Aspect | undefined {
  return detectAspects(text)[0];
}

/** Every aspect a question asks about, in cue order ("能延多长时间 谁批的" → approver, timeLimit). */
export function detectAspects(text: string): Aspect[] {
  // the question usually comes last, after the story ("低保材料送到镇上二十多天了 规定几天之内要核查好"): its aspects first
  const clauses = text.split(/[\s,，。！!？?；;]+/).filter(Boolean);
  const out: Aspect[] = [];
  for (const part of clauses.length > 1 ? [clauses.at(-1) ?? '', text] : [text]) {
    const compact = part.replace(/\s+/g, '');
    for (const [aspect, cues] of CUES) if (!out.includes(aspect) && cues.some((cue) => compact.includes(cue))) out.push(aspect);
  }
  return out;
}
