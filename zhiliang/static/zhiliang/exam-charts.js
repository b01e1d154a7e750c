// Charts of the exam analysis pages (Apache ECharts). A chart is <div data-exam-chart="KIND"
// data-source="ID"> next to the <script type="application/json" id="ID"> written by Django's json_script;
// nothing is inline (CSP). Tooltips use richText: ECharts' HTML tooltips carry style attributes.
(function () {
  "use strict";

  var PALETTE = ["#2f6db5", "#e07b39", "#3b9b5f", "#b54a8a", "#8a6d3b", "#5a6acf", "#c0392b", "#16a2b8", "#7f8c8d"];

  function base() {
    return { animation: false, color: PALETTE, tooltip: { renderMode: "richText" } };
  }

  function bands(data) {
    var option = base();
    option.tooltip.trigger = "axis";
    option.grid = { left: 44, right: 16, top: 28, bottom: 56 };
    option.xAxis = { type: "category", data: data.labels, axisLabel: { rotate: 35 } };
    option.yAxis = { type: "value", name: data.count_label, minInterval: 1 };
    option.series = [
      {
        type: "bar",
        name: data.count_label,
        data: data.counts,
        label: {
          show: true,
          position: "top",
          formatter: function (p) {
            return data.shares[p.dataIndex] + "%";
          },
        },
      },
    ];
    return option;
  }

  function box(data) {
    var option = base();
    option.tooltip.trigger = "item";
    option.grid = { left: 44, right: 16, top: 20, bottom: 70 };
    option.xAxis = { type: "category", data: data.categories, axisLabel: { rotate: 35, interval: 0 } };
    option.yAxis = { type: "value", name: data.subject, scale: true };
    option.series = [{ type: "boxplot", name: data.subject, data: data.boxes }];
    return option;
  }

  function lines(data) {
    var option = base();
    option.tooltip.trigger = "axis";
    option.legend = { type: "scroll", bottom: 0 };
    option.grid = { left: 44, right: 24, top: 28, bottom: 64 };
    option.xAxis = { type: "category", data: data.categories, axisLabel: { interval: 0, rotate: data.categories.length > 4 ? 20 : 0 } };
    option.yAxis = { type: "value", name: data.y_name, inverse: !!data.inverse, scale: !data.inverse };
    if (data.inverse) {
      // Ranks: 1 at the top, whole numbers only, down to the lowest rank shown.
      var lowest = 1;
      data.series.forEach(function (s) {
        s.data.forEach(function (v) {
          if (v !== null && v > lowest) {
            lowest = v;
          }
        });
      });
      option.yAxis.min = 1;
      option.yAxis.max = Math.max(lowest, 2);
      option.yAxis.interval = Math.max(1, Math.ceil((lowest - 1) / 8));
    }
    option.series = data.series.map(function (s) {
      return { type: "line", name: s.name, data: s.data, connectNulls: true, symbolSize: 7 };
    });
    return option;
  }

  function radar(data) {
    var option = base();
    option.legend = { bottom: 0 };
    option.radar = { indicator: data.indicators, radius: "62%" };
    option.series = [{ type: "radar", data: data.series }];
    return option;
  }

  var BUILDERS = { bands: bands, box: box, lines: lines, radar: radar };

  function draw(element) {
    var source = document.getElementById(element.dataset.source);
    var build = BUILDERS[element.dataset.examChart];
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
    root.querySelectorAll("[data-exam-chart]").forEach(draw);
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
