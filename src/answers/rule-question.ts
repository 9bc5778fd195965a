import path from 'node:path';
import { loadIntentData } from '../nlu/data.js';
import { normalize } from '../nlu/index.js';
import { loadRenderContext } from './answer-phrases.js';
import { bestScoredFact, faqAcrossServices, FULL_MATCH, isBareTopic, WHOLE_VARIANT } from './fact-match.js';
import { loadRetrievalWords } from './facts.js';
import { isSendableToVillagers, type ServiceTemplate } from './service-template.schema.js';
import { hasRuleAnswer } from './handlers/policy.js';
import type { AnswerDeps } from './handlers/context.js';
import { loadServiceTemplates } from './service-template.loader.js';
import { isServiceId } from './published-templates.js';

/**
 * For the router: whether a message is a question (a question frame, in standard words) that the rules of the
 * service answer — or, with no service known, that one service's FAQ entry holds whole. `strict` (a reading the classifier
 * is sure of): only a question one of the service's FAQ entries holds whole. Read from the template files at boot; the answer itself comes from the published templates.
 */
export function ruleQuestionReader(templatesDir: string): (text: string, service?: string, strict?: boolean) => boolean {
  const templates = loadServiceTemplates(templatesDir);
  const retrieval = loadRetrievalWords(templatesDir);
  const render = loadRenderContext(templatesDir);
  const deps = { retrieval, render };
  const sendable = [...templates.values()].filter(isSendableToVillagers);
  const heldWholeByOne = (text: string): boolean => faqAcrossServices(retrieval.standard(text), sendable, render, retrieval) !== undefined;
  return (text, service, strict = false) => {
    if (!retrieval.isQuestion(text)) return false;
    // no service known: a question one service's FAQ holds whole ("约谈改了一次还能再改吗")
    if (service === undefined) return heldWholeByOne(text);
    const t = isServiceId(service) ? templates.get(service) : undefined;
    if (!t) return false;
    if (strict) return faqScore(t, text, deps) >= WHOLE_VARIANT;
    // "改过一回了还想再改呢" while 低保 is talked of: the 约谈 rule of 信访, held whole by that one entry
    return hasRuleAnswer(deps, text, t) || heldWholeByOne(text);
  };
}

/** The score of the service's best-matching fact when it is an FAQ entry (0 otherwise, or for an internal template). */
function faqScore(t: ServiceTemplate, text: string, deps: Pick<AnswerDeps, 'retrieval' | 'render'>): number {
  if (!isSendableToVillagers(t)) return 0;
  const scored = bestScoredFact(deps.retrieval.standard(text), t, deps.render, deps.retrieval);
  return scored?.fact.faq ? scored.score : 0;
}

/** For the router: the villager asks us to find something out for them ("你帮我问一下嘛", retrieval.yml askStaffCues). */
export function asksStaffReader(templatesDir: string): (text: string) => boolean {
  const retrieval = loadRetrievalWords(templatesDir);
  return (text) => retrieval.asksStaff(text);
}

/**
 * For the dialogue step: whether the service talked of keeps a turn whose message the classifier read as `named`.
 * It does when the message does not name `named` in so many words (found only by sound or a typo: "可以申请" is not
 * 依申请公开), or names it only by words the talked-of service's own conditions, materials or FAQ questions use while one
 * of its FAQ entries holds the whole question ("我们不是五保户 也可以吗" after 大病救济, whose conditions speak of 五保户).
 * The names are the template's and the NLU's (intents/services.yml: names, variants, cues). While a checklist waits for
 * materials its service also keeps a message that points elsewhere only by a cue word (the 一次性告知 follow-up's service
 * wins unless the message clearly names another).
 */
