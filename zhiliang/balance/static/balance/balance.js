// Charts of the balanced-development county page (Apache ECharts): one bar chart per indicator and stage with
// the standard and the county mean as lines, and the year-over-year CV trend. Data comes from json_script
// elements; nothing is inline (CSP). The year picker submits on change.
(function () {
  "use strict";

  var MET = "#3b9b5f";
  var NOT_MET = "#c0392b";

  function indicatorOption(chart) {
    return {
      animation: false,
      title: { text: chart.title, textStyle: { fontSize: 12 } },
      tooltip: { trigger: "axis", renderMode: "richText" },
      grid: { left: 56, right: 16, top: 40, bottom: 80 },
      xAxis: { type: "category", data: chart.schools, axisLabel: { rotate: 40, interval: 0, fontSize: 10 } },
      yAxis: { type: "value" },
      series: [
        {
          type: "bar",
          data: chart.values.map(function (value, i) {
            return { value: value, itemStyle: { color: chart.met[i] ? MET : NOT_MET } };
          }),
          markLine: {
            symbol: "none",
            data: [
              { name: chart.standard_name, yAxis: chart.standard, lineStyle: { color: "#333", type: "dashed" } },
              { name: chart.mean_name, yAxis: chart.mean, lineStyle: { color: "#2f6db5" } },
            ],
            label: { formatter: "{b}: {c}", fontSize: 10 },
          },
        },
      ],
    };
  }

  function trendOption(stage, data) {
    return {
      animation: false,
      title: { text: stage, textStyle: { fontSize: 12 } },
      tooltip: { trigger: "axis", renderMode: "richText" },
      legend: { type: "scroll", bottom: 0 },
      grid: { left: 48, right: 16, top: 40, bottom: 60 },
      xAxis: { type: "category", data: data.years },
      yAxis: { type: "value", name: "CV" },
      series: data.series.map(function (s, i) {
        var series = { type: "line", name: s.name, data: s.data, connectNulls: true };
        if (i === 0) {
          series.markLine = { symbol: "none", data: [{ yAxis: data.limit }], lineStyle: { color: NOT_MET, type: "dashed" } };
        }
        return series;
      }),
    };
  }

  function box(container) {
    var column = document.createElement("div");
    column.className = "col-md-6 col-xl-4";
    var element = document.createElement("div");
    element.className = "zl-balance-chart";
    element.setAttribute("role", "img");
    column.appendChild(element);
    container.appendChild(column);
    return element;
  }

  function draw(element, option) {
    var chart = window.echarts.init(element, null, { renderer: "canvas" });
    chart.setOption(option);
    window.addEventListener("resize", function () {
      chart.resize();
    });
  }

  function read(id) {
    var source = document.getElementById(id);
    return source ? JSON.parse(source.textContent) : null;
  }

  function drawAll() {
    if (!window.echarts) {
      return;
    }
    document.querySelectorAll("[data-balance-charts]").forEach(function (container) {
      var data = read(container.dataset.balanceCharts) || {};
      Object.keys(data).forEach(function (stage) {
        data[stage].forEach(function (chart) {
          var element = box(container);
          element.setAttribute("aria-label", stage + " " + chart.title);
          draw(element, indicatorOption(chart));
        });
      });
    });
    document.querySelectorAll("[data-balance-trend]").forEach(function (container) {
      var data = read(container.dataset.balanceTrend) || {};
      Object.keys(data).forEach(function (stage) {
        var element = box(container);
        element.setAttribute("aria-label", stage + " CV");
        draw(element, trendOption(stage, data[stage]));
      });
    });
  }

  function autosubmit() {
    document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
      select.addEventListener("change", function () {
        select.form.submit();
      });
    });
  }

  function start() {
    drawAll();
    autosubmit();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
