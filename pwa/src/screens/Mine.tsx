// My remarks: what I brought in since my last password reset, with the feedback owner's
// questions and the answers I am asked to pass on to the customer; what waits for me comes
// first and is answered (or said to be passed on) here. Captures still on this
// phone (not yet sent, or refused) are shown above them, so nothing noted looks lost; each
// remark says how far it has come (its state).
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { formatDay, t, type Key } from '../i18n';
import { onLink } from '../router';
import { freshCapture } from '../session';
import { loadKnown, staleNotice } from '../offline-copies';
import { RemarkBody, type Remark } from '../remark';
import { remove, submitNow, useOutbox, type Item } from '../outbox';
import { PassOn, type PassOnRequest } from './PassOn';
import { errorsOf, FormError, Input, Loading, Notice, useSubmit, type Errors } from '../ui';

interface Message {
  author: 'owner' | 'messenger';
  text: string;
  day: string;
}

interface MyRemark extends Remark {
  waiting: boolean;
  thread: Message[];
  /** The owner's answer, to pass on to the customer (who gave no address we may write to). */
  pass_on?: PassOnRequest | null;
}

/** The owner's answer still to be passed on to the customer. */
const toPassOn = (remark: MyRemark) => Boolean(remark.pass_on && !remark.pass_on.done_on);

/** The owner's question still waits for my answer. The server's `waiting` covers a pass-on
 * too: with one open, a question waits only if the owner wrote last. */
const asked = (remark: MyRemark) =>
  remark.waiting && (!toPassOn(remark) || remark.thread[remark.thread.length - 1]?.author === 'owner');

interface MyRemarks {
  items: MyRemark[];
  waiting: number;
}

interface AnswerBody {
  id: string;
  remark_id: string;
  action: 'answer';
  text: string;
}

/** The answer form: through the outbox, so an answer written without network waits and goes. */
function Answer({ remark, onAnswered }: { remark: MyRemark; onAnswered: (saved: boolean) => void }) {
  const [text, setText] = useState('');
  const { busy, errors, setErrors, submit } = useSubmit(async () => {
    const answer: AnswerBody = { id: crypto.randomUUID(), remark_id: remark.id, action: 'answer', text };
    const result = await submitNow('answer', answer.id, '/my-remarks/actions', answer);
    if ('refused' in result) {
      setErrors(result.refused);
      return;
    }
    setText('');
    onAnswered(!result.sent);
  });
  return (
    <form onSubmit={submit} noValidate>
      <FormError errors={errors} />
      <Input id={`answer-${remark.id}`} label={t('mine.answer')} rows={3} value={text} onValue={setText} error={errors['/text']} />
      <button type="submit" class="primary" disabled={busy}>
        {t('mine.send_answer')}
      </button>
    </form>
  );
}

/** Answers to this remark still in the outbox: waiting, or refused (with the reason, to drop). */
function PendingAnswers({ remark, pending }: { remark: MyRemark; pending: Item[] }) {
  const mine = pending.filter((item) => (item.body as AnswerBody).remark_id === remark.id);
  return (
    <>
      {mine.map((item) => (
        <div class={item.refused ? 'pending refused' : 'pending'}>
          <p>“{(item.body as AnswerBody).text}”</p>
          <p class="meta">{t(item.refused ? 'mine.answer_refused' : 'mine.answer_waiting')}</p>
          {item.refused && (
            <>
              <ul class="reasons">
                {Object.values(item.refused).map((reason) => (
                  <li>{reason}</li>
                ))}
              </ul>
              <button type="button" class="secondary" onClick={() => void remove(item.id)}>
                {t('outbox.discard')}
              </button>
            </>
          )}
        </div>
      ))}
    </>
  );
}

/** What the capture form keeps of a capture waiting in the outbox (its draft). */
interface Draft {
  name: string;
  facts: string;
}

