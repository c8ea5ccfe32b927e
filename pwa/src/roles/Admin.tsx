// The admin's screens (people, invitations, settings) arrive in their own issue; this chunk is
// only loaded for people with the admin role.
import { t } from '../i18n';

export default function Admin() {
  return (
    <main>
      <h1>{t('role.admin')}</h1>
      <p>{t('role.coming')}</p>
    </main>
  );
}
