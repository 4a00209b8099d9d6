// Draws the report's charts with uPlot from the JSON in #report-data; hovering a chart shows the values
// under the cursor in its legend.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("report-data").textContent);

  function seriesOf(s, bars, index, count, overlay) {
    var out = { label: s.label, stroke: s.colour, width: bars ? 0 : 1.8, spanGaps: false,
                points: { show: !bars && data.points } };
    if (s.dash) { out.dash = [6, 4]; }
    if (s.dots) { out.dash = [2, 5]; }
    if (bars) {
      out.fill = s.colour;
      // Series that never share an x are centred on it; two that do stand side by side.
      var side = overlay || count === 1 ? 0 : (index === 0 ? -1 : 1);
      out.paths = uPlot.paths.bars({ size: [side === 0 ? 0.7 : 0.4, Infinity], align: side });
    }
    out.value = function (u, v) { return v == null ? "–" : (Math.abs(v) >= 100 ? v.toFixed(2) : v.toPrecision(4)); };
    return out;
  }

  function draw(c) {
    var el = document.getElementById(c.id);
    var columns = [c.x];
    var series = [{ label: c.xLabel, value: c.xNames ? function (u, v) { return v == null ? "" : c.xNames[v]; } : null }];
    c.series.forEach(function (s, i) {
      columns.push(s.values);
      series.push(seriesOf(s, c.bars, i, c.series.length, c.overlay));
    });
    var xAxis = { label: c.xLabel, incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000] }; // whole numbers
    if (c.xNames) {
      xAxis.values = function (u, ticks) {
        return ticks.map(function (t) { return Number.isInteger(t) && c.xNames[t] !== undefined ? c.xNames[t] : ""; });
      };
      xAxis.splits = function () { return c.x; };
    }
    var opts = {
      title: c.title,
      width: Math.max(480, Math.min(el.clientWidth || 900, 1100)),
      height: 320,
      scales: {
        x: { time: false, range: c.bars ? function (u, min, max) { return [min - 0.6, max + 0.6]; } : undefined },
        y: c.bars ? { range: function (u, min, max) { return [0, max > 0 ? max * 1.05 : 1]; } } : { distr: c.log ? 3 : 1 }
      },
      axes: [xAxis, { label: c.yLabel, size: 70 }],
      series: series,
      legend: { live: true }
    };
    new uPlot(opts, columns, el);
  }

  data.charts.forEach(draw);
  document.body.setAttribute("data-charts", String(data.charts.length));
})();
