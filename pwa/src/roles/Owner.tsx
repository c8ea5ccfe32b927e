// The feedback owner's desk (issue 19): the inbox, most urgent first, and the remark opened from
// it — side by side on a laptop (the list on the left), one after the other on a phone (the list,
// then the remark as its own view with a way back). The open remark is in the address
// (/owner/<id>), so it can be linked to and reloaded. This chunk is only loaded for people with
// the owner role.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api';
import { t } from '../i18n';
import type { Topic } from '../model';
import { Inbox, rowHref } from '../owner/Inbox';
import { RemarkDetail } from '../owner/RemarkDetail';
import type { ScreenProps } from '../routes';

export default function Owner({ id }: ScreenProps) {
  const [topics, setTopics] = useState<Topic[]>([]);
  const [reload, setReload] = useState(0);
  const opened = useRef('');

  useEffect(() => {
    api<{ topics: Topic[] }>('GET', '/settings')
      .then((settings) => setTopics([...settings.topics].sort((a, b) => a.position - b.position)))
      .catch(() => setTopics([]));
  }, []);

  // Back from a remark to the list: the focus returns to its row (on a phone the list was
  // hidden; on a laptop the detail's content is gone).
  useEffect(() => {
    if (!id && opened.current) document.querySelector<HTMLElement>(`.desk-rows a[href="${rowHref(opened.current)}"]`)?.focus();
    opened.current = id;
  }, [id]);

  return (
    <main class={id ? 'desk open' : 'desk'}>
      <h1>{t('role.owner')}</h1>
      <div class="desk-panes">
        <section class="desk-list" aria-labelledby="desk-inbox-title">
          <Inbox selected={id} reload={reload} topics={topics} />
        </section>
        <div class="desk-detail">
          {id ? (
            <RemarkDetail key={id} id={id} topics={topics} onChanged={() => setReload((n) => n + 1)} />
          ) : (
            <p class="desk-pick">{t('desk.pick')}</p>
          )}
        </div>
      </div>
    </main>
  );
}
