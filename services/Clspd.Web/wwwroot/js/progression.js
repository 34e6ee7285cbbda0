// Long work in steps: follows the link marked data-suite-auto after a second, so that the page shows
// its progress and goes on by itself. Without JavaScript the link is followed by hand.
(function () {
    "use strict";
    var next = document.querySelector("a[data-suite-auto]");
    if (next) {
        window.setTimeout(function () { window.location.assign(next.href); }, 1000);
    }
})();
