// A plain SVG bar chart: one group of bars per row, one bar per series. The numbers are in
// the table next to it; the chart carries a text summary for screen readers.
export interface BarChartProps {
  title: string;
  series: Array<{ name: string; className: string }>;
  rows: Array<{ label: string; values: number[] }>;
  format: (value: number) => string;
}

const ROW = 28;
const LABEL = 140;
const WIDTH = 640;

export function BarChart({ title, series, rows, format }: BarChartProps) {
  if (rows.length === 0) return null;
  const max = Math.max(1, ...rows.flatMap((r) => r.values));
  const bar = (ROW - 8) / series.length;
  const height = rows.length * ROW + 24;
  const summary = rows.map((r) => `${r.label}: ${r.values.map((v, i) => `${series[i]?.name} ${format(v)}`).join(", ")}`).join("; ");
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={`${title}. ${summary}`} preserveAspectRatio="xMinYMin meet">
        {rows.map((row, r) => (
          <g key={`${row.label}-${r}`} transform={`translate(0, ${r * ROW})`}>
            <text x={LABEL - 8} y={ROW / 2 + 4} textAnchor="end" className="chart-label">
              {row.label.length > 18 ? `${row.label.slice(0, 17)}…` : row.label}
            </text>
            {row.values.map((value, i) => (
              <rect
                key={i}
                x={LABEL}
                y={4 + i * bar}
                height={bar - 2}
                width={Math.max(value > 0 ? 2 : 0, ((WIDTH - LABEL - 10) * value) / max)}
                className={series[i]?.className}
              >
                <title>{`${row.label} · ${series[i]?.name}: ${format(value)}`}</title>
              </rect>
            ))}
          </g>
        ))}
        <g transform={`translate(${LABEL}, ${rows.length * ROW + 4})`}>
          {series.map((s, i) => (
            <g key={s.name} transform={`translate(${i * 160}, 0)`}>
              <rect width="12" height="12" className={s.className} />
              <text x="18" y="11" className="chart-label">
                {s.name}
              </text>
            </g>
          ))}
        </g>
      </svg>
    </figure>
  );
}
