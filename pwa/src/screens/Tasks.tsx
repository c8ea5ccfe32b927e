// My tasks (docs/plans.md): the tasks of action plans given to me — whatever my role — open ones
// first, each with its case, what was decided and its day; then the last ones done. "Done" goes
// through the device's outbox (tasks/task-logic.ts), so it works without a network: the task
// shows "marked done, will be sent" until the sender gets it through, then the list is asked
// again. One the server refuses (404: no longer mine) is said and dropped. The last copy of the
// list is kept on the device and shown without a network, with its age.
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatDay, lang, t } from '../i18n';
import { loadKnown, staleNotice } from '../offline-copies';
import { remove, submitNow, useOutbox } from '../outbox';
import { hourLabel } from '../owner/case-logic';
import { addDropped, donePath, doneItemId, leftQueue, queueState, shownOpen, type DoneDraft } from '../tasks/task-logic';
import { tm } from '../tasks/task-text';
import { myTasks, type MyTask, type MyTasks } from '../tasks/tasks-api';
import { errorsOf, FormError, Loading, Notice, useLoadOnReturn, type Errors } from '../ui';

/** A done task's hour (epoch seconds, or an ISO text). */
const hourOf = (at: number | string) => hourLabel(typeof at === 'number' ? at : Date.parse(at) / 1000, lang());

function OpenTask({ task, queued, busy, onDone }: { task: MyTask; queued: boolean; busy: boolean; onDone: () => void }) {
  const descId = `task-${task.id}-description`;
  return (
    <li>
      <article class={task.late ? 'card task is-late' : 'card task'} data-testid="task-open" data-id={task.id}>
        <p class="task-description" id={descId}>
          {task.description}
        </p>
        <p class="meta">{tm('tasks.case', { title: task.case_title })}</p>
        <p class="task-outcome">{tm('tasks.outcome', { outcome: task.outcome })}</p>
        <p>
          <strong>{tm('tasks.due', { day: formatDay(task.due_on) })}</strong>
        </p>
        {task.late && (
          <p class="warn" data-testid="task-late">
            {tm('tasks.late')}
          </p>
        )}
        <p class="meta">{tm('tasks.plan_due', { day: formatDay(task.plan_due_on) })}</p>
        {queued ? (
          <p class="state waiting-to-send" data-testid="task-queued">
            {tm('tasks.queued')}
          </p>
        ) : (
          <button type="button" class="primary" data-testid={`task-done-${task.id}`} aria-describedby={descId} disabled={busy} onClick={onDone}>
            {tm('tasks.mark_done')}
          </button>
        )}
      </article>
    </li>
  );
}

function DoneTask({ task }: { task: MyTask }) {
  return (
    <li>
      <article class="card task done-task" data-testid="task-done-item" data-id={task.id}>
        <p class="task-description">{task.description}</p>
        <p class="meta">{tm('tasks.case', { title: task.case_title })}</p>
        {Boolean(task.done_at) && <p class="passed-on">{tm('tasks.done_at', { at: hourOf(task.done_at!) })}</p>}
      </article>
    </li>
  );
}

export default function Tasks() {
  const [list, setList] = useState<MyTasks | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [offlineSince, setOfflineSince] = useState<number | null>(null);
  // What the last "done" became: sent at once, or kept on the device for later.
  const [said, setSaid] = useState<'' | 'marked' | 'saved'>('');
  const [dropped, setDropped] = useState<DoneDraft[]>([]);
  const [busy, setBusy] = useState('');
  const queue = queueState(useOutbox('task-done'));
  const waitingKey = [...queue.waiting].sort().join(',');
  const refusedKey = queue.refused.map((drop) => drop.task).join(',');
  const seen = useRef<Set<string>>(new Set());

  const load = () =>
    loadKnown('tasks', myTasks)
      .then(({ data, offlineSince: since }) => {
        setOfflineSince(since ?? null);
        setList(data);
        setErrors({});
      })
      .catch((err) => setErrors(errorsOf(err)));

  // On start, and when the network returns (what the sender sends meanwhile asks again too).
  useLoadOnReturn(load);

  // A "done" left the outbox (sent by the sender, here or in another tab): the list afresh.
  useEffect(() => {
    if (leftQueue(seen.current, queue.waiting).length) {
      // "Kept for later" is no longer true.
      setSaid((before) => (before === 'saved' ? '' : before));
      void load();
    }
    seen.current = queue.waiting;
  }, [waitingKey]);

  // Refused (404: the task is no longer mine): said, and taken out of the outbox.
  useEffect(() => {
    if (!queue.refused.length) return;
    setDropped((before) => addDropped(before, queue.refused));
    for (const drop of queue.refused) void remove(doneItemId(drop.task));
    void load();
  }, [refusedKey]);

  const markDone = async (task: MyTask) => {
    setBusy(task.id);
    setSaid('');
    try {
      const draft: DoneDraft = { task: task.id, description: task.description };
      const result = await submitNow('task-done', doneItemId(task.id), donePath(task.id), {}, draft);
      if ('refused' in result) setDropped((before) => addDropped(before, [draft]));
      else setSaid(result.sent ? 'marked' : 'saved');
      if ('refused' in result || result.sent) await load();
    } catch (err) {
      setErrors(errorsOf(err));
    } finally {
      setBusy('');
    }
  };

  const open = list ? shownOpen(list.open, queue.waiting) : [];
  return (
    <main data-testid="my-tasks">
      <h1>{t('nav.tasks')}</h1>
      <p class="hint">{tm('tasks.intro')}</p>
      <FormError errors={errors} />
      {offlineSince !== null && <Notice>{staleNotice(offlineSince)}</Notice>}
      {said && <Notice>{tm(said === 'marked' ? 'tasks.marked' : 'tasks.saved')}</Notice>}
      {dropped.length > 0 && (
        <div class="conflict" role="alert" data-testid="task-dropped">
          {dropped.map((drop) => (
            <p key={drop.task}>{drop.description ? tm('tasks.not_yours', { description: drop.description }) : tm('tasks.not_yours_unnamed')}</p>
          ))}
          <button type="button" class="secondary" onClick={() => setDropped([])}>
            {tm('tasks.dismiss')}
          </button>
        </div>
      )}
      {!list && !errors[''] && <Loading />}
      {list && (
        <section aria-labelledby="tasks-open-title">
          <h2 id="tasks-open-title">{tm('tasks.open')}</h2>
          {open.length === 0 ? (
            <p>{tm('tasks.none_open')}</p>
          ) : (
            <ul class="remarks" aria-labelledby="tasks-open-title">
              {open.map((task) => (
                <OpenTask key={task.id} task={task} queued={task.queued} busy={busy === task.id} onDone={() => void markDone(task)} />
              ))}
            </ul>
          )}
        </section>
      )}
      {list && list.done.length > 0 && (
        <section aria-labelledby="tasks-done-title">
          <h2 id="tasks-done-title">{tm('tasks.done')}</h2>
          <ul class="remarks" aria-labelledby="tasks-done-title">
            {list.done.map((task) => (
              <DoneTask key={task.id} task={task} />
            ))}
          </ul>
        </section>
      )}
    </main>
  );
}
