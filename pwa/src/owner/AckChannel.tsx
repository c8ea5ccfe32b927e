// How an acknowledgement reaches the customer, said before it is sent: by e-mail to their
// address (when they agreed and gave one), else through the colleague who heard it (the
// messenger, asked in "my remarks" to pass it on). When the customer may be phoned, the owner
// can say they called instead — with a note of what was said.
import { t } from '../i18n';
import { Input } from '../ui';
import type { DeskRemark } from './desk-api';

export type Way = 'auto' | 'phone';

interface Props {
  remark: DeskRemark;
  way: Way;
  onWay: (way: Way) => void;
  note: string;
  onNote: (note: string) => void;
  errors: Record<string, string | undefined>;
}

/** The default way, in words. */
function usual(remark: DeskRemark): string {
  return remark.channel === 'mail'
    ? t('desk.ack.by_mail', { email: remark.remark.customer.email ?? '' })
    : t('desk.ack.by_pass_on');
}

/** One choice of a radio group, its whole line the label (a thumb-sized target). Its id is
 * `<name>-<value>`, where an error summary's link leads. */
export function Radio(props: { name: string; value: string; label: string; checked: boolean; onChoose: () => void }) {
  const id = `${props.name}-${props.value}`;
  return (
    <label class="radio" for={id}>
      <input type="radio" id={id} name={props.name} value={props.value} checked={props.checked} onChange={props.onChoose} />
      <span>{props.label}</span>
    </label>
  );
}

export function AckChannel({ remark, way, onWay, note, onNote, errors }: Props) {
  const error = errors['/channel'];
  if (!remark.can_call) {
    return (
      <div class={error ? 'field invalid' : 'field'}>
        <p class="label">{t('desk.ack.how')}</p>
        <p id="ack-channel" class="channel" tabIndex={-1}>
          {usual(remark)}
        </p>
        {error && <p class="error">{error}</p>}
      </div>
    );
  }
  const radio = (value: Way, label: string) => (
    <Radio name="ack-channel" value={value} label={label} checked={way === value} onChoose={() => onWay(value)} />
  );
  return (
    <>
      <fieldset class={error ? 'field invalid' : 'field'} aria-describedby={error ? 'ack-channel-error' : undefined}>
        <legend>{t('desk.ack.how')}</legend>
        {radio('auto', usual(remark))}
        {radio('phone', t('desk.ack.by_phone', { phone: remark.remark.customer.phone ?? '' }))}
        {error && (
          <p class="error" id="ack-channel-error">
            {error}
          </p>
        )}
      </fieldset>
      {way === 'phone' && (
        <Input
          id="ack-note"
          label={t('desk.ack.note')}
          hint={t('desk.ack.note_hint')}
          rows={3}
          required
          value={note}
          onValue={onNote}
          error={errors['/note']}
        />
      )}
    </>
  );
}
