// Long work in steps: follows the link (or submits the form, for a step that writes) marked
// data-suite-auto after a second, so that the page shows its progress and goes on by itself.
// Without JavaScript the link is followed, or the form's button pressed, by hand.
(function () {
    "use strict";
    var next = document.querySelector("a[data-suite-auto]");
    if (next) {
        window.setTimeout(function () { window.location.assign(next.href); }, 1000);
    }
    var form = document.querySelector("form[data-suite-auto]");
    if (form) {
        window.setTimeout(function () { form.submit(); }, 1000);
    }
})();
