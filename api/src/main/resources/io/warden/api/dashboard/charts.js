// Time-series charts on uPlot (served from the jar). Series differ by dash pattern and legend text,
// not by colour alone. Redraws are skipped while the tab is hidden; points keep arriving.

const COLOURS = ['#1f5fa8', '#bc4c00', '#1a7f37', '#8250df'];
const DASHES = [[], [6, 3], [2, 2], [8, 2, 2, 2]];
const HEIGHT = 200;

/**
 * A live chart in container. series: [{label}], format: value -> text. Keeps windowSeconds of
 * points. Returns {load(epochMillis, columns), append(epochMillis, values), destroy()}.
 */
export function timeChart(container, {title, series, format, windowSeconds = 900}) {
  const data = [[], ...series.map(() => [])];
  const plot = new uPlot({
    title,
    width: Math.max(container.clientWidth, 280),
    height: HEIGHT,
    scales: {x: {time: true}, y: {range: (u, min, max) => [Math.min(0, min), max > 0 ? max * 1.1 : 1]}},
    series: [{}, ...series.map((s, i) => ({
      label: s.label, stroke: COLOURS[i % COLOURS.length], dash: DASHES[i % DASHES.length], width: 1.5, points: {show: false},
      value: (u, v) => (v === null || v === undefined ? '–' : format(v)),
    }))],
    axes: [{}, {size: 72, values: (u, ticks) => ticks.map(format)}],
    cursor: {drag: {x: false, y: false}},
  }, data, container);
  let pending = false;
  const redraw = () => {
    container.dataset.points = String(data[0].length); // what a test (or a person's inspector) can read
    if (document.hidden) { pending = true; return; }
    pending = false;
    plot.setData(data);
  };
  const onVisible = () => { if (!document.hidden && pending) redraw(); };
  document.addEventListener('visibilitychange', onVisible);
  const resize = new ResizeObserver(() => {
    const width = Math.max(container.clientWidth, 280);
    if (width !== plot.width) plot.setSize({width, height: HEIGHT});
  });
  resize.observe(container);
  const trim = () => {
    const oldest = data[0].length ? data[0][data[0].length - 1] - windowSeconds : 0;
    let drop = 0;
    while (drop < data[0].length && data[0][drop] < oldest) drop++;
    if (drop) data.forEach((column) => column.splice(0, drop));
  };
  return {
    load(epochMillis, columns) {
      data[0] = epochMillis.map((t) => t / 1000);
      columns.forEach((column, i) => { data[i + 1] = column.slice(0, epochMillis.length); });
      trim();
      redraw();
    },
    append(epochMillis, values) {
      const t = epochMillis / 1000;
      if (data[0].length && t <= data[0][data[0].length - 1]) return;
      data[0].push(t);
      values.forEach((v, i) => data[i + 1].push(v));
      trim();
      redraw();
    },
    points: () => data[0].length,
    destroy() {
      resize.disconnect();
      document.removeEventListener('visibilitychange', onVisible);
      plot.destroy();
    },
  };
}

/** Aligns several history series ({epochMillis, values}) on the first one's timestamps. */
export function align(histories) {
  const times = histories[0].epochMillis;
  const columns = histories.map((h) => {
    const byTime = new Map(h.epochMillis.map((t, i) => [t, h.values[i]]));
    return times.map((t) => (byTime.has(t) ? byTime.get(t) : null));
  });
  return {times, columns};
}
