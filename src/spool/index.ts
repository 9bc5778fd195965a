export { Spool, type SpoolDeliverer, type SpoolOptions } from './spool.js';
export { SpoolFile, type SpoolEntry } from './spool-file.js';
