// What the runtime offers: Node or a browser, how many cores, and the fastest
// SHA-256 it has. Kept apart so the rest of the package never tests for Node itself.

export const isNode = typeof process !== 'undefined' && process.versions != null && process.versions.node != null;

/** Imports a node: module; a variable name keeps bundlers from resolving it for browsers. */
export function nodeImport(name) {
  return import(/* @vite-ignore */ name);
}

/** Readers used at most when the caller does not say (more cores gain little: every reader sees every byte). */
export const DEFAULT_MAX_WORKERS = 8;
/** Readers used at most even when the caller asks for more. */
export const MAX_WORKERS = 16;

/** The default number of readers: the machine's cores, capped. */
export async function defaultWorkerCount() {
  let cores = 1;
  if (isNode) {
    const os = await nodeImport('node:os');
    cores = os.availableParallelism?.() ?? os.cpus().length;
  } else if (typeof navigator !== 'undefined' && navigator.hardwareConcurrency) {
    cores = navigator.hardwareConcurrency;
  }
  return Math.max(1, Math.min(DEFAULT_MAX_WORKERS, cores));
}

export function clampWorkers(n) {
  if (!Number.isFinite(n)) return 1;
  return Math.max(1, Math.min(MAX_WORKERS, Math.floor(n)));
}

const hex = (buffer) => Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');

let nodeCrypto;  // Promise<module | null>
function loadNodeCrypto() {
  nodeCrypto ??= isNode ? nodeImport('node:crypto').catch(() => null) : Promise.resolve(null);
  return nodeCrypto;
}

/**
 * SHA-256 (hex) of bytes held in memory, by the platform: node:crypto in Node (on this thread, 40 ms for 64 MB;
 * WebCrypto's copy of the bytes alone took 180 ms on a VM slow to fault memory in), WebCrypto
 * elsewhere (native, off this thread). Null when neither is there (WebCrypto is missing outside
 * secure contexts): the engine then hashes the bytes while it reads them. Starts at once.
 */
export function platformDigest(bytes) {
  const subtle = globalThis.crypto?.subtle;
  if (isNode) return loadNodeCrypto().then((c) => (c ? c.createHash('sha256').update(bytes).digest('hex') : subtle.digest('SHA-256', bytes).then(hex)));
  if (subtle?.digest == null) return null;
  return subtle.digest('SHA-256', bytes).then(hex);
}

/** An incremental SHA-256 ({update(bytes), hex()}) from the platform (node:crypto), or null. */
export async function platformHasher() {
  const c = await loadNodeCrypto();
  if (!c) return null;
  const h = c.createHash('sha256');
  return { update: (bytes) => h.update(bytes), hex: () => h.digest('hex') };
}
