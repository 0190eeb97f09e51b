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
    CHECK(log.find("boris", "r1", 2000) == nullptr);
    CHECK(log.find("anna", "r3", 2000) == nullptr);
    CHECK(log.size() == 2);
}

TEST_CASE("request log: each participant's last rids, none older than the limit") {
    hub::request_log log({3, 1h});
    const core::epoch_ms t0 = 1'768'471'200'000;
    for (int i = 0; i < 5; ++i) log.add("anna", "a" + std::to_string(i), {"{}", std::nullopt}, t0 + i);
    log.add("boris", "b", {"{}", std::nullopt}, t0);
    CHECK(log.find("anna", "a0", t0 + 10) == nullptr);
    CHECK(log.find("anna", "a1", t0 + 10) == nullptr);
    CHECK(log.find("anna", "a2", t0 + 10) != nullptr);
    CHECK(log.find("anna", "a4", t0 + 10) != nullptr);
    CHECK(log.size() == 4);

    // An hour on, nothing is found, and the next request sweeps the quiet participants out.
    const auto later = t0 + 3'600'010;
    CHECK(log.find("boris", "b", later) == nullptr);
    CHECK(log.find("anna", "a4", later) == nullptr);
    log.add("vera", "v", {"{}", std::nullopt}, later);
    CHECK(log.size() == 1);
}
