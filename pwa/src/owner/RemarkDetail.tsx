// One remark on the owner's desk: what the customer said and felt, where and when, who they are
// and how they may be reached; the promise clock; the acknowledgement editor; the questions to
// the messenger; the case it is in and the remarks it looks like (docs/cases.md); the way to
// decide on it (docs/decisions.md); what was done so far; a forgotten customer's name taken
// out of their words (docs/customers.md). Never who brought it in.
import { formatDay, lang, t, type Key } from '../i18n';
import { customerName } from '../remark';
import type { Topic } from '../model';
import { FormError } from '../ui';
import { ForgottenWords } from './ForgottenWords';
import { AckEditor } from './AckEditor';
import { deskRemark, type DeskRemark } from './desk-api';
import { BackToInbox, CaseLink, NotLoaded, useDetail, useDone, useOpener } from './desk-detail';
import { PromiseClock } from './PromiseClock';
import { Acknowledgements, History } from './Record';
import { RemarkDecide } from './RemarkDecide';
import { Suggestions } from './Suggestions';
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
          {customerName(customer)} · {t(`lang.${customer.language}` as Key)}
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
  const { value: remark, setValue: setRemark, errors, load, heading } = useDetail(() => deskRemark(id));
  const { say, shown: done } = useDone();
  const { open: editing, setOpen: setEditing, opener, cancel } = useOpener();

  if (!remark) return <NotLoaded errors={errors} id="desk-remark-title" title={t('remark.title')} heading={heading} />;

  const name = customerName(remark.remark.customer);
  // Decided: its customer has had the answer; no promise runs, and no first answer is due.
  const decided = remark.remark.state === 'decided';
  return (
    <article class="desk-remark" aria-labelledby="desk-remark-title">
      <BackToInbox />
      <h2 id="desk-remark-title" tabIndex={-1} ref={heading}>
        {t('desk.remark.title', { name })}
      </h2>
      <p class="desk-status">
        <span class={`state state-${remark.remark.state}`}>{t(`desk.state.${remark.remark.state}` as Key)}</span>{' '}
        {!decided && (
          <>
            {t('desk.remark.promise')} <PromiseClock dueAt={remark.due_at} now={remark.now} />
          </>
        )}
      </p>
      {remark.case && <CaseLink found={remark.case} />}
      <FormError errors={errors} />
      <Facts remark={remark} topics={topics} />
      {remark.remark.customer.forgotten && (
        <ForgottenWords
          remark={remark}
          onSaved={(now) => {
            setRemark(now);
            onChanged();
          }}
        />
      )}
      {done}
      {decided ? null : editing ? (
        <AckEditor
          remark={remark}
          onSent={(how) => {
            setEditing(false);
            say(t(SENT[how], { name }));
            void load();
            onChanged();
          }}
          onConflict={async () => {
            await load();
            onChanged();
          }}
          onCancel={cancel}
        />
      ) : (
        <button
          type="button"
          class={remark.remark.state === 'new' ? 'primary' : 'secondary'}
          ref={opener}
          onClick={() => {
            say('');
            setEditing(true);
          }}
        >
          {remark.remark.state === 'new' ? t('desk.ack.open') : t('desk.ack.open_again')}
        </button>
      )}
      {!editing && <RemarkDecide remark={remark} onChanged={onChanged} />}
      <Suggestions remark={remark} onChanged={onChanged} onRemark={() => void load()} />
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
