// My remarks: what I brought in since my last password reset, with the feedback owner's
// questions; what waits for my answer comes first and is answered here.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { formatDay, t } from '../i18n';
import { RemarkBody, type Remark } from '../remark';
import { errorsOf, FormError, Input, Loading, Notice, useSubmit, type Errors } from '../ui';

interface Message {
  author: 'owner' | 'messenger';
  text: string;
  day: string;
}

interface MyRemark extends Remark {
  waiting: boolean;
  thread: Message[];
}

interface MyRemarks {
  items: MyRemark[];
  waiting: number;
}

function Answer({ remark, onAnswered }: { remark: MyRemark; onAnswered: () => void }) {
  const [text, setText] = useState('');
  const { busy, errors, submit } = useSubmit(async () => {
    await api('POST', '/my-remarks/actions', { remark_id: remark.id, action: 'answer', text });
    setText('');
    onAnswered();
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

export default function Mine({ onWaiting }: { onWaiting: (n: number) => void }) {
  const [mine, setMine] = useState<MyRemarks | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [answered, setAnswered] = useState(false);

  const load = () =>
    api<MyRemarks>('GET', '/my-remarks')
      .then((data) => {
        // What waits for me first, then newest first (the server's order).
        data.items.sort((a, b) => Number(b.waiting) - Number(a.waiting));
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
      {answered && <Notice>{t('mine.answered')}</Notice>}
      {!mine && !errors[''] && <Loading />}
      {mine && mine.items.length === 0 && <p>{t('mine.empty')}</p>}
      {mine && mine.items.length > 0 && (
        <ul class="remarks">
          {mine.items.map((remark) => (
            <li>
              <article class={remark.waiting ? 'card waiting' : 'card'}>
                {remark.waiting && <p class="waiting-label">{t('mine.waiting')}</p>}
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
                {remark.waiting && (
                  <Answer
                    remark={remark}
                    onAnswered={() => {
                      setAnswered(true);
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
