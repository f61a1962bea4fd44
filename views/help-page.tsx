import { SiteHeader } from './layout.tsx';
import type { SearchTipModel } from './search-model.ts';
import { QuietFeatures, SearchTipsList } from './search-tips.tsx';

export interface HelpPageModel {
  tips: SearchTipModel[];
}

/** `GET /help`: the search tips as a plain page, for linking to. */
export function HelpPage({ model }: { model: HelpPageModel }) {
  return (
    <>
      <SiteHeader />
      <main id="main" class="help-page">
        <h1>Search tips</h1>
        <p class="help-lede">
          Type a few words to find the articles that have all of them. To say more, use these; each example is a search you can run.
        </p>
        <SearchTipsList tips={model.tips} />
        <p class="tips-quiet">
          <QuietFeatures />
        </p>
        <p>
          <a href="/">Go to the search page</a>
        </p>
      </main>
    </>
  );
}
