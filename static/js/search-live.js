// The search page answers as the user ticks (issue 10): a ticked filter or a new sort
// fetches the page for the new query and swaps in its results, counts and filters; the
// address follows (so it can be shared), the new count is announced, and focus stays on
// the control the user is on. Progressive enhancement: without JavaScript the buttons
// send the forms, and when a fetch fails the page is loaded the ordinary way.
(function () {
    "use strict";
    var layout = document.querySelector("[data-live-search]");
    if (!layout || !window.fetch || !window.DOMParser || !window.URLSearchParams
        || !window.FormData || !window.history.replaceState) { return; }
    var facetsForm = layout.querySelector("[data-facets-form]");
    var sortForm = layout.querySelector("[data-sort-form]");
    var fold = layout.querySelector("[data-facets-fold]");
    var status = layout.querySelector("[data-search-status]");
    // The breakpoint of .search-layout in portal.css: from here the filters sit beside the results.
    var besideResults = window.matchMedia("(min-width: 60rem)");
    var latest = 0; // the number of the newest request: only its answer is shown
    var pending = null; // the AbortController of the request under way

    function hideButtons() {
        layout.querySelectorAll("[data-without-script]").forEach(function (button) {
            button.hidden = true;
        });
    }
    hideButtons();

    // Open where the filters sit beside the results; folded (closed) on a phone.
    function fitFold() { fold.open = besideResults.matches; }
    fitFold();
    if (besideResults.addEventListener) { besideResults.addEventListener("change", fitFold); }

    function addressOf(form) {
        var query = new URLSearchParams(new FormData(form)).toString();
        return form.action.split("?")[0] + (query ? "?" + query : "");
    }

    // How to find the focused control again once its part of the page is replaced.
    function finderOfFocus() {
        var focused = document.activeElement;
        if (!focused || focused === document.body || !layout.contains(focused)) { return null; }
        if (facetsForm.contains(focused) && focused.type === "checkbox") {
            var name = focused.name;
            var value = focused.value;
            return function () {
                return Array.prototype.find.call(facetsForm.elements, function (element) {
                    return element.type === "checkbox" && element.name === name && element.value === value;
                });
            };
        }
        // Elsewhere in the replaced parts the count's heading takes focus; the sort and the
        // fold's summary are kept as they are.
        if (facetsForm.contains(focused) || layout.querySelector(".results").contains(focused)) {
            return function () { return null; };
        }
        return null;
    }

    function swapHiddenInputs(form, next) {
        if (!form || !next) { return; }
        form.querySelectorAll("input[type=hidden]").forEach(function (input) { input.remove(); });
        next.querySelectorAll("input[type=hidden]").forEach(function (input) {
            form.appendChild(document.importNode(input, true));
        });
    }

    function show(html, address) {
        var page = new DOMParser().parseFromString(html, "text/html");
        var next = page.querySelector("[data-live-search]");
        if (!next) { window.location.assign(address); return; }
        var findFocus = finderOfFocus();
        // The "n flere" lists that were open stay open.
        var openMore = Array.prototype.map.call(
            facetsForm.querySelectorAll("fieldset[data-facet] details[open]"),
            function (details) { return details.closest("fieldset").dataset.facet; }
        );

        document.title = page.title;
        var heading = layout.querySelector("#resultater");
        heading.textContent = next.querySelector("#resultater").textContent;
        layout.querySelector(".results").innerHTML = next.querySelector(".results").innerHTML;
        layout.querySelector("[data-facets-summary]").innerHTML =
            next.querySelector("[data-facets-summary]").innerHTML;
        facetsForm.innerHTML = next.querySelector("[data-facets-form]").innerHTML;
        openMore.forEach(function (facet) {
            var details = facetsForm.querySelector("fieldset[data-facet='" + facet + "'] details");
            if (details) { details.open = true; }
        });
        hideButtons();
        swapHiddenInputs(sortForm, next.querySelector("[data-sort-form]"));
        swapHiddenInputs(document.querySelector("form.hero-search"), page.querySelector("form.hero-search"));
        layout.querySelector(".results").removeAttribute("aria-busy");
        window.history.replaceState(null, "", address);

        if (findFocus) {
            var target = findFocus() || heading;
            var folded = target.closest("details:not([open])");
            if (folded) { folded.open = true; }
            target.focus();
        }
        // Emptied first so that the same count twice is announced twice.
        status.textContent = "";
        window.setTimeout(function () { status.textContent = heading.textContent; }, 50);
    }

    function update(address) {
        latest += 1;
        var number = latest;
        if (pending) { pending.abort(); }
        pending = window.AbortController ? new AbortController() : null;
        layout.querySelector(".results").setAttribute("aria-busy", "true");
        fetch(address, {
            headers: { Accept: "text/html" },
            credentials: "same-origin",
            signal: pending ? pending.signal : undefined
        })
            .then(function (response) {
                if (!response.ok) { throw new Error("HTTP " + response.status); }
                return response.text();
            })
            .then(function (html) {
                if (number === latest) { show(html, address); }
            })
            .catch(function (error) {
                if (number !== latest || (error && error.name === "AbortError")) { return; }
                // The page itself says what went wrong (or shows the results after all).
                window.location.assign(address);
            });
    }

    facetsForm.addEventListener("change", function (event) {
        if (event.target.type === "checkbox") { update(addressOf(facetsForm)); }
    });
    facetsForm.addEventListener("submit", function (event) {
        event.preventDefault();
        update(addressOf(facetsForm));
    });
    sortForm.addEventListener("change", function (event) {
        if (event.target.name === "sort") { update(addressOf(sortForm)); }
    });
    sortForm.addEventListener("submit", function (event) {
        event.preventDefault();
        update(addressOf(sortForm));
    });
}());
