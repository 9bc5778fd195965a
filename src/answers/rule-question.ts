import { loadRenderContext } from './answer-phrases.js';
import { loadRetrievalWords } from './facts.js';
import { hasRuleAnswer } from './handlers/policy.js';
import { loadServiceTemplates } from './service-template.loader.js';
import { isServiceId } from './published-templates.js';

/**
 * For the router: whether a message is a question (a question frame, in standard words) that the rules of the
 * service answer. Read from the template files at boot; the answer itself comes from the published templates.
 */
export function ruleQuestionReader(templatesDir: string): (text: string, service: string) => boolean {
  const templates = loadServiceTemplates(templatesDir);
  const retrieval = loadRetrievalWords(templatesDir);
  const render = loadRenderContext(templatesDir);
  const deps = { retrieval, render };
  return (text, service) => {
    const t = isServiceId(service) ? templates.get(service) : undefined;
    return !!t && retrieval.isQuestion(text) && hasRuleAnswer(deps, text, t);
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
