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

/** For the router: whether the text names the service itself (its name or an alias), not only a cue of it ("住院"). */
export function serviceNameReader(templatesDir: string): (text: string, service: string) => boolean {
  const templates = loadServiceTemplates(templatesDir);
  return (text, service) => {
    const t = isServiceId(service) ? templates.get(service) : undefined;
    return !!t && [t.name, ...t.aliases].some((n) => text.includes(n));
  };
}
