import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { RedirectDirectory } from '../answers/redirects.js';
import { asksStaffReader, ruleQuestionReader, serviceClaimReader, talkedServiceReader } from '../answers/rule-question.js';
import { CasePhrases, hasAny } from './flows/phrases.js';
import { contactAfterRegistering, contactFixOf } from './flows/intake-fields.js';
import { asksWithdrawal } from './flows/withdraw.js';
import { looksLikeQuestion, ReplyReader } from './reply.js';
import { givesContactFirst } from './flows/contact-first.js';
import type { RoutingRules } from './router.js';

const schema = z.object({
  privateInGroups: z.array(z.string().min(1)),
  eraseCommands: z.array(z.string().min(1)).default([]),
  redirectFrom: z.array(z.string().min(1)).default([]),
  ruleFrom: z.array(z.string().min(1)).default([]),
  caseQuestionAfter: z.array(z.string().min(1)).default([]),
  complaintWords: z.array(z.string().min(1)).default([]),
  reportWords: z.array(z.string().min(1)).default([]),
  applyCue: z.array(z.string().min(1)).default([]),
  asksRule: z.array(z.string().min(1)).default([]),
  ownMatter: z.array(z.string().min(1)).default([]),
});

/** intake questions about the villager's own data: answered as questions about their case whatever came before */
const OWN_DATA_QUESTIONS = new Set(['intake_question_confidential', 'intake_question_number_readback']);
const OWN_DATA_CHARS = 30;
const CLOSING_CHARS = 8;
/** a worry said at the start of the message ("我怕支书晓得…") */
const WORRY_AT = 5;

/** templates/dialogue.yml: the township's routing choices; the redirect directory from templates/redirects.yml. */
export function loadRoutingRules(templatesDir: string): RoutingRules {
  const data = schema.parse(parse(readFileSync(path.join(templatesDir, 'dialogue.yml'), 'utf8')));
  const directory = RedirectDirectory.load(templatesDir);
  const claims = serviceClaimReader(templatesDir);
  const phrases = CasePhrases.load(templatesDir);
  const replies = ReplyReader.load(templatesDir);
  return {
    privateInGroups: new Set(data.privateInGroups), eraseCommands: new Set(data.eraseCommands),
    redirectFrom: new Set(data.redirectFrom), isRedirect: (text, services, route, previousReply) => {
      const found = directory.find(text);
      // a complaint is redirected only about a matter no township office answers for (停电: the power company), and
      // once: a villager who insists after being told the unit gets the intake
      if (!found || (route === 'complaint' && (!found.matter.complaints || directory.followsRedirect(previousReply)))) return false;
      return !services.some((s) => claims(text, found.word, s));
    },
    ruleFrom: new Set(data.ruleFrom), asksRule: ruleQuestionReader(templatesDir), asksStaff: asksStaffReader(templatesDir),
    keepsTalkedService: talkedServiceReader(templatesDir),
    asksWithdrawal: (text) => asksWithdrawal(text, phrases.words),
    // a short question only: "村主任把我举报的事告诉了别人" is a complaint about a leak
    // "我怕支书晓得是我告的": a worry is a question too
    asksAboutOwnData: (text) => text.length <= OWN_DATA_CHARS && (looksLikeQuestion(text) || /吧[\s?？。!！]*$/.test(text) || hasAny(text.slice(0, WORRY_AT), phrases.words.worry)) && OWN_DATA_QUESTIONS.has(phrases.intakeQuestion(text) ?? ''),
    givesContactFirst: (text) => givesContactFirst(text, phrases) !== undefined,
    givesContact: (text) => contactAfterRegistering(text, phrases) !== undefined,
    asksAfterRedirect: (text, previousReply) => directory.asksAfterRedirect(text, previousReply),
    // "美得很 谢咧", "中 额等着": a short thanks or yes with nothing asked closes the talk
    closesTalk: (text) => [...text.replace(/\s/g, '')].length <= CLOSING_CHARS && !looksLikeQuestion(text) && (replies.thanks(text) || replies.read(text).kind === 'confirm'),
    unhappyWithAnswer: (text) => hasAny(text, phrases.words.answerUnsatisfied) && hasAny(text, phrases.words.earlierAnswer),
    // "想要…明细 咋个申请" applies for information; "他屋里收入好多" asks for someone's private data (both 依申请公开's rules)
    asksToApply: (text) => hasAny(text, data.applyCue) || (hasAny(text, phrases.words.privateInfo) && hasAny(text, phrases.words.otherPerson)),
    unsureWords: { asksRule: (text) => hasAny(text, data.asksRule), ownMatter: (text) => hasAny(text, data.ownMatter) },
    correctsService: (text) => replies.corrects(text),
    asksReportTime: (text) => hasAny(text, data.reportWords) && phrases.intakeQuestion(text) === 'intake_question_reply_time',
    saysComplaint: (text) => data.complaintWords.some((w) => text.includes(w)),
    caseQuestionAfter: new Set(data.caseQuestionAfter), asksAboutCase: (text) => (phrases.intakeQuestion(text) !== undefined && !hasAny(text, phrases.words.serviceRuleCue)) || contactFixOf(text, phrases) !== undefined,
  };
}
