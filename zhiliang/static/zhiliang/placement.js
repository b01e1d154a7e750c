// Class placement pages: the chart of class means (ECharts, data from json_script) and the print button.
// Nothing inline (CSP); the board is replaced by htmx after each move, so charts are drawn again after swaps.
(function () {
  "use strict";

  function meansOption(data) {
    var values = data.mine.concat(data.draft).filter(function (v) {
      return v !== null;
    });
    var low = Math.min.apply(null, values);
    var high = Math.max.apply(null, values);
    var pad = Math.max((high - low) * 0.25, 0.5);
    return {
      animation: false,
      color: ["#2f6db5", "#b0b7c3"],
      tooltip: { trigger: "axis", renderMode: "richText" },
      legend: { bottom: 0 },
      grid: { left: 48, right: 16, top: 28, bottom: 64 },
      xAxis: { type: "category", data: data.labels, axisLabel: { rotate: data.labels.length > 8 ? 35 : 0 } },
      yAxis: {
        type: "value",
        name: data.y_name,
        min: Math.floor((low - pad) * 10) / 10,
        max: Math.ceil((high + pad) * 10) / 10,
      },
      series: [
        { type: "line", name: data.series[0], data: data.mine, symbolSize: 8 },
        { type: "line", name: data.series[1], data: data.draft, symbolSize: 6, lineStyle: { type: "dashed" } },
      ],
    };
  }

  function draw(element) {
    var source = document.getElementById(element.dataset.source);
    if (!source || !window.echarts || element.dataset.drawn) {
      return;
    }
    var chart = window.echarts.init(element, null, { renderer: "canvas" });
    chart.setOption(meansOption(JSON.parse(source.textContent)));
    element.dataset.drawn = "1";
    window.addEventListener("resize", function () {
      chart.resize();
    });
  }

  function setUp(root) {
    root.querySelectorAll("[data-placement-chart]").forEach(draw);
    root.querySelectorAll("[data-print]").forEach(function (button) {
      button.addEventListener("click", function () {
        window.print();
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      setUp(document);
    });
  } else {
    setUp(document);
  }
  document.addEventListener("htmx:afterSettle", function (event) {
    event.target.querySelectorAll("[data-placement-chart]").forEach(draw);
  });
})();
