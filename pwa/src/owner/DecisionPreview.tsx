// The live preview of a decision: every mail exactly as its customer will read it (or the text to
// say on the phone, or to pass on), asked of the server a moment after the owner stops typing
// (at once when the kind changes; only the answer to the latest question counts). Its warnings —
// a stock phrase, a reason shorter than a sentence, words in another language than the
// customer's — do not stop the owner from sending; its issues say what the server would refuse,
// before it does. The count of warnings is read out as it changes.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api';
import { lang, t, type Lang } from '../i18n';
import { errorsOf, type FieldMap } from '../ui';
import { previewDecision, type DecisionRequest, type Preview, type PreviewMail } from './decision-api';
import { localPointer } from './decision-logic';
import { td, type DecisionKey } from './decision-text';
import { languageName } from './DecisionWords';

/** How long typing must pause before the preview is asked for again. */
const PAUSE_MS = 400;

export interface Shown {
  preview: Preview;
  /** The languages of the texts sent for it, in order: what its issues' pointers count. */
  sent: Lang[];
}

/** The preview of `request` (null: nothing to preview yet), kept up to date. */
export function usePreview(caseId: string, request: { body: DecisionRequest; sent: Lang[] } | null) {
  const [shown, setShown] = useState<Shown | null>(null);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState('');
  const asked = useRef(0);
  const kind = useRef<string | null>(null);
  const key = request ? JSON.stringify(request.body) : '';

  useEffect(() => {
    const mine = ++asked.current;
    if (!request) {
      setShown(null);
      setBusy(false);
      return;
    }
    const quick = request.body.kind !== kind.current;
    kind.current = request.body.kind;
    setBusy(true);
    const timer = setTimeout(() => {
      previewDecision(caseId, request.body).then(
        (preview) => {
          if (mine !== asked.current) return;
          setShown({ preview, sent: request.sent });
          setFailed('');
          setBusy(false);
        },
        (err: unknown) => {
          if (mine !== asked.current) return;
          setBusy(false);
          const problems = errorsOf(err);
          // Refused field by field: the same list as the issues of a preview.
          const fields = Object.entries(problems).filter(([pointer]) => pointer !== '');
          if (err instanceof ApiError && err.status === 422 && fields.length) {
            setShown({ preview: { ready: false, issues: fields.map(([pointer, hint]) => ({ pointer, hint })), mails: [] }, sent: request.sent });
            setFailed('');
          } else {
            setFailed(problems[''] ?? td('decision.preview_failed'));
          }
        },
      );
    }, quick ? 0 : PAUSE_MS);
    return () => clearTimeout(timer);
  }, [key]);

  return { shown, busy, failed };
}

const CHANNEL: Record<PreviewMail['channel'], DecisionKey> = {
  mail: 'decision.channel.mail',
  call: 'decision.channel.call',
  pass_on: 'decision.channel.pass_on',
};

/** A language's name inside a sentence ("en néerlandais": French writes it in lower case). */
const inSentence = (language: Lang) => (lang() === 'fr' ? languageName(language).toLocaleLowerCase('fr') : languageName(language));

function warningText(warning: PreviewMail['warnings'][number], mail: PreviewMail): string {
  switch (warning.code) {
    case 'canned':
      return td('decision.warning.canned', { phrase: warning.phrase ?? '' });
    case 'short':
      return td('decision.warning.short');
    case 'other_language':
      return td('decision.warning.other_language', { language: inSentence(mail.text_language) });
    case 'words_other_language':
      return td('decision.warning.words_other_language');
    default:
      return td('decision.warning.other', { code: warning.code });
  }
}

function Mail({ mail }: { mail: PreviewMail }) {
  return (
    <li class="card decision-mail" data-testid="decision-mail">
      <p class="row-head">
        <strong>{mail.name}</strong>
        <span class="meta">
          {languageName(mail.language)} · {td(CHANNEL[mail.channel] ?? 'decision.channel.mail')}
        </span>
      </p>
      {mail.late && <p class="warn">{td('decision.mail_late')}</p>}
      {mail.warnings.length > 0 && (
        <ul class="decision-warnings">
          {mail.warnings.map((warning, i) => (
            <li key={`${warning.code}-${i}`} class="warning" data-testid="decision-warning" data-code={warning.code}>
              {td('decision.warning')} {warningText(warning, mail)}
            </li>
          ))}
        </ul>
      )}
      {mail.subject && (
        <p>
          <span class="meta">{td('decision.subject')}</span> <span lang={mail.language}>{mail.subject}</span>
        </p>
      )}
      <pre class="preview mail-text" lang={mail.language}>
        {mail.text}
      </pre>
    </li>
  );
}

interface Props {
  shown: Shown | null;
  busy: boolean;
  failed: string;
  /** Nothing to preview yet: no kind chosen. */
  waiting: boolean;
  languages: Lang[];
  /** The editor's fields by the screen's pointer: an issue links to its field. */
  fields: FieldMap;
  /** Its id and test id, when another preview is on the page (a plan's move). */
  id?: string;
  /** The line under its heading, when not the decision's. */
  hint?: string;
  /** An issue's pointer as the screen's, when not the decision's texts. */
  local?: (pointer: string, sent: Lang[]) => string;
}

export function DecisionPreview({ shown, busy, failed, waiting, languages, fields, id = 'decision-preview', hint, local }: Props) {
  const toLocal = local ?? ((pointer: string, sent: Lang[]) => localPointer(pointer, sent, languages));
  const mails = shown?.preview.mails ?? [];
  const issues = shown?.preview.issues ?? [];
  const warnings = mails.reduce((n, mail) => n + mail.warnings.length, 0);
  const summary =
    waiting || !shown ? '' : warnings === 0 ? td('decision.warnings_none') : warnings === 1 ? td('decision.warnings_one') : td('decision.warnings', { n: warnings });
  const go = (id: string) => (event: Event) => {
    event.preventDefault();
    document.getElementById(id)?.focus();
  };
  return (
    <section class="ack-preview decision-preview" data-testid={id} aria-labelledby={`${id}-title`} aria-busy={busy}>
      <h5 id={`${id}-title`}>{td('decision.preview')}</h5>
      <p class="hint">{waiting ? td('decision.preview_pick') : (hint ?? td('decision.preview_hint'))}</p>
      {/* Said to screen readers when it changes; the mails themselves are read when wanted. */}
      <p class={warnings ? 'warn' : 'meta'} aria-live="polite">
        {summary}
      </p>
      <p class="sending">{busy ? td('decision.preview_busy') : ''}</p>
      {failed && <p class="form-error">{failed}</p>}
      {issues.length > 0 && (
        <div class="decision-issues">
          <p class="label">{td('decision.issues')}</p>
          <ul>
            {issues.map((issue, i) => {
              const field = fields[toLocal(issue.pointer, shown?.sent ?? [])];
              return (
                <li key={`${issue.pointer}-${i}`}>
                  {field ? (
                    <a href={`#${field.id}`} onClick={go(field.id)}>
                      {field.label} — {issue.hint}
                    </a>
                  ) : (
                    issue.hint
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      )}
      {mails.length > 0 && (
        <ul class="remarks decision-mails">
          {mails.map((mail, i) => (
            <Mail key={`${mail.remarks.join(',')}-${i}`} mail={mail} />
          ))}
        </ul>
      )}
      {!waiting && !shown && !failed && <p class="meta">{t('common.loading')}</p>}
    </section>
  );
}
