// The owner's questions to a remark's messenger and their answers, and the form to ask one.
// The messenger is never named: only ever "the messenger"; the owner sees the day, no more.
import { useState } from 'preact/hooks';
import { formatDay, t } from '../i18n';
import { Input, FormError, Notice, useSubmit } from '../ui';
import { ask, type Message } from './desk-api';

interface Props {
  remarkId: string;
  thread: Message[];
  onThread: (thread: Message[]) => void;
}

export function Thread({ remarkId, thread, onThread }: Props) {
  const [text, setText] = useState('');
  const [sent, setSent] = useState(false);
  const { busy, errors, setErrors, submit } = useSubmit(async () => {
    setSent(false);
    if (!text.trim()) {
      setErrors({ '/text': t('check.field-blank') });
      return;
    }
    onThread(await ask(remarkId, text));
    setText('');
    setSent(true);
  });

  return (
    <section class="desk-thread" aria-labelledby="desk-thread-title">
      <h3 id="desk-thread-title">{t('desk.thread.title')}</h3>
      {thread.length === 0 ? (
        <p class="hint">{t('desk.thread.empty')}</p>
      ) : (
        <ol class="thread">
          {thread.map((message) => (
            <li class={message.author}>
              <p class="meta">
                {message.author === 'owner' ? t('role.owner') : t('desk.messenger')} · {formatDay(message.day)}
              </p>
              <p>{message.text}</p>
            </li>
          ))}
        </ol>
      )}
      {sent && <Notice>{t('desk.thread.sent')}</Notice>}
      <form onSubmit={submit} noValidate>
        <FormError errors={errors} />
        <Input
          id="desk-question"
          label={t('desk.thread.question')}
          hint={t('desk.thread.hint')}
          rows={3}
          value={text}
          onValue={setText}
          error={errors['/text']}
        />
        <button type="submit" class="secondary" disabled={busy}>
          {t('desk.thread.send')}
        </button>
      </form>
    </section>
  );
}
