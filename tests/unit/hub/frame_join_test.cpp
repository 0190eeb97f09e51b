#include "hub/frame_join.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace veche::hub;

TEST_CASE("frames join into one batch, batches among them unpacked in place") {
    CHECK(join_items({}) == nullptr);
    const auto a = make_frame(R"({"type":"event","seq":1})");
    CHECK(join_items({a}) == a);  // the same frame, not a copy
    const auto ab = join_items({a, make_frame(R"({"type":"ack","rid":"r"})")});
    CHECK(*ab == R"({"type":"batch","items":[{"type":"event","seq":1},{"type":"ack","rid":"r"}]})");
    const auto nested = join_items({ab, make_frame(R"({"type":"event","seq":2})")});
    const auto items = nlohmann::json::parse(*nested)["items"];
    REQUIRE(items.size() == 3);
    CHECK(items[2]["seq"] == 2);
    CHECK(batch_items(*ab) == R"({"type":"event","seq":1},{"type":"ack","rid":"r"})");
    CHECK(batch_items(*a) == *a);
}
