import { useEffect, useState } from 'preact/hooks';

const subscribers = new Set<(now: number) => void>();
let timer: ReturnType<typeof setInterval> | undefined;

/** One shared clock for every countdown on the page, ticking each second while anything shows one. */
export function useNow(): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    subscribers.add(setNow);
    timer ??= setInterval(() => {
      const t = Date.now();
      for (const s of subscribers) s(t);
    }, 1000);
    return () => {
      subscribers.delete(setNow);
      if (subscribers.size === 0 && timer) {
        clearInterval(timer);
        timer = undefined;
      }
    };
  }, []);
  return now;
}

export { formatDate, formatDuration, timeAgo } from './format';
