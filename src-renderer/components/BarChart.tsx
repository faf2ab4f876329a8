interface Bar {
  key: string;
  label: string;
  value: number;
  /** The value as staff read it, e.g. "€ 120.00". */
  display: string;
}

interface BarChartProps {
  title: string;
  /** One sentence summing up the chart for screen readers; the table beside it has every figure. */
  summary: string;
  bars: Bar[];
  emptyText: string;
}

const ROW = 30;
const LABEL_W = 150;
const VALUE_W = 110;
const WIDTH = 720;

/** Horizontal bars in plain SVG: one row per entry, the longest bar spanning the width. */
export function BarChart({ title, summary, bars, emptyText }: BarChartProps) {
  if (bars.length === 0) return <p className="muted">{emptyText}</p>;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const plot = WIDTH - LABEL_W - VALUE_W;
  const height = bars.length * ROW + 8;
  return (
    <figure className="chart" data-testid="report-chart">
      <svg
        role="img"
        aria-label={`${title}. ${summary}`}
        viewBox={`0 0 ${WIDTH} ${height}`}
        width="100%"
        preserveAspectRatio="xMinYMin meet"
      >
        {bars.map((b, i) => {
          const y = i * ROW + 4;
          const w = Math.max(b.value > 0 ? 2 : 0, Math.round((b.value / max) * plot));
          return (
            <g key={b.key} data-testid="chart-bar" data-label={b.label} data-value={b.value}>
              <text
                x={LABEL_W - 8}
                y={y + ROW / 2}
                textAnchor="end"
                dominantBaseline="middle"
                className="chart__label"
              >
                {b.label}
              </text>
              <rect x={LABEL_W} y={y + 4} width={w} height={ROW - 10} rx={3} className="chart__bar" />
              <text x={LABEL_W + w + 6} y={y + ROW / 2} dominantBaseline="middle" className="chart__value">
                {b.display}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="muted small">{title}</figcaption>
    </figure>
  );
}
