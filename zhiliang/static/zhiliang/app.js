// Zhiliang's page behaviour. Loaded on every page (CSP: script-src 'self', so no inline script anywhere).
(function () {
  "use strict";

  // A failed htmx request (a lost connection, a server error) must not fail silently: say so above the
  // results instead of leaving stale rows that look current.
  function showRequestError(event) {
    var target = event.detail && event.detail.target;
    if (!target || !target.parentNode) {
      return;
    }
    var message = document.documentElement.lang === "en"
      ? "The page could not be updated. Check the connection and try again."
      : "页面未能更新，请检查网络后重试。";
    var alert = document.createElement("div");
    alert.className = "alert alert-warning zl-request-error";
    alert.setAttribute("role", "alert");
    alert.textContent = message;
    var previous = target.parentNode.querySelector(".zl-request-error");
    if (previous) {
      previous.remove();
    }
    target.parentNode.insertBefore(alert, target);
  }

  function clearRequestError(event) {
    var target = event.detail && event.detail.target;
    var previous = target && target.parentNode && target.parentNode.querySelector(".zl-request-error");
    if (previous) {
      previous.remove();
    }
  }

  // The language switch returns to the page it was used on: keep its target in step with the address
  // htmx pushes when a list is filtered in place.
  function followAddress() {
    document.querySelectorAll(".zl-language input[name=next]").forEach(function (input) {
      input.value = window.location.pathname + window.location.search;
    });
  }

  document.addEventListener("htmx:pushedIntoHistory", followAddress);
  document.addEventListener("htmx:responseError", showRequestError);
  document.addEventListener("htmx:sendError", showRequestError);
  document.addEventListener("htmx:afterSwap", clearRequestError);
})();
