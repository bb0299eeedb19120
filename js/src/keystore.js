// A thin IndexedDB store for what must outlive a reload but never reach the server: a committee
// member's key material (as its backup JSON) and the check-in desk's pool of card secrets.
// IndexedDB works on plain http, unlike most other storage-adjacent browser APIs.
const DATABASE = 'voting';
const STORE = 'secrets';

function open() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DATABASE, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function run(mode, action) {
  const db = await open();
  try {
    return await new Promise((resolve, reject) => {
      const transaction = db.transaction(STORE, mode);
      const request = action(transaction.objectStore(STORE));
      // Resolve on commit, not on the request's success: a put is durable only then.
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error);
    });
  } finally {
    db.close();
  }
}

/** The value stored under `key`, or undefined. */
export function load(key) {
  return run('readonly', (store) => store.get(key));
}

export function save(key, value) {
  return run('readwrite', (store) => store.put(value, key));
}

export function forget(key) {
  return run('readwrite', (store) => store.delete(key));
}
