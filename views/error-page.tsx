import { SiteHeader } from './layout.tsx';

export interface ErrorPageModel {
  status: number;
  heading: string;
  message: string;
}

/** Not found, bad request, server trouble: a page in the site's layout, never a stack trace. */
export function ErrorPage({ model }: { model: ErrorPageModel }) {
  return (
    <>
      <SiteHeader />
      <main id="main" class="error-page">
        <p class="error-status">Error {model.status}</p>
        <h1>{model.heading}</h1>
        <p>{model.message}</p>
        <p>
          <a href="/">Go to the search page</a>
        </p>
      </main>
    </>
  );
}

/** The same message for an htmx request that swaps only the results region. */
export function ErrorFragment({ model }: { model: ErrorPageModel }) {
  return (
    <div class="message message-error" role="alert">
      <h2>{model.heading}</h2>
      <p>{model.message}</p>
    </div>
  );
}
