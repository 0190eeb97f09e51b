#include "common/metrics_registry.hpp"

#include <catch2/catch.hpp>

TEST_CASE("metrics render in the Prometheus text format") {
    veche::metrics_registry r;
    r.make_counter("veche_messages_in_total", "Messages received", {{"type", "vote"}}).inc(3);
    r.make_counter("veche_messages_in_total", "Messages received", {{"type", "vote"}}).inc();
    r.make_gauge("veche_rooms", "Rooms").set(6);
    auto& h = r.make_histogram("veche_commit_seconds", "Commit latency", {0.001, 0.01});
    h.observe(0.0005);
    h.observe(0.005);
    h.observe(1);
    r.add_gauge_callback("veche_hall_bitrate", "Bitrate", {{"hall", "main"}}, [] { return 2.5; });

    const auto text = r.render();
    CHECK_THAT(text, Catch::Contains("# TYPE veche_messages_in_total counter\n"));
    CHECK_THAT(text, Catch::Contains("veche_messages_in_total{type=\"vote\"} 4\n"));
    CHECK_THAT(text, Catch::Contains("veche_rooms 6\n"));
    CHECK_THAT(text, Catch::Contains("veche_commit_seconds_bucket{le=\"0.001\"} 1\n"));
    CHECK_THAT(text, Catch::Contains("veche_commit_seconds_bucket{le=\"0.01\"} 2\n"));
    CHECK_THAT(text, Catch::Contains("veche_commit_seconds_bucket{le=\"+Inf\"} 3\n"));
    CHECK_THAT(text, Catch::Contains("veche_commit_seconds_count 3\n"));
    CHECK_THAT(text, Catch::Contains("veche_hall_bitrate{hall=\"main\"} 2.5\n"));
}

TEST_CASE("a counter kept in milliseconds is shown in seconds") {
    veche::metrics_registry r;
    r.make_scaled_counter("veche_slate_seconds_total", "Slate time", {{"hall", "main"}}, 0.001).inc(2500);
    CHECK_THAT(r.render(), Catch::Contains("veche_slate_seconds_total{hall=\"main\"} 2.5\n"));
}

TEST_CASE("one name cannot be two kinds of metric") {
    veche::metrics_registry r;
    r.make_counter("veche_x", "x");
    CHECK_THROWS(r.make_gauge("veche_x", "x"));
}
