// The owner's inbox: every undecided remark, most urgent first (the server's order: late first,
// the latest first, then by time left brought forward by frustration), with its promise clock,
// filters and "show more". Each row is a link to the remark, so a remark can be opened in a new
// tab and its address sent on. Without filters a case is one row, a link to the case
// (docs/cases.md); a filter finds remarks, each saying which case it is in. Above the remarks,
// the action plans that need the owner and the cases still without one (docs/plans.md).
import type { ComponentChildren } from 'preact';
import { customerName } from '../remark';
import { useEffect, useRef, useState } from 'preact/hooks';
import { lang, t, type Key } from '../i18n';
import type { Topic } from '../model';
import { onLink } from '../router';
import { errorsOf, FormError, Loading, type Errors } from '../ui';
import { firstLine } from './case-logic';
import { inbox, NO_FILTERS, type CaseRef, type DeskItem, type Filters } from './desk-api';
import { InboxFilters } from './InboxFilters';
import { PlansAttention } from './PlansAttention';
import { PromiseClock } from './PromiseClock';

/** A row and the server's clock of the answer it came in. */
interface Row {
  item: DeskItem;
  now: number;
}

/** A day (YYYY-MM-DD) short, for a row: "1 dec.", "1 déc.", "1 Dec". */
function shortDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  if (!y || !m || !d) return day;
  const locale = lang() === 'en' ? 'en-GB' : `${lang()}-BE`;
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' });
}

export const rowHref = (id: string) => `/owner/${id}`;
export const caseHref = (id: string) => `/owner/case/${id}`;

/** How many remarks, in words: "1 opmerking", "3 opmerkingen". */
export const remarkCount = (n: number) => (n === 1 ? t('desk.case.count_one') : t('desk.case.count', { n }));

/** What a row says of one remark: who, their promise clock, the first line of the facts, how
 * they felt, where, when it came in, how far it has come. The inbox and a case show it alike. */
export function RemarkLines({ item, now, language }: { item: DeskItem; now: number; language?: boolean }) {
  const { remark } = item;
  return (
    <>
      <span class="row-head">
        <strong class="customer">{customerName(remark.customer)}</strong>
        {/* A decided remark's customer has had the answer: no promise runs any more. */}
        {remark.state !== 'decided' && <PromiseClock dueAt={item.due_at} now={now} />}
      </span>
      <span class="facts-line">{firstLine(remark.facts)}</span>
      <span class="meta">
        {language && `${t(`lang.${remark.customer.language}` as Key)} · `}
        {t(`feeling.${remark.feeling.level}` as Key)} · {t(`place.${remark.place.kind}` as Key)} ·{' '}
        {t('desk.row.came_in', { day: shortDay(remark.came_in_on) })}
      </span>
      <span class={`state state-${remark.state}`}>{t(`desk.state.${remark.state}` as Key)}</span>
    </>
  );
}

interface LinkProps {
  href: string;
  late: boolean;
  selected?: boolean;
  /** Another class (a case's row). */
  kind?: string;
  testid?: string;
  children: ComponentChildren;
}

/** A row as a card that is a link: red at the side when its promise has passed, marked while it
 * is open beside the list. */
export function RowLink({ href, late, selected, kind, testid, children }: LinkProps) {
  return (
    <a
      class={['card desk-row', kind, late && 'late'].filter(Boolean).join(' ')}
      data-testid={testid}
      href={href}
      onClick={onLink(href)}
      aria-current={selected ? 'true' : undefined}
    >
      {children}
    </a>
  );
}

/** One remark; found by a filter, it also says which case it is in. */
function RemarkRow({ row, selected }: { row: Row; selected: boolean }) {
  const { item, now } = row;
  return (
    <li>
      <RowLink href={rowHref(item.remark.id)} late={item.due_at <= now} selected={selected}>
        <RemarkLines item={item} now={now} />
        {item.case && <span class="case-line">{t('desk.case.in_case', { title: item.case.title })}</span>}
      </RowLink>
    </li>
  );
}

/** A whole case as one row: its title, how many remarks, and its most urgent promise (the
 * server sends the case by that remark). */
function CaseRow({ row, found, selected }: { row: Row; found: CaseRef; selected: boolean }) {
  const { item, now } = row;
  return (
    <li>
      <RowLink href={caseHref(found.id)} late={item.due_at <= now} selected={selected} kind="desk-case-row" testid="inbox-case-row">
        <span class="row-head">
          <strong class="customer">{found.title}</strong>
          <PromiseClock dueAt={item.due_at} now={now} />
        </span>
        <span class="case-count" data-testid="case-count">
          {remarkCount(found.remarks)}
        </span>
      </RowLink>
    </li>
  );
}

interface Props {
  /** The remark open beside the list (or instead of it, on a phone). */
  selected: string;
  /** The case open there. */
  selectedCase: string;
  /** Changes when the list must be asked for again (a remark was acknowledged). */
  reload: number;
  topics: Topic[];
}

export function Inbox({ selected, selectedCase, reload, topics }: Props) {
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [rows, setRows] = useState<Row[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [more, setMore] = useState(false);
  // Only the answer to the latest question counts (filters changed quickly, a slow network).
  const asked = useRef(0);

  const load = async (cursor: string | null) => {
    const mine = ++asked.current;
    setErrors({});
    try {
      const page = await inbox(filters, cursor);
      if (mine !== asked.current) return;
      const fresh = page.items.map((item) => ({ item, now: page.now }));
      setRows((before) => (cursor && before ? [...before, ...fresh] : fresh));
      setNext(page.next_cursor ?? null);
    } catch (err) {
      if (mine === asked.current) setErrors(errorsOf(err));
    }
  };

  useEffect(() => {
    setRows(null);
    void load(null);
  }, [filters]);

  // After a change the order changes too: the first page afresh, the list kept until it comes.
  useEffect(() => {
    if (reload) void load(null);
  }, [reload]);

  const filtered = Object.values(filters).some(Boolean);

  return (
    <>
      <h2 id="desk-inbox-title">{t('desk.inbox.title')}</h2>
      <PlansAttention reload={reload} selectedCase={selectedCase} />
      <InboxFilters filters={filters} topics={topics} onFilters={setFilters} />
      <FormError errors={errors} />
      {rows === null && !errors[''] && <Loading />}
      {rows && rows.length === 0 && <p>{filtered ? t('came_in.none_found') : t('desk.inbox.empty')}</p>}
      {rows && rows.length > 0 && (
        <ul class="remarks desk-rows" aria-labelledby="desk-inbox-title">
          {rows.map((row) => {
            // Without filters a case is one row; a filter finds remarks, each on its own.
            const found = filtered ? null : row.item.case;
            return found ? (
              <CaseRow key={`case-${found.id}`} row={row} found={found} selected={found.id === selectedCase} />
            ) : (
              <RemarkRow key={row.item.remark.id} row={row} selected={row.item.remark.id === selected} />
            );
          })}
        </ul>
      )}
      {rows && next && (
        <button
          type="button"
          class="secondary"
          disabled={more}
          onClick={() => {
            setMore(true);
            void load(next).finally(() => setMore(false));
          }}
        >
          {t('common.more')}
        </button>
      )}
    </>
  );
}
