// One remark, as colleagues read it.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { t } from '../i18n';
import { onLink } from '../router';
import { RemarkBody, type Remark } from '../remark';
import { errorsOf, FormError, Loading, type Errors } from '../ui';

export default function RemarkPage({ id }: { id: string }) {
  const [remark, setRemark] = useState<Remark | null>(null);
  const [errors, setErrors] = useState<Errors>({});

  useEffect(() => {
    api<Remark>('GET', `/remarks/${id}`)
      .then(setRemark)
      .catch((err) => setErrors(errorsOf(err)));
  }, [id]);

  return (
    <main>
      <p>
        <a href="/came-in" onClick={onLink('/came-in')}>
          ← {t('came_in.title')}
        </a>
      </p>
      <h1>{t('remark.title')}</h1>
      <FormError errors={errors} />
      {!remark && !errors[''] && <Loading />}
      {remark && (
        <article class="card">
          <RemarkBody remark={remark} />
        </article>
      )}
    </main>
  );
}
