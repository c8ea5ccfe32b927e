// The inbox's filters, as one compact form: words (sent with the button or Enter), and the
// topic, the place, the feeling and the state (each re-queries as soon as it is chosen).
import { useState } from 'preact/hooks';
import { lang, t, type Key } from '../i18n';
import { FEELINGS, PLACES, STATES, type Topic } from '../model';
import { NO_FILTERS, type Filters } from './desk-api';

interface Props {
  filters: Filters;
  topics: Topic[];
  onFilters: (filters: Filters) => void;
}

export function InboxFilters({ filters, topics, onFilters }: Props) {
  const [words, setWords] = useState(filters.q);
  const any = Object.values(filters).some(Boolean);

  const select = (key: Exclude<keyof Filters, 'q'>, label: string, options: [string, string][]) => (
    <div class="field">
      <label for={`desk-filter-${key}`}>{label}</label>
      <select id={`desk-filter-${key}`} value={filters[key]} onChange={(e) => onFilters({ ...filters, [key]: e.currentTarget.value })}>
        <option value="">{t('came_in.all')}</option>
        {options.map(([value, text]) => (
          <option value={value}>{text}</option>
        ))}
      </select>
    </div>
  );

  return (
    <form
      role="search"
      class="desk-filters"
      aria-label={t('desk.filter.label')}
      onSubmit={(e) => {
        e.preventDefault();
        onFilters({ ...filters, q: words.trim() });
      }}
    >
      <div class="field desk-words">
        <label for="desk-filter-q">{t('desk.filter.words')}</label>
        <div class="row">
          <input id="desk-filter-q" type="search" value={words} onInput={(e) => setWords(e.currentTarget.value)} />
          <button type="submit" class="secondary">
            {t('came_in.search_button')}
          </button>
        </div>
      </div>
      {topics.length > 0 &&
        select(
          'topic',
          t('capture.topic'),
          topics.map((topic) => [topic.id, topic.labels[lang()]]),
        )}
      {select('place', t('came_in.filter_place'), PLACES.map((p) => [p, t(`place.${p}` as Key)]))}
      {select('feeling', t('came_in.filter_feeling'), FEELINGS.map((f) => [f, t(`feeling.${f}` as Key)]))}
      {select(
        'state',
        t('desk.filter.state'),
        // A decided remark has left the inbox: no filter finds it there.
        STATES.filter((s) => s !== 'decided').map((s) => [s, t(`desk.state.${s}` as Key)]),
      )}
      {any && (
        <button
          type="button"
          class="link"
          onClick={() => {
            setWords('');
            onFilters(NO_FILTERS);
          }}
        >
          {t('desk.filter.clear')}
        </button>
      )}
    </form>
  );
}
