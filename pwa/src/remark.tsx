// How a remark reads, wherever it is shown: the customer's name and language, how they felt, what
// happened, where and which day. Never who brought it in; contact details only where the server
// sends them (the feedback owner, the messenger's own list).
import { formatDay, t, type Key } from './i18n';
import type { Remark } from './model';

export type { Remark };

/** The customer as staff read them: their name, or that they asked to be forgotten (their name
 * is then erased: docs/customers.md). */
export function customerName(customer: Remark['customer']): string {
  return customer.forgotten ? t('remark.forgotten') : customer.name;
}

export function RemarkBody({ remark }: { remark: Remark }) {
  return (
    <>
      <p class="meta">
        <span class={`feeling feeling-${remark.feeling.level}`}>{t(`feeling.${remark.feeling.level}` as Key)}</span>
        {' · '}
        {t(`place.${remark.place.kind}` as Key)}
        {remark.place.detail && ` (${remark.place.detail})`}
        {' · '}
        {t('remark.heard_on', { day: formatDay(remark.heard_on) })}
      </p>
      <p class="facts">{remark.facts}</p>
      {remark.feeling.words && <p class="words">“{remark.feeling.words}”</p>}
      <p class="meta">
        {customerName(remark.customer)} · {t(`lang.${remark.customer.language}` as Key)}
      </p>
      {(remark.customer.email || remark.customer.phone) && (
        <p class="meta">
          {[remark.customer.email, remark.customer.phone].filter(Boolean).join(' · ')}
          {' · '}
          {remark.customer.consent ? t('remark.consent_yes') : t('remark.consent_no')}
        </p>
      )}
    </>
  );
}
