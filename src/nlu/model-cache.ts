import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LinearModel, type StoredModel } from './model.js';

/**
 * The trained model kept between starts (issue 10: training well under 3 s at start-up). Training is deterministic,
 * so a model trained on the same intents/, jieba dictionary, classifier source and options is the same model: it is
 * stored under a hash of all of them and read back instead of trained again (about 1.5 s of the 2 s). Anything else
 * trains afresh; a file that cannot be read is ignored. Two files per model: a JSON header and the raw weights.
 */

/** The folder of this module: its source (and its siblings') is part of the key, so a changed classifier retrains. */
const NLU_SOURCE_DIR = path.dirname(fileURLToPath(import.meta.url));

function filesUnder(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

/** The hash of everything a trained model depends on. */
export function modelKey(intentsDir: string, options: object): string {
  const h = createHash('sha256').update(JSON.stringify(options)).update('\0');
  for (const dir of [intentsDir, NLU_SOURCE_DIR]) {
    for (const file of filesUnder(dir)) h.update(path.relative(dir, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return h.digest('hex').slice(0, 16);
}

interface Header { classes: number; temperature: number; features: string[]; bias: number[] }

export function readModel(dir: string, key: string): LinearModel | undefined {
  const head = path.join(dir, `nlu-${key}.json`);
  const body = path.join(dir, `nlu-${key}.f64`);
  if (!existsSync(head) || !existsSync(body)) return undefined;
  try {
    const h = JSON.parse(readFileSync(head, 'utf8')) as Header;
    const raw = readFileSync(body);
    const weights = new Float64Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
    return LinearModel.fromStored({ ...h, weights });
  } catch {
    return undefined; // half-written or from another layout: trained again and rewritten
  }
}

/** Writes the model (each file to a temporary name first, then renamed: a reader never sees half a file). */
export function writeModel(dir: string, key: string, model: LinearModel): void {
  try {
    mkdirSync(dir, { recursive: true });
    const { weights, ...header } = model.stored() satisfies StoredModel;
    const tmp = `.${process.pid}-${Date.now()}`;
    writeFileSync(path.join(dir, `nlu-${key}.f64${tmp}`), Buffer.from(weights.buffer, weights.byteOffset, weights.byteLength));
    writeFileSync(path.join(dir, `nlu-${key}.json${tmp}`), JSON.stringify(header));
    renameSync(path.join(dir, `nlu-${key}.f64${tmp}`), path.join(dir, `nlu-${key}.f64`));
    renameSync(path.join(dir, `nlu-${key}.json${tmp}`), path.join(dir, `nlu-${key}.json`));
  } catch {
    // a read-only checkout trains at every start, as before
  }
}
