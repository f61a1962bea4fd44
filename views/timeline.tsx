import { formatPeriod, plural } from './format.ts';
import { navLink } from './nav-link.ts';
import type { TimelineModel } from './search-model.ts';

const BAR_AREA = 56;
const LABEL_AREA = 16;

/**
 * Matching articles per year or month as a small SVG histogram; each bar is a link that
 * narrows the search to its period. Sizes are attributes, colours come from the stylesheet.
 */
export function Timeline({ timeline }: { timeline?: TimelineModel | undefined }) {
  if (timeline === undefined || timeline.bars.length === 0) return <></>;
  const { bars } = timeline;
  const slot = Math.max(6, Math.min(36, Math.floor(720 / bars.length)));
  const gap = slot > 10 ? 3 : 1;
  const width = bars.length * slot;
  const height = BAR_AREA + LABEL_AREA;
  const max = Math.max(1, ...bars.map((bar) => bar.count));
  const noun = timeline.unit === 'year' ? 'year' : 'month';
  const firstLabel = bars[0]!.label;
  const lastLabel = bars[bars.length - 1]!.label;
  return (
    <figure class="timeline">
      <figcaption class="timeline-caption">Matching articles per {noun}</figcaption>
      <svg
        class="timeline-chart"
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        role="group"
        aria-label={`Matching articles per ${noun}, ${formatPeriod(firstLabel)} to ${formatPeriod(lastLabel)}`}
      >
        <line class="timeline-axis" x1="0" y1={BAR_AREA + 0.5} x2={width} y2={BAR_AREA + 0.5} />
        {bars.map((bar, index) => {
          const x = index * slot + gap / 2;
          const barHeight = bar.count === 0 ? 0 : Math.max(2, Math.round((bar.count / max) * (BAR_AREA - 4)));
          const label = `${formatPeriod(bar.label)}: ${plural(bar.count, 'article')}`;
          const rects = (
            <>
              <title>{label}</title>
              <rect class="timeline-hit" x={index * slot} y="0" width={slot} height={BAR_AREA} />
              <rect class="timeline-bar" x={x} y={BAR_AREA - barHeight} width={slot - gap} height={barHeight} />
            </>
          );
          if (bar.href === undefined) return <g class="timeline-empty">{rects}</g>;
          return (
            <a {...navLink(bar.href)} class={bar.active ? 'timeline-link timeline-active' : 'timeline-link'} aria-label={label}>
              {rects}
            </a>
          );
        })}
        <text class="timeline-label" x="0" y={height - 3} text-anchor="start">
          {formatPeriod(firstLabel, true)}
        </text>
        {bars.length > 1 ? (
          <text class="timeline-label" x={width} y={height - 3} text-anchor="end">
            {formatPeriod(lastLabel, true)}
          </text>
        ) : null}
      </svg>
    </figure>
  );
}
