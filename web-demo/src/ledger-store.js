// The privacy-budget ledger (protection dp, docs/privacy.md) kept in this
// browser: IndexedDB database "gapscore", object store "ledger", one record
// under the key "ledger" holding the ledger's text (every ledger_id in it).
// A LedgerStore ({get, set}, gapscore's index.d.ts): the engine reads it before
// a release and the page stores the updated text after it. Nothing leaves the
// browser; clearing the site's data starts a new ledger, and so a new budget.
export const LEDGER_DB = 'gapscore';
export const LEDGER_STORE = 'ledger';
export const LEDGER_KEY = 'ledger';

let opening = null;  // Promise<IDBDatabase>

function database() {
  opening ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(LEDGER_DB, 1);
    request.onupgradeneeded = () => {
      if (!request.result.objectStoreNames.contains(LEDGER_STORE)) request.result.createObjectStore(LEDGER_STORE);
    };
    request.onsuccess = () => {
      const db = request.result;
      db.onversionchange = () => { db.close(); opening = null; };
      resolve(db);
    };
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new Error('the ledger database is open in an older tab; close it and try again'));
  });
  opening.catch(() => { opening = null; });
  return opening;
}

async function transact(mode, work) {
  const db = await database();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(LEDGER_STORE, mode);
    const request = work(tx.objectStore(LEDGER_STORE));
    // Resolved once the transaction is committed: a set() that resolved is on disk.
    tx.oncomplete = () => resolve(request.result);
    tx.onerror = () => reject(tx.error ?? request.error);
    tx.onabort = () => reject(tx.error ?? new Error('the ledger transaction was aborted'));
  });
}

/** @type {import('gapscore').LedgerStore} */
export const ledgerStore = {
  /** The ledger text stored last, or null for none yet (a new ledger). */
  async get() {
    const text = await transact('readonly', (store) => store.get(LEDGER_KEY));
    return typeof text === 'string' ? text : null;
  },
  /** Stores the ledger text the engine handed back after a release. */
  async set(text) {
    await transact('readwrite', (store) => store.put(String(text), LEDGER_KEY));
  },
};