/** Captures still on this phone: waiting to be sent, or refused (fixed on the capture screen). */
function Unsent({ items, sent }: { items: Item[]; sent: Set<string> }) {
  const unsent = items.filter((item) => !sent.has(item.id));
  if (!unsent.length) return null;
  return (
    <ul class="remarks unsent" aria-label={t('mine.unsent')}>
      {unsent.map((item) => {
        const draft = item.draft as Draft;
        return (
          <li>
            <article class="card unsent">
              <p class={item.refused ? 'state refused' : 'state waiting-to-send'}>
                {t(item.refused ? 'mine.capture_refused' : 'mine.capture_waiting')}
              </p>
              <p class="facts">{draft.facts}</p>
              <p class="meta">{draft.name}</p>
              {item.refused && (
                <a href="/" onClick={onLink('/')}>
                  {t('mine.fix_on_capture')}
                </a>
              )}
            </article>
          </li>
        );
      })}
    </ul>
  );
}

export default function Mine({ onWaiting }: { onWaiting: (n: number) => void }) {
  const [mine, setMine] = useState<MyRemarks | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [answered, setAnswered] = useState<'sent' | 'saved' | null>(null);
  const pending = useOutbox('answer');
  const unsent = useOutbox('capture');

  const [offlineSince, setOfflineSince] = useState<number | null>(null);
  const load = () =>
    loadKnown('mine', () => api<MyRemarks>('GET', '/my-remarks'))
      .then(({ data, offlineSince: since }) => {
        setOfflineSince(since ?? null);
        // What waits for me first, then the capture I just made, then newest first (the
        // server's order: by the hour, and within an hour in no order of arrival).
        const fresh = freshCapture();
        const waits = (remark: MyRemark) => Number(remark.waiting || toPassOn(remark));
        data.items.sort((a, b) => waits(b) - waits(a) || Number(b.id === fresh) - Number(a.id === fresh));
        setMine(data);
        onWaiting(data.waiting);
      })
      .catch((err) => setErrors(errorsOf(err)));

  useEffect(() => void load(), []);

  return (
    <main>
      <h1>{t('nav.mine')}</h1>
      <p class="hint">{t('mine.intro')}</p>
      <FormError errors={errors} />
      {offlineSince !== null && <Notice>{staleNotice(offlineSince)}</Notice>}
      {answered && <Notice>{t(answered === 'sent' ? 'mine.answered' : 'mine.answer_saved')}</Notice>}
      {!mine && !errors[''] && <Loading />}
      <Unsent items={unsent} sent={new Set(mine?.items.map((r) => r.id) ?? [])} />
      {mine && mine.items.length === 0 && unsent.length === 0 && <p>{t('mine.empty')}</p>}
      {mine && mine.items.length > 0 && (
        <ul class="remarks">
          {mine.items.map((remark) => (
            <li>
              <article class={remark.waiting || toPassOn(remark) ? 'card waiting' : 'card'}>
                <p class={`state state-${remark.state}`}>{t(`state.${remark.state}` as Key)}</p>
                {asked(remark) && <p class="waiting-label">{t('mine.waiting')}</p>}
                <RemarkBody remark={remark} />
                {remark.thread.length > 0 && (
                  <ol class="thread">
                    {remark.thread.map((message) => (
                      <li class={message.author}>
                        <p class="meta">
                          {message.author === 'owner' ? t('mine.owner') : t('mine.you')} · {formatDay(message.day)}
                        </p>
                        <p>{message.text}</p>
                      </li>
                    ))}
                  </ol>
                )}
                {remark.pass_on && (
                  <PassOn remarkId={remark.id} customer={remark.customer.name} pass={remark.pass_on} onDone={load} />
                )}
                <PendingAnswers remark={remark} pending={pending} />
                {asked(remark) && !pending.some((item) => (item.body as AnswerBody).remark_id === remark.id) && (
                  <Answer
                    remark={remark}
                    onAnswered={(saved) => {
                      setAnswered(saved ? 'saved' : 'sent');
                      void load();
                    }}
                  />
                )}
              </article>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
