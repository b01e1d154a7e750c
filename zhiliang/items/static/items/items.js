// Charts of the item-analysis pages (Apache ECharts): the difficulty × discrimination scatter, option bars of
// choice items by upper/lower group, and the knowledge-point heat map. Data comes from json_script elements
// (no inline script: CSP); tooltips use richText because ECharts' HTML tooltips carry style attributes.
(function () {
  "use strict";

  var PALETTE = ["#2f6db5", "#9ca3af", "#e07b39"];

  function scatter(data) {
    return {
      animation: false,
      tooltip: {
        renderMode: "richText",
        formatter: function (p) {
          return p.value[2] + "  P=" + p.value[0] + "  D=" + p.value[1];
        },
      },
      grid: { left: 48, right: 24, top: 24, bottom: 44 },
      xAxis: { type: "value", name: data.x_name, nameLocation: "middle", nameGap: 28, min: 0, max: 1 },
      yAxis: { type: "value", name: data.y_name, min: function (v) { return Math.min(-0.2, Math.floor(v.min * 10) / 10); }, max: 1 },
      series: [
        {
          type: "scatter",
          symbolSize: 10,
          data: data.points,
          label: { show: true, position: "right", formatter: function (p) { return p.value[2]; } },
          markLine: {
            silent: true,
            symbol: "none",
            lineStyle: { type: "dashed", color: "#9ca3af" },
            label: { show: false },
            data: [{ yAxis: 0.2 }, { yAxis: 0.4 }, { xAxis: 0.2 }, { xAxis: 0.9 }],
          },
        },
      ],
    };
  }

  function options(all, element) {
    var data = all[Number(element.dataset.index)];
    return {
      animation: false,
      color: PALETTE,
      tooltip: { trigger: "axis", renderMode: "richText" },
      legend: { bottom: 0 },
      grid: { left: 36, right: 8, top: 16, bottom: 48 },
      xAxis: {
        type: "category",
        data: data.labels.map(function (label, i) { return data.keys[i] ? label + " ✓" : label; }),
      },
      yAxis: { type: "value", name: data.y_name, max: 100 },
      series: data.series.map(function (s) { return { type: "bar", name: s.name, data: s.data }; }),
    };
  }

  function heat(data) {
    return {
      animation: false,
      tooltip: {
        renderMode: "richText",
        formatter: function (p) {
          return data.y[p.value[1]] + " · " + data.x[p.value[0]] + ": " + p.value[2] + "%";
        },
      },
      grid: { left: 140, right: 16, top: 16, bottom: 90 },
      xAxis: { type: "category", data: data.x, axisLabel: { rotate: 35, interval: 0 } },
      yAxis: { type: "category", data: data.y, inverse: true },
      visualMap: {
        min: 0,
        max: 100,
        calculable: true,
        orient: "horizontal",
        left: "center",
        bottom: 0,
        inRange: { color: ["#b91c1c", "#fde68a", "#15803d"] },
        text: ["100", "0"],
      },
      series: [{ type: "heatmap", name: data.label, data: data.cells, label: { show: data.y.length <= 20 } }],
    };
  }

  var BUILDERS = { scatter: scatter, options: options, heat: heat };

  function draw(element) {
    var source = document.getElementById(element.dataset.source);
    var build = BUILDERS[element.dataset.itemsChart];
    if (!source || !build || !window.echarts || element.dataset.drawn) {
      return;
    }
    var chart = window.echarts.init(element, null, { renderer: "canvas" });
    chart.setOption(build(JSON.parse(source.textContent), element));
    element.dataset.drawn = "1";
    window.addEventListener("resize", function () {
      chart.resize();
    });
  }

  function drawAll(root) {
    root.querySelectorAll("[data-items-chart]").forEach(draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      drawAll(document);
    });
  } else {
    drawAll(document);
  }
})();
