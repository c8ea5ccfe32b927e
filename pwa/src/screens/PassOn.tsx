// In "my remarks": the feedback owner's answer that the customer can only hear through me (they
// gave no address we may write to), in the customer's language, and the one button to say it
// was passed on. Once done, the day it was.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api';
import { formatDay, t, type Key, type Lang } from '../i18n';
import { errorsOf, FormError, type Errors } from '../ui';

export interface PassOnRequest {
  text: string;
  language: Lang;
  asked_on: string;
  done_on: string | null;
}

interface Props {
  remarkId: string;
  customer: string;
  pass: PassOnRequest;
  /** Passed on: the list asks again (the day it was done, the badge). */
  onDone: () => Promise<void>;
}

export function PassOn({ remarkId, customer, pass, onDone }: Props) {
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const [justDone, setJustDone] = useState(false);
  const done = useRef<HTMLParagraphElement>(null);

  // Done just now: the line that says so takes the focus (the button it replaces is gone).
  useEffect(() => {
    if (justDone && pass.done_on) done.current?.focus();
  }, [justDone, pass.done_on]);

  if (pass.done_on) {
    return (
      <p class="passed-on" tabIndex={justDone ? -1 : undefined} ref={done} role={justDone ? 'status' : undefined}>
        {t('mine.pass_on_done', { day: formatDay(pass.done_on) })}
      </p>
    );
  }

  const confirm = async () => {
    setBusy(true);
    setErrors({});
    try {
      await api('POST', '/my-remarks/actions', { remark_id: remarkId, action: 'passed_on' });
      setJustDone(true);
      await onDone();
    } catch (err) {
      setErrors(errorsOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="pass-on" aria-labelledby={`pass-on-${remarkId}`}>
      <h2 id={`pass-on-${remarkId}`}>{t('mine.pass_on_title')}</h2>
      <p>{t('mine.pass_on_intro', { name: customer })}</p>
      <p class="meta">
        {t('mine.pass_on_asked', { day: formatDay(pass.asked_on) })} · {t('mine.pass_on_language', { language: t(`lang.${pass.language}` as Key) })}
      </p>
      <blockquote lang={pass.language}>{pass.text}</blockquote>
      <FormError errors={errors} />
      <button type="button" class="primary" disabled={busy} onClick={() => void confirm()}>
        {t('mine.pass_on_confirm')}
      </button>
    </section>
  );
}
