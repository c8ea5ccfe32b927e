// Capture: one thumb-friendly screen — who, how to reach them (and may we), their language,
// where it was heard, how they felt, what happened, which day, a topic. The server checks everything; its messages appear next to their
// fields and nothing typed is lost. The id is made here, so a repeated send is never a second
// remark.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { LANGS, lang, t, type Key, type Lang } from '../i18n';
import { onLink } from '../router';
import { me } from '../session';
import { loadKnown } from '../offline-copies';
import { FEELINGS, PLACES, type Feeling, type Topic } from '../model';
import { flush, submitNow, useOutbox, type Item } from '../outbox';
import { Field, FormError, Input, useSubmit } from '../ui';

/** The five steps as signs that fit a 320 px screen; the words are in the labels. */
const SCALE: Record<Feeling, string> = {
  very_frustrated: '−−',
  frustrated: '−',
  neutral: '○',
  pleased: '+',
  delighted: '++',
};

/** What waits in the outbox: saved and to be sent, or refused with the reasons and a way to fix. */
function Waiting({ onFix }: { onFix: (item: Item) => void }) {
  const waiting = useOutbox('capture');
  if (waiting.length === 0) return null;
  return (
    <section class="outbox" aria-labelledby="outbox-title">
      <h2 id="outbox-title">{t('outbox.title')}</h2>
      <ul>
        {waiting.map((item) => {
          const draft = item.draft as Form;
          return (
            <li class={item.refused ? 'refused' : ''}>
              <p>
                <strong>{draft.name || '—'}</strong>: {draft.facts.slice(0, 80)}
              </p>
              <p class="meta">{t(item.refused ? 'outbox.refused' : 'outbox.waiting')}</p>
              {item.refused && (
                <>
                  <ul class="reasons">
                    {Object.values(item.refused).map((reason) => (
                      <li>{reason}</li>
                    ))}
                  </ul>
                  <button type="button" class="secondary" onClick={() => onFix(item)}>
                    {t('outbox.fix')}
                  </button>
                </>
              )}
            </li>
          );
        })}
      </ul>
      {waiting.some((i) => !i.refused) && (
        <button type="button" class="secondary" onClick={() => void flush(true)}>
          {t('outbox.send_now')}
        </button>
      )}
    </section>
  );
}

function today(): string {
  // The local day as YYYY-MM-DD (Swedish dates are ISO).
  return new Date().toLocaleDateString('sv-SE');
}

function blank() {
  return {
    id: crypto.randomUUID(),
    name: '',
    email: '',
    phone: '',
    consent: null as boolean | null,
    language: (me()?.language ?? lang()),
    place: '' as string,
    placeDetail: '',
    feeling: '' as string,
    words: '',
    facts: '',
    day: today(),
    topic: '',
  };
}

type Form = ReturnType<typeof blank>;

function body(form: Form) {
  const contact = Boolean(form.email.trim() || form.phone.trim());
  return {
    id: form.id,
    customer: {
      name: form.name,
      email: form.email.trim() || undefined,
      phone: form.phone.trim() || undefined,
      consent: contact ? (form.consent ?? undefined) : undefined,
      language: form.language,
    },
    facts: form.facts,
    feeling: form.feeling ? { level: form.feeling, words: form.words.trim() || undefined } : undefined,
    place: form.place ? { kind: form.place, detail: form.placeDetail.trim() || undefined } : undefined,
    heard_on: form.day || undefined,
    topic_id: form.topic || undefined,
  };
}

/** A group of big radio buttons. */
function Choice<T extends string>(props: {
  name: string;
  legend: string;
  options: readonly T[];
  label: (option: T) => string;
  value: string;
  onChange: (value: T) => void;
  error?: string;
  class?: string;
  /** Shown instead of the label (which stays for screen readers), e.g. the steps of a scale. */
  symbol?: (option: T) => string;
}) {
  const errorId = `${props.name}-error`;
  return (
    <fieldset class={`choice ${props.class ?? ''} ${props.error ? 'invalid' : ''}`} aria-describedby={props.error ? errorId : undefined}>
      <legend>{props.legend}</legend>
      <div class="options">
        {props.options.map((option) => (
          <label class={props.value === option ? 'option chosen' : 'option'}>
            <input
              type="radio"
              name={props.name}
              value={option}
              checked={props.value === option}
              onChange={() => props.onChange(option)}
            />
            {props.symbol ? (
              <>
                <span aria-hidden="true">{props.symbol(option)}</span>
                <span class="sr-only">{props.label(option)}</span>
              </>
            ) : (
              <span>{props.label(option)}</span>
            )}
          </label>
        ))}
      </div>
      {props.symbol && (
        <p class="scale-ends" aria-hidden="true">
          <span>{props.label(props.options[0])}</span>
          <span>{props.label(props.options[props.options.length - 1])}</span>
        </p>
      )}
      {props.symbol && props.value && (
        <p class="scale-chosen" aria-hidden="true">
          {props.label(props.value as T)}
        </p>
      )}
      {props.error && (
        <p class="error" id={errorId}>
          {props.error}
        </p>
      )}
    </fieldset>
  );
}

