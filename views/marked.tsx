import type { MarkedText } from '../src/library.ts';
import { segmentMarkedText } from '../src/server/marked-text.ts';

/**
 * Text with its highlight ranges as `<mark>`: each piece goes through JSX escaping, so
 * article text never becomes markup. `firstId` names the first mark (for scrolling to it).
 */
export function Marked({ text, firstId }: { text: MarkedText; firstId?: string | undefined }) {
  let first = true;
  return (
    <>
      {segmentMarkedText(text).map((segment) => {
        if (!segment.marked) return segment.text;
        const id = first ? firstId : undefined;
        first = false;
        return id === undefined ? <mark>{segment.text}</mark> : <mark id={id}>{segment.text}</mark>;
      })}
    </>
  );
}
