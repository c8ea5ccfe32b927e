// Capture: one thumb-friendly screen in the order the moment is remembered — who, what
// happened, how they felt (and in their words), where; then how to reach them (and may we),
// their language, the day (today unless changed) and a topic. The device checks what the server
// checks before anything is queued (capture-check.ts), so an incomplete remark is refused while
// the customer is still there; the server stays the truth. Problems are listed at the top (the
// focus goes there) and next to their fields; nothing typed is lost. The id is made here, so a
// repeated send is never a second remark.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { LANGS, lang, t, type Key, type Lang } from '../i18n';
import { onLink } from '../router';
import { me, noteFresh } from '../session';
import { loadKnown } from '../offline-copies';
import { FEELINGS, PLACES, type Feeling, type Topic } from '../model';
import { flush, submitNow, useOutbox, type Item } from '../outbox';
import { checkCapture, type Issue } from '../capture-check';
import { ErrorSummary, Field, Input, useSubmit, type Errors, type FieldMap } from '../ui';

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

/** Today as YYYY-MM-DD (Swedish dates are ISO) in the organisation's time zone, as the server
 * counts it; the phone's own until the settings are known (or when it does not know the zone). */
function today(zone?: string): string {
  try {
    return new Date().toLocaleDateString('sv-SE', zone ? { timeZone: zone } : undefined);
  } catch {
    return new Date().toLocaleDateString('sv-SE');
  }
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

/** The device's findings in the server's words (the same messages, checked word for word). */
function messages(issues: Issue[]): Errors {
  return Object.fromEntries(
    issues.map((i) => [i.pointer, t(`check.${i.hint ?? `field-${i.code}`}` as Key, i.limit ? { limit: i.limit } : undefined)]),
  );
}

/** Each field of the form by its pointer in the API: where the summary's links lead. */
function fields(): FieldMap {
  const field = (id: string, label: Key) => ({ id, label: t(label) });
  return {
    '/customer/name': field('customer-name', 'capture.customer_name'),
    '/facts': field('facts', 'capture.facts'),
    '/feeling': field(`feeling-${FEELINGS[0]}`, 'capture.feeling'),
    '/feeling/level': field(`feeling-${FEELINGS[0]}`, 'capture.feeling'),
    '/feeling/words': field('feeling-words', 'capture.feeling_words'),
    '/place': field(`place-${PLACES[0]}`, 'capture.place'),
    '/place/kind': field(`place-${PLACES[0]}`, 'capture.place'),
    '/place/detail': field('place-detail', 'capture.place_detail'),
    '/customer/email': field('customer-email', 'capture.email'),
    '/customer/phone': field('customer-phone', 'capture.phone'),
    '/customer/consent': field('consent-yes', 'capture.consent'),
    '/customer/language': field('customer-language', 'capture.language'),
    '/heard_on': field('day', 'capture.day'),
    '/topic_id': field('topic', 'capture.topic'),
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
  required?: boolean;
}) {
  const errorId = `${props.name}-error`;
  return (
    <fieldset class={`choice ${props.class ?? ''} ${props.error ? 'invalid' : ''}`} aria-describedby={props.error ? errorId : undefined}>
      <legend>
        {props.legend}
        {props.required && <span class="required"> ({t('common.required')})</span>}
      </legend>
      <div class="options">
        {props.options.map((option) => (
          <label class={props.value === option ? 'option chosen' : 'option'}>
            <input
              type="radio"
              id={`${props.name}-${option}`}
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
  const [zone, setZone] = useState<string | undefined>(undefined);
  // Written to the outbox first, then tried at once: sent, refused (back in the form with the
  // reasons), or kept for the sender (no network, server down).
  const { busy, errors: e, setErrors, submit } = useSubmit(async () => {
    // "Heard today" means the day it is sent, even if the form was opened yesterday.
    const sent: Form = otherDay ? form : { ...form, day: today(zone) };
    // Refused here, before it is queued: the customer is still there to ask.
    const issues = checkCapture(body(sent), today(zone), topics.map((topic) => topic.id));
    if (issues.length) {
      setErrors(messages(issues));
      return;
    }
    const result = await submitNow('capture', sent.id, '/remarks', body(sent), sent);
    if ('refused' in result) {
      setErrors(result.refused);
      return;
    }
    setDone(result.sent ? 'sent' : 'saved');
    // My remarks shows the capture just made at the top (the server's order within an hour is
    // random, on purpose).
    noteFresh(sent.id);
    setForm(blank());
    setOtherDay(false);
    window.scrollTo(0, 0);
  });

  useEffect(() => {
    loadKnown('settings', () => api<{ topics: Topic[]; time_zone: string }>('GET', '/settings'))
      .then(({ data }) => {
        setTopics(data.topics.filter((topic) => !topic.archived));
        setZone(data.time_zone);
      })
      .catch(() => setTopics([]));
  }, []);

  // Refused: the summary at the top takes the focus and is read out; each of its lines leads
  // to its field (what they typed stays).
  useEffect(() => {
    if (Object.keys(e).length) {
      const summary = document.querySelector<HTMLElement>('.error-summary');
      summary?.scrollIntoView({ block: 'start' });
      summary?.focus();
    }
  }, [e]);
  // The day is today unless the person says otherwise (one line instead of a date field).
  const [otherDay, setOtherDay] = useState(false);

  const set = <K extends keyof Form>(key: K) => (value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));
  const hasContact = Boolean(form.email.trim() || form.phone.trim());

  // A refused item from the outbox, back in the form with its reasons.
  const fix = (item: Item) => {
    setForm(item.draft as Form);
    setOtherDay((item.draft as Form).day !== today(zone));
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
        <ErrorSummary errors={e} fields={fields()} />
        <Input
          id="customer-name"
          label={t('capture.customer_name')}
          required
          autocomplete="off"
          autocapitalize="words"
          value={form.name}
          onValue={set('name')}
          error={e['/customer/name']}
        />
        <Input
          id="facts"
          label={t('capture.facts')}
          hint={t('capture.facts_hint')}
          required
          rows={3}
          value={form.facts}
          onValue={set('facts')}
          error={e['/facts']}
        />
        <Choice
          name="feeling"
          class="scale"
          legend={t('capture.feeling')}
          options={FEELINGS}
          required
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
        <Choice
          name="place"
          class="compact"
          legend={t('capture.place')}
          options={PLACES}
          required
          label={(p) => t(`place.${p}` as Key)}
          value={form.place}
          onChange={set('place')}
          error={e['/place'] ?? e['/place/kind']}
        />
        {(form.place || form.placeDetail || e['/place/detail']) && (
          <Input
            id="place-detail"
            label={t('capture.place_detail')}
            optional={form.place !== 'other'}
            value={form.placeDetail}
            onValue={set('placeDetail')}
            error={e['/place/detail']}
          />
        )}
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
          {(hasContact || e['/customer/consent']) && (
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
        {otherDay || e['/heard_on'] ? (
          <Input id="day" label={t('capture.day')} type="date" max={today(zone)} value={form.day} onValue={set('day')} error={e['/heard_on']} />
        ) : (
          <p class="day-today">
            {t('capture.heard_today')}{' '}
            <button type="button" class="link" onClick={() => setOtherDay(true)}>
              {t('capture.other_day')}
            </button>
          </p>
        )}
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
