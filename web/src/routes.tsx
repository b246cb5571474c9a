import { Layout } from './components/layout';
import { t } from './i18n';
import { useRoute } from './router';
import { Admin } from './screens/admin';
import { AlignmentView } from './screens/alignment';
import { Board } from './screens/board';
import { ClauseHistory } from './screens/clause-history';
import { Compare } from './screens/compare';
import { DocumentPage } from './screens/document';
import { ExplanationScreen } from './screens/explanation';
import { Documents } from './screens/documents';
import { Drafts } from './screens/drafts';
import { MyComments } from './screens/my-comments';
import { ProposalScreen } from './screens/proposal';
import { Reader } from './screens/reader';
import { isDrafter, useSession } from './session';

/** #/documents, #/documents/:id, #/documents/:id/v/:n/{read,alignment,board}, #/documents/:id/compare?from&to,
 * #/documents/:id/clauses/:key/history, #/documents/:id/explanation?from&to, #/documents/:id/v/:n/proposal?comments=a,b,
 * #/drafts, #/mine, #/admin. */
export function Routes() {
  const { path, query } = useRoute();
  const { user } = useSession();
  const [a, id, b, n, c] = path;
  const num = Number(n);
  if (a === 'documents' && id && b === 'v' && c === 'read')
    return (
      <Layout section="documents">
        <Reader documentId={id} number={num} />
      </Layout>
    );
  if (a === 'documents' && id && b === 'v' && c === 'alignment')
    return (
      <Layout section="documents">
        <AlignmentView documentId={id} number={num} />
      </Layout>
    );
  if (a === 'documents' && id && b === 'v' && c === 'board')
    return (
      <Layout section="documents">
        <Board documentId={id} number={num} />
      </Layout>
    );
  if (a === 'documents' && id && b === 'v' && c === 'proposal')
    return (
      <Layout section="documents">
        <ProposalScreen
          documentId={id}
          number={num}
          commentIds={(query.get('comments') ?? '').split(',').filter(Boolean)}
        />
      </Layout>
    );
  if (a === 'documents' && id && b === 'clauses' && n && c === 'history')
    return (
      <Layout section="documents">
        <ClauseHistory documentId={id} clauseKey={n} />
      </Layout>
    );
  if (a === 'documents' && id && b === 'explanation' && isDrafter(user))
    return (
      <Layout section="documents">
        <ExplanationScreen documentId={id} from={Number(query.get('from'))} to={Number(query.get('to'))} />
      </Layout>
    );
  if (a === 'documents' && id && b === 'compare')
    return (
      <Layout section="documents">
        <Compare documentId={id} from={Number(query.get('from'))} to={Number(query.get('to'))} />
      </Layout>
    );
  if (a === 'documents' && id)
    return (
      <Layout section="documents">
        <DocumentPage documentId={id} />
      </Layout>
    );
  if (a === 'documents' && isDrafter(user))
    return (
      <Layout section="documents">
        <Documents />
      </Layout>
    );
  if (a === 'mine')
    return (
      <Layout section="mine">
        <MyComments />
      </Layout>
    );
  if (a === 'admin' && user.role === 'admin')
    return (
      <Layout section="admin">
        <Admin />
      </Layout>
    );
  if (a === 'drafts' || !isDrafter(user))
    return (
      <Layout section="drafts">
        <Drafts />
      </Layout>
    );
  if (a && a !== 'documents')
    return (
      <Layout section="">
        <p>{t('err.404')}</p>
      </Layout>
    );
  return (
    <Layout section="documents">
      <Documents />
    </Layout>
  );
}
