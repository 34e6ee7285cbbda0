// Counts the characters left in the fields that carry data-compteur (the id of the element that shows
// the count); maxlength already stops typing beyond the limit, the server checks it again.
(function () {
    "use strict";
    document.querySelectorAll("textarea[data-compteur], input[data-compteur]").forEach(function (field) {
        var output = document.getElementById(field.getAttribute("data-compteur"));
        var max = parseInt(field.getAttribute("maxlength"), 10);
        if (!output || !max) {
            return;
        }
        var update = function () {
            var left = max - field.value.length;
            output.textContent = left + (left > 1 ? " caractères restants" : " caractère restant") + " sur " + max + ".";
        };
        field.addEventListener("input", update);
        update();
    });
})();
