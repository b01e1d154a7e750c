// Keyboard moves in the score entry grid: Enter or ArrowDown to the same subject of the next student,
// ArrowUp to the previous one, ArrowLeft/ArrowRight to the neighbouring subject when the caret is at the
// edge of the text. Saving is htmx's job (hx-trigger="change" on each input).
(function () {
  "use strict";

  function inputs(grid) {
    return Array.prototype.slice.call(grid.querySelectorAll("input.zl-score-input:not([disabled])"));
  }

  function cellAt(grid, row, col) {
    var tr = grid.querySelector('tbody tr[data-row="' + row + '"]');
    return tr ? tr.querySelector('input.zl-score-input[data-col="' + col + '"]:not([disabled])') : null;
  }

  function position(input) {
    var tr = input.closest("tr");
    return { row: parseInt(tr.dataset.row, 10), col: parseInt(input.dataset.col, 10) };
  }

  function visible(input) {
    return input && input.offsetParent !== null;
  }

  function focus(target) {
    if (target && visible(target)) {
      target.focus();
      target.select();
      return true;
    }
    return false;
  }

  function onKey(event) {
    var input = event.target;
    if (!input.classList || !input.classList.contains("zl-score-input")) {
      return;
    }
    var grid = input.closest(".zl-entry-grid");
    var at = position(input);
    var target = null;
    if (event.key === "Enter" || event.key === "ArrowDown") {
      target = cellAt(grid, at.row + 1, at.col);
      if (!target && event.key === "Enter") {
        target = cellAt(grid, 0, at.col + 1);
      }
    } else if (event.key === "ArrowUp") {
      target = cellAt(grid, at.row - 1, at.col);
    } else if (event.key === "ArrowRight" && input.selectionStart === input.value.length) {
      target = cellAt(grid, at.row, at.col + 1);
    } else if (event.key === "ArrowLeft" && input.selectionEnd === 0) {
      target = cellAt(grid, at.row, at.col - 1);
    } else {
      return;
    }
    event.preventDefault();
    // Moving the focus fires "change" on the cell left (which saves it); with nowhere to move (the last
    // cell), Enter still saves.
    if (!focus(target) && event.key === "Enter") {
      input.dispatchEvent(new Event("change", { bubbles: true }));
    }
  }

  // After a cell is saved htmx replaces its <td>. Saves are queued, so the answer for a cell can arrive after
  // the user has moved back into it (and perhaps typed again): keep the focus there and keep what was typed.
  var refocus = null;
  document.addEventListener("htmx:beforeSwap", function (event) {
    var target = event.detail.target;
    var active = document.activeElement;
    refocus = null;
    if (target && target.id && active && target.contains(active) && active.classList.contains("zl-score-input")) {
      refocus = { id: target.id, value: active.value };
    }
  });
  document.addEventListener("htmx:afterSwap", function () {
    if (!refocus) {
      return;
    }
    var cell = document.getElementById(refocus.id);
    var input = cell ? cell.querySelector("input.zl-score-input:not([disabled])") : null;
    if (input) {
      if (input.value !== refocus.value) {
        input.value = refocus.value;
      }
      input.focus();
    }
    refocus = null;
  });

  document.addEventListener("keydown", onKey);
  document.addEventListener("DOMContentLoaded", function () {
    var grid = document.querySelector(".zl-entry-grid");
    if (grid) {
      focus(inputs(grid)[0]);
    }
  });
})();
