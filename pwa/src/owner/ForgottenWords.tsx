// A customer who asked to be forgotten (docs/customers.md): their name and contact are gone,
// and the remark says so. Where what they told us still names them, the owner takes the name
// out here — the only time a customer's words are edited. A save needs the version seen; a
// refusal keeps what was typed.
import { useState } from 'preact/hooks';
import { api } from '../api';
import { t } from '../i18n';
import { FormError, Input, useSubmit } from '../ui';
import type { DeskRemark } from './desk-api';

interface Props {
  remark: DeskRemark;
  /** Saved: the remark as it is now. */
  onSaved: (remark: DeskRemark) => void;
}

export function ForgottenWords({ remark, onSaved }: Props) {
  const { facts, feeling, place } = remark.remark;
  const [open, setOpen] = useState(false);
  const [text, setText] = useState(facts);
  const [words, setWords] = useState(feeling.words);
  const [detail, setDetail] = useState(place.detail);
  const [saved, setSaved] = useState(false);
  const { busy, errors, submit } = useSubmit(async () => {
    const body = { version: remark.version, facts: text, feeling_words: words, place_detail: detail };
    const item = await api<DeskRemark>('PUT', `/desk/remarks/${remark.remark.id}/words`, body);
    setOpen(false);
    setSaved(true);
    onSaved({ ...remark, ...item });
  });
  return (
    <section class="card forgotten" aria-labelledby="forgotten-title" data-testid="forgotten">
      <h3 id="forgotten-title">{t('desk.forgotten.title')}</h3>
      <p>{t('desk.forgotten.intro')}</p>
      {saved && (
        <p class="notice success" role="status">
          {t('desk.forgotten.saved')}
        </p>
      )}
      {open ? (
        <form onSubmit={submit} noValidate>
          <FormError errors={errors} />
          <Input id="forgotten-facts" label={t('desk.forgotten.facts')} rows={4} value={text} onValue={setText} error={errors['/facts']} required />
          <Input id="forgotten-words" label={t('desk.forgotten.words')} rows={2} value={words} onValue={setWords} error={errors['/feeling_words']} optional />
          <Input id="forgotten-detail" label={t('desk.forgotten.detail')} value={detail} onValue={setDetail} error={errors['/place_detail']} optional />
          <button type="submit" class="primary" disabled={busy} data-testid="forgotten-save">
            {busy ? t('desk.forgotten.saving') : t('desk.forgotten.save')}
          </button>{' '}
          <button type="button" class="secondary" onClick={() => setOpen(false)}>
            {t('desk.forgotten.cancel')}
          </button>
        </form>
      ) : (
        <button type="button" class="secondary" onClick={() => setOpen(true)} data-testid="forgotten-open">
          {t('desk.forgotten.open')}
        </button>
      )}
    </section>
  );
}
