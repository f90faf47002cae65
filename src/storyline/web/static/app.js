// storyline: citation marks. Hover and keyboard focus show the source sentence (CSS); a click or
// tap pins it open, so it works on touch screens; Escape or a click elsewhere closes it.
"use strict";
(function () {
  function close(except) {
    document.querySelectorAll(".cite[aria-expanded='true']").forEach(function (button) {
      if (button === except) return;
      button.setAttribute("aria-expanded", "false");
      var pop = document.getElementById(button.getAttribute("aria-controls"));
      if (pop) pop.classList.remove("open");
    });
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest(".cite") : null;
    if (!button) {
      if (!event.target.closest || !event.target.closest(".pop")) close(null);
      return;
    }
    var pop = document.getElementById(button.getAttribute("aria-controls"));
    var open = button.getAttribute("aria-expanded") !== "true";
    close(button);
    button.closest(".cite-wrap").classList.toggle("dismissed", !open);
    button.setAttribute("aria-expanded", open ? "true" : "false");
    if (pop) pop.classList.toggle("open", open);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    close(null);
    var wrap = document.activeElement && document.activeElement.closest
      ? document.activeElement.closest(".cite-wrap") : null;
    document.querySelectorAll(".cite-wrap:hover").forEach(function (w) { w.classList.add("dismissed"); });
    if (wrap) wrap.classList.add("dismissed");
  });
  function undismiss(event) {
    var wrap = event.target.closest ? event.target.closest(".cite-wrap") : null;
    if (wrap && !wrap.contains(event.relatedTarget)) wrap.classList.remove("dismissed");
  }
  document.addEventListener("mouseout", undismiss);
  document.addEventListener("focusout", undismiss);
})();
