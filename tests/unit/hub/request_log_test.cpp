#include "hub/request_log.hpp"

#include <catch2/catch.hpp>

using namespace veche;
using namespace std::chrono_literals;

TEST_CASE("request log: the first answer to a rid, per participant") {
    hub::request_log log({1000, 24h});
    log.add("anna", "r1", {R"({"votes":1})", std::nullopt}, 1000);
    log.add("anna", "r1", {R"({"votes":2})", std::nullopt}, 1001);  // the first answer stays
    log.add("anna", "r2", {"Questions are closed", core::error_code::closed}, 1002);
    REQUIRE(log.find("anna", "r1", 2000));
    CHECK(log.find("anna", "r1", 2000)->text == R"({"votes":1})");
    CHECK(log.find("anna", "r2", 2000)->refused == core::error_code::closed);
    CHECK_FALSE(log.find("boris", "r1", 2000));
    CHECK_FALSE(log.find("anna", "r3", 2000));
    CHECK(log.size() == 2);
}

TEST_CASE("request log: each participant's last rids, none older than the limit") {
    hub::request_log log({3, 1h});
    const core::epoch_ms t0 = 1'768'471'200'000;
    for (int i = 0; i < 5; ++i) log.add("anna", "a" + std::to_string(i), {"{}", std::nullopt}, t0 + i);
    log.add("boris", "b", {"{}", std::nullopt}, t0);
    CHECK_FALSE(log.find("anna", "a0", t0 + 10));
    CHECK_FALSE(log.find("anna", "a1", t0 + 10));
    CHECK(log.find("anna", "a2", t0 + 10));
    CHECK(log.find("anna", "a4", t0 + 10));
    CHECK(log.size() == 4);

    // An hour on, nothing is found, and the next request sweeps the quiet participants out.
    const auto later = t0 + 3'600'010;
    CHECK_FALSE(log.find("boris", "b", later));
    CHECK_FALSE(log.find("anna", "a4", later));
    log.add("vera", "v", {"{}", std::nullopt}, later);
    CHECK(log.size() == 1);
}

TEST_CASE("request log: thousands of rids per participant, found while they are in the bound") {
    hub::request_log log({1000, 24h});
    const core::epoch_ms t0 = 1'768'471'200'000;
    for (int i = 0; i < 5000; ++i) {
        const auto rid = "r" + std::to_string(i);
        log.add("anna", rid, {"{\"votes\":" + std::to_string(i) + "}", std::nullopt}, t0 + i);
        log.add("anna", rid, {"{}", std::nullopt}, t0 + i);  // known: the first answer stays
        if (i % 7 == 0) log.add("boris", rid, {"{}", core::error_code::rate_limited}, t0 + i);
    }
    CHECK(log.size() == 1000 + 715);
    for (int i = 0; i < 5000; ++i) {
        const auto rid = "r" + std::to_string(i);
        const auto found = log.find("anna", rid, t0 + 5000);
        CHECK(found.has_value() == (i >= 4000));
        if (found) CHECK(found->text == "{\"votes\":" + std::to_string(i) + "}");
    }
    CHECK(log.find("boris", "r4998", t0 + 5000)->refused == core::error_code::rate_limited);
}
