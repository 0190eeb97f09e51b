#include "media/ladder_plan.hpp"

#include <catch2/catch.hpp>

using namespace veche::media;
using veche::core::rung_definition;

namespace {

const std::vector<rung_definition> ladder{{"720p", 720, 2500}, {"480p", 480, 1200}, {"360p", 360, 600}};

}  // namespace

TEST_CASE("the rung as tall as the source is the source, shorter ones are encoded, taller ones skipped") {
    const auto plan = plan_ladder(ladder, {1280, 720});
    CHECK(plan.roles == std::vector<rung_role>{rung_role::passthrough, rung_role::encoded, rung_role::encoded});
    CHECK(plan.widths == std::vector<int>{0, 854, 640});
    CHECK(plan.top_name(ladder) == "720p");
    CHECK(plan.encodes_any());

    const auto small = plan_ladder(ladder, {640, 360});
    CHECK(small.roles == std::vector<rung_role>{rung_role::skipped, rung_role::skipped, rung_role::passthrough});
    CHECK(small.top_name(ladder) == "360p");
    CHECK_FALSE(small.encodes_any());
}

TEST_CASE("a source as tall as no rung is still the top, unnamed, and every shorter rung is encoded") {
    const auto plan = plan_ladder(ladder, {1920, 1080});
    CHECK(plan.roles == std::vector<rung_role>{rung_role::encoded, rung_role::encoded, rung_role::encoded});
    CHECK(plan.widths == std::vector<int>{1280, 854, 640});
    CHECK(plan.top_name(ladder).empty());
}

TEST_CASE("encoded widths keep the source's displayed shape and are even") {
    // 4:3 in square pixels, and anamorphic 16:9 (1440x1080 with 4:3 pixels).
    CHECK(plan_ladder(ladder, {960, 720}).widths == std::vector<int>{0, 640, 480});
    CHECK(plan_ladder(ladder, {1440, 1080, 4, 3}).widths == std::vector<int>{1280, 854, 640});
    CHECK(plan_ladder({{"240p", 240, 300}}, {640, 360}).widths == std::vector<int>{426});
}

TEST_CASE("before the source is known, the plan assumes it as tall as the tallest rung") {
    const auto plan = assumed_plan(ladder);
    CHECK(plan.source.height == 720);
    CHECK(plan.top_name(ladder) == "720p");
    CHECK(assumed_plan({}).roles.empty());
}