export function talkedServiceReader(templatesDir: string): (text: string, named: string, talkedOf: string, inChecklist?: boolean) => boolean {
  const templates = loadServiceTemplates(templatesDir);
  const nlu = new Map(loadIntentData(path.join(path.dirname(path.resolve(templatesDir)), 'intents')).services.map((s) => [s.id as string, s]));
  const contents = new Map<string, string>();
  const contentOf = (id: string): string => {
    let c = contents.get(id);
    if (c === undefined) {
      const t = isServiceId(id) ? templates.get(id) : undefined;
      const own = t ? [...t.eligibility, ...t.materials.flatMap((m) => [m.name, ...m.aliases, m.condition ?? '']), ...(t.faq ?? []).flatMap((f) => f.questions)] : [];
      contents.set(id, (c = normalize(own.join(' ')).toLowerCase()));
    }
    return c;
  };
  const retrieval = loadRetrievalWords(templatesDir);
  const render = loadRenderContext(templatesDir);
  const scoreOf = (id: string, text: string): number => {
    const own = isServiceId(id) ? templates.get(id) : undefined;
    return own ? faqScore(own, text, { retrieval, render }) : 0;
  };
  // an FAQ entry of the named service holds the question, better than any of the talked-of service
  const heldBetter = (named: string, talkedOf: string, text: string): boolean => {
    const score = scoreOf(named, text);
    return score >= FULL_MATCH && score > scoreOf(talkedOf, text);
  };
  // the talked-of service's FAQ holds the question, and the named one's does not hold it better
  const faqHolds = (id: string, text: string, named: string): boolean => {
    const score = scoreOf(id, text);
    return score >= FULL_MATCH && scoreOf(named, text) <= score;
  };
  const answers = (id: string, text: string): boolean => {
    const t = isServiceId(id) ? templates.get(id) : undefined;
    return !!t && (hasRuleAnswer({ retrieval, render }, text, t) || isBareTopic(retrieval.standard(text), t, retrieval));
  };
  return (text, named, talkedOf, inChecklist = false) => {
    const t = isServiceId(named) ? templates.get(named) : undefined;
    const def = nlu.get(named);
    const names = [...(t ? [t.name, ...t.aliases] : []), ...(def ? [...def.names, ...def.variants] : [])].map((w) => w.toLowerCase());
    const words = [...names, ...(def?.cues ?? []).map((w) => w.toLowerCase())];
    const said = normalize(text).toLowerCase();
    const present = words.filter((w) => w.length > 0 && said.includes(w));
    // found only by sound or a typo (unless only the other's rules answer it); in a checklist follow-up also when only a
    // cue points elsewhere (not a name), unless it is a question the talked-of service's rules do not answer ("着火了
    // 有没有临时的救助" after 残疾证 is 临时救济's question; "住院的发票丢了一张" stays with the checklist)
    if (present.length === 0) return answers(talkedOf, text) || !answers(named, text);
    // "是村干部说了算吗" after 救灾: only a person is named, and the talked-of service's rules answer the question
    if (present.every((w) => retrieval.actors.has(w)) && answers(talkedOf, text)) return true;
    if (inChecklist && !present.some((w) => names.includes(w))) return !retrieval.isQuestion(text) || (answers(talkedOf, text) && !heldBetter(named, talkedOf, text));
    const talked = contentOf(talkedOf);
    // named only by a cue word ("征地" of 三资) while one of the talked-of service's FAQ entries holds the question
    // ("正在研究还没定下来的征地方案 能申请看不" after 依申请公开)
    if (!present.some((w) => names.includes(w)) && faqHolds(talkedOf, text, named)) return true;
    if (talked.length === 0 || !present.every((w) => talked.includes(w))) return false;
    // only cue words, all of them the talked-of service's own too ("出车祸受伤的能报不" after 大病救济, whose rules
    // speak of 车祸): a question its rules answer stays with it
    if (!present.some((w) => names.includes(w)) && answers(talkedOf, text)) return true;
    // a word both share ("五保"): the talked-of service keeps the turn only when one of its FAQ entries asks just this
    // ("我们不是五保户 也可以吗"), not for a switch of topic ("那五保要带啥材料")
    return faqHolds(talkedOf, text, named);
  };
}

/**
 * For the router: whether a message about `word` (a matter of the redirect directory) belongs to the service after all:
 * the text names the service (its name or an alias, not only a cue such as 住院), or `word` is one of its materials
 * (户口本 for 就业失业登记证 is a document to bring, not a matter for the 派出所).
 */
export function serviceClaimReader(templatesDir: string): (text: string, word: string, service: string) => boolean {
  const templates = loadServiceTemplates(templatesDir);
  return (text, word, service) => {
    const t = isServiceId(service) ? templates.get(service) : undefined;
    if (!t) return false;
    return [t.name, ...t.aliases].some((n) => text.includes(n)) || t.materials.some((m) => [m.name, ...(m.aliases ?? [])].some((n) => n.includes(word)));
  };
}
