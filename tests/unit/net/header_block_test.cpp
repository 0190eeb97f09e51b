#include "net/header_block.hpp"

#include <catch2/catch.hpp>

using namespace veche::net;

namespace {

header_block_state state(std::string_view bytes) { return scan_header_block(bytes).state; }

}  // namespace

TEST_CASE("a header block ends at its empty line") {
    const std::string_view request = "GET / HTTP/1.1\r\nHost: x\r\n\r\nbody";
    const auto scan = scan_header_block(request);
    CHECK(scan.state == header_block_state::complete);
    CHECK(request.substr(scan.end) == "body");
    CHECK(state("\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n") == header_block_state::complete);
    CHECK(state("GET / HTTP/1.1\r\n\r\n") == header_block_state::complete);
}

TEST_CASE("a header block that has not ended yet is incomplete") {
    for (const auto* bytes : {"", "GET", "GET / HTTP/1.1\r", "GET / HTTP/1.1\r\n", "GET / HTTP/1.1\r\nHost: x\r\n\r",
                              "\r\n", "\r\n\r\n"})
        CHECK(state(bytes) == header_block_state::incomplete);
}

TEST_CASE("folded lines, line endings other than CRLF and control characters are refused") {
    CHECK(state("GET / HTTP/1.1\r\nHost: x\r\nX-A: 1\r\n 2\r\n\r\n") == header_block_state::obs_fold);
    CHECK(state("GET / HTTP/1.1\r\nHost: x\r\nX-A: 1\r\n\t2\r\n\r\n") == header_block_state::obs_fold);
    CHECK(state("GET / HTTP/1.1\r\n Host: x\r\n\r\n") == header_block_state::obs_fold);
    CHECK(state("GET / HTTP/1.1\nHost: x\n\n") == header_block_state::malformed);
    CHECK(state("GET / HTTP/1.1\r\nHost: x\n\r\n") == header_block_state::malformed);
    CHECK(state("GET / HTTP/1.1\r\nHost: x\r\n\rX") == header_block_state::malformed);
    CHECK(state("\nGET / HTTP/1.1\r\n\r\n") == header_block_state::malformed);
    CHECK(state("GET / HTTP/1.1\rHost: x") == header_block_state::malformed);
    CHECK(state(std::string_view("GET / HTTP/1.1\r\nX: a\0b", 22)) == header_block_state::malformed);
    CHECK(state("GET / HTTP/1.1\r\nX: a\x7f") == header_block_state::malformed);
    // A TLS handshake is refused at its first byte, without waiting for more.
    CHECK(scan_header_block("\x16\x03\x01").end == 1);
    CHECK(state("GET / HTTP/1.1\r\nX: caf\xc3\xa9\tok\r\n\r\n") == header_block_state::complete);
}
