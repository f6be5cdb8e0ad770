/*
 * The dashboard's only script, loaded from the war (the Content-Security-Policy allows no inline
 * script): copy buttons for one-time passwords, and the statistics charts. Everything else works
 * without JavaScript.
 */
(function () {
    "use strict";

    // <button class="copy" data-copy="element-id">: copies that element's text.
    document.querySelectorAll("button.copy[data-copy]").forEach(function (button) {
        button.addEventListener("click", function () {
            var source = document.getElementById(button.dataset.copy);
            if (!source || !navigator.clipboard) {
                button.textContent = "Select and copy by hand";
                return;
            }
            navigator.clipboard.writeText(source.textContent.trim()).then(function () {
                button.textContent = "Copied";
            }, function () {
                button.textContent = "Select and copy by hand";
            });
        });
    });

    // <canvas class="chart" data-chart="{labels, datasets}" data-type="bar|line">, drawn with Chart.js.
    var palette = ["#2563eb", "#16a34a", "#f59e0b", "#dc2626", "#7c3aed"];
    if (typeof Chart !== "undefined") {
        document.querySelectorAll("canvas.chart[data-chart]").forEach(function (canvas) {
            var data = JSON.parse(canvas.dataset.chart);
            data.datasets.forEach(function (dataset, index) {
                dataset.backgroundColor = palette[index % palette.length];
                dataset.borderColor = palette[index % palette.length];
                dataset.tension = 0.2;
            });
            new Chart(canvas, {
                type: canvas.dataset.type || "bar",
                data: data,
                options: {
                    animation: false,
                    maintainAspectRatio: false,
                    scales: {y: {beginAtZero: true, ticks: {precision: 0}}},
                    plugins: {legend: {position: "bottom"}}
                }
            });
        });
    }
}());
