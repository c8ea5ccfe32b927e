// What was done about a remark: the acknowledgements the customer had (how, by whom, what they
// read, and for a pass-on whether the messenger said it was done), and the history, oldest
// first. Owners are named; the messenger is only ever "the messenger"; days, never times.
import { formatDay, t, type Key, type Lang } from '../i18n';
import type { Acknowledgement, HistoryEntry } from './desk-api';

const HISTORY: Record<HistoryEntry['kind'], Key> = {
  acknowledged: 'desk.history.acknowledged',
  called: 'desk.history.called',
  asked_to_pass_on: 'desk.history.asked_to_pass_on',
  passed_on: 'desk.history.passed_on',
  question: 'desk.history.question',
};

function PassOnState({ pass }: { pass: NonNullable<Acknowledgement['pass_on']> }) {
  if (pass.confirmed_on) return <p class="done">{t('desk.acks.passed_on', { day: formatDay(pass.confirmed_on) })}</p>;
  if (pass.unconfirmed) return <p class="warn">{t('desk.acks.unconfirmed')}</p>;
  return <p class="meta">{t('desk.acks.waiting')}</p>;
}

export function Acknowledgements({ acks, language }: { acks: Acknowledgement[]; language: Lang }) {
  if (!acks.length) return null;
  return (
    <section aria-labelledby="desk-acks-title">
      <h3 id="desk-acks-title">{t('desk.acks.title')}</h3>
      <ol class="desk-acks">
        {acks.map((ack) => (
          <li>
            <p class="meta">
              {formatDay(ack.day)} · {ack.by} · {t(`desk.channel.${ack.channel}` as Key)}
            </p>
            <p>{t('desk.acks.promised', { day: formatDay(ack.promised_on) })}</p>
            {ack.late && <p class="warn">{t('desk.acks.late')}</p>}
            {ack.note && <p>{t('desk.acks.note', { note: ack.note })}</p>}
            {ack.pass_on && <PassOnState pass={ack.pass_on} />}
            <details>
              <summary>{t('desk.acks.text')}</summary>
              <p class="sent-text" lang={language}>
                {ack.text}
              </p>
            </details>
          </li>
        ))}
      </ol>
    </section>
  );
}

export function History({ history }: { history: HistoryEntry[] }) {
  return (
    <section aria-labelledby="desk-history-title">
      <h3 id="desk-history-title">{t('desk.history.title')}</h3>
      {history.length === 0 ? (
        <p class="hint">{t('desk.history.empty')}</p>
      ) : (
        <ol class="desk-history">
          {/* A kind this app does not word yet is left out rather than shown as a key. */}
          {history.filter((entry) => entry.kind in HISTORY).map((entry) => (
            <li>
              <span class="meta">{formatDay(entry.day)}</span> · {t(HISTORY[entry.kind], { by: entry.by ?? t('desk.messenger') })}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
