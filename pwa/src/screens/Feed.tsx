// What became of what we heard (docs/news.md), for everyone signed in: this month's two figures
// on top, then every decision, newest first, as a card — the case's title, the kind in words,
// the owner's words (the reason, for no action), why it changed, what the customers said (facts
// and feeling, never who they are or who heard them), the plan's progress, the day and who
// decided; a version a later one replaced is marked so. "Show older" asks the next page. The
// first page is kept on the device and shown without a network, with its age (offline-copies).
import { useState } from 'preact/hooks';
import { formatDay, lang, t, type Key } from '../i18n';
import { loadKnown, staleNotice } from '../offline-copies';
import { feedPage, type FeedItem, type FeedPage, type Figures } from '../feed/feed-api';
import { appendPage, byLine, figureLines, hearAgain, kindKey, outcomeKey, planLine, type Words } from '../feed/feed-logic';
import { tf, tfAround } from '../feed/feed-text';
import { errorsOf, FormError, Loading, Notice, useLoadOnReturn, type Errors } from '../ui';

/** Words with their days written as people write them. */
function say({ key, vars }: Words): string {
  if (!vars) return tf(key);
  return tf(key, { ...vars, ...(typeof vars.day === 'string' ? { day: formatDay(vars.day) } : {}) });
}

/** A `lang` attribute only where the words are not in the app's language. */
const langOf = (language: string | null) => (language && language !== lang() ? language : undefined);

function FiguresBox({ figures }: { figures: Figures }) {
  const [decisions, onTime] = figureLines(figures);
  return (
    <section class="feed-figures" aria-labelledby="feed-figures-title" data-testid="feed-figures">
      <h2 id="feed-figures-title">{tf('feed.figures.title')}</h2>
      <p class="feed-figure">{say(decisions)}</p>
      <p class="feed-figure">{say(onTime)}</p>
    </section>
  );
}

function Said({ item }: { item: FeedItem }) {
  if (!item.said.length) return null;
  const titleId = `feed-${item.id}-said`;
  return (
    <>
      <p class="label" id={titleId}>
        {tf('feed.said_title')}
      </p>
      <ul class="feed-said" aria-labelledby={titleId}>
        {item.said.map((said, i) => {
          const feeling = t(`feeling.${said.feeling}` as Key);
          const words = said.feeling_words.trim();
          const [before, after] = tfAround('feed.said_words', 'words', { feeling });
          return (
            <li key={i}>
              <p class="facts" lang={langOf(said.language)}>
                {said.facts}
              </p>
              <p class={`meta feeling feeling-${said.feeling}`}>
                {words ? (
                  <>
                    {before}
                    <span class="words" lang={langOf(said.language)}>
                      {words}
                    </span>
                    {after}
                  </>
                ) : (
                  feeling
                )}
              </p>
            </li>
          );
        })}
      </ul>
    </>
  );
}

function Card({ item }: { item: FeedItem }) {
  const titleId = `feed-${item.id}-title`;
  const words = langOf(item.language);
  const hear = hearAgain(item);
  return (
    <li>
      <article
        class={item.ended ? 'card feed-item is-ended' : 'card feed-item'}
        aria-labelledby={titleId}
        data-testid="feed-item"
        data-id={item.id}
        data-kind={item.kind}
      >
        <h3 id={titleId}>{item.title}</h3>
        <p>
          <span class={`state feed-kind feed-kind-${item.kind}`}>{tf(kindKey(item.kind))}</span>{' '}
          {item.version > 1 && <span class="state feed-changed">{tf('feed.changed')}</span>}{' '}
          {item.ended && (
            <span class="state feed-ended" data-testid="feed-ended">
              {tf('feed.ended')}
            </span>
          )}
        </p>
        {item.version > 1 && item.change.trim() && <p lang={words}>{tf('feed.change', { why: item.change.trim() })}</p>}
        {item.outcome.trim() && (
          <>
            <p class="label">{tf(outcomeKey(item.kind))}</p>
            <p class="feed-outcome" lang={words}>
              {item.outcome.trim()}
            </p>
          </>
        )}
        {item.same_as && <p>{tf('feed.same_as', { title: item.same_as })}</p>}
        <Said item={item} />
        {item.plan && (
          <p class={item.plan.done_on ? 'passed-on' : ''} data-testid="feed-plan">
            {say(planLine(item.plan))}
          </p>
        )}
        {hear && <p>{tf('feed.hear_again', { day: formatDay(hear) })}</p>}
        <p class="meta">{say(byLine(item))}</p>
      </article>
    </li>
  );
}

export default function Feed() {
  const [page, setPage] = useState<FeedPage | null>(null);
  const [items, setItems] = useState<FeedItem[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [offlineSince, setOfflineSince] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);

  // The newest page, kept for opening without network.
  const load = () =>
    loadKnown('feed', () => feedPage())
      .then(({ data, offlineSince: since }) => {
        setOfflineSince(since ?? null);
        setPage(data);
        setItems(data.items);
        setNext(data.next_cursor);
        setErrors({});
      })
      .catch((err) => setErrors(errorsOf(err)));

  useLoadOnReturn(load);

  const older = async () => {
    if (!next) return;
    setBusy(true);
    try {
      const more = await feedPage(next);
      setItems((shown) => appendPage(shown, more.items));
      setNext(more.next_cursor);
      setErrors({});
    } catch (err) {
      setErrors(errorsOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main data-testid="feed">
      <h1>{t('nav.feed')}</h1>
      <p class="hint">{tf('feed.intro')}</p>
      {offlineSince !== null && <Notice>{staleNotice(offlineSince)}</Notice>}
      {!page && !errors[''] && <Loading />}
      {page && <FiguresBox figures={page.figures} />}
      {page && (
        <section aria-labelledby="feed-list-title">
          <h2 id="feed-list-title">{tf('feed.list_title')}</h2>
          {items.length === 0 ? (
            <p>{tf('feed.empty')}</p>
          ) : (
            <ul class="remarks feed" aria-labelledby="feed-list-title">
              {items.map((item) => (
                <Card key={item.id} item={item} />
              ))}
            </ul>
          )}
        </section>
      )}
      <FormError errors={errors} />
      {next && offlineSince === null && (
        <button type="button" class="secondary" disabled={busy} onClick={() => void older()} data-testid="feed-older">
          {busy ? tf('feed.older_loading') : tf('feed.older')}
        </button>
      )}
    </main>
  );
}
