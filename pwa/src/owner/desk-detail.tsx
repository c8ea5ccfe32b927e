// What the desk's detail views (a remark, a case) share: loading the thing with its heading
// taking the focus once shown, the way back to the inbox (on a phone, where the list is hidden),
// a success said once with the focus on it, a part opened by a button that gives the focus back
// when cancelled, and the link to the case a remark is in.
import type { Ref } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n';
import { onLink } from '../router';
import { errorsOf, FormError, Loading, type Errors } from '../ui';
import type { CaseRef } from './desk-api';
import { caseHref, remarkCount } from './Inbox';

/** The thing `fetchIt` brings, or why not; `heading` is for the view's heading, which takes the
 * focus once there is something to read, so a screen reader starts reading there. */
export function useDetail<T>(fetchIt: () => Promise<T>) {
  const [value, setValue] = useState<T | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const heading = useRef<HTMLHeadingElement>(null);
  const load = () =>
    fetchIt().then(
      (fresh) => {
        setValue(fresh);
        setErrors({});
      },
      (err) => setErrors(errorsOf(err)),
    );
  useEffect(() => void load(), []);
  const shown = value !== null || Boolean(errors['']);
  useEffect(() => {
    if (shown) heading.current?.focus();
  }, [shown]);
  return { value, setValue, errors, load, heading };
}

/** Not there yet: loading, or why it could not be, under a heading. */
export function NotLoaded({ errors, id, title, heading }: { errors: Errors; id: string; title: string; heading: Ref<HTMLHeadingElement> }) {
  return (
    <>
      <BackToInbox />
      {errors[''] && (
        <h2 id={id} tabIndex={-1} ref={heading}>
          {title}
        </h2>
      )}
      <FormError errors={errors} />
      {!errors[''] && <Loading />}
    </>
  );
}

export function BackToInbox() {
  return (
    <p class="back">
      <a href="/owner" onClick={onLink('/owner')}>
        ← {t('desk.back')}
      </a>
    </p>
  );
}

/** A success to say: a new one each time, so the same words said twice are said again. */
export function useDone() {
  const [done, setDone] = useState<{ text: string } | null>(null);
  const notice = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (done) notice.current?.focus();
  }, [done]);
  const say = (text: string) => setDone(text ? { text } : null);
  const shown = done && (
    <p class="notice success" role="status" tabIndex={-1} ref={notice}>
      {done.text}
    </p>
  );
  return { say, shown };
}

/** A part opened by its button (an editor, a form): cancelled, the focus goes back to the button. */
export function useOpener() {
  const [open, setOpen] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const back = useRef(false);
  useEffect(() => {
    if (!open && back.current) opener.current?.focus();
    back.current = false;
  }, [open]);
  const cancel = () => {
    back.current = true;
    setOpen(false);
  };
  return { open, setOpen, opener, cancel };
}

export function CaseLink({ found }: { found: CaseRef }) {
  const href = caseHref(found.id);
  return (
    <p class="case-link">
      {t('desk.case.part_of')}{' '}
      <a href={href} onClick={onLink(href)}>
        {found.title}
      </a>{' '}
      <span class="meta">({remarkCount(found.remarks)})</span>
    </p>
  );
}
