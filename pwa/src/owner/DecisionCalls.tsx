// The customers to phone with the decision: they agreed to be contacted and gave only a number.
// Each says whom to call (the number a link that dials it), in which language, and what to say;
// the owner notes how it went and marks it called — until then it stays on the case.
import { useState } from 'preact/hooks';
import { Input } from '../ui';
import { t } from '../i18n';
import { useCaseAction } from './case-action';
import { markCalled, type WaitingCall } from './decision-api';
import { td } from './decision-text';
import { languageName } from './DecisionWords';
import type { CaseView } from './desk-api';

interface Props {
  view: CaseView;
  onCalled: (fresh: CaseView, said: string) => void;
  onOvertaken: (current: CaseView | null) => void | Promise<void>;
}

function Call({ view, call, onCalled, onOvertaken }: Props & { call: WaitingCall }) {
  const [note, setNote] = useState('');
  const { busy, errors, setErrors, run } = useCaseAction(onOvertaken);
  const id = `decision-call-note-${call.remark_id}`;
  const called = () =>
    run(async () => {
      if (!note.trim()) {
        setErrors({ '/note': t('check.field-blank') });
        return;
      }
      onCalled(await markCalled(view.id, call.remark_id, note), td('decision.called', { name: call.name }));
    });
  return (
    <li class="card decision-call" data-testid="decision-call">
      <p class="row-head">
        <strong>{call.name}</strong> <a href={`tel:${call.phone.replace(/[^\d+]/g, '')}`}>{call.phone}</a>
      </p>
      <p class="label">{td('decision.call_say', { language: languageName(call.language) })}</p>
      <p class="preview" lang={call.language}>
        {call.text}
      </p>
      <Input
        id={id}
        label={td('decision.call_note')}
        hint={td('decision.call_note_hint')}
        rows={3}
        required
        value={note}
        onValue={setNote}
        error={errors['/note'] ?? errors['/remark']}
      />
      {errors[''] && (
        <p class="form-error" role="alert">
          {errors['']}
        </p>
      )}
      <button type="button" class="primary" disabled={busy} onClick={() => void called()}>
        {td('decision.call_done')}
      </button>
    </li>
  );
}

export function DecisionCalls({ view, onCalled, onOvertaken }: Props) {
  if (!view.calls.length) return null;
  return (
    <section aria-labelledby="decision-calls-title">
      <h4 id="decision-calls-title">{td('decision.calls')}</h4>
      <p class="hint">{td('decision.calls_hint')}</p>
      <ul class="remarks decision-calls" aria-labelledby="decision-calls-title">
        {view.calls.map((call) => (
          <Call key={call.remark_id} view={view} call={call} onCalled={onCalled} onOvertaken={onOvertaken} />
        ))}
      </ul>
    </section>
  );
}
