// Bar charts drawn on the server as tables: each row is a bar with its label and its figure,
// and the foot of the table is the scale, from 0. Screen readers read the table (its caption,
// headers, labels and figures); the bars and the scale are pictures of those figures, hidden
// from them. The scale comes from the loader (`chartAxis`: d3-scale on the server, never sent
// to the phone); the bars are SVG rectangles sized by attribute (no inline style, which the
// CSP blocks), mirrored in Arabic. Without JavaScript the server's HTML is the whole chart.
import { Fragment, type ReactNode } from "react";
import { useT } from "../i18n/i18n.js";

/** The scale of a chart, as `chartAxis` (app/utils/results.server.ts) makes it. */
export interface Axis {
  max: number;
  ticks: number[];
}

/** Where the scale's figures stand, in px from its top (the stylesheet makes it 26 px high). */
const AXIS_BASELINE = 21;

/** Where a value sits along the bar, in % of the column, from the start side (right in Arabic). */
function position(value: number, max: number, rtl: boolean): { x: number; width: number } {
  const width = max > 0 ? Math.round((Math.min(value, max) / max) * 10000) / 100 : 0;
  return { x: rtl ? Math.round((100 - width) * 100) / 100 : 0, width };
}

/** One bar, as long as value/max of its column (its height is the stylesheet's). */
export function Bar({ value, max }: { value: number; max: number }) {
  const { dir } = useT();
  const { x, width } = position(value, max, dir === "rtl");
  return (
    <svg className="chart-bar" aria-hidden="true">
      {width > 0 ? <rect x={x ? `${x}%` : undefined} width={`${width}%`} height="100%" /> : null}
    </svg>
  );
}

/** The scale under the bars: a line from 0 to the maximum with its ticks labelled. */
export function AxisLine({ axis }: { axis: Axis }) {
  const { dir } = useT();
  const rtl = dir === "rtl";
  return (
    <svg className="chart-axis" aria-hidden="true">
      <rect width="100%" height="1" />
      {axis.ticks.map((tick) => {
        const { x, width } = position(tick, axis.max, rtl);
        const at = `${rtl ? x : width}%`;
        // The end ticks lean inwards, so that neither the mark nor its figure leaves the column.
        const end = (rtl ? x : width) >= 100;
        const start = (rtl ? x : width) <= 0;
        return (
          <Fragment key={tick}>
            <rect x={at} width="1" height="6" transform={end ? "translate(-1 0)" : undefined} />
            <text x={at} y={AXIS_BASELINE} textAnchor={start ? "start" : end ? "end" : "middle"}>
              {tick}
            </text>
          </Fragment>
        );
      })}
    </svg>
  );
}

export interface BarRow {
  key: string | number;
  /** The row's header: what the bar counts. */
  label: ReactNode;
  /** The bar's length; null draws none (a figure not published). */
  value: number | null;
  /** The figure written beside the bar: the value, maybe with its share, or « non publié ». */
  figure: ReactNode;
  /** Attributes of the row, for tests and styles. */
  attrs?: Record<string, string | number | undefined>;
  className?: string;
  /** A class of the figure's cell (« points » for a ranking). */
  figureClass?: string;
}

/** A two-column chart table: what is counted, then its figure over its bar. */
export function BarTable({ caption, labelHeader, figureHeader, rows, axis }: { caption: ReactNode; labelHeader: ReactNode; figureHeader: ReactNode; rows: BarRow[]; axis: Axis }) {
  return (
    <table className="data chart">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{labelHeader}</th>
          <th scope="col" className="chart-figure">
            {figureHeader}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} className={r.className} {...r.attrs}>
            <th scope="row">{r.label}</th>
            <td className={r.figureClass ? `chart-figure ${r.figureClass}` : "chart-figure"}>
              {r.figure}
              {r.value !== null ? <Bar value={r.value} max={axis.max} /> : null}
            </td>
          </tr>
        ))}
      </tbody>
      <ChartFoot axis={axis} before={1} />
    </table>
  );
}

/** A chart table's foot: the scale under the bar column, with `before` empty cells ahead of it and `after` behind. */
export function ChartFoot({ axis, before, after = 0 }: { axis: Axis; before: number; after?: number }) {
  return (
    <tfoot aria-hidden="true" className="chart-scale">
      <tr>
        {before > 0 ? <td colSpan={before > 1 ? before : undefined} /> : null}
        <td className="chart-figure">
          <AxisLine axis={axis} />
        </td>
        {after > 0 ? <td colSpan={after > 1 ? after : undefined} /> : null}
      </tr>
    </tfoot>
  );
}
