import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../core/app-context';
import { Avatar } from '../ui/badges';

interface Member {
  userId: string;
  name?: string;
  role: string;
}

/** Staff with the live list open (availability frames), shown beside the list title. */
export function OnlineStaff() {
  const { realtime, session } = useApp();
  const [online, setOnline] = useState<Member[]>([]);
  useEffect(() => realtime.on((frame) => {
    if (frame.type === 'subscribed' && Array.isArray(frame.data?.online)) setOnline(frame.data.online);
    if (frame.type === 'availability') {
      const who = frame.data as Member & { status: 'online' | 'offline' };
      setOnline((list) => (who.status === 'online' ? [...list.filter((m) => m.userId !== who.userId), who] : list.filter((m) => m.userId !== who.userId)));
    }
  }), [realtime]);
  const others = online.filter((m) => m.userId !== session.userId);
  if (others.length === 0) return null;
  return (
    <p class="online" aria-live="polite">
      <span class="online-dot" aria-hidden="true" />
      Online: {others.map((m) => (
        <span key={m.userId} class="person"><Avatar name={m.name ?? m.userId} size="sm" />{m.name ?? 'Someone'}</span>
      ))}
    </p>
  );
}
