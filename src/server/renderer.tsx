import { jsxRenderer } from 'hono/jsx-renderer';
import { Layout, type LayoutAssets } from '../../views/layout.tsx';

declare module 'hono' {
  interface ContextRenderer {
    (content: string | Promise<string>, props: { title: string }): Response | Promise<Response>;
  }
}

/** The site layout, installed once: `c.render(<Page/>, { title })` renders a full page. */
export function siteRenderer(assets: LayoutAssets) {
  return jsxRenderer(({ children, title }) => (
    <Layout title={title} assets={assets}>
      {children}
    </Layout>
  ));
}
