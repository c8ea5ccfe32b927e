// Settings: how I hear about decisions (docs/news.md) — each as it is made, one digest a day at
// the hour I pick, or no mail — and, for an owner, how new remarks and slipping promises reach
// them (and how long before a promise ends). Saved with one button, disabled while it saves; a
// refusal shows the server's words next to the choice it is about and keeps every choice as made. The last choices known are shown without a network.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';
import { loadKnown, remember } from '../offline-copies';
import { me } from '../session';
import { errorsOf, FormError, Loading, useSubmit, type Errors } from '../ui';
import { CADENCES, myNews, saveNews, type Cadence, type NewsChoices } from './feed-api';
import { hourLabel, HOURS, sameChoices, savedLine, slipChoices, slipLine, toSend, type Words } from './feed-logic';
import { tf, type FeedKey } from './feed-text';

const STAFF: Record<Cadence, FeedKey> = { each: 'news.staff.each', digest: 'news.staff.digest', none: 'news.staff.none' };
const STAFF_HINT: Partial<Record<Cadence, FeedKey>> = { digest: 'news.staff.digest_hint', none: 'news.staff.none_hint' };
const sayWords = ({ key, vars }: Words) => tf(key, vars);

const OWNER: Record<Cadence, FeedKey> = { each: 'news.owner.each', digest: 'news.owner.digest', none: 'news.owner.none' };

interface GroupProps {
  name: string;
  legend: string;
  hint?: string;
  labels: Record<Cadence, FeedKey>;
  hints?: Partial<Record<Cadence, FeedKey>>;
  value: Cadence;
  onValue: (value: Cadence) => void;
  error?: string;
  /** Shown under one choice (the digest's hour). */
  under?: Partial<Record<Cadence, ComponentChildren>>;
}

