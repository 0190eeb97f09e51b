#include "config/address_range.hpp"

#include <catch2/catch.hpp>

using veche::config::address_range;
namespace ip = boost::asio::ip;

namespace {

bool in(const char* range, const char* address) { return address_range::parse(range)->contains(ip::make_address(address)); }

}  // namespace

TEST_CASE("address ranges: IPv4, IPv6, single addresses") {
    CHECK(in("10.0.0.0/8", "10.255.1.2"));
    CHECK_FALSE(in("10.0.0.0/8", "11.0.0.1"));
    CHECK(in("192.0.2.7", "192.0.2.7"));
    CHECK_FALSE(in("192.0.2.7", "192.0.2.8"));
    CHECK(in("0.0.0.0/0", "203.0.113.9"));
    CHECK(in("2001:db8::/32", "2001:db8:ffff::1"));
    CHECK_FALSE(in("2001:db8::/32", "2001:db9::1"));
    CHECK(in("::1", "::1"));
    // A dual-stack socket sees an IPv4 peer as ::ffff:a.b.c.d.
    CHECK(in("127.0.0.0/8", "::ffff:127.0.0.2"));
    CHECK_FALSE(in("::1", "127.0.0.1"));
    CHECK_FALSE(in("127.0.0.1", "::1"));
    CHECK(address_range::parse("172.16.0.0/12")->to_string() == "172.16.0.0/12");
}

TEST_CASE("address ranges: what is refused") {
    for (const auto* bad : {"", "/", "10.0.0.0/", "10.0.0.0/33", "10.0.0.0/-1", "10.0.0.0/0008", "10.0.0.0/8/8",
                            "300.1.1.1", "10.1.2.3/8", "2001:db8::1/32", "::1/129", "localhost", "10.0.0.0 /8",
                            "10.0.0.0/8 ", "10.0.0.0/99999999999999999999"}) {
        INFO(bad);
        CHECK_FALSE(address_range::parse(bad));
    }
}
