// The feedback owner's desk (issue 19): the inbox, most urgent first, and the remark or case
// opened from it — side by side on a laptop (the list on the left), one after the other on a
// phone (the list, then the remark or case as its own view with a way back). What is open is in
// the address (/owner/<id>, /owner/case/<id>), so it can be linked to and reloaded. This chunk is
// only loaded for people with the owner role.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api';
import { t } from '../i18n';
import type { Topic } from '../model';
import { CaseDetail } from '../owner/CaseDetail';
import { caseHref, Inbox, rowHref } from '../owner/Inbox';
import { RemarkDetail } from '../owner/RemarkDetail';
import { navigate, useRoute } from '../router';
import type { ScreenProps } from '../routes';

export default function Owner({ id }: ScreenProps) {
  const [topics, setTopics] = useState<Topic[]>([]);
  const [reload, setReload] = useState(0);
  // A case emptied by its owner is gone: said once, back on the list.
  const [gone, setGone] = useState(false);
  const opened = useRef('');
  const notice = useRef<HTMLParagraphElement>(null);
  const caseId = useRoute().startsWith('/owner/case/') ? id : '';
  const remarkId = caseId ? '' : id;
  const changed = () => setReload((n) => n + 1);

  useEffect(() => {
    api<{ topics: Topic[] }>('GET', '/settings')
      .then((settings) => setTopics([...settings.topics].sort((a, b) => a.position - b.position)))
      .catch(() => setTopics([]));
  }, []);

  // Back from a remark or a case to the list: the focus returns to its row (on a phone the list
  // was hidden; on a laptop the detail's content is gone) — or to the notice of a case now gone.
  useEffect(() => {
    if (!id && gone) notice.current?.focus();
    else if (!id && opened.current) document.querySelector<HTMLElement>(`.desk-rows a[href="${opened.current}"]`)?.focus();
    if (id) setGone(false);
    opened.current = caseId ? caseHref(caseId) : remarkId ? rowHref(remarkId) : '';
  }, [id, caseId]);

  return (
    <main class={id ? 'desk open' : 'desk'}>
      <h1>{t('role.owner')}</h1>
      {gone && (
        <p class="notice success" role="status" tabIndex={-1} ref={notice}>
          {t('desk.case.gone')}
        </p>
      )}
      <div class="desk-panes">
        <section class="desk-list" aria-labelledby="desk-inbox-title">
          <Inbox selected={remarkId} selectedCase={caseId} reload={reload} topics={topics} />
        </section>
        <div class="desk-detail">
          {caseId ? (
            <CaseDetail
              key={`case-${caseId}`}
              id={caseId}
              topics={topics}
              onChanged={changed}
              onGone={() => {
                setGone(true);
                changed();
                navigate('/owner');
              }}
            />
          ) : remarkId ? (
            <RemarkDetail key={remarkId} id={remarkId} topics={topics} onChanged={changed} />
          ) : (
            <p class="desk-pick">{t('desk.pick')}</p>
          )}
        </div>
      </div>
    </main>
  );
}
