// The evidence map (templates/browse/evidence_map_page.html), made a little better:
// - "Skjul tomme" hides or shows the empty rows and columns at once, without a new page
//   (without JavaScript the checkbox and "Vis" do the same through the address), keeps
//   the choice in the address, and says what it did to a screen reader.
// - The column header stays at the top of the window while the page scrolls. CSS does
//   that alone while the table fits (the region around it is then let go of, see
//   portal.css); when the table is wider than the page, its region scrolls sideways and
//   is a scroll container the sticky header would cling to, so the header is moved down
//   by --evidence-head-offset as the page scrolls.
(function () {
    "use strict";

    var map = document.querySelector("[data-evidence-map]");
    if (!map) { return; }
    var toggle = map.querySelector("[data-evidence-hide-empty]");
    var status = map.querySelector("[data-evidence-status]");
    var region = map.querySelector(".evidence-scroll");
    var table = region && region.querySelector("table");
    if (!toggle || !table) { return; }
    var parameter = toggle.name;
    var FITS = "evidence-scroll--fits";

    function followHeader() {
        var offset = 0;
        if (!region.classList.contains(FITS) && table.offsetWidth) {
            // How far the table's top is above the window, up to where the header would
            // leave the table's last row behind.
            var top = table.getBoundingClientRect().top;
            var room = table.offsetHeight - table.tHead.offsetHeight
                - (table.tFoot ? table.tFoot.offsetHeight : 0);
            offset = Math.max(0, Math.min(-top, room));
        }
        table.style.setProperty("--evidence-head-offset", offset + "px");
    }

    function fit() {
        // Measured as a scrolling region, so the table's own width is what counts.
        region.classList.remove(FITS);
        var width = table.offsetWidth;
        region.classList.toggle(FITS, width > 0 && width <= region.clientWidth);
        followHeader();
    }

    var waiting = false;
    window.addEventListener("scroll", function () {
        if (waiting) { return; }
        waiting = true;
        window.requestAnimationFrame(function () {
            waiting = false;
            followHeader();
        });
    }, { passive: true });
    window.addEventListener("resize", fit);

    toggle.addEventListener("change", function () {
        map.classList.toggle("evidence-page--hide-empty", toggle.checked);
        // Hiding is the default, so only "show them" is written into the address.
        var url = new URL(window.location.href);
        url.searchParams.delete(parameter);
        if (!toggle.checked) { url.searchParams.set(parameter, "0"); }
        window.history.replaceState(window.history.state, "", url.toString());
        if (status) {
            status.textContent = toggle.checked ? status.dataset.hiding : status.dataset.showing;
        }
        fit();
    });

    fit();
}());