export function Capture() {
  const [form, setForm] = useState<Form>(blank);
  const [done, setDone] = useState<'sent' | 'saved' | null>(null);
  const [topics, setTopics] = useState<Topic[]>([]);
  // Written to the outbox first, then tried at once: sent, refused (back in the form with the
  // reasons), or kept for the sender (no network, server down).
  const { busy, errors: e, setErrors, submit } = useSubmit(async () => {
    const result = await submitNow('capture', form.id, '/remarks', body(form), form);
    if ('refused' in result) {
      setErrors(result.refused);
      return;
    }
    setDone(result.sent ? 'sent' : 'saved');
    setForm(blank());
    window.scrollTo(0, 0);
  });

  useEffect(() => {
    loadKnown('settings', () => api<{ topics: Topic[] }>('GET', '/settings'))
      .then(({ data }) => setTopics(data.topics.filter((topic) => !topic.archived)))
      .catch(() => setTopics([]));
  }, []);

  // Refused: take the person to the first thing to fix (what they typed stays).
  useEffect(() => {
    if (Object.keys(e).length) {
      document.querySelector<HTMLElement>('.invalid input, .invalid textarea, .form-error')?.focus();
    }
  }, [e]);

  const set = <K extends keyof Form>(key: K) => (value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));
  const hasContact = Boolean(form.email.trim() || form.phone.trim());

  // A refused item from the outbox, back in the form with its reasons.
  const fix = (item: Item) => {
    setForm(item.draft as Form);
    setErrors(item.refused ?? {});
    setDone(null);
  };

  if (done) {
    return (
      <main>
        <h1>{t('capture.title')}</h1>
        <p class="notice" role="status">
          {t(done === 'sent' ? 'capture.sent' : 'capture.saved')}
        </p>
        <Waiting onFix={fix} />
        <button type="button" class="primary" onClick={() => setDone(null)}>
          {t('capture.another')}
        </button>
        <p>
          <a href="/mine" onClick={onLink('/mine')}>
            {t('nav.mine')}
          </a>
        </p>
      </main>
    );
  }

  return (
    <main>
      <h1>{t('capture.title')}</h1>
      <p class="messenger-note">{t('capture.messenger')}</p>
      <Waiting onFix={fix} />
      <form onSubmit={submit} noValidate>
        <FormError errors={e} />
        <Input
          id="customer-name"
          label={t('capture.customer_name')}
          autocomplete="off"
          autocapitalize="words"
          value={form.name}
          onValue={set('name')}
          error={e['/customer/name']}
        />
        <fieldset class="group">
          <legend>{t('capture.contact')}</legend>
          <Input
            id="customer-email"
            label={t('capture.email')}
            optional
            type="email"
            inputMode="email"
            autocomplete="off"
            value={form.email}
            onValue={set('email')}
            error={e['/customer/email']}
          />
          <Input
            id="customer-phone"
            label={t('capture.phone')}
            optional
            type="tel"
            inputMode="tel"
            autocomplete="off"
            value={form.phone}
            onValue={set('phone')}
            error={e['/customer/phone']}
          />
          {hasContact && (
            <Choice
              name="consent"
              legend={t('capture.consent')}
              options={['yes', 'no'] as const}
              label={(c) => t(c === 'yes' ? 'capture.consent_yes' : 'capture.consent_no')}
              value={form.consent === null ? '' : form.consent ? 'yes' : 'no'}
              onChange={(v) => set('consent')(v === 'yes')}
              error={e['/customer/consent']}
            />
          )}
        </fieldset>
        <Field id="customer-language" label={t('capture.language')} error={e['/customer/language']}>
          <select id="customer-language" value={form.language} onChange={(ev) => set('language')(ev.currentTarget.value as Lang)}>
            {LANGS.map((l) => (
              <option value={l}>{t(`lang.${l}` as Key)}</option>
            ))}
          </select>
        </Field>
        <Choice
          name="place"
          legend={t('capture.place')}
          options={PLACES}
          label={(p) => t(`place.${p}` as Key)}
          value={form.place}
          onChange={set('place')}
          error={e['/place'] ?? e['/place/kind']}
        />
        <Input
          id="place-detail"
          label={t('capture.place_detail')}
          optional={form.place !== 'other'}
          value={form.placeDetail}
          onValue={set('placeDetail')}
          error={e['/place/detail']}
        />
        <Choice
          name="feeling"
          class="scale"
          legend={t('capture.feeling')}
          options={FEELINGS}
          label={(f) => t(`feeling.${f}` as Key)}
          symbol={(f) => SCALE[f]}
          value={form.feeling}
          onChange={set('feeling')}
          error={e['/feeling'] ?? e['/feeling/level']}
        />
        <Input
          id="feeling-words"
          label={t('capture.feeling_words')}
          optional
          value={form.words}
          onValue={set('words')}
          error={e['/feeling/words']}
        />
        <Input
          id="facts"
          label={t('capture.facts')}
          hint={t('capture.facts_hint')}
          rows={4}
          value={form.facts}
          onValue={set('facts')}
          error={e['/facts']}
        />
        <Input id="day" label={t('capture.day')} type="date" max={today()} value={form.day} onValue={set('day')} error={e['/heard_on']} />
        {topics.length > 0 && (
          <Field id="topic" label={t('capture.topic')} optional error={e['/topic_id']}>
            <select id="topic" value={form.topic} onChange={(ev) => set('topic')(ev.currentTarget.value)}>
              <option value="">{t('capture.topic_none')}</option>
              {topics.map((topic) => (
                <option value={topic.id}>{topic.labels[lang()]}</option>
              ))}
            </select>
          </Field>
        )}
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('capture.sending') : t('capture.submit')}
        </button>
      </form>
    </main>
  );
}
