// A horizontal bar chart as SVG, rendered on the server: no chart JavaScript on the phone.
// It is decorative for screen readers: the data table beside it carries the figures.
export function BarChart({ rows, max }: { rows: { label: string; value: number }[]; max?: number }) {
  const top = max ?? Math.max(1, ...rows.map((r) => r.value));
  const rowH = 22;
  const height = rows.length * rowH;
  return (
    <svg className="bar-chart" viewBox={`0 0 100 ${height}`} preserveAspectRatio="none" aria-hidden="true" focusable="false" height={height}>
      {rows.map((r, i) => (
        <rect key={i} x={0} y={i * rowH + 4} width={Math.max(0.5, (r.value / top) * 100)} height={rowH - 8} className="bar" />
      ))}
    </svg>
  );
}
