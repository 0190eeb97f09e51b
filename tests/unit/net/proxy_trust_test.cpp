#include "net/proxy_trust.hpp"

#include <catch2/catch.hpp>

using namespace veche::net;
using veche::config::address_range;

namespace {

proxy_trust trusting(std::initializer_list<const char*> ranges) {
    std::vector<address_range> parsed;
    for (const auto* r : ranges) parsed.push_back(*address_range::parse(r));
    return proxy_trust(std::move(parsed));
}

client_address from(const proxy_trust& trust, const char* peer, std::initializer_list<const char*> forwarded_for,
                    const char* proto = nullptr) {
    http::fields headers;
    for (const auto* value : forwarded_for) headers.insert("X-Forwarded-For", value);
    if (proto) headers.set("X-Forwarded-Proto", proto);
    return trust.client_of(asio::ip::make_address(peer), headers);
}

std::string address_of(const client_address& c) { return c.address.to_string(); }

}  // namespace

TEST_CASE("without trusted proxies forwarding headers change nothing") {
    const auto none = trusting({});
    const auto c = from(none, "203.0.113.5", {"198.51.100.1"}, "https");
    CHECK(address_of(c) == "203.0.113.5");
    CHECK_FALSE(c.forwarded);
    CHECK_FALSE(c.https);
}

TEST_CASE("an untrusted peer cannot forge its address or scheme") {
    const auto trust = trusting({"127.0.0.1", "10.0.0.0/8"});
    const auto c = from(trust, "203.0.113.5", {"127.0.0.1, 10.0.0.1"}, "https");
    CHECK(address_of(c) == "203.0.113.5");
    CHECK_FALSE(c.forwarded);
    CHECK_FALSE(c.https);
}

TEST_CASE("the client is the rightmost address no trusted proxy claims") {
    const auto trust = trusting({"127.0.0.1", "10.0.0.0/8"});
    // nginx appends the address it saw; whatever the client wrote stays on the left.
    auto c = from(trust, "127.0.0.1", {"1.2.3.4, 198.51.100.7"}, "https");
    CHECK(address_of(c) == "198.51.100.7");
    CHECK(c.forwarded);
    CHECK(c.https);
    // Two trusted hops (an edge in 10/8, then the local nginx).
    c = from(trust, "127.0.0.1", {"198.51.100.7, 10.1.1.1"});
    CHECK(address_of(c) == "198.51.100.7");
    CHECK_FALSE(c.https);
    // Several header lines read as one list, in order.
    c = from(trust, "127.0.0.1", {"6.6.6.6", "198.51.100.7", "10.1.1.1"});
    CHECK(address_of(c) == "198.51.100.7");
    // IPv6 and the forms with a port.
    CHECK(address_of(from(trust, "127.0.0.1", {"2001:db8::5"})) == "2001:db8::5");
    CHECK(address_of(from(trust, "127.0.0.1", {"[2001:db8::5]:4711"})) == "2001:db8::5");
    CHECK(address_of(from(trust, "127.0.0.1", {"198.51.100.7:4711"})) == "198.51.100.7");
}

TEST_CASE("forwarding from a trusted peer that is all trusted, empty or garbage") {
    const auto trust = trusting({"127.0.0.0/8"});
    // Every hop a proxy: the first of them is the client.
    CHECK(address_of(from(trust, "127.0.0.1", {"127.0.0.9, 127.0.0.2"})) == "127.0.0.9");
    // No header: the proxy itself is the client (a health check from the proxy's host).
    const auto bare = from(trust, "127.0.0.1", {});
    CHECK(address_of(bare) == "127.0.0.1");
    CHECK_FALSE(bare.forwarded);
    // Garbage ends the walk at the last hop that a proxy vouched for.
    CHECK(address_of(from(trust, "127.0.0.1", {"198.51.100.7, <script>, 127.0.0.5"})) == "127.0.0.5");
    CHECK(address_of(from(trust, "127.0.0.1", {"unknown"})) == "127.0.0.1");
    // Only "https" (any case) means https.
    CHECK(from(trust, "127.0.0.1", {}, "HTTPS").https);
    CHECK(from(trust, "127.0.0.1", {}, "http, https").https);
    CHECK_FALSE(from(trust, "127.0.0.1", {}, "https, http").https);
    CHECK_FALSE(from(trust, "127.0.0.1", {}, "httpsx").https);
}

TEST_CASE("a dual-stack socket's IPv4-mapped peer is trusted as its IPv4 address") {
    const auto trust = trusting({"127.0.0.1"});
    CHECK(address_of(from(trust, "::ffff:127.0.0.1", {"198.51.100.7"})) == "198.51.100.7");
}
