// The promise clock as the desk shows it: the time the customer still waits for their answer
// ("nog 5 u"), or — in red, and saying so in words, never by colour alone — how late it is
// ("3 u te laat"). Counted against the server's clock of the answer it came with.
import { t, type Key } from '../i18n';
import { promiseClock, type ClockUnit } from './promise-clock';

const TEXT: Record<'left' | 'late', Record<ClockUnit, Key>> = {
  left: { min: 'desk.clock.left_min', h: 'desk.clock.left_h', d: 'desk.clock.left_d' },
  late: { min: 'desk.clock.late_min', h: 'desk.clock.late_h', d: 'desk.clock.late_d' },
};

export function PromiseClock({ dueAt, now }: { dueAt: number; now: number }) {
  const clock = promiseClock(dueAt, now);
  return (
    <span class={clock.late ? 'promise late' : 'promise'}>{t(TEXT[clock.late ? 'late' : 'left'][clock.unit], { n: clock.amount })}</span>
  );
}
