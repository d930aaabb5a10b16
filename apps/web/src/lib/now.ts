// "Now" for screens that show time-dependent state (what is overdue, what is due today): the
// current time, refreshed every minute so a due time passing while the screen is open shows.
import { useEffect, useState } from "react";

export function useNow(intervalMs = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
