/* nnbook step player: shows the SVG groups "<id>-s<k>-*" of steps 0..k, the ring "<id>-h<k>"
   of step k, and caption k.  Each figure is independent: state and key handling are per root.
   A figure with data-other is one of two views (composites collapsed or expanded): its "view"
   button (key e) hides it and shows the other at the step data-map gives.  A figure plays by
   itself (data-autoplay) only until the reader acts on it: a view switched to does not. */
(function () {
  "use strict";
  if (!window.nnbookPlayer) {
    window.nnbookPlayer = function (root) {
      var n = Number(root.dataset.steps), id = root.id, cur = 0, timer = null, seen = null;
      var svg = root.querySelector("svg");
      var stage = root.querySelector(".nnbook-anim-stage");
      var groups = [], rings = [];
      for (var k = 0; k < n; k++) {
        groups.push(svg.querySelectorAll('[id^="' + id + "-s" + k + '-"]'));
        rings.push(svg.querySelector("#" + id + "-h" + k));
      }
      var caps = root.querySelectorAll(".nnbook-anim-captions > div");
      var slider = root.querySelector("input[type=range]");
      var counter = root.querySelector(".nnbook-anim-counter");
      function show(k) {
        cur = Math.max(0, Math.min(n - 1, k));
        for (var j = 0; j < n; j++) {
          groups[j].forEach(function (g) { g.style.visibility = j <= cur ? "" : "hidden"; });
          if (rings[j]) rings[j].style.visibility = j === cur ? "" : "hidden";
          caps[j].classList.toggle("current", j === cur);
        }
        slider.value = cur;
        counter.textContent = (cur + 1) + " / " + n;
        follow();
      }
      // A figure wider than its column (labels kept legible) scrolls sideways: keep the
      // current step's node, or its first revealed label, in the middle of the stage.
      function follow() {
        if (stage.scrollWidth <= stage.clientWidth + 1) return;
        var target = rings[cur] || groups[cur][0];
        if (!target) return;
        var r = target.getBoundingClientRect(), s = stage.getBoundingClientRect();
        stage.scrollLeft += (r.left + r.width / 2) - (s.left + s.width / 2);
      }
      function stop() {
        clearInterval(timer); timer = null;
        root.classList.remove("playing");
      }
      function play() {
        if (cur >= n - 1) show(0);
        timer = setInterval(function () { if (cur >= n - 1) stop(); else show(cur + 1); },
                            Number(root.dataset.interval));
        root.classList.add("playing");
      }
      function swap() {
        var other = document.getElementById(root.dataset.other || "");
        if (!other || !other.nnbookShow) return null;
        root.hidden = true;
        other.hidden = false;
        other.nnbookShow(Number(root.dataset.map.split(",")[cur]));
        return other;
      }
      function quiet() {  // no autoplay any more: the reader has taken over
        if (seen) { seen.disconnect(); seen = null; }
      }
      function act(what) {
        quiet();
        if (what !== "play") stop();
        if (what === "view") return swap();
        if (what === "play") { if (timer) stop(); else play(); }
        else if (what === "next") show(cur + 1);
        else if (what === "prev") show(cur - 1);
        else if (what === "first") show(0);
        else if (what === "last") show(n - 1);
        else if (what === "full") {
          var box = root.closest(".nnbook-anim-views") || root;  // both views stay full screen
          if (document.fullscreenElement === box) document.exitFullscreen();
          else if (box.requestFullscreen) box.requestFullscreen();
        }
      }
      root.querySelectorAll("button[data-act]").forEach(function (b) {
        b.addEventListener("click", function () {
          var other = act(b.dataset.act);
          (other ? other.querySelector("button[data-act=view]") : root).focus();
        });
      });
      slider.addEventListener("input", function () {
        quiet(); stop(); show(Number(slider.value));
      });
      var keys = {ArrowRight: "next", PageDown: "next", " ": "next", ArrowLeft: "prev",
                  PageUp: "prev", Home: "first", End: "last", f: "full", p: "play", e: "view"};
      root.addEventListener("keydown", function (e) {
        if (e.target === slider || e.altKey || e.ctrlKey || e.metaKey) return;
        if (keys[e.key]) {
          e.preventDefault();
          var other = act(keys[e.key]);
          if (other) other.focus();
        }
      });
      var reduce = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
      if (root.dataset.autoplay === "true" && !reduce && "IntersectionObserver" in window) {
        seen = new IntersectionObserver(function (entries) {
          if (entries[0].isIntersecting) { quiet(); if (!timer) play(); }
        }, {threshold: 0.6});
        seen.observe(root);
      }
      root.nnbookShow = function (k) { quiet(); stop(); show(k); };
      root.dataset.ready = "1";
      show(0);
    };
  }
  document.querySelectorAll(".nnbook-anim:not([data-ready])").forEach(window.nnbookPlayer);
})();
