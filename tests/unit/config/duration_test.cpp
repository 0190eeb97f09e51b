#include "config/duration.hpp"

#include <catch2/catch.hpp>

using veche::config::parse_duration;

TEST_CASE("durations have a number and a unit") {
    CHECK(parse_duration("45s") == std::chrono::seconds(45));
    CHECK(parse_duration("15m") == std::chrono::minutes(15));
    CHECK(parse_duration("12h") == std::chrono::hours(12));
    CHECK(parse_duration("7d") == std::chrono::hours(7 * 24));
    CHECK_FALSE(parse_duration("12"));
    CHECK_FALSE(parse_duration("h"));
    CHECK_FALSE(parse_duration("0h"));
    CHECK_FALSE(parse_duration("-1h"));
    CHECK_FALSE(parse_duration("1.5h"));
    CHECK_FALSE(parse_duration("2w"));
    CHECK_FALSE(parse_duration("99999999999d"));
}
