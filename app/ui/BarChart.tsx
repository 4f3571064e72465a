// A horizontal bar chart as SVG, rendered on the server: no chart JavaScript on the phone.
// It is decorative for screen readers: the data table beside it carries the figures.
export function BarChart({ values, max }: { values: number[]; max?: number }) {
  const top = max ?? Math.max(1, ...values);
  const rowH = 22;
  const height = values.length * rowH;
  return (
    <svg className="bar-chart" viewBox={`0 0 100 ${height}`} preserveAspectRatio="none" aria-hidden="true" focusable="false" height={height}>
      {values.map((value, i) => (
        <rect key={i} x={0} y={i * rowH + 4} width={Math.max(0.5, (value / top) * 100)} height={rowH - 8} className="bar" />
      ))}
    </svg>
  );
}
