// Suggestions as the user types, into the search field's <datalist>. Progressive
// enhancement: without JavaScript the form works the same, only without suggestions.
(function () {
    "use strict";
    var input = document.querySelector("input[data-autocomplete]");
    if (!input || !window.fetch) { return; }
    var list = document.getElementById(input.getAttribute("list"));
    var timer = null;
    var last = "";
    input.addEventListener("input", function () {
        var term = input.value.trim();
        clearTimeout(timer);
        if (term.length < 2 || term === last) { return; }
        timer = setTimeout(function () {
            last = term;
            fetch(input.dataset.autocomplete + "?q=" + encodeURIComponent(term))
                .then(function (response) { return response.ok ? response.json() : { results: [] }; })
                .then(function (data) {
                    list.textContent = "";
                    data.results.forEach(function (item) {
                        var option = document.createElement("option");
                        option.value = item.label;
                        list.appendChild(option);
                    });
                })
                .catch(function () { /* suggestions are a convenience; searching still works */ });
        }, 150);
    });
}());
