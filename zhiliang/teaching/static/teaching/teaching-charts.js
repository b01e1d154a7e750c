// Charts of the teaching pages, drawn with ECharts from json_script data (no inline script: CSP).
// A chart is <div data-teaching-chart="trend|profile" data-source="ID">.
(function () {
  "use strict";

  function trend(data) {
    return {
      animation: false,
      grid: { left: 40, right: 16, top: 24, bottom: 40 },
      tooltip: { trigger: "axis", renderMode: "richText" },
      xAxis: { type: "category", data: data.dates },
      yAxis: { type: "value", min: function (v) { return Math.max(0, Math.floor(v.min / 10) * 10 - 10); }, max: 100 },
      series: [{ type: "line", name: data.standard_label, data: data.scores, symbolSize: 8 }],
    };
  }

  function profile(data) {
    return {
      animation: false,
      grid: { left: 110, right: 16, top: 28, bottom: 24 },
      legend: { top: 0 },
      tooltip: { trigger: "axis", renderMode: "richText" },
      xAxis: { type: "value", min: 50, max: 100 },
      yAxis: { type: "category", data: data.criteria, inverse: true },
      series: [
        { type: "bar", name: data.own_label, data: data.own },
        { type: "bar", name: data.school_label, data: data.school },
      ],
    };
  }

  var BUILDERS = { trend: trend, profile: profile };

  function draw(element) {
    var source = document.getElementById(element.dataset.source);
    var build = BUILDERS[element.dataset.teachingChart];
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

  function drawAll() {
    document.querySelectorAll("[data-teaching-chart]").forEach(draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
