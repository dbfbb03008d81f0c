// The worker entry: the package's worker thread, plus one step in front of
// it. The page hands over File/Blob inputs (a reference, no copy) and they are
// read here, so a 75 MB export is never copied on the page's thread.
import 'gapscore/worker-thread.js';

const packageHandler = self.onmessage;

self.onmessage = async (event) => {
  const tables = event.data?.payload?.tables;
  if (tables && Object.values(tables).some((v) => v instanceof Blob)) {
    const bytes = {};
    for (const [table, value] of Object.entries(tables)) bytes[table] = value instanceof Blob ? new Uint8Array(await value.arrayBuffer()) : value;
    event = { data: { ...event.data, payload: { ...event.data.payload, tables: bytes } } };
  }
  packageHandler(event);
};
