// /invitation#token=…: greet the invited person, let them choose a password, sign them in.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { t } from '../i18n';
import { onLink, takeLinkToken } from '../router';
import { errorsOf, FormError, Loading, type Errors } from '../ui';
import { ChoosePassword } from './ChoosePassword';

interface InvitationView {
  email: string;
  name: string;
  organisation: string;
}

export default function Invitation() {
  const [token] = useState(takeLinkToken);
  const [invitation, setInvitation] = useState<InvitationView | null>(null);
  const [errors, setErrors] = useState<Errors>(token ? {} : { '': t('link.missing') });

  useEffect(() => {
    if (!token) return;
    api<InvitationView>('POST', '/invitations/inspect', { token })
      .then(setInvitation)
      .catch((err) => setErrors(errorsOf(err)));
  }, []);

  return (
    <main class="narrow">
      <h1>{t('invite.title')}</h1>
      <FormError errors={errors} />
      {token && !invitation && !errors[''] && <Loading />}
      {errors[''] && (
        <p>
          <a href="/sign-in" onClick={onLink('/sign-in')}>
            {t('link.to_sign_in')}
          </a>
        </p>
      )}
      {token && invitation && (
        <>
          <p>{t('invite.greeting', { name: invitation.name, organisation: invitation.organisation })}</p>
          <p class="hint">{t('invite.messenger')}</p>
          <ChoosePassword endpoint="/invitations/accept" token={token} submitLabel={t('invite.submit')} />
        </>
      )}
    </main>
  );
}
