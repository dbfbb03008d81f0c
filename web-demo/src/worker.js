// The worker entry: the package's worker thread, plus one step in front of
// it. The page hands over File/Blob inputs (a reference, no copy) and they are
// read here, so a 75 MB export is never copied on the page's thread. AI-usage
// exports arrive as [{data: Blob, name}], the package's `usage` input.
import 'gapscore/worker-thread.js';

const packageHandler = self.onmessage;

const read = async (value) => (value instanceof Blob ? new Uint8Array(await value.arrayBuffer()) : value);

self.onmessage = async (event) => {
  const tables = event.data?.payload?.tables;
  if (tables && typeof tables === 'object') {
    const bytes = {};
    for (const [table, value] of Object.entries(tables)) {
      bytes[table] = table === 'usage' && Array.isArray(value)
        ? await Promise.all(value.map(async (u) => (u && typeof u === 'object' && 'data' in u ? { ...u, data: await read(u.data) } : read(u))))
        : await read(value);
    }
    event = { data: { ...event.data, payload: { ...event.data.payload, tables: bytes } } };
  }
  packageHandler(event);
};
