// One remark on the owner's desk: what the customer said and felt, where and when, who they are
// and how they may be reached; the promise clock; the acknowledgement editor; the questions to
// the messenger; what was done so far. Never who brought it in.
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatDay, lang, t, type Key } from '../i18n';
import type { Topic } from '../model';
import { onLink } from '../router';
import { errorsOf, FormError, Loading, type Errors } from '../ui';
import { AckEditor } from './AckEditor';
import { deskRemark, type DeskRemark } from './desk-api';
import { PromiseClock } from './PromiseClock';
import { Acknowledgements, History } from './Record';
import { Thread } from './Thread';

const SENT: Record<'mail' | 'pass_on' | 'phone', Key> = {
  mail: 'desk.ack.sent_mail',
  pass_on: 'desk.ack.sent_pass_on',
  phone: 'desk.ack.sent_phone',
};

function Facts({ remark, topics }: { remark: DeskRemark; topics: Topic[] }) {
  const { customer, feeling, place } = remark.remark;
  const topic = topics.find((tp) => tp.id === remark.remark.topic_id);
  const contact = [customer.email, customer.phone].filter(Boolean).join(' · ');
  return (
    <>
      <p class="facts">{remark.remark.facts}</p>
      <dl class="desk-facts">
        <dt>{t('desk.remark.feeling')}</dt>
        <dd>
          {t(`feeling.${feeling.level}` as Key)}
          {feeling.words && <span class="words"> “{feeling.words}”</span>}
        </dd>
        <dt>{t('came_in.filter_place')}</dt>
        <dd>
          {t(`place.${place.kind}` as Key)}
          {place.detail && ` (${place.detail})`}
        </dd>
        <dt>{t('desk.remark.heard_on')}</dt>
        <dd>{formatDay(remark.remark.heard_on)}</dd>
        <dt>{t('desk.remark.came_in_on')}</dt>
        <dd>{formatDay(remark.remark.came_in_on)}</dd>
        {topic && (
          <>
            <dt>{t('capture.topic')}</dt>
            <dd>{topic.labels[lang()]}</dd>
          </>
        )}
        <dt>{t('desk.remark.customer')}</dt>
        <dd>
          {customer.name} · {t(`lang.${customer.language}` as Key)}
        </dd>
        <dt>{t('desk.remark.contact')}</dt>
        <dd>
          {contact ? `${contact} · ${customer.consent ? t('remark.consent_yes') : t('remark.consent_no')}` : t('desk.remark.no_contact')}
        </dd>
      </dl>
    </>
  );
}

interface Props {
  id: string;
  topics: Topic[];
  /** Something changed (an acknowledgement): the inbox asks again. */
  onChanged: () => void;
}

export function RemarkDetail({ id, topics, onChanged }: Props) {
  const [remark, setRemark] = useState<DeskRemark | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [editing, setEditing] = useState(false);
  const [done, setDone] = useState<{ text: string } | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const notice = useRef<HTMLParagraphElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const backToOpener = useRef(false);

  const load = () =>
    deskRemark(id).then(
      (fresh) => {
        setRemark(fresh);
        setErrors({});
      },
      (err) => setErrors(errorsOf(err)),
    );

  useEffect(() => void load(), []);
  // Opened: its heading takes the focus, so a screen reader starts reading here.
  const shown = remark !== null || Boolean(errors['']);
  useEffect(() => {
    if (shown) heading.current?.focus();
  }, [shown]);
  useEffect(() => {
    if (done) notice.current?.focus();
  }, [done]);
  useEffect(() => {
    if (!editing && backToOpener.current) opener.current?.focus();
    backToOpener.current = false;
  }, [editing]);

  const back = (
    <p class="back">
      <a href="/owner" onClick={onLink('/owner')}>
        ← {t('desk.back')}
      </a>
    </p>
  );

  if (!remark) {
    return (
      <>
        {back}
        {errors[''] && (
          <h2 id="desk-remark-title" tabIndex={-1} ref={heading}>
            {t('remark.title')}
          </h2>
        )}
        <FormError errors={errors} />
        {!errors[''] && <Loading />}
      </>
    );
  }

  const name = remark.remark.customer.name;
  return (
    <article class="desk-remark" aria-labelledby="desk-remark-title">
      {back}
      <h2 id="desk-remark-title" tabIndex={-1} ref={heading}>
        {t('desk.remark.title', { name })}
      </h2>
      <p class="desk-status">
        <span class={`state state-${remark.remark.state}`}>{t(`desk.state.${remark.remark.state}` as Key)}</span>{' '}
        {t('desk.remark.promise')} <PromiseClock dueAt={remark.due_at} now={remark.now} />
      </p>
      <FormError errors={errors} />
      <Facts remark={remark} topics={topics} />
      {done && (
        <p class="notice success" role="status" tabIndex={-1} ref={notice}>
          {done.text}
        </p>
      )}
      {editing ? (
        <AckEditor
          remark={remark}
          onSent={(how) => {
            setEditing(false);
            setDone({ text: t(SENT[how], { name }) });
            void load();
            onChanged();
          }}
          onConflict={async () => {
            await load();
            onChanged();
          }}
          onCancel={() => {
            backToOpener.current = true;
            setEditing(false);
          }}
        />
      ) : (
        <button
          type="button"
          class={remark.remark.state === 'new' ? 'primary' : 'secondary'}
          ref={opener}
          onClick={() => {
            setDone(null);
            setEditing(true);
          }}
        >
          {remark.remark.state === 'new' ? t('desk.ack.open') : t('desk.ack.open_again')}
        </button>
      )}
      <Thread
        remarkId={id}
        thread={remark.thread}
        onThread={(thread) => {
          setRemark((before) => before && { ...before, thread });
          void load();
        }}
      />
      <Acknowledgements acks={remark.acknowledgements} language={remark.remark.customer.language} />
      <History history={remark.history} />
    </article>
  );
}
