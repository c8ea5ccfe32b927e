// What came in: every colleague's remarks, newest first, under the day each came in — search,
// filters, "load more". Within a day they come by the hour and, within an hour, in no order of
// arrival (on purpose: the order must not tell who noted what); the list says so.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { formatDay, lang, t, type Key } from '../i18n';
import { loadKnown, staleNotice } from '../offline-copies';
import { onLink } from '../router';
import { FEELINGS, PLACES, type Remark, type RemarkPage, type Topic } from '../model';
import { RemarkBody } from '../remark';
import { errorsOf, FormError, Loading, Notice, type Errors } from '../ui';

type Page = RemarkPage;

function query(filters: Record<string, string>, cursor?: string | null): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  if (cursor) params.set('cursor', cursor);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The remarks in runs of one day each, in the order given. */
function byDay(items: Remark[]): [string, Remark[]][] {
  const days: [string, Remark[]][] = [];
  for (const remark of items) {
    const last = days[days.length - 1];
    const day = remark.came_in_on ?? '';
    if (last && last[0] === day) last[1].push(remark);
    else days.push([day, [remark]]);
  }
  return days;
}

/** "Today", "Yesterday", else the day as people write it. */
function dayHeading(day: string): string {
  const local = (offset: number) => new Date(Date.now() - offset * 86_400_000).toLocaleDateString('sv-SE');
  if (day === local(0)) return t('came_in.today');
  if (day === local(1)) return t('came_in.yesterday');
  return formatDay(day);
}

export default function CameIn() {
  const [filters, setFilters] = useState({ q: '', topic: '', place: '', feeling: '' });
  const [search, setSearch] = useState('');
  const [items, setItems] = useState<Remark[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [topics, setTopics] = useState<Topic[]>([]);
  const [offlineSince, setOfflineSince] = useState<number | null>(null);

  useEffect(() => {
    api<{ topics: Topic[] }>('GET', '/settings')
      .then((s) => setTopics(s.topics))
      .catch(() => setTopics([]));
  }, []);

  const load = async (cursor: string | null) => {
    setErrors({});
    try {
      const path = `/remarks${query(filters, cursor)}`;
      // The unfiltered first page is kept for opening without network.
      const first = !cursor && !Object.values(filters).some(Boolean);
      const { data: page, offlineSince: since } = first
        ? await loadKnown('came-in', () => api<Page>('GET', path))
        : { data: await api<Page>('GET', path), offlineSince: undefined };
      setOfflineSince(since ?? null);
      setItems((before) => (cursor && before ? [...before, ...page.items] : page.items));
      setNext(page.next_cursor ?? null);
    } catch (err) {
      setErrors(errorsOf(err));
    }
  };

  useEffect(() => {
    setItems(null);
    void load(null);
  }, [filters]);

  const filter = (key: keyof typeof filters, label: string, options: [string, string][]) => (
    <div class="field">
      <label for={`filter-${key}`}>{label}</label>
      <select id={`filter-${key}`} value={filters[key]} onChange={(e) => setFilters({ ...filters, [key]: e.currentTarget.value })}>
        <option value="">{t('came_in.all')}</option>
        {options.map(([value, text]) => (
          <option value={value}>{text}</option>
        ))}
      </select>
    </div>
  );

  return (
    <main>
      <h1>{t('came_in.title')}</h1>
      <p class="hint">{t('came_in.held')}</p>
      <form
        role="search"
        class="search"
        onSubmit={(e) => {
          e.preventDefault();
          setFilters({ ...filters, q: search.trim() });
        }}
      >
        <label for="search">{t('came_in.search')}</label>
        <div class="row">
          <input id="search" type="search" value={search} onInput={(e) => setSearch(e.currentTarget.value)} />
          <button type="submit" class="secondary">
            {t('came_in.search_button')}
          </button>
        </div>
      </form>
      <details class="filters">
        <summary>{t('came_in.filters')}</summary>
        {topics.length > 0 && filter('topic', t('capture.topic'), topics.map((tp) => [tp.id, tp.labels[lang()]]))}
        {filter('place', t('came_in.filter_place'), PLACES.map((p) => [p, t(`place.${p}` as Key)]))}
        {filter('feeling', t('came_in.filter_feeling'), FEELINGS.map((f) => [f, t(`feeling.${f}` as Key)]))}
      </details>
      <FormError errors={errors} />
      {offlineSince !== null && <Notice>{staleNotice(offlineSince)}</Notice>}
      {items === null && !errors[''] && <Loading />}
      {items && items.length === 0 && (
        <p>{Object.values(filters).some(Boolean) ? t('came_in.none_found') : t('came_in.empty')}</p>
      )}
      {items && items.length > 0 && <p class="hint">{t('came_in.order')}</p>}
      {items &&
        byDay(items).map(([day, remarks]) => (
          <section class="day" aria-labelledby={day ? `day-${day}` : undefined}>
            {/* A copy kept by an earlier version has no day: shown without a heading. */}
            {day && <h2 id={`day-${day}`}>{dayHeading(day)}</h2>}
            <ul class="remarks">
              {remarks.map((remark) => (
                <li>
                  <a class="card" href={`/came-in/${remark.id}`} onClick={onLink(`/came-in/${remark.id}`)}>
                    <RemarkBody remark={remark} />
                  </a>
                </li>
              ))}
            </ul>
          </section>
        ))}
      {next && offlineSince === null && (
        <button type="button" class="secondary" onClick={() => void load(next)}>
          {t('common.more')}
        </button>
      )}
    </main>
  );
}
