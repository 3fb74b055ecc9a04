import { EmptyState } from '../components/feedback.js';
import { PageHeader, usePageTitle } from '../components/page-header.js';
import { Link } from '../router/router.js';

export function NotFoundPage() {
  usePageTitle('Not found');
  return (
    <>
      <PageHeader title="Page not found" />
      <EmptyState title="There is no console page at this address.">
        <Link to="/hosts">Go to the hosts list</Link>
      </EmptyState>
    </>
  );
}