/** One radio group: a legend, each choice with its line, the server's word on it. */
function Group({ name, legend, hint, labels, hints = {}, value, onValue, error, under = {} }: GroupProps) {
  const described = [hint && `${name}-hint`, error && `${name}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset class={error ? 'field invalid news-choice' : 'field news-choice'} aria-describedby={described}>
      <legend>{legend}</legend>
      {hint && (
        <p class="hint" id={`${name}-hint`}>
          {hint}
        </p>
      )}
      {CADENCES.map((cadence) => {
        const id = `${name}-${cadence}`;
        const line = hints[cadence];
        return (
          <div class="news-option" key={cadence}>
            <label class="radio" for={id}>
              <input
                type="radio"
                id={id}
                name={name}
                value={cadence}
                checked={value === cadence}
                aria-describedby={line ? `${id}-hint` : undefined}
                data-testid={id}
                onChange={() => onValue(cadence)}
              />
              <span>{tf(labels[cadence])}</span>
            </label>
            {line && (
              <p class="hint" id={`${id}-hint`}>
                {tf(line)}
              </p>
            )}
            {value === cadence && under[cadence]}
          </div>
        );
      })}
      {error && (
        <p class="error" id={`${name}-error`}>
          {error}
        </p>
      )}
    </fieldset>
  );
}

export function NewsSettings() {
  const owner = me()?.roles.includes('owner') ?? false;
  const [loaded, setLoaded] = useState<NewsChoices | null>(null);
  const [chosen, setChosen] = useState<NewsChoices | null>(null);
  const [saved, setSaved] = useState<NewsChoices | null>(null);
  const [loadErrors, setLoadErrors] = useState<Errors>({});

  const load = () =>
    loadKnown('news', myNews)
      .then(({ data }) => {
        setLoaded(data);
        setChosen(data);
        setLoadErrors({});
      })
      .catch((err) => setLoadErrors(errorsOf(err)));
  useEffect(() => void load(), []);

  const { busy, errors, submit } = useSubmit(async () => {
    if (!chosen || !loaded) return;
    setSaved(null);
    const answer = await saveNews(toSend(chosen, loaded, owner));
    void remember('news', answer);
    setLoaded(answer);
    setChosen(answer);
    setSaved(answer);
  });

  const choose = (change: Partial<NewsChoices>) => {
    if (!chosen) return;
    const next = { ...chosen, ...change };
    setChosen(next);
    // "Saved" no longer holds once something else is chosen.
    if (saved && !sameChoices(saved, next)) setSaved(null);
  };

  const hourError = errors['/digest_hour'];
  const hour = chosen && (
    <div class={hourError ? 'field invalid news-hour' : 'field news-hour'}>
      <label for="news-digest-hour">{tf('news.hour')}</label>
      <p class="hint" id="news-digest-hour-hint">
        {tf('news.hour_hint')}
      </p>
      <select
        id="news-digest-hour"
        value={String(chosen.digest_hour)}
        aria-describedby={hourError ? 'news-digest-hour-hint news-digest-hour-error' : 'news-digest-hour-hint'}
        aria-invalid={Boolean(hourError)}
        data-testid="news-digest-hour"
        onChange={(e) => choose({ digest_hour: Number(e.currentTarget.value) })}
      >
        {HOURS.map((h) => (
          <option key={h} value={String(h)}>
            {hourLabel(h)}
          </option>
        ))}
      </select>
      {hourError && (
        <p class="error" id="news-digest-hour-error">
          {hourError}
        </p>
      )}
    </div>
  );

  // An owner who hears of promises about to slip chooses how long beforehand.
  const slipError = errors['/slip_hours'];
  const slip = chosen && owner && chosen.owner_alerts !== 'none' && (
    <div class={slipError ? 'field invalid news-hour' : 'field news-hour'}>
      <label for="news-slip-hours">{tf('news.slip')}</label>
      <select
        id="news-slip-hours"
        value={String(chosen.slip_hours)}
        aria-describedby={slipError ? 'news-slip-hours-error' : undefined}
        aria-invalid={Boolean(slipError)}
        data-testid="news-slip-hours"
        onChange={(e) => choose({ slip_hours: Number(e.currentTarget.value) })}
      >
        {slipChoices(chosen.slip_hours).map((h) => (
          <option key={h} value={String(h)}>
            {sayWords(slipLine(h))}
          </option>
        ))}
      </select>
      {slipError && (
        <p class="error" id="news-slip-hours-error">
          {slipError}
        </p>
      )}
    </div>
  );

  return (
    <section class="news-settings" aria-labelledby="news-title" data-testid="news-settings">
      <h2 id="news-title">{tf('news.title')}</h2>
      <p class="hint">{tf('news.intro')}</p>
      {!chosen && !loadErrors[''] && <Loading />}
      {!chosen && loadErrors[''] && (
        <>
          <p class="form-error" role="alert">
            {tf('news.load_failed')} {loadErrors['']}
          </p>
          <button type="button" class="secondary" onClick={() => void load()}>
            {t('common.retry')}
          </button>
        </>
      )}
      {chosen && (
        <form onSubmit={submit} noValidate>
          <FormError errors={errors} />
          <Group
            name="news-staff"
            legend={tf('news.staff_legend')}
            labels={STAFF}
            hints={STAFF_HINT}
            value={chosen.staff_mail}
            onValue={(staff_mail) => choose({ staff_mail })}
            // The hour's own error shows under it; with the digest not chosen, here.
            error={errors['/staff_mail'] ?? (chosen.staff_mail === 'digest' ? undefined : hourError)}
            under={{ digest: hour }}
          />
          {owner && (
            <Group
              name="news-owner"
              legend={tf('news.owner_legend')}
              hint={tf('news.owner_hint')}
              labels={OWNER}
              value={chosen.owner_alerts}
              onValue={(owner_alerts) => choose({ owner_alerts })}
              error={errors['/owner_alerts']}
            />
          )}
          {slip}
          {/* A refusal about the owners' alerts, for someone who does not see them. */}
          {!owner && (errors['/owner_alerts'] ?? errors['/slip_hours']) && (
            <p class="error" role="alert">
              {errors['/owner_alerts'] ?? errors['/slip_hours']}
            </p>
          )}
          <button type="submit" class="primary" disabled={busy} data-testid="news-save">
            {busy ? tf('news.saving') : tf('news.save')}
          </button>
          {saved && (
            <p class="notice success" role="status" data-testid="news-saved">
              {sayWords(savedLine(saved))}
            </p>
          )}
        </form>
      )}
    </section>
  );
}
