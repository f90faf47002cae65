// storyline: citation marks. Hover and keyboard focus show the source sentence (CSS); a click or
// tap pins it open, so it works on touch screens; Escape or a click elsewhere closes it.
// An open pop-up is placed with fixed coordinates that keep it inside the viewport: beside its
// mark when there is room, shifted left at the right edge, above the mark near the bottom. On a
// narrow screen the stylesheet docks it to the bottom of the screen instead.
"use strict";
(function () {
  var MARGIN = 8, NARROW = 560, WIDTH = 384;

  function place(wrap) {
    var pop = wrap && wrap.querySelector(".pop");
    var button = wrap && wrap.querySelector(".cite");
    if (!pop || !button) return;
    var vw = document.documentElement.clientWidth, vh = window.innerHeight;
    if (vw <= NARROW) {
      pop.style.position = pop.style.left = pop.style.top = pop.style.width = "";
      return;
    }
    var width = Math.min(WIDTH, vw - 2 * MARGIN);
    var r = button.getBoundingClientRect();
    pop.style.position = "fixed";
    pop.style.width = width + "px";
    pop.style.left = Math.min(Math.max(r.left, MARGIN), vw - width - MARGIN) + "px";
    pop.style.top = "0px";
    var height = pop.offsetHeight;
    var top = r.bottom + 4;
    if (top + height > vh - MARGIN) top = Math.max(MARGIN, r.top - height - 4);
    pop.style.top = top + "px";
  }
  function wrapOf(node) {
    return node && node.closest ? node.closest(".cite-wrap") : null;
  }
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
    place(wrapOf(button));
  });
  function show(event) {
    var wrap = wrapOf(event.target);
    if (wrap) place(wrap);
  }
  document.addEventListener("mouseover", show);
  document.addEventListener("focusin", show);
  function replaceOpen() {
    document.querySelectorAll(".pop.open, .cite-wrap:hover .pop, .cite-wrap:focus-within .pop")
      .forEach(function (pop) { place(wrapOf(pop)); });
  }
  window.addEventListener("scroll", replaceOpen, { passive: true });
  window.addEventListener("resize", replaceOpen);
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    close(null);
    var wrap = wrapOf(document.activeElement);
    document.querySelectorAll(".cite-wrap:hover").forEach(function (w) { w.classList.add("dismissed"); });
    if (wrap) wrap.classList.add("dismissed");
  });
  function undismiss(event) {
    var wrap = wrapOf(event.target);
    if (wrap && !wrap.contains(event.relatedTarget)) wrap.classList.remove("dismissed");
  }
  document.addEventListener("mouseout", undismiss);
  document.addEventListener("focusout", undismiss);
})();
