// An option's pictogram: a built-in SVG from public/pictos/, or an emoji. Decorative: the
// option's label says the same in words.
export function Pictogram({ value }: { value: string | null }) {
  if (!value) return null;
  if (value.startsWith("svg:")) return <img className="picto" src={`/pictos/${value.slice(4)}.svg`} alt="" width={28} height={28} />;
  return <span aria-hidden="true">{value} </span>;
}
