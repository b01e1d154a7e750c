// Draws the charts of a page with ECharts. A chart is a <div data-chart data-source="ID"> next to the
// <script type="application/json" id="ID"> that Django's json_script wrote; nothing is inline (CSP).
(function () {
  "use strict";

  // Severity colours of class-size bins (zhiliang.org.selectors._bin_level), matching app.css.
  var LEVEL_COLOURS = ["#2f6db5", "#f59e0b", "#d97706", "#dc2626", "#7f1d1d"];

  function classSizeOption(data) {
    return {
      animation: false,
      grid: { left: 40, right: 16, top: 24, bottom: 48 },
      // richText tooltips are drawn on the canvas: the HTML ones carry style attributes, which CSP blocks.
      tooltip: { trigger: "axis", renderMode: "richText" },
      xAxis: {
        type: "category",
        data: data.labels,
        name: data.x_name,
        nameLocation: "middle",
        nameGap: 30,
      },
      yAxis: { type: "value", name: data.y_name, minInterval: 1 },
      series: [
        {
          type: "bar",
          name: data.y_name,
          data: data.counts.map(function (count, i) {
            return { value: count, itemStyle: { color: LEVEL_COLOURS[data.levels[i]] } };
          }),
          label: { show: true, position: "top" },
        },
      ],
    };
  }

  var BUILDERS = { "class-size": classSizeOption };

  function draw(element) {
    var source = document.getElementById(element.dataset.source);
    var build = BUILDERS[element.dataset.chart];
    if (!source || !build || !window.echarts || element.dataset.drawn) {
      return;
    }
    var chart = window.echarts.init(element, null, { renderer: "canvas" });
    chart.setOption(build(JSON.parse(source.textContent)));
    element.dataset.drawn = "1";
    window.addEventListener("resize", function () {
      chart.resize();
    });
  }

  function drawAll(root) {
    root.querySelectorAll("[data-chart]").forEach(draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      drawAll(document);
    });
  } else {
    drawAll(document);
  }
  document.addEventListener("htmx:afterSettle", function (event) {
    drawAll(event.target);
  });
})();
