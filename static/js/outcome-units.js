// The outcomes tab: the chosen indicator's unit is written beside the figures of the
// same outcome ("70 personer", "7,5 timer pr. uge"), also in outcomes added later.
(function () {
    "use strict";

    function showUnit(select) {
        var outcome = select.closest("[data-inline-panel-child]") || select.closest("fieldset") || select.form;
        if (!outcome) { return; }
        var option = select.options[select.selectedIndex];
        var unit = (option && option.dataset.unit) || "";
        outcome.querySelectorAll("[data-figure-unit]").forEach(function (label) {
            // The base ("af") counts the whole group, not the indicator's unit.
            if (label.id.indexOf("-of-unit") === -1) { label.textContent = unit; }
        });
    }

    document.addEventListener("change", function (event) {
        if (event.target.matches && event.target.matches("select[data-outcome-indicator]")) {
            showUnit(event.target);
        }
    });
    function showAll() {
        document.querySelectorAll("select[data-outcome-indicator]").forEach(showUnit);
    }
    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", showAll);
    } else {
        showAll();
    }
})();
