// The reading worker (readings.ts starts it on the first need and ends it after an idle period):
// the dictionary lives in this thread only, so its ~280 MiB go when the thread ends.
//   - it loads the dictionary at once; a failure ends the thread with the error (the server logs it
//     and starts a new worker on a need after a growing wait);
//   - on the parent port, { id, texts } → { id, segments }: the batches the read path asks for
//     without waiting (primeRuby: a page's texts in one message);
//   - on the sync port, texts → segments, then the signal's counter goes up and the waiting thread
//     wakes: the one-row path of the mappers, which are synchronous (rubyNow).
import { parentPort, receiveMessageOnPort, workerData, type MessagePort } from "node:worker_threads";
import { loadTokenizer, segmentsWith } from "./segments.ts";

export interface ReadingWorkerData {
  syncPort: MessagePort;
  /** [0]: how many sync answers were posted (Atomics.wait on it) */
  signal: Int32Array;
  /** the dictionary's folder; default kuromoji's own */
  dictionaryPath?: string;
}
export interface BatchRequest {
  id: number;
  texts: string[];
}

const { syncPort, signal, dictionaryPath } = workerData as ReadingWorkerData;
const port = parentPort!;

const tokenizer = await loadTokenizer(dictionaryPath);

/** null when kuromoji throws on a text: the texts go without furigana, the worker stays up. */
function segmentsOf(texts: string[]) {
  try {
    return texts.map((text) => segmentsWith(tokenizer, text));
  } catch {
    return null;
  }
}

// A big batch (a board of thousands of titles) is cut in chunks with a turn of the event loop
// between them, so a sync request, on which the server's main thread waits, is answered in between.
const CHUNK = 100;
port.on("message", async ({ id, texts }: BatchRequest) => {
  const segments = [];
  for (let i = 0; i < texts.length; i += CHUNK) {
    if (i > 0) await new Promise((resolve) => setImmediate(resolve));
    answerWaitingSyncs(); // several batches queued: each would run a chunk before the loop turns
    const chunk = segmentsOf(texts.slice(i, i + CHUNK));
    if (!chunk) return port.postMessage({ id, segments: null });
    segments.push(...chunk);
  }
  port.postMessage({ id, segments });
});
function answerSync(texts: string[]) {
  syncPort.postMessage(segmentsOf(texts));
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
}
/** The server's main thread is blocked on a sync request: answer it before more of a batch. */
function answerWaitingSyncs() {
  for (let m = receiveMessageOnPort(syncPort); m; m = receiveMessageOnPort(syncPort)) answerSync(m.message as string[]);
}
syncPort.on("message", answerSync);
port.postMessage("ready");
