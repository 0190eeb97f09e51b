#include "config/listen_address.hpp"

#include <catch2/catch.hpp>

using veche::config::listen_address;

TEST_CASE("listen addresses are HOST:PORT") {
    const auto a = listen_address::parse("127.0.0.1:8080");
    REQUIRE(a);
    CHECK(a->host == "127.0.0.1");
    CHECK(a->port == 8080);
    CHECK(a->to_string() == "127.0.0.1:8080");

    const auto v6 = listen_address::parse("[::1]:0");
    REQUIRE(v6);
    CHECK(v6->host == "::1");
    CHECK(v6->to_string() == "[::1]:0");

    CHECK(listen_address::parse("localhost:80"));
    CHECK_FALSE(listen_address::parse("8080"));
    CHECK_FALSE(listen_address::parse(":8080"));
    CHECK_FALSE(listen_address::parse("::1:8080"));
    CHECK_FALSE(listen_address::parse("host:65536"));
    CHECK_FALSE(listen_address::parse("host:"));
    CHECK_FALSE(listen_address::parse("ho st:80"));
}
