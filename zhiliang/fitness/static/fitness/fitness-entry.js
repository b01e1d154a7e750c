// Phone entry of fitness results. Each input is saved by htmx on "change" (see _entry_cell.html); this file
// adds the keyboard moves (Enter to the next student) and makes saving survive a flaky connection: a value
// whose request fails (no network, server unreachable, 5xx) is marked queued and sent again with a growing
// delay, and all queued values are sent as soon as the browser reports that it is online again.
(function () {
  "use strict";

  var queued = new Map(); // input id -> attempts
  var status = null;

  function inputs() {
    return Array.prototype.slice.call(document.querySelectorAll("input.zl-fitness-input"));
  }

  function showStatus() {
    if (!status) {
      return;
    }
    if (queued.size) {
      status.textContent = queued.size + " · " + status.dataset.queuedText;
      status.classList.add("text-warning-emphasis");
    } else {
      status.textContent = "";
      status.classList.remove("text-warning-emphasis");
    }
  }

  function cellOf(input) {
    return input.closest(".zl-fitness-cell");
  }

  function keyOf(input) {
    return cellOf(input).id;
  }

  function resend(id) {
    var cell = document.getElementById(id);
    var input = cell ? cell.querySelector("input.zl-fitness-input") : null;
    if (input) {
      window.htmx.trigger(input, "change");
    }
  }

  function queue(input) {
    var id = keyOf(input);
    var attempts = (queued.get(id) || 0) + 1;
    queued.set(id, attempts);
    cellOf(input).classList.add("zl-queued");
    showStatus();
    var delay = Math.min(30000, 1000 * Math.pow(2, attempts));
    window.setTimeout(function () {
      if (queued.has(id)) {
        resend(id);
      }
    }, delay);
  }

  function failed(event) {
    var input = event.detail.elt;
    if (input && input.classList && input.classList.contains("zl-fitness-input")) {
      queue(input);
    }
  }

  document.addEventListener("htmx:sendError", failed);
  document.addEventListener("htmx:timeout", failed);
  document.addEventListener("htmx:responseError", function (event) {
    if (event.detail.xhr && event.detail.xhr.status >= 500) {
      failed(event);
    }
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    var cell = event.detail.target;
    if (cell && cell.id && queued.has(cell.id)) {
      queued.delete(cell.id);
      showStatus();
    }
  });
  window.addEventListener("online", function () {
    Array.from(queued.keys()).forEach(resend);
  });

  // Keep what the user is typing if the answer for a cell arrives while they are back in it.
  var refocus = null;
  document.addEventListener("htmx:beforeSwap", function (event) {
    var target = event.detail.target;
    var active = document.activeElement;
    refocus = null;
    if (target && active && target.contains(active)) {
      refocus = { id: target.id, value: active.value };
    }
  });
  document.addEventListener("htmx:afterSettle", function () {
    if (!refocus) {
      return;
    }
    var cell = document.getElementById(refocus.id);
    var input = cell ? cell.querySelector("input.zl-fitness-input") : null;
    if (input) {
      input.value = refocus.value;
      input.focus();
    }
    refocus = null;
  });

  document.addEventListener("keydown", function (event) {
    var input = event.target;
    if (event.key !== "Enter" || !input.classList || !input.classList.contains("zl-fitness-input")) {
      return;
    }
    event.preventDefault();
    var all = inputs();
    var next = all[all.indexOf(input) + 1];
    if (next) {
      next.focus();
      next.select();
    } else {
      input.dispatchEvent(new Event("change", { bubbles: true }));
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    status = document.getElementById("entry-status");
    var first = inputs()[0];
    if (first) {
      first.focus();
    }
  });
})();
