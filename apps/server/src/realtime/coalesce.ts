// Many connections asking the database the same thing at the same moment (a thousand sockets
// joining `board` after a restart or a deploy, each asking for the room's latest sequence) share
// one read instead of each running its own: issue 14, connection time and the memory that a
// thousand queued queries hold.
//
// Never a stale answer: every caller gets the result of a read that STARTED AFTER it asked. A
// caller that finds no read running starts one; a caller that finds one already running waits
// for it to end and then shares the next one, with every other caller that came meanwhile. So at
// most two reads per key are ever in the air at once (the running one and the one queued behind
// it), and what a caller is told is at least as fresh as a read of its own would have been.
export function coalesced<K, V>(read: (key: K) => Promise<V>): (key: K) => Promise<V> {
  const running = new Map<K, Promise<V>>();
  const queued = new Map<K, Promise<V>>();
  const start = (key: K): Promise<V> => {
    const reading = Promise.resolve(key).then(read);
    running.set(key, reading);
    const done = () => {
      if (running.get(key) === reading) running.delete(key);
    };
    reading.then(done, done);
    return reading;
  };
  return (key) => {
    const next = queued.get(key);
    if (next) return next;
    const current = running.get(key);
    if (!current) return start(key);
    const after = () => {
      queued.delete(key);
      return start(key);
    };
    const shared = current.then(after, after);
    queued.set(key, shared);
    return shared;
  };
}
