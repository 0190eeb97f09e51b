#include "core/time_format.hpp"

#include <catch2/catch.hpp>

using namespace veche::core;

TEST_CASE("RFC 3339 times parse to epoch milliseconds") {
    CHECK(parse_rfc3339("1970-01-01T00:00:00Z") == 0);
    CHECK(parse_rfc3339("2026-01-15T10:00:00Z") == 1768471200000);
    CHECK(parse_rfc3339("2026-01-15T13:00:00+03:00") == 1768471200000);
    CHECK(parse_rfc3339("2026-01-15T10:00:00.250Z") == 1768471200250);
    CHECK(parse_rfc3339("2024-02-29T00:00:00Z").has_value());
    CHECK_FALSE(parse_rfc3339("2026-02-29T00:00:00Z"));
    CHECK_FALSE(parse_rfc3339("2026-01-15 10:00:00Z"));
    CHECK_FALSE(parse_rfc3339("2026-01-15T10:00:00"));
    CHECK_FALSE(parse_rfc3339("2026-01-15T24:00:00Z"));
    CHECK_FALSE(parse_rfc3339("2026-01-15T10:00:00Zjunk"));
}

TEST_CASE("times format back in UTC") {
    CHECK(format_rfc3339(1768471200000) == "2026-01-15T10:00:00Z");
    CHECK(format_rfc3339(1768471200250) == "2026-01-15T10:00:00.250Z");
    CHECK(format_rfc3339(0) == "1970-01-01T00:00:00Z");
}
