// The feedback owner's screens (triage inbox, decisions) arrive in their own issue; this chunk
// is only loaded for people with the owner role.
import { t } from '../i18n';

export default function Owner() {
  return (
    <main>
      <h1>{t('role.owner')}</h1>
      <p>{t('role.coming')}</p>
    </main>
  );
}
