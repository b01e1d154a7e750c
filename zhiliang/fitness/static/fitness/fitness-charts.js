// Charts of the fitness pages (Apache ECharts): <div data-fitness-chart="bars" data-source="ID"> next to the
// <script type="application/json" id="ID"> written by json_script; nothing inline (CSP). The data says
// whether the bars are stacked (band counts), percentages (rates) or lines (trends across years).
(function () {
  "use strict";

  var PALETTE = ["#3b9b5f", "#2f6db5", "#e0a339", "#c0392b", "#8a6d3b", "#5a6acf"];

  function option(data) {
    var type = data.line ? "line" : "bar";
    return {
      animation: false,
      color: PALETTE,
      tooltip: { trigger: "axis", renderMode: "richText" },
      legend: data.series.length > 1 ? { top: 0 } : undefined,
      grid: { left: 44, right: 16, top: data.series.length > 1 ? 32 : 16, bottom: 64 },
      xAxis: { type: "category", data: data.categories, axisLabel: { rotate: 30, interval: 0 } },
      yAxis: data.percent ? { type: "value", max: 100, axisLabel: { formatter: "{value}%" } } : { type: "value", minInterval: 1 },
      series: data.series.map(function (s) {
        return { type: type, name: s.name, data: s.data, stack: data.stack ? "bands" : undefined, connectNulls: true };
      }),
    };
  }

  function draw(element) {
    var source = document.getElementById(element.dataset.source);
    if (!source || !window.echarts || element.dataset.drawn) {
      return;
    }
    var chart = window.echarts.init(element, null, { renderer: "canvas" });
    chart.setOption(option(JSON.parse(source.textContent)));
    element.dataset.drawn = "1";
    window.addEventListener("resize", function () {
      chart.resize();
    });
  }

  function drawAll() {
    document.querySelectorAll("[data-fitness-chart]").forEach(draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
