#include "core/rate_limiter.hpp"
#include "core/sliding_window_limit.hpp"

#include <catch2/catch.hpp>

using namespace veche::core;

TEST_CASE("a token bucket allows its burst, then its rate") {
    rate_limiter bucket(50, 100);
    int taken = 0;
    for (int i = 0; i < 200; ++i) taken += bucket.try_take(1000) ? 1 : 0;
    CHECK(taken == 100);
    CHECK_FALSE(bucket.try_take(1000));
    CHECK(bucket.try_take(1020));  // 20 ms at 50/s is one token
    CHECK_FALSE(bucket.try_take(1020));
}

TEST_CASE("a sliding window counts exactly the last window") {
    sliding_window_limit limit(2, 60'000);
    CHECK(limit.allows(0));
    limit.record(0);
    limit.record(30'000);
    CHECK_FALSE(limit.allows(59'999));
    CHECK(limit.allows(60'000));
}
