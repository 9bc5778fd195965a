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
/** words that ask for the steps themselves ("要过哪几道关"), not only "how do I" */
export const STEP_CUES = ['流程', '步骤', '程序', '手续', '几道关', '哪几道', '哪几步', '几个步骤', '哪些环节', '几个环节', '哪几关', '怎么申请', '如何申请',
  '怎样申请', '怎么评', '怎样评', '如何评', '怎么个评法', '咋评', '几个部门', '哪几个部门', '哪些部门审', '哪几级', '经过哪些', '下一步',
  '怎么分', '咋分', '咋个分', '怎么分配', '如何分配', '咋分配', '分配办法', '怎么个分法'];

const CUES: readonly (readonly [Aspect, readonly string[]])[] = [
  // "how much will I get" is the amount, not a fee (大病救济能给多少钱)
  // "材料交给谁": where it goes, not which materials
  ['where', ['交给谁', '交到哪', '交哪里', '交给哪', '送到哪', '往哪交', '递给谁', '交到什么地方']],
  ['standard', ['给多少钱', '能给多少', '给多少', '发多少钱', '补多少', '补助多少', '救济多少', '领多少钱', '能领多少', '能拿多少', '拿多少钱']],
  ['materials', ['材料', '带什么', '带啥', '带哪些', '准备什么', '准备啥', '要什么证', '哪些证', '什么证件', '证件', '资料', '清单', '写什么', '写些什么',
    '写哪些', '填什么', '填些什么', '几份', '多少份', '几多份',
    '提交什么', '提交啥', '交什么', '交啥', '交哪些', '递交什么', '提供什么', '提供啥', '提供哪些', '准备些', '要准备', '准备哪',
    '带些什么', '带些啥', '什么东西', '啥东西', '哪些东西']],
  ['fee', ['收费', '多少钱', '要钱', '花钱', '交钱', '交费', '缴费', '免费', '收不收钱', '工本费', '收钱', '收不收费', '要不要钱', '给钱不', '掏钱']],
  ['approver', ['谁审批', '谁批', '谁审核', '谁决定', '谁说了算', '哪里审批', '审批单位', '哪些人批', '谁来批', '哪个部门批', '哪里批',
    '哪些人审批', '哪些部门审批', '谁发', '谁来发', '谁给发', '哪一级', '哪级批', '哪个单位审', '谁审', '谁来定', '谁定', '谁来评', '谁评', '备案', '哪些批', '还要谁批', '还要哪里批',
    '哪个单位批', '哪个批', '哪个来批', '哪个审批', '哪个部门审', '哪个审', '哪个定', '哪个说了算', '哪里审', '哪家批', '说了算']],
  ['where', ['在哪', '哪里办', '去哪', '哪儿', '地址', '地点', '电话', '几点', '上班时间', '办公时间', '找谁', '联系', '是不是在', '是不是也在', '也是在', '到哪',
    '归谁管', '归哪个管', '谁管', '哪个管', '镇上管', '镇里管', '你们管']],
  ['timeLimit', ['多久', '几天', '多少天', '多长时间', '时限', '期限', '什么时候', '要等', '办结', '几个工作日', '多少个工作日',
    '几日', '多少日', '几多日', '几多天']],
  ['eligibility', ['条件', '资格', '符合', '能不能', '可不可以', '能否', '够不够', '谁可以', '哪些人', '什么人', '够格', '能申请', '可以申请',
    '算不算', '够不够得上', '能办不', '能不能办', '什么样的人', '什么样人', '什么人家', '什么样的家庭', '哪种人', '哪样的人', '能吃上', '能评上',
    '什么情况才', '什么情况可以', '什么情况能', '哪些情况', '哪种情况', '才可以申请', '才能申请', '才可以办', '才能办']],
  ['standard', ['标准', '多少', '金额', '领多少', '发多少', '几块钱', '几百']],
  ['procedure', [...STEP_CUES, '怎么办', '如何办', '怎么申请', '如何申请', '怎么弄', '怎样办', '办理']],
  ['basis', ['依据', '根据什么', '哪个文件', '政策原文', '规定在哪', '法规']],
];

/** "他这种情况能进敬老院不", "俺家能评上不": a can-I question without the eligibility words */
const CAN_I = /(能|可以|够|可不可以)(进|享受|评上|评|吃上|吃|领上|领|拿|申请|算|办|搞|弄|整|报|得)[^\s,，。？?]{0,8}(不|吗|么|没|冇|不能|不了|没有|嘛|不咯)[\s?？。]*$/;

/** "那要是得癌症的咋说", "像俺这样的中不中": a case put to the rules, asking whether it qualifies */
const IF_CASE = /(要是|如果|假如|假设|像俺|像我)[^?？。]{1,20}(咋说|怎么说|咋算|怎么算|行不行|行吗|中不中|成不成|管不管|给不给|算不算|得不得)/;

/** "这符合规定吗", "合不合规": whether something done complies, not whether the villager qualifies */
const COMPLIES = /(符不符合|符合)(规定|要求|程序|政策|法律|制度)|合不合规|合规不/g;

/** "前几天", "这几天", "好几天了": a time the villager tells, not a question about time limits */
const TOLD_WHEN = /(前|这|那|头|近|好)几(天|日|个月)/g;

/** The clauses of a message: villagers use spaces as punctuation. */
export function clausesOf(text: string): string[] {
  return text.split(/[\s,，。！!？?；;]+/).filter(Boolean);
}

/** The aspect a question is about, or undefined for a bare topic ("低保?"). */
export function detectAspect(text: string): Aspect | undefined {
  return detectAspects(text)[0];
}

/** Every aspect a question asks about, in cue order ("能延多长时间 谁批的" → approver, timeLimit). */
export function detectAspects(text: string): Aspect[] {
  // the question usually comes last, after the story ("低保材料送到镇上二十多天了 规定几天之内要核查好"): its aspects first
  const clauses = clausesOf(text);
  const out: Aspect[] = [];
  for (const part of clauses.length > 1 ? [clauses.at(-1) ?? '', text] : [text]) {
    // "前几天家里失火了" tells when, it does not ask how long
    const compact = part.replace(/\s+/g, '').replace(TOLD_WHEN, '').replace(COMPLIES, '');
    for (const [aspect, cues] of CUES) if (!out.includes(aspect) && cues.some((cue) => compact.includes(cue))) out.push(aspect);
    if (!out.includes('eligibility') && CAN_I.test(compact)) out.push('eligibility');
  }
  if (!out.length && IF_CASE.test(text.replace(/\s+/g, ''))) out.push('eligibility');
  return out;
}
